package com.bcerp.handlers.worker.check;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.webhook.Webhook;
import com.bcerp.bigcommerce.webhook.WebhookHealth;
import com.bcerp.bigcommerce.webhook.WebhookRegistrar;
import com.bcerp.core.backoffice.Capability;
import com.bcerp.core.catalog.MatchKey;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.model.OrderFee;
import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.model.ShippingDestination;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.order.OrderPolicy;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.InventorySource;
import com.bcerp.core.port.ReferenceCodes;
import com.bcerp.core.port.ReferenceCodes.Kind;
import com.bcerp.core.port.Storefront;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.DeployConfig;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pre-flight check: read-only, against the store and every configured back office, through the same ports the
 * flows use. Each section says pass, warn, fail or "not checked" (with why) and what to do; nothing is written
 * anywhere. With {@code dryRun}, the last orders are also mapped into the documents they would create.
 */
public final class Preflight {

    static final String CONNECTIVITY = "Connectivity and credentials";
    public static final String CONFIG_ITEMS = "Items, codes and accounts the config names";
    static final String WAREHOUSES = "Warehouses and store locations";
    static final String COVERAGE = "Catalogue coverage";
    static final String ORDERS = "Recent orders";
    public static final String WEBHOOKS = "Webhooks";
    static final String DRY_RUN = "Dry run";

    /** The most SKUs named in one finding's text; the gaps list has them all. */
    private static final int SHOWN = 20;

    /** A back office as the check reaches it: built from its variables and secret, or why it could not be. */
    public record System(String name, String type, String secretName, BackOffice backOffice, RuntimeException notBuilt) {}

    private final ConnectorConfig config;
    private final String storeHash;
    private final BigCommerceClient store;
    private final Storefront storefront;
    private final List<System> systems;
    private final SyncProgress progress;
    private final Optional<WebhookHealth.Target> webhooks;
    private final CheckReport report = new CheckReport();
    private final Set<String> reachable = new LinkedHashSet<>();
    /** Per back office: its items' ids as the store would name them (lower case), from the coverage read. */
    private final Map<String, Set<String>> backOfficeItems = new HashMap<>();

    public Preflight(ConnectorConfig config, String storeHash, BigCommerceClient store, Storefront storefront,
            List<System> systems, Optional<WebhookHealth.Target> webhooks, SyncProgress progress) {
        this.config = config;
        this.webhooks = webhooks;
        this.storeHash = storeHash;
        this.store = store;
        this.storefront = storefront;
        this.systems = List.copyOf(systems);
        this.progress = progress;
    }

    public CheckReport run(int orders, boolean dryRun) {
        boolean storeUp = connectivity();
        for (System system : systems) {
            if (!reachable.contains(system.name())) {
                continue;
            }
            configItems(system);
            codes(system);
        }
        warehouses(storeUp);
        if (storeUp) {
            webhooks();
            coverage();
            List<StoreOrder> recent = recentOrders(orders);
            orderMappings(recent);
            if (dryRun) {
                new DryRun(config, storeHash, storefront, report, backOfficeItems).run(recent, systems.stream()
                        .filter(s -> reachable.contains(s.name()))
                        .filter(s -> config.backOffices().takingOrders().contains(s.name()))
                        .map(System::backOffice).toList());
            }
        }
        return report;
    }

    // ---- connectivity ----

