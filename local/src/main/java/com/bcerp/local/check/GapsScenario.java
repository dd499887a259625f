package com.bcerp.local.check;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.core.backoffice.Capability;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.ReferenceCodes;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code check --scenario gaps}: a merchant's config and store with known gaps, made through the store's own API
 * (a product the back office lacks, orders with an unmapped payment method and an unmapped tax class) and the
 * config (a charge item and a ship-via the back office does not have), and the list of what the check must find.
 */
public final class GapsScenario {

    public static final String STORE_ONLY_SKU = "GAP-STORE-SKU";
    public static final String UNMAPPED_PAYMENT = "Cash on Delivery";
    /** The store sandbox's "Reduced Rate" class, which the scenario's config leaves out of orders.tax_classes. */
    public static final int UNMAPPED_TAX_CLASS = 4;
    public static final String MISSING_FEE_ITEM = "GAP-FEES";
    /** A ship-via no back office has, mapped for the store's Flat Rate. */
    public static final String MISSING_SHIP_VIA = "GAP-SHIPVIA";
    /** A generic customer for guests that no back office has. */
    public static final String MISSING_GENERIC_CUSTOMER = "GAP-GUEST";

    private GapsScenario() {}

    /**
     * The merchant config of the scenario: classes 0-3 and Credit Card mapped, a fee item, a ship-via and a generic
     * customer no back office has.
     */
    public static Path writeConfig(Path dir) throws IOException {
        Path file = dir.resolve("gaps.yaml");
        Files.writeString(file, """
                orders:
                  fee_item: %s
                  payment_methods:
                    Credit Card: CREDITCARD
                  ship_via:
                    Flat Rate: %s
                  tax_classes:
                    "0": BCTAX
                    "1": BCTAX
                    "2": BCTAX
                    "3": BCTAX
                customers:
                  guests: generic
                  generic_customer: %s
                """.formatted(MISSING_FEE_ITEM, MISSING_SHIP_VIA, MISSING_GENERIC_CUSTOMER));
        return file;
    }

    /** Seeds the store through its API; returns the order ids placed. */
    public static List<Long> seed(LocalRuntime runtime) {
        BigCommerceSandbox sandbox = runtime.bigcommerce();
        BigCommerceClient admin = BigCommerceClient.create(new BigCommerceSettings(URI.create(sandbox.baseUrl()),
                sandbox.storeHash(), sandbox.adminAccessToken()));
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", "Gap Lantern");
        product.put("type", "physical");
        product.put("sku", STORE_ONLY_SKU);
        product.put("price", 19.5);
        product.put("weight", 1);
        BigCommerceClient.expect(admin.post("/v3/catalog/products", product), "POST /v3/catalog/products",
                Set.of(200));
        var item = sandbox.catalog().simpleItems().get(0);
        List<Long> placed = new ArrayList<>();
        // a mapped order, one paid by an unmapped method, and one whose fee is taxed in an unmapped class
        placed.add(order(admin, item.productId(), "Credit Card", null));
        placed.add(order(admin, item.productId(), UNMAPPED_PAYMENT, null));
        placed.add(order(admin, item.productId(), "Credit Card", Map.of("display_name_customer", "Eco fee",
                "display_name_merchant", "Eco fee", "cost_ex_tax", "2.00", "tax_class_id", UNMAPPED_TAX_CLASS)));
        return placed;
    }

    private static long order(BigCommerceClient admin, long productId, String paymentMethod, Map<String, Object> fee) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("first_name", "Gail");
        address.put("last_name", "Gap");
        address.put("street_1", "1 Gap Street");
        address.put("city", "Austin");
        address.put("state", "Texas");
        address.put("zip", "78701");
        address.put("country", "United States");
        address.put("country_iso2", "US");
        address.put("email", "gail.gap@example.com");
        Map<String, Object> shipTo = new LinkedHashMap<>(address);
        shipTo.put("shipping_method", "Flat Rate");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_id", 0);
        body.put("status_id", 11);
        body.put("billing_address", address);
        body.put("shipping_addresses", List.of(shipTo));
        body.put("products", List.of(Map.of("product_id", productId, "quantity", 1)));
        body.put("payment_method", paymentMethod);
        body.put("shipping_cost_ex_tax", "5.00");
        body.put("shipping_cost_inc_tax", "5.50");
        if (fee != null) {
            body.put("fees", List.of(fee));
        }
        return BigCommerceClient.expect(admin.post("/v2/orders", body), "POST /v2/orders", Set.of(201)).json()
                .path("id").asLong();
    }

    /**
     * What a check of a fresh runtime finds (the sandboxes' catalogue has one store-only product by design, see
     * SandboxCatalog), for each back office with an item read.
     */
    public static Set<String> standing(LocalRuntime runtime) {
        Set<String> gaps = new TreeSet<>();
        String sku = runtime.bigcommerce().catalog().storeOnlyItem().sku();
        runtime.worker().backOffices().stream().filter(b -> b.has(Capability.INVENTORY))
                .forEach(b -> gaps.add("sku_missing_in_back_office:" + b.name() + ":" + sku));
        return gaps;
    }

    /**
     * Every gap seeded, for the back offices of this run; a configured item or code only where the adapter can look
     * it up.
     */
    public static Set<String> seeded(LocalRuntime runtime) {
        Set<String> gaps = new TreeSet<>(standing(runtime));
        gaps.add("unmapped_payment_method:" + UNMAPPED_PAYMENT);
        gaps.add("unmapped_tax_class:" + UNMAPPED_TAX_CLASS);
        for (BackOffice b : runtime.worker().backOffices()) {
            if (b.has(Capability.INVENTORY)) {
                gaps.add("sku_missing_in_back_office:" + b.name() + ":" + STORE_ONLY_SKU);
            }
            boolean looksUp = b.inventory().flatMap(i -> i.knownItems(List.of(MISSING_FEE_ITEM))).isPresent();
            if (looksUp && b.documents().map(d -> d.keepsAmounts()).orElse(false)) {
                gaps.add("configured_item_missing:" + b.name() + ":orders.fee_item=" + MISSING_FEE_ITEM);
            }
            boolean listsShipVias = b.codes().map(c -> c.codes(ReferenceCodes.Kind.SHIP_VIA))
                    .filter(l -> l instanceof ReferenceCodes.Listed).isPresent();
            if (listsShipVias && b.documents().map(d -> !d.shipsGoodsOnly()).orElse(false)) {
                gaps.add("code_missing:" + b.name() + ":orders.ship_via.Flat Rate=" + MISSING_SHIP_VIA);
            }
            if (b.customers().isPresent()) {
                gaps.add("customer_missing:" + b.name() + ":customers.generic_customer=" + MISSING_GENERIC_CUSTOMER);
            }
        }
        return gaps;
    }
}
