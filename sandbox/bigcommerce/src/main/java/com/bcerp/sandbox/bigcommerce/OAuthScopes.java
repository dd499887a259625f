package com.bcerp.sandbox.bigcommerce;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth scopes of the store's API accounts, and which scope each endpoint needs (BigCommerce's api-accounts
 * documentation and the spec's per-operation scopes). An account without the scope an endpoint needs is answered 403.
 * Every account starts with every modify scope; {@link BigCommerceSandbox#connectorScopes} takes some away.
 */
final class OAuthScopes {

    /** An area's scope: modify grants everything, read-only only GET. */
    record Area(String prefix, String modify, String readOnly) {}

    /** By path under {@code /stores/{hash}}, most specific first. Webhooks need no scope of their own. */
    static final List<Area> AREAS = List.of(
            // V3 transactions and payment actions; the orders scope grants them too
            new Area("/v3/orders/", "store_v2_transactions", "store_v2_transactions_read_only"),
            new Area("/v2/orders", "store_v2_orders", "store_v2_orders_read_only"),
            new Area("/v2/order_statuses", "store_v2_orders", "store_v2_orders_read_only"),
            new Area("/v3/catalog", "store_v2_products", "store_v2_products_read_only"),
            // price lists take the Products scope (price_lists.v3.yml, "OAuth scopes")
            new Area("/v3/pricelists", "store_v2_products", "store_v2_products_read_only"),
            new Area("/v3/inventory", "store_inventory", "store_inventory_read_only"),
            new Area("/v3/customers", "store_v2_customers", "store_v2_customers_read_only"),
            new Area("/v2/customer_groups", "store_v2_customers", "store_v2_customers_read_only"),
            new Area("/v2/store", "store_v2_information", "store_v2_information_read_only"),
            new Area("/v3/settings", "store_v2_information", "store_v2_information_read_only"));

    static final Set<String> ALL_MODIFY = Set.of("store_v2_orders", "store_v2_transactions", "store_v2_products",
            "store_inventory", "store_v2_customers", "store_v2_information");

    private final Map<String, Set<String>> byAccount = new ConcurrentHashMap<>();

    void set(String account, Set<String> scopes) {
        byAccount.put(account, Set.copyOf(scopes));
    }

    /** The scope the account lacks for this request, if it lacks one. */
    Optional<String> missing(String account, String method, String storePath) {
        Set<String> granted = byAccount.getOrDefault(account, ALL_MODIFY);
        for (Area area : AREAS) {
            if (!storePath.startsWith(area.prefix())) {
                continue;
            }
            boolean read = method.equals("GET");
            boolean orders = granted.contains("store_v2_orders") || read && granted.contains("store_v2_orders_read_only");
            if (area.prefix().equals("/v3/orders/") && orders) {
                return Optional.empty(); // V3 transactions and payment actions also take the orders scope
            }
            boolean ok = granted.contains(area.modify()) || read && granted.contains(area.readOnly());
            return ok ? Optional.empty() : Optional.of(read ? area.readOnly() + " or " + area.modify() : area.modify());
        }
        return Optional.empty();
    }
}