    private boolean connectivity() {
        boolean storeUp;
        try {
            ApiResponse probe = store.get("/v3/catalog/variants?limit=1");
            storeUp = probe.status() == 200;
            report.add(storeUp ? Finding.pass(CONNECTIVITY, "BigCommerce store " + storeHash,
                    "the API account reads the catalogue (GET /v3/catalog/variants answered 200)")
                    : new Finding(CONNECTIVITY, Finding.Status.FAIL, "BigCommerce store " + storeHash,
                            "GET /v3/catalog/variants answered " + probe.status() + storeMeaning(probe.status()),
                            "check STORE_HASH, BIGCOMMERCE_API_URL and the access_token in the bigcommerce secret; "
                                    + "the API account needs read scopes for products, orders and information",
                            List.of()));
        } catch (RuntimeException e) {
            storeUp = false;
            report.add(new Finding(CONNECTIVITY, Finding.Status.FAIL, "BigCommerce store " + storeHash,
                    "could not reach the store: " + e.getMessage(),
                    "check BIGCOMMERCE_API_URL and the network path to it", List.of()));
        }
        if (storeUp && config.customers().sync()) {
            int customers = store.get("/v3/customers?limit=1").status();
            report.add(customers == 200 ? Finding.pass(CONNECTIVITY, "BigCommerce customers",
                    "the API account reads the store's customers (customers.sync)")
                    : new Finding(CONNECTIVITY, Finding.Status.FAIL, "BigCommerce customers",
                            "GET /v3/customers answered " + customers + storeMeaning(customers),
                            "give the API account the store_v2_customers_read_only scope, or turn customers.sync off",
                            List.of()));
        }
        for (System system : systems) {
            String subject = "back office " + system.name() + " (" + system.type() + ")";
            if (system.notBuilt() != null) {
                report.add(new Finding(CONNECTIVITY, Finding.Status.FAIL, subject,
                        "could not be set up: " + system.notBuilt().getMessage(),
                        "set its " + system.name().toUpperCase(Locale.ROOT) + "_* variables and its secret "
                                + system.secretName(), List.of()));
                continue;
            }
            try {
                String what = probe(system.backOffice());
                reachable.add(system.name());
                report.add(Finding.pass(CONNECTIVITY, subject, "signed in and read " + what));
            } catch (RuntimeException e) {
                report.add(new Finding(CONNECTIVITY, Finding.Status.FAIL, subject,
                        system.type() + " refused or did not answer: " + e.getMessage(),
                        "check the credentials in secret " + system.secretName() + " and its "
                                + system.name().toUpperCase(Locale.ROOT) + "_URL", List.of()));
            }
        }
        return storeUp;
    }

    private static String storeMeaning(int status) {
        return switch (status) {
            case 401 -> " (the access token is wrong or revoked)";
            case 403 -> " (the API account lacks a scope)";
            case 404 -> " (no such store: check the store hash)";
            default -> "";
        };
    }

    /** The cheapest read the back office's ports offer; each needs a signed-in session. */
    private static String probe(BackOffice backOffice) {
        if (backOffice.inventory().isPresent()) {
            return "its " + backOffice.inventory().get().warehouses().size() + " warehouse(s)";
        }
        if (backOffice.customers().isPresent()) {
            backOffice.customers().get().findCustomerByEmail("preflight-check@example.invalid");
            return "its customers";
        }
        backOffice.documents().orElseThrow().findOrderDocuments("BC-preflight-0");
        return "its documents";
    }

    // ---- webhooks ----

    /** The connector's hooks as the store lists them: every scope, active, at the receiver, with the secret header. */
    private void webhooks() {
        if (webhooks.isEmpty()) {
            report.add(Finding.notChecked(WEBHOOKS, "webhooks", "no receiver URL and secret known to this check"));
            return;
        }
        WebhookHealth.Target target = webhooks.get();
        WebhookRegistrar registrar = new WebhookRegistrar(store);
        List<Webhook> hooks = registrar.list(target.destination());
        List<String> problems = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (String scope : target.scopes()) {
            Optional<Webhook> hook = hooks.stream().filter(h -> h.scope().equals(scope)).findFirst();
            if (hook.isEmpty()) {
                problems.add(scope + " is not registered");
                gaps.add("webhook_missing:" + scope);
            } else if (!hook.get().active()) {
                problems.add(scope + " is inactive");
                gaps.add("webhook_inactive:" + scope);
            } else if (!target.headers().entrySet().stream().allMatch(e -> e.getValue().equals(
                    hook.get().headers().get(e.getKey())))) {
                problems.add(scope + " lacks the connector's secret header (or carries another value)");
                gaps.add("webhook_secret_header:" + scope);
            }
        }
        boolean exceptions = registrar.list(target.exceptionDestination()).stream()
                .anyMatch(h -> h.scope().equals(WebhookRegistrar.DELIVERY_EXCEPTION_SCOPE) && h.active());
        if (!exceptions) {
            problems.add(WebhookRegistrar.DELIVERY_EXCEPTION_SCOPE + " is not registered at " + target.exceptionDestination());
            gaps.add("webhook_missing:" + WebhookRegistrar.DELIVERY_EXCEPTION_SCOPE);
        }
        report.add(problems.isEmpty() ? Finding.pass(WEBHOOKS, "webhooks", "all " + target.scopes().size()
                + " scopes active at " + target.destination() + " with the secret header, and the "
                + "delivery-exception hook")
                : new Finding(WEBHOOKS, Finding.Status.FAIL, "webhooks", String.join("; ", problems),
                        "run `connector ops register-webhooks` (the webhook-health job also repairs them hourly); "
                                + "until then the order catch-up alone brings orders in", gaps));
        report.add(Finding.notChecked(WEBHOOKS, "catch-up cursor lag", "the cursor lives in the deployment's state "
                + "table, which this check does not read"));
    }

    // ---- what the config names ----

    private void configItems(System system) {
        BackOffice bo = system.backOffice();
        String subject = system.name();
        if (bo.documents().isEmpty()) {
            return;
        }
        if (bo.documents().get().shipsGoodsOnly()) {
            report.add(Finding.notChecked(CONFIG_ITEMS, subject + ": charge items",
                    "not needed: " + system.type() + " takes physical goods only; handling, wrapping, fees, rounding, "
                            + "gift certificates and custom products on the non-stock item are not sent to it"));
            return;
        }
        var orders = config.orders();
        Map<String, String> items = new LinkedHashMap<>();
        items.put("orders.handling_item", orders.handlingItem());
        items.put("orders.wrapping_item", orders.wrappingItem());
        items.put("orders.rounding_item", orders.roundingItem());
        items.put("orders.custom_product_item", orders.customProductItem());
        items.put("orders.gift_certificate_item", orders.giftCertificateItem());
        items.put("orders.fee_item", orders.feeItem());
        if (bo.has(Capability.CREDIT_NOTES)) {
            items.put("orders.refund_item", orders.refundItem());
        }
        Optional<Set<String>> known = bo.inventory().flatMap(inv -> inv.knownItems(items.values()));
        String named = items.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        if (known.isEmpty()) {
            report.add(Finding.notChecked(CONFIG_ITEMS, subject + ": non-stock items",
                    "the " + system.type() + " adapter has no look-up of items by id (non-stock items included); "
                            + "check in " + system.type() + " that these exist: " + named));
        } else {
            List<String> missing = new ArrayList<>();
            List<String> gaps = new ArrayList<>();
            items.forEach((field, id) -> {
                if (!known.get().contains(id)) {
                    missing.add(field + "=" + id);
                    gaps.add("configured_item_missing:" + system.name() + ":" + field + "=" + id);
                }
            });
            report.add(missing.isEmpty()
                    ? Finding.pass(CONFIG_ITEMS, subject + ": non-stock items", "all " + items.size() + " exist: " + named)
                    : new Finding(CONFIG_ITEMS, Finding.Status.FAIL, subject + ": non-stock items",
                            missing.size() + " of " + items.size() + " missing: " + String.join(", ", missing),
                            "create them in " + system.type() + " as non-stock items, or name existing ones in the config;"
                                    + " an order needing one parks", gaps));
        }
    }

    // ---- the codes the config maps ----

    /** Each code the config maps to this back office, against the codes it lists (see {@link MappedCodes}). */
    private void codes(System system) {
        List<MappedCodes.Mapped> mapped = mappedCodes(system);
        Optional<ReferenceCodes> codes = system.backOffice().codes();
        if (!mapped.isEmpty() && codes.isEmpty()) {
            report.add(Finding.notChecked(CONFIG_ITEMS, system.name() + ": codes", "the " + system.type()
                    + " adapter has no read of its codes; check in " + system.type() + " that these exist: "
                    + mapped.stream().map(MappedCodes.Mapped::named).collect(Collectors.joining(", "))));
        } else if (!mapped.isEmpty()) {
            MappedCodes.findings(CONFIG_ITEMS, system.name(), system.type(), mapped, codes.get()::codes)
                    .forEach(report::add);
        }
        String generic = config.customers().genericCustomer();
        system.backOffice().customers().filter(c -> generic != null).ifPresent(customers -> report.add(
                customers.customerExists(generic)
                        ? Finding.pass(CONFIG_ITEMS, system.name() + ": generic customer",
                                "customers.generic_customer=" + generic + " exists")
                        : new Finding(CONFIG_ITEMS, Finding.Status.FAIL, system.name() + ": generic customer",
                                "customers.generic_customer=" + generic + " does not exist in " + system.type(),
                                "create the customer in " + system.type() + ", or name an existing one; every guest"
                                        + " order booked to it parks",
                                List.of("customer_missing:" + system.name() + ":customers.generic_customer="
                                        + generic))));
    }

    /** What the config maps to this back office, by the flows it serves, and what its own settings name. */
    private List<MappedCodes.Mapped> mappedCodes(System system) {
        BackOffice bo = system.backOffice();
        List<MappedCodes.Mapped> mapped = new ArrayList<>();
        var orders = config.orders();
        // a warehouse is sent goods only: no taxes, payment methods or branches
        if (config.backOffices().takingOrders().contains(system.name()) && bo.documents().isPresent()
                && !bo.documents().get().shipsGoodsOnly()) {
            mapped.add(MappedCodes.Mapped.required("orders.tax_id", Kind.TAX_ID, orders.taxId()));
            new TreeMap<>(orders.taxClasses()).forEach((taxClass, id) -> mapped.add(MappedCodes.Mapped.required(
                    "orders.tax_classes." + taxClass, Kind.TAX_ID, id)));
            new TreeMap<>(orders.shipVia()).forEach((method, code) -> mapped.add(MappedCodes.Mapped.required(
                    "orders.ship_via." + method, Kind.SHIP_VIA, code)));
            new TreeMap<>(orders.paymentMethods()).forEach((method, code) -> mapped.add(MappedCodes.Mapped.required(
                    "orders.payment_methods." + method, Kind.PAYMENT_METHOD, code)));
            var routing = config.routing();
            new TreeMap<>(routing.channels()).forEach((channel, branch) -> mapped.add(MappedCodes.Mapped.required(
                    "routing.channels." + channel, Kind.BRANCH, branch)));
            new TreeMap<>(routing.currencies()).forEach((currency, branch) -> mapped.add(MappedCodes.Mapped.required(
                    "routing.currencies." + currency, Kind.BRANCH, branch)));
            if (routing.defaultBranch() != null) {
                mapped.add(MappedCodes.Mapped.required("routing.default_branch", Kind.BRANCH, routing.defaultBranch()));
            }
        }
        if (config.payments().enabled() && bo.payments().isPresent()) {
            var methods = config.payments().methods();
            for (int i = 0; i < methods.size(); i++) {
                mapped.add(MappedCodes.Mapped.required("payments.methods[" + i + "].payment_method",
                        Kind.PAYMENT_METHOD, methods.get(i).paymentMethod()));
                if (methods.get(i).cashAccount() != null) {
                    mapped.add(MappedCodes.Mapped.required("payments.methods[" + i + "].cash_account",
                            Kind.CASH_ACCOUNT, methods.get(i).cashAccount()));
                }
            }
        }
        if (config.customers().sync() && bo.customers().isPresent()) {
            new TreeMap<>(config.customers().groupClasses()).forEach((group, code) -> mapped.add(
                    MappedCodes.Mapped.required("customers.group_classes." + group, Kind.CUSTOMER_CLASS, code)));
            new TreeMap<>(config.customers().groupPriceClasses()).forEach((group, code) -> mapped.add(
                    MappedCodes.Mapped.required("customers.group_price_classes." + group, Kind.PRICE_CLASS, code)));
        }
        // a carrier mapped for a ship-via the back office lacks is only never used
        if (config.fulfilment().enabled() && config.backOffices().fulfilmentFrom().equals(system.name())
                && bo.fulfilment().isPresent()) {
            new TreeSet<>(config.fulfilment().carriers().keySet()).forEach(code -> mapped.add(new MappedCodes.Mapped(
                    "fulfilment.carriers", Kind.SHIP_VIA, code, false)));
        }
        bo.codes().ifPresent(c -> c.settings().forEach(s -> mapped.add(MappedCodes.Mapped.required(
                DeployConfig.settingField(config, system.name(), s.setting()), s.kind(), s.code()))));
        return mapped;
    }

    private void warehouses(boolean storeUp) {
        if (!config.stock().enabled()) {
            report.add(Finding.pass(WAREHOUSES, "stock sync", "off (stock.enabled: false): no warehouse is read"));
            return;
        }
        String name = config.backOffices().stockFrom();
        Optional<System> system = systems.stream().filter(s -> s.name().equals(name)).findFirst();
        Map<String, Long> mapped = config.stock().locations();
        if (system.isPresent() && reachable.contains(name) && system.get().backOffice().inventory().isPresent()) {
            Set<String> have = system.get().backOffice().inventory().get().warehouses();
            if (mapped.isEmpty()) {
                report.add(Finding.pass(WAREHOUSES, name + " warehouses", "stock.locations is empty: all " + have.size()
                        + " active warehouses " + new TreeSet<>(have) + " are summed into store location "
                        + config.stock().location()));
            } else {
                List<String> missing = mapped.keySet().stream().filter(w -> !have.contains(w)).sorted().toList();
                List<String> unmapped = have.stream().filter(w -> !mapped.containsKey(w)).sorted().toList();
                report.add(missing.isEmpty() ? Finding.pass(WAREHOUSES, name + " warehouses",
                        "every mapped warehouse exists: " + new TreeSet<>(mapped.keySet()))
                        : new Finding(WAREHOUSES, Finding.Status.FAIL, name + " warehouses",
                                "stock.locations names warehouses " + name + " does not have (or not active): " + missing,
                                "correct stock.locations, or activate the warehouses",
                                missing.stream().map(w -> "warehouse_missing:" + name + ":" + w).toList()));
                if (!unmapped.isEmpty()) {
                    report.add(new Finding(WAREHOUSES, Finding.Status.WARN, name + " warehouses not mapped",
                            unmapped + " are active but not in stock.locations, so their stock is not shown in the store",
                            "map them in stock.locations if the store should sell their stock",
                            unmapped.stream().map(w -> "warehouse_not_mapped:" + name + ":" + w).toList()));
                }
            }
        } else if (system.isPresent() && !reachable.contains(name)) {
            report.add(Finding.notChecked(WAREHOUSES, name + " warehouses", name + " could not be reached"));
        }
        if (!storeUp) {
            report.add(Finding.notChecked(WAREHOUSES, "store locations", "the store could not be reached"));
            return;
        }
        try {
            ApiResponse response = BigCommerceClient.expect(store.get("/v3/inventory/locations?limit=250"),
                    "list locations", Set.of(200));
            Set<Long> locations = new LinkedHashSet<>();
            response.json().path("data").forEach(l -> locations.add(l.path("id").asLong()));
            List<Long> missing = config.stock().targetLocations().stream().filter(l -> !locations.contains(l)).sorted()
                    .toList();
            report.add(missing.isEmpty() ? Finding.pass(WAREHOUSES, "store locations",
                    "every location the stock sync writes exists: " + new TreeSet<>(config.stock().targetLocations()))
                    : new Finding(WAREHOUSES, Finding.Status.FAIL, "store locations",
                            "the config writes stock to locations the store does not have: " + missing,
                            "create the locations in BigCommerce or correct stock.locations / stock.location",
                            missing.stream().map(l -> "store_location_missing:" + l).toList()));
        } catch (RuntimeException e) {
            report.add(new Finding(WAREHOUSES, Finding.Status.FAIL, "store locations",
                    "could not read the store's locations: " + e.getMessage(),
                    "give the API account the store_inventory read scope", List.of()));
        }
    }

    // ---- coverage ----

    /** A store SKU (or UPC, with match_key upc) and where it is. */
    private record StoreSku(String key, long productId, long variantId) {}

    private void coverage() {
        MatchKey matchKey = config.catalog().matchKey();
        List<StoreSku> storeSkus = new ArrayList<>();
        progress.begin("store variants", -1);
        for (int page = 1; ; page++) {
            JsonNode body = BigCommerceClient.expect(store.get("/v3/catalog/variants?limit=250&page=" + page),
                    "list variants", Set.of(200)).json();
            for (JsonNode v : body.path("data")) {
                String key = v.path(matchKey == MatchKey.UPC ? "upc" : "sku").asText("");
                if (!key.isBlank()) {
                    storeSkus.add(new StoreSku(key, v.path("product_id").asLong(), v.path("id").asLong()));
                }
            }
            progress.update(storeSkus.size(), 0);
            JsonNode pagination = body.path("meta").path("pagination");
            if (page >= pagination.path("total_pages").asInt(1) || body.path("data").isEmpty()) {
                break;
            }
        }
        progress.end(storeSkus.size(), 0);
        Map<String, List<StoreSku>> byKey = storeSkus.stream().collect(Collectors.groupingBy(
                s -> s.key().toLowerCase(Locale.ROOT), TreeMap::new, Collectors.toList()));
        List<String> storeDuplicates = byKey.values().stream().filter(l -> l.size() > 1).map(l -> l.get(0).key()).toList();
        report.add(storeDuplicates.isEmpty()
                ? Finding.pass(COVERAGE, "store " + matchKey.name() + "s", storeSkus.size() + " " + matchKey.name()
                        + "s on products and variants, none twice")
                : new Finding(COVERAGE, Finding.Status.FAIL, "store duplicate " + matchKey.name() + "s", storeDuplicates.size()
                        + " " + matchKey.name() + "s are on more than one product or variant: " + shown(storeDuplicates),
                        "give each product and variant its own " + matchKey.name() + "; stock and orders cannot tell them apart",
                        storeDuplicates.stream().map(s -> "store_duplicate_sku:" + s).toList()));

        for (System system : systems) {
            if (!reachable.contains(system.name())) {
                continue;
            }
            Optional<InventorySource> inventory = system.backOffice().inventory();
            if (inventory.isEmpty()) {
                report.add(Finding.notChecked(COVERAGE, system.name() + " items", system.type()
                        + " offers no item read to the connector"));
                continue;
            }
            Map<String, List<String>> items = new TreeMap<>();
            Set<String> sellable = new LinkedHashSet<>();
            long[] read = {0};
            progress.begin(system.name() + " items", -1);
            inventory.get().forEachItem(page -> {
                for (ItemStock item : page) {
                    items.computeIfAbsent(item.sku().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(item.sku());
                    if (item.sellable()) {
                        sellable.add(item.sku().toLowerCase(Locale.ROOT));
                    }
                }
                read[0] += page.size();
                progress.update(read[0], 0);
            });
            progress.end(read[0], 0);
            backOfficeItems.put(system.name(), items.keySet());
            List<String> duplicates = items.values().stream().filter(l -> l.size() > 1).map(l -> l.get(0)).toList();
            if (!duplicates.isEmpty()) {
                report.add(new Finding(COVERAGE, Finding.Status.FAIL, system.name() + " duplicate items",
                        duplicates.size() + " item ids appear more than once (letter case aside): " + shown(duplicates),
                        "keep one item per SKU in " + system.type(),
                        duplicates.stream().map(s -> "back_office_duplicate_sku:" + system.name() + ":" + s).toList()));
            }
            List<String> missing = byKey.entrySet().stream().filter(e -> !items.containsKey(e.getKey()))
                    .map(e -> e.getValue().get(0).key()).toList();
            int matched = byKey.size() - missing.size();
            report.add(missing.isEmpty()
                    ? Finding.pass(COVERAGE, system.name() + ": store " + matchKey.name() + "s", "all " + byKey.size()
                            + " have an item in " + system.name())
                    : new Finding(COVERAGE, Finding.Status.WARN, system.name() + ": store " + matchKey.name() + "s",
                            missing.size() + " of " + byKey.size() + " have no item in " + system.name() + ": "
                                    + shown(missing),
                            "create the items in " + system.type() + " (or fix the " + matchKey.name() + "s); an order with one "
                                    + "parks naming the line, and its stock is not synced",
                            missing.stream().map(s -> "sku_missing_in_back_office:" + system.name() + ":" + s).toList()));
            List<String> notInStore = sellable.stream().filter(s -> !byKey.containsKey(s))
                    .map(s -> items.get(s).get(0)).toList();
            boolean catalogueCreates = config.catalog().productSync()
                    && config.backOffices().catalogFrom().equals(system.name());
            if (notInStore.isEmpty()) {
                report.add(Finding.pass(COVERAGE, system.name() + ": items for sale", "all " + sellable.size()
                        + " active items enabled for e-commerce are in the store"));
            } else if (catalogueCreates) {
                report.add(Finding.pass(COVERAGE, system.name() + ": items for sale", notInStore.size()
                        + " active e-commerce items are not in the store yet; the catalogue sync creates them: "
                        + shown(notInStore)));
            } else {
                report.add(new Finding(COVERAGE, Finding.Status.WARN, system.name() + ": items for sale",
                        notInStore.size() + " active items enabled for e-commerce have no store " + matchKey.name() + ": "
                                + shown(notInStore),
                        "add them to the store, or take them off e-commerce in " + system.type(),
                        notInStore.stream().map(s -> "back_office_item_not_in_store:" + system.name() + ":" + s).toList()));
            }
            report.coverage(system.name(), byKey.size(), matched, items.size(), notInStore.size());
        }
        report.add(Finding.notChecked(COVERAGE, "variant options and inventory tracking",
                "the catalogue ports do not compare option names with attributes, nor read the store's inventory "
                        + "tracking per product, in this check"));
    }

    private static String shown(List<String> values) {
        return values.size() <= SHOWN ? String.join(", ", values)
                : String.join(", ", values.subList(0, SHOWN)) + " and " + (values.size() - SHOWN) + " more";
    }

    // ---- recent orders ----

    private List<StoreOrder> recentOrders(int count) {
        List<Long> ids = new ArrayList<>();
        for (int page = 1; ids.size() < count; page++) {
            ApiResponse response = BigCommerceClient.expect(store.get("/v2/orders?sort=id:desc&limit="
                    + Math.min(250, count) + "&page=" + page), "list orders", Set.of(200, 204));
            if (response.status() == 204 || response.body() == null || response.body().isBlank()) {
                break;
            }
            JsonNode list = response.json();
            list.forEach(o -> ids.add(o.path("id").asLong()));
            if (list.size() < Math.min(250, count)) {
                break;
            }
        }
        List<Long> wanted = ids.subList(0, Math.min(count, ids.size()));
        List<StoreOrder> orders = new ArrayList<>();
        progress.begin("orders", wanted.size());
        for (long id : wanted) {
            storefront.order(id).ifPresent(orders::add);
            progress.update(orders.size(), 0);
        }
        progress.end(orders.size(), 0);
        return orders;
    }

    private void orderMappings(List<StoreOrder> orders) {
        report.ordersRead(orders.size());
        if (orders.isEmpty()) {
            report.add(Finding.pass(ORDERS, "recent orders", "the store has no orders yet: no tax classes, payment "
                    + "methods, shipping methods or channels to compare with the config"));
            return;
        }
        var mapping = config.orders();
        String scope = "the last " + orders.size() + " orders";

        for (System system : systems) {
            if (!config.backOffices().takingOrders().contains(system.name()) || system.backOffice() == null) {
                continue;
            }
            OrderPolicy policy = policy(system.backOffice());
            Map<String, Long> filtered = new TreeMap<>();
            for (StoreOrder order : orders) {
                policy.notImported(order).ifPresent(why -> filtered.merge(order.statusId() + " " + order.status()
                        + (policy.ignored(order).isPresent() ? " (ignored)" : ""), 1L, Long::sum));
            }
            report.add(filtered.isEmpty() ? Finding.pass(ORDERS, system.name() + ": statuses", "every one of " + scope
                    + " is in a status " + system.name() + " imports")
                    : new Finding(ORDERS, Finding.Status.WARN, system.name() + ": statuses",
                            filtered.values().stream().mapToLong(Long::longValue).sum() + " of " + scope + " would not "
                                    + "be imported now: " + filtered,
                            "if these should reach " + system.name() + ", add their status ids to "
                                    + "statuses.import_statuses (a warehouse decides its own)",
                            filtered.keySet().stream().map(s -> "status_filtered:" + system.name() + ":" + s).toList()));
        }

        unmapped(orders, "payment methods", "orders.payment_methods", mapping.paymentMethods().keySet(),
                o -> o.paymentMethod() == null || o.paymentMethod().isBlank() ? List.of() : List.of(o.paymentMethod()),
                "unmapped_payment_method", Finding.Status.WARN, "is not sent on the sales order");
        unmapped(orders, "shipping methods", "orders.ship_via", mapping.shipVia().keySet(),
                o -> o.shipping().stream().map(ShippingDestination::shippingMethod).filter(m -> m != null && !m.isBlank())
                        .toList(), "unmapped_shipping_method", Finding.Status.WARN, "is sent without a ship-via");

        if (mapping.taxClasses().isEmpty()) {
            report.add(Finding.pass(ORDERS, "tax classes", "orders.tax_classes is empty: all tax is posted under "
                    + "orders.tax_id (" + mapping.taxId() + ")"));
        } else {
            SalesOrderMapper mapper = new SalesOrderMapper(mapping, config.routing(),
                    com.bcerp.core.backoffice.LineArithmetic.ROUND_EACH_THEN_SUBTRACT);
            Map<String, Long> unmapped = new TreeMap<>();
            Set<String> seen = new TreeSet<>();
            for (StoreOrder order : orders) {
                if (!mapper.needsTaxDetail(order)) {
                    continue;
                }
                for (StoreTax tax : storefront.taxes(order)) {
                    String label = (tax.taxClassId() == null ? "" : tax.taxClassId() + " ") + "(" + tax.className() + ")";
                    seen.add(label);
                    if (mapper.taxIdFor(tax).isEmpty() && !tax.amount().isZero()) {
                        unmapped.merge(label, 1L, Long::sum);
                    }
                }
                for (OrderFee fee : order.fees()) {
                    if (fee.taxClassId() != null && !fee.tax().isZero()
                            && !mapping.taxClasses().containsKey(fee.taxClassId().toString())) {
                        String label = fee.taxClassId() + " (fee " + fee.name() + ")";
                        if (seen.stream().noneMatch(s -> s.startsWith(fee.taxClassId() + " "))) {
                            unmapped.merge(label, 1L, Long::sum);
                        }
                    }
                }
            }
            report.add(unmapped.isEmpty() ? Finding.pass(ORDERS, "tax classes", "every tax class in " + scope
                    + " is mapped: " + seen)
                    : new Finding(ORDERS, Finding.Status.FAIL, "tax classes", "store tax classes in " + scope
                            + " that orders.tax_classes does not map (orders with them park): " + unmapped,
                            "add each to orders.tax_classes with its back-office tax id",
                            unmapped.keySet().stream().map(c -> "unmapped_tax_class:" + c.substring(0, c.indexOf(' ')))
                                    .toList()));
        }

        if (config.payments().enabled()) {
            Map<String, Long> unmapped = new TreeMap<>();
            for (StoreOrder order : orders) {
                for (PaymentTransaction t : storefront.transactions(order.id())) {
                    if (t.gateway() != null && config.payments().ruleFor(t.gateway(), t.amount().currency()).isEmpty()) {
                        unmapped.merge(t.gateway() + " " + t.amount().currency(), 1L, Long::sum);
                    }
                }
            }
            report.add(unmapped.isEmpty() ? Finding.pass(ORDERS, "payment gateways", "payments.methods maps every "
                    + "gateway in " + scope)
                    : new Finding(ORDERS, Finding.Status.FAIL, "payment gateways", "gateways (and currencies) in "
                            + scope + " that no payments.methods rule maps (their payments park): " + unmapped,
                            "add a rule {gateway, currency?, payment_method, cash_account} for each",
                            unmapped.keySet().stream().map(g -> "unmapped_payment_gateway:" + g.substring(0, g.indexOf(' ')))
                                    .distinct().toList()));
        }

        var routing = config.routing();
        Map<Integer, Long> channels = orders.stream().collect(Collectors.groupingBy(StoreOrder::channelId, TreeMap::new,
                Collectors.counting()));
        if (routing.channels().isEmpty()) {
            report.add(Finding.pass(ORDERS, "channels", "routing.channels is empty: every channel's orders go to the "
                    + "same branch; channels seen: " + channels.keySet()));
        } else {
            List<Integer> unmapped = channels.keySet().stream()
                    .filter(c -> !routing.channels().containsKey(Integer.toString(c))
                            && !mapping.ignoredChannels().contains(c))
                    .toList();
            Finding.Status status = unmapped.isEmpty() ? Finding.Status.PASS
                    : routing.defaultBranch() == null && routing.currencies().isEmpty() ? Finding.Status.FAIL
                    : Finding.Status.WARN;
            report.add(new Finding(ORDERS, status, "channels", unmapped.isEmpty()
                    ? "every channel in " + scope + " is routed: " + channels.keySet()
                    : "channels in " + scope + " that routing.channels does not list: " + unmapped
                            + (status == Finding.Status.FAIL ? " (no default branch: their orders park)"
                            : " (they go by currency or to routing.default_branch)"),
                    unmapped.isEmpty() ? null : "add them to routing.channels, or to orders.ignored_channels if "
                            + "another integration imports them",
                    unmapped.stream().map(c -> "unmapped_channel:" + c).toList()));
        }
    }

    private void unmapped(List<StoreOrder> orders, String what, String field, Collection<String> mapped,
            Function<StoreOrder, List<String>> values, String kind, Finding.Status status, String consequence) {
        Map<String, Long> seen = new TreeMap<>();
        orders.forEach(o -> values.apply(o).forEach(v -> seen.merge(v, 1L, Long::sum)));
        if (mapped.isEmpty()) {
            report.add(Finding.pass(ORDERS, what, field + " is empty: none is sent; seen " + seen));
            return;
        }
        Map<String, Long> unmapped = new TreeMap<>(seen);
        unmapped.keySet().removeAll(mapped);
        report.add(unmapped.isEmpty() ? Finding.pass(ORDERS, what, field + " maps every one seen: " + seen.keySet())
                : new Finding(ORDERS, status, what, "in the last " + orders.size() + " orders, not in " + field
                        + " (each " + consequence + "): " + unmapped, "add them to " + field,
                        unmapped.keySet().stream().map(v -> kind + ":" + v).toList()));
    }

    OrderPolicy policy(BackOffice backOffice) {
        return new OrderPolicy(config.orders(), backOffice.importStatuses()
                .map(s -> config.statuses().withImportStatuses(s)).orElse(config.statuses()));
    }
}
