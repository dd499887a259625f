package com.bcerp.local.runtime;

import com.bcerp.acumatica.AcumaticaType;
import com.bcerp.extensiv.ExtensivType;
import com.bcerp.handlers.worker.BackOfficeRegistry;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import com.bcerp.sandbox.visma.VismaSandbox;
import com.bcerp.uniconta.UnicontaType;
import com.bcerp.visma.VismaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One back office the local runtime runs, by its type: its sandbox, the variables and secret a deployment would give
 * the functions for it, and what a demo reads back from it (through the sandbox, as the merchant's own screens would).
 */
public sealed interface LocalBackOffice extends AutoCloseable {

    /** The types the local runtime has a sandbox for. */
    List<String> TYPES = List.of(AcumaticaType.SYSTEM, UnicontaType.SYSTEM, VismaType.SYSTEM, ExtensivType.SYSTEM);

    String type();

    /** The functions' {@code {NAME}_...} variables for this back office under {@code name}, without its secret's name. */
    Map<String, String> environment(String name, LocalRuntime.Timing timing);

    /** Its sandbox's root URL. */
    String url();

    /** The fields of its secret. */
    Map<String, String> secret();

    /**
     * The sales documents it holds, by the store order id each carries, with each one's total including tax as the
     * back office reckons it (a duplicate shows as a second entry; a warehouse, which keeps no amounts, gives null).
     */
    Map<String, List<BigDecimal>> orderTotalsByStoreOrder();

    /** Requests its sandbox has answered. */
    long calls();

    /** Requests its sandbox answered with a status of 300 or more, by status: what the back office refused. */
    Map<Integer, Integer> refusedByStatus();

    /** Turns its sandbox's outage on or off: every request answered as the vendor answers while down. */
    void unavailable(boolean on);

    /** This share of requests is handled (a write is stored) and then hangs for {@code hang}: the answer is lost. */
    void loseAnswers(double share, Duration hang);

    /** Every fault knob of its sandbox back to off. */
    void resetFaults();

    /** Requests whose answer was lost or timed out so far. */
    long answersLost();

    /** Access tokens its sandbox issued, which no log may show; none where the back office issues none. */
    default List<String> issuedTokens() {
        return List.of();
    }

    /** Ends every access token its sandbox issued, so the next call answers 401 (a chaos scenario's fault). */
    default void expireAccessTokens() {
        throw new UnsupportedOperationException("the local " + type() + " has no access tokens to end here");
    }

    /** Its merchant's warehouse and order screens, where a demo ships orders; empty where the runtime has none. */
    default java.util.Optional<ShippingDesk> shippingDesk() {
        return java.util.Optional.empty();
    }

    /** Its merchant's stock screens, where a demo counts stock and reads it back; empty where it keeps none here. */
    default java.util.Optional<Stockroom> stockroom() {
        return java.util.Optional.empty();
    }

    /**
     * A back office's stock as its merchant keeps it: items added, stock counted, and what its own inquiry then shows
     * as available to sell (available less safety stock, never below 0, whole units), independently of the connector.
     */
    interface Stockroom {

        /** Its warehouse {@code id}, created where a merchant may create one, else checked to exist. */
        void addWarehouse(String id);

        void addItem(String sku, String name, BigDecimal price);

        /**
         * A stock count of {@code onHand} units in a warehouse, {@code committed} of them to open orders and
         * {@code safetyStock} held back, where the back office records those on the item (else left out).
         */
        void count(String sku, String warehouse, int onHand, int committed, int safetyStock);

        /** Each stock item's available-to-sell per warehouse, as its own screens show the figures. */
        Map<String, Map<String, Integer>> availableToSell();
    }

    /** A sandbox company's stockroom with the warehouses it started with ({@link #COMPANY_WAREHOUSES}), no others. */
    abstract class CompanyStockroom implements Stockroom {
        private final String company;

        CompanyStockroom(String company) {
            this.company = company;
        }

        @Override
        public void addWarehouse(String id) {
            if (!COMPANY_WAREHOUSES.contains(id)) {
                throw new IllegalArgumentException("the " + company + " company's warehouses are " + COMPANY_WAREHOUSES);
            }
        }
    }

    /**
     * The warehouses a demo stocks, {@code n} of them: an Acumatica merchant creates WH1..WHn; the Visma and Uniconta
     * sandbox companies have MAIN and WEST, which their variables name as the warehouses read; the 3PL's Extensiv has
     * its facilities ({@link #EXTENSIV_FACILITIES}, by id), which its variables name as the stock facilities.
     */
    static List<String> stockWarehouses(String type, int n) {
        if (type.equals(AcumaticaType.SYSTEM)) {
            return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(w -> "WH" + w).toList();
        }
        if (type.equals(ExtensivType.SYSTEM)) {
            if (n > EXTENSIV_FACILITIES.size()) {
                throw new IllegalArgumentException("the Extensiv sandbox's 3PL has " + EXTENSIV_FACILITIES.size()
                        + " facilities " + EXTENSIV_FACILITIES + ", not " + n);
            }
            return EXTENSIV_FACILITIES.subList(0, n);
        }
        if (n > COMPANY_WAREHOUSES.size()) {
            throw new IllegalArgumentException("the " + type + " sandbox company has " + COMPANY_WAREHOUSES.size()
                    + " warehouses " + COMPANY_WAREHOUSES + ", not " + n);
        }
        return COMPANY_WAREHOUSES.subList(0, n);
    }

    /** The warehouses the Visma and Uniconta sandbox companies start with. */
    List<String> COMPANY_WAREHOUSES = List.of("MAIN", "WEST");

    /**
     * The VAT codes the Visma and Uniconta companies hold for the store sandbox's tax classes (Default and its
     * Shipping class at 10 %, Reduced Rate at 5 %), by the tax ids a config's {@code orders.tax_classes} maps them to
     * (the README's example).
     */
    Map<String, BigDecimal> TAX_CLASS_CODES = Map.of("STDTAX", BigDecimal.TEN, "SHIPTAX", BigDecimal.TEN,
            "REDTAX", new BigDecimal("5"));

    /** The Extensiv sandbox's facilities by id (3 Main Warehouse, 4 West Warehouse): a warehouse id is a facility's. */
    List<String> EXTENSIV_FACILITIES = ExtensivSandbox.Settings.defaults().facilities().stream()
            .map(f -> Integer.toString(f.id())).toList();

    private static int wholeUnits(BigDecimal quantity) {
        return quantity.max(BigDecimal.ZERO).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    private static Map<String, Map<String, Integer>> inWholeUnits(Map<String, Map<String, BigDecimal>> bySkuAndWarehouse) {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        bySkuAndWarehouse.forEach((sku, per) -> {
            Map<String, Integer> units = new HashMap<>();
            per.forEach((w, q) -> units.put(w, wholeUnits(q)));
            out.put(sku, units);
        });
        return out;
    }

    private static Map<Integer, Integer> refused(com.bcerp.sandbox.calls.CallLog calls) {
        Map<Integer, Integer> refused = new java.util.TreeMap<>(calls.byStatus());
        refused.keySet().removeIf(status -> status < 300);
        return refused;
    }

    @Override
    void close();

    static LocalBackOffice start(String type, LocalRuntime.Timing timing) {
        return switch (type) {
            case AcumaticaType.SYSTEM -> new Acumatica(AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults()
                    .withTokenLifetime(timing.accessTokenLifetime())));
            case UnicontaType.SYSTEM -> new Uniconta(UnicontaSandbox.start(UnicontaSandbox.Settings.defaults()));
            case VismaType.SYSTEM -> new Visma(VismaSandbox.start(Visma.company(timing)));
            // a warehouse: it takes only the orders in its import statuses (Awaiting Fulfillment) and keeps no totals,
            // so the orders demo places some orders Pending and reports what it expected of each back office
            case ExtensivType.SYSTEM -> new Extensiv(ExtensivSandbox.start(ExtensivSandbox.Settings.defaults()));
            default -> throw new IllegalArgumentException("no local sandbox for back-office type '" + type
                    + "'; the local runtime has " + TYPES);
        };
    }

    /** The connector's reference, BC-{store}-{order id}; a credit's carries a suffix. */
    java.util.regex.Pattern STORE_REF = java.util.regex.Pattern.compile("BC-[^-]+-(\\d+)");

    com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String variable(String name, String suffix) {
        return new BackOfficeRegistry.Variables(name, null).variable(suffix);
    }

    record Acumatica(AcumaticaSandbox sandbox) implements LocalBackOffice {

        @Override
        public String type() {
            return AcumaticaType.SYSTEM;
        }

        @Override
        public String url() {
            return sandbox.baseUrl();
        }

        @Override
        public Map<String, String> environment(String name, LocalRuntime.Timing timing) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(variable(name, "URL"), sandbox.baseUrl());
            env.put(variable(name, "ENDPOINT_VERSION"), sandbox.settings().endpointVersion());
            // the sandbox has no licence limit on concurrent requests; a real instance's is usually lower
            env.put(variable(name, "CONCURRENCY"), "8");
            env.put(variable(name, "TIMEOUT_SECONDS"), Long.toString(timing.backOfficeTimeout().toSeconds()));
            return env;
        }

        @Override
        public Map<String, String> secret() {
            AcumaticaSandbox.Settings erp = sandbox.settings();
            return Map.of("username", erp.username(), "password", erp.password(),
                    "client_id", erp.clientId(), "client_secret", erp.clientSecret());
        }

        @Override
        public Map<String, List<BigDecimal>> orderTotalsByStoreOrder() {
            Map<String, List<BigDecimal>> totals = new HashMap<>();
            for (JsonNode so : sandbox.salesOrders()) {
                totals.computeIfAbsent(so.path("CustomerOrder").path("value").asText(), k -> new ArrayList<>())
                        .add(so.path("OrderTotal").path("value").decimalValue());
            }
            return totals;
        }

        @Override
        public Map<Integer, Integer> refusedByStatus() {
            return refused(sandbox.calls());
        }

        @Override
        public void unavailable(boolean on) {
            sandbox.faults().unavailable(on);
        }

        /** Acumatica's knob: reads time out unanswered, writes are stored and then time out. */
        @Override
        public void loseAnswers(double share, Duration hang) {
            sandbox.faults().timeoutShare(share).timeoutAfterWrite(true).hang(hang);
        }

        @Override
        public void resetFaults() {
            sandbox.faults().reset();
        }

        @Override
        public long answersLost() {
            return sandbox.faults().timeoutsInjected();
        }

        @Override
        public java.util.Optional<ShippingDesk> shippingDesk() {
            return java.util.Optional.of(ShippingDesk.acumatica(sandbox));
        }

        /** Acumatica's item warehouse details: on hand, available (less what is committed), for shipment, safety stock. */
        @Override
        public java.util.Optional<Stockroom> stockroom() {
            com.bcerp.sandbox.acumatica.ItemBook items = sandbox.items();
            return java.util.Optional.of(new Stockroom() {
                @Override
                public void addWarehouse(String id) {
                    items.addWarehouse(id, "Warehouse " + id);
                }

                @Override
                public void addItem(String sku, String name, BigDecimal price) {
                    items.addItem(sku, name, price);
                }

                @Override
                public void count(String sku, String warehouse, int onHand, int committed, int safetyStock) {
                    int available = onHand - committed;
                    items.setQuantities(sku, warehouse, BigDecimal.valueOf(onHand), BigDecimal.valueOf(available),
                            BigDecimal.valueOf(Math.max(0, available - 1)));
                    if (safetyStock > 0) {
                        items.setSafetyStock(sku, warehouse, BigDecimal.valueOf(safetyStock));
                    }
                }

                @Override
                public Map<String, Map<String, Integer>> availableToSell() {
                    Map<String, Map<String, Integer>> out = new HashMap<>();
                    for (String sku : items.itemIds()) {
                        Map<String, Integer> per = new HashMap<>();
                        // {on hand, available, available for shipment, safety stock}
                        items.stockOf(sku).forEach((w, f) -> per.put(w, wholeUnits(f[1].subtract(f[3]))));
                        out.put(sku, per);
                    }
                    return out;
                }
            });
        }

        @Override
        public void expireAccessTokens() {
            sandbox.expireAccessTokens();
        }

        @Override
        public List<String> issuedTokens() {
            return List.copyOf(sandbox.issuedTokens());
        }

        @Override
        public long calls() {
            return sandbox.calls().total();
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }

    /**
     * A Uniconta company with the merchant's setup for the store sandbox's orders: a VAT code for the store's tax
     * (the config's default {@code orders.tax_id}, at the store sandbox's 10 %), and one per store tax class for a
     * config that maps them ({@link #TAX_CLASS_CODES}), beside Uniconta's own codes.
     */
    record Uniconta(UnicontaSandbox sandbox) implements LocalBackOffice {

        /** The store sandbox's tax (10 %) under the config's default tax id. */
        static final String STORE_TAX_CODE = "BCTAX";

        public Uniconta {
            sandbox.addVat(STORE_TAX_CODE, "Store tax 10%", 10);
            TAX_CLASS_CODES.forEach((code, rate) -> sandbox.addVat(code, "Store tax class " + code, rate.doubleValue()));
        }

        @Override
        public String type() {
            return UnicontaType.SYSTEM;
        }

        @Override
        public String url() {
            return sandbox.baseUrl();
        }

        @Override
        public Map<String, String> environment(String name, LocalRuntime.Timing timing) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(variable(name, "URL"), sandbox.baseUrl());
            env.put(variable(name, "COMPANY_ID"), Long.toString(sandbox.settings().companyId()));
            env.put(variable(name, "VAT_FREE_CODE"), "U0");
            env.put(variable(name, "BASE_CURRENCY"), "USD");
            // the company's names of its two variant dimensions, as the store's option products name their options
            env.put(variable(name, "VARIANT_NAMES"), "Color,Size");
            env.put(variable(name, "WAREHOUSES"), String.join(",", COMPANY_WAREHOUSES));
            env.put(variable(name, "TIMEOUT_SECONDS"), Long.toString(timing.backOfficeTimeout().toSeconds()));
            return env;
        }

        @Override
        public Map<String, String> secret() {
            return Map.of("user", sandbox.settings().user(), "password", sandbox.settings().password());
        }

        /**
         * By {@code OurRef} (the adapter's default reference field, holding the connector's reference), each with
         * its {@link #totalInclVat}. Credit notes (their reference carries a suffix) are left out.
         */
        @Override
        public Map<String, List<BigDecimal>> orderTotalsByStoreOrder() {
            Map<String, BigDecimal> rates = vatRates();
            Map<Long, Map<String, BigDecimal>> nets = netByOrderAndVat();
            Map<String, List<BigDecimal>> totals = new HashMap<>();
            for (JsonNode order : sandbox.rows("DebtorOrderClient")) {
                // the connector's reference is BC-{store}-{order id}; a credit note's carries a suffix
                java.util.regex.Matcher ref = STORE_REF.matcher(order.path("OurRef").asText());
                if (ref.matches()) {
                    totals.computeIfAbsent(ref.group(1), k -> new ArrayList<>()).add(withVat(order, rates, nets));
                }
            }
            return totals;
        }

        /**
         * An order's total as its own order screen shows it: the lines' ({@code OrderTotal}) plus the VAT Uniconta
         * reckons per VAT code on their sum when it invoices (none where its prices include VAT).
         */
        public BigDecimal totalInclVat(JsonNode order) {
            return withVat(order, vatRates(), netByOrderAndVat());
        }

        private Map<String, BigDecimal> vatRates() {
            return vatRates(sandbox.rows("GLVatClient"));
        }

        private Map<Long, Map<String, BigDecimal>> netByOrderAndVat() {
            return netByOrderAndVat(sandbox.rows("DebtorOrderLineClient"));
        }

        /** Each VAT code's rate in percent, from {@code GLVatClient} rows. */
        public static Map<String, BigDecimal> vatRates(List<JsonNode> vatRows) {
            Map<String, BigDecimal> rates = new HashMap<>();
            vatRows.forEach(v -> rates.put(v.path("Vat").asText(), v.path("Rate").decimalValue()));
            return rates;
        }

        /** Each order's lines' net sum per VAT code, from {@code DebtorOrderLineClient} rows. */
        public static Map<Long, Map<String, BigDecimal>> netByOrderAndVat(List<JsonNode> lineRows) {
            Map<Long, Map<String, BigDecimal>> nets = new HashMap<>();
            for (JsonNode line : lineRows) {
                nets.computeIfAbsent(line.path("OrderNumber").asLong(), k -> new HashMap<>())
                        .merge(line.path("Vat").asText(), line.path("Total").decimalValue(), BigDecimal::add);
            }
            return nets;
        }

        /** An order header's total with the VAT Uniconta reckons per code on its lines' sums ({@link #totalInclVat}). */
        public static BigDecimal withVat(JsonNode order, Map<String, BigDecimal> rates,
                Map<Long, Map<String, BigDecimal>> nets) {
            BigDecimal total = order.path("OrderTotal").decimalValue();
            if (order.path("PricesInclVat").asBoolean()) {
                return total;
            }
            for (var e : nets.getOrDefault(order.path("OrderNumber").asLong(), Map.of()).entrySet()) {
                BigDecimal rate = rates.getOrDefault(e.getKey(), BigDecimal.ZERO);
                total = total.add(e.getValue().multiply(rate).movePointLeft(2).setScale(2, RoundingMode.HALF_UP));
            }
            return total;
        }

        @Override
        public java.util.Optional<ShippingDesk> shippingDesk() {
            return java.util.Optional.of(ShippingDesk.uniconta(sandbox));
        }

        /**
         * Uniconta's stock counts on {@code InvItemStorageClient} rows, read back as its rows show {@code Available}
         * (on hand less reserved plus on purchase orders); it records no committed quantity by count and keeps no
         * safety stock, so those are left out.
         */
        @Override
        public java.util.Optional<Stockroom> stockroom() {
            return java.util.Optional.of(new CompanyStockroom("Uniconta") {

                @Override
                public void addItem(String sku, String name, BigDecimal price) {
                    sandbox.addItem(sku, name, price.doubleValue(), true);
                }

                @Override
                public void count(String sku, String warehouse, int onHand, int committed, int safetyStock) {
                    sandbox.setStock(sku, List.of(), warehouse, onHand);
                }

                @Override
                public Map<String, Map<String, Integer>> availableToSell() {
                    Map<String, Map<String, BigDecimal>> sums = new HashMap<>();
                    for (JsonNode row : sandbox.rows("InvItemStorageClient")) {
                        sums.computeIfAbsent(row.path("Item").asText(), k -> new HashMap<>())
                                .merge(row.path("Warehouse").asText(), row.path("Available").decimalValue(), BigDecimal::add);
                    }
                    return inWholeUnits(sums);
                }
            });
        }

        @Override
        public Map<Integer, Integer> refusedByStatus() {
            return refused(sandbox.calls());
        }

        @Override
        public void unavailable(boolean on) {
            sandbox.faults().unavailable(on);
        }

        @Override
        public void loseAnswers(double share, Duration hang) {
            sandbox.faults().lostAnswerShare(share).hang(hang);
        }

        @Override
        public void resetFaults() {
            sandbox.faults().reset();
        }

        @Override
        public long answersLost() {
            return sandbox.faults().injected(com.bcerp.sandbox.faults.FaultKnobs.Fault.LOSE_ANSWER)
                    + sandbox.faults().injected(com.bcerp.sandbox.faults.FaultKnobs.Fault.TIME_OUT);
        }

        @Override
        public long calls() {
            return sandbox.calls().total();
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }

    /**
     * A Visma.net ERP company with the merchant's set-up for the store sandbox's orders: kept in the store's currency
     * (USD), and a VAT of the store's 10 % in the VAT category the config's default {@code orders.tax_id} names, in the
     * domestic VAT zone its customers are in.
     */
    record Visma(VismaSandbox sandbox) implements LocalBackOffice {

        /** The store sandbox's tax (10 %), its VAT id in Visma and its category (the config's default tax id). */
        static final String STORE_VAT = "BC10";
        static final String STORE_TAX_CATEGORY = "BCTAX";

        public Visma {
            sandbox.addVat(STORE_VAT, "Store tax 10%", BigDecimal.TEN, STORE_TAX_CATEGORY, "DOMESTIC");
            // one VAT and category per store tax class, for a config that maps them (the category is the tax id)
            TAX_CLASS_CODES.forEach((category, rate) -> sandbox.addVat("BC-" + category, "Store tax class " + category,
                    rate, category, "DOMESTIC"));
        }

        static VismaSandbox.Settings company(LocalRuntime.Timing timing) {
            VismaSandbox.Settings d = VismaSandbox.Settings.defaults().withTokenLifetime(timing.accessTokenLifetime());
            return new VismaSandbox.Settings(d.port(), d.tenantId(), d.clientId(), d.clientSecret(), d.tokenLifetime(),
                    "USD");
        }

        @Override
        public String type() {
            return VismaType.SYSTEM;
        }

        @Override
        public String url() {
            return sandbox.baseUrl();
        }

        @Override
        public Map<String, String> environment(String name, LocalRuntime.Timing timing) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(variable(name, "URL"), sandbox.baseUrl());
            env.put(variable(name, "TOKEN_URL"), sandbox.tokenUrl());
            env.put(variable(name, "TENANT_ID"), sandbox.settings().tenantId());
            env.put(variable(name, "BASE_CURRENCY"), sandbox.settings().baseCurrency());
            env.put(variable(name, "WAREHOUSES"), String.join(",", COMPANY_WAREHOUSES));
            env.put(variable(name, "TIMEOUT_SECONDS"), Long.toString(timing.backOfficeTimeout().toSeconds()));
            return env;
        }

        @Override
        public Map<String, String> secret() {
            return Map.of("client_id", sandbox.settings().clientId(), "client_secret", sandbox.settings().clientSecret());
        }

        /**
         * Its sales orders by the store order id their {@code customerRefNo} carries (the connector's
         * BC-{store}-{order id}), each with the {@code orderTotal} Visma reckoned (lines and the VAT it computed), as
         * {@code GET /v1/salesorder/{type}/{nbr}} answers; credit notes are documents of their own and not counted.
         */
        @Override
        public Map<String, List<BigDecimal>> orderTotalsByStoreOrder() {
            Map<String, List<BigDecimal>> totals = new HashMap<>();
            for (JsonNode order : sandbox.salesOrders()) {
                java.util.regex.Matcher ref = STORE_REF.matcher(order.path("customerRefNo").asText());
                if (ref.matches()) {
                    totals.computeIfAbsent(ref.group(1), k -> new ArrayList<>()).add(order.path("orderTotal").decimalValue());
                }
            }
            return totals;
        }

        @Override
        public Map<Integer, Integer> refusedByStatus() {
            return refused(sandbox.calls());
        }

        @Override
        public void unavailable(boolean on) {
            sandbox.faults().unavailable(on);
        }

        @Override
        public void loseAnswers(double share, Duration hang) {
            sandbox.faults().lostAnswerShare(share).hang(hang);
        }

        @Override
        public void resetFaults() {
            sandbox.faults().reset();
        }

        @Override
        public long answersLost() {
            return sandbox.faults().hungCalls();
        }

        @Override
        public java.util.Optional<ShippingDesk> shippingDesk() {
            return java.util.Optional.of(ShippingDesk.visma(sandbox));
        }

        /** Visma's stock counts (quantity on hand), read back as {@code warehouseDetails.available}; no safety stock. */
        @Override
        public java.util.Optional<Stockroom> stockroom() {
            return java.util.Optional.of(new CompanyStockroom("Visma") {

                @Override
                public void addItem(String sku, String name, BigDecimal price) {
                    sandbox.addStockItem(sku, name, price);
                }

                @Override
                public void count(String sku, String warehouse, int onHand, int committed, int safetyStock) {
                    sandbox.setStock(sku, warehouse, BigDecimal.valueOf(onHand));
                }

                @Override
                public Map<String, Map<String, Integer>> availableToSell() {
                    return inWholeUnits(sandbox.availableByWarehouse());
                }
            });
        }

        @Override
        public List<String> issuedTokens() {
            return List.copyOf(sandbox.issuedTokens());
        }

        @Override
        public long calls() {
            return sandbox.calls().total();
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }

    /** A 3PL's Extensiv with the merchant as its customer and its first facility taking the orders. */
    record Extensiv(ExtensivSandbox sandbox) implements LocalBackOffice {

        @Override
        public String type() {
            return ExtensivType.SYSTEM;
        }

        @Override
        public String url() {
            return sandbox.baseUrl();
        }

        @Override
        public Map<String, String> environment(String name, LocalRuntime.Timing timing) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(variable(name, "URL"), sandbox.baseUrl());
            env.put(variable(name, "CUSTOMER_ID"), Integer.toString(sandbox.settings().customerId()));
            env.put(variable(name, "FACILITY_ID"), Integer.toString(sandbox.settings().facilities().get(0).id()));
            // stock from every facility, as Visma's and Uniconta's variables name both company warehouses
            env.put(variable(name, "STOCK_FACILITIES"), String.join(",", facilities()));
            env.put(variable(name, "TIMEOUT_SECONDS"), Long.toString(timing.backOfficeTimeout().toSeconds()));
            return env;
        }

        @Override
        public Map<String, String> secret() {
            ExtensivSandbox.Settings s = sandbox.settings();
            return Map.of("client_id", s.clientId(), "client_secret", s.clientSecret(), "user_login", s.userLogin());
        }

        @Override
        public java.util.Optional<ShippingDesk> shippingDesk() {
            return java.util.Optional.of(ShippingDesk.extensiv(sandbox));
        }

        private List<String> facilities() {
            return sandbox.settings().facilities().stream().map(f -> Integer.toString(f.id())).toList();
        }

        /**
         * The 3PL's stock screens for the merchant's items: its facilities (a warehouse id is a facility's id), the
         * merchant's items added as the 3PL's staff add a customer's SKUs, a count received where the facility has
         * none of the item on hand (a receipt) and adjusted by the difference otherwise, the safety stock put on hold
         * (what a 3PL holds back is on hold; at most what is on hand and not allocated). Read back as the stock
         * summaries' {@code available} (on hand less allocated less on hold), as {@code GET /inventory/stocksummaries}
         * lists it. Extensiv commits stock to its own orders only (allocated), so a count's committed is left out.
         */
        @Override
        public java.util.Optional<Stockroom> stockroom() {
            int customer = sandbox.settings().customerId();
            return java.util.Optional.of(new Stockroom() {
                @Override
                public void addWarehouse(String id) {
                    if (!facilities().contains(id)) {
                        throw new IllegalArgumentException("the Extensiv sandbox's facilities are " + facilities()
                                + ", not " + id);
                    }
                }

                @Override
                public void addItem(String sku, String name, BigDecimal price) {
                    sandbox.addItem(customer, sku, name);
                }

                @Override
                public void count(String sku, String warehouse, int onHand, int committed, int safetyStock) {
                    int facility = Integer.parseInt(warehouse);
                    JsonNode now = sandbox.stockSummary(facility, sku).orElse(null);
                    double had = now == null ? 0 : now.path("onHand").asDouble();
                    double held = now == null ? 0 : now.path("onHold").asDouble();
                    double allocated = now == null ? 0 : now.path("allocated").asDouble();
                    if (held > 0) {
                        sandbox.hold(facility, sku, -held);
                    }
                    if (had <= 0 && onHand > 0) {
                        sandbox.receive(facility, sku, onHand - had);
                    } else if (onHand != had) {
                        sandbox.adjust(facility, sku, onHand - had);
                    }
                    double hold = Math.min(safetyStock, Math.max(0, onHand - allocated));
                    if (hold > 0) {
                        sandbox.hold(facility, sku, hold);
                    }
                }

                @Override
                public Map<String, Map<String, Integer>> availableToSell() {
                    Map<String, Map<String, BigDecimal>> available = new HashMap<>();
                    for (JsonNode row : sandbox.stockSummaries()) {
                        available.computeIfAbsent(row.path("itemIdentifier").path("sku").asText(), k -> new HashMap<>())
                                .merge(row.path("facilityId").asText(), row.path("available").decimalValue(),
                                        BigDecimal::add);
                    }
                    return inWholeUnits(available);
                }
            });
        }

        /**
         * The warehouse's orders by their {@code referenceNum} (the connector's BC-{store}-{order id}), read through
         * its API as an outside client does (a token, then {@code GET /orders} page by page); a warehouse keeps no
         * amounts, so each total is null.
         */
        @Override
        public Map<String, List<BigDecimal>> orderTotalsByStoreOrder() {
            Map<String, List<BigDecimal>> orders = new HashMap<>();
            try {
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                ExtensivSandbox.Settings s = sandbox.settings();
                String basic = java.util.Base64.getEncoder().encodeToString((s.clientId() + ":" + s.clientSecret())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String token = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sandbox.baseUrl() + "/AuthServer/api/Token"))
                        .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\","
                                + "\"user_login\":\"" + s.userLogin() + "\"}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
                for (int page = 1; ; page++) {
                    JsonNode body = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            sandbox.baseUrl() + "/orders?pgsiz=1000&pgnum=" + page))
                            .header("Authorization", "Bearer " + token).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body());
                    JsonNode found = body.path("_embedded").path("http://api.3plCentral.com/rels/orders/order");
                    for (JsonNode order : found) {
                        java.util.regex.Matcher ref = STORE_REF.matcher(order.path("referenceNum").asText());
                        if (ref.matches()) {
                            orders.computeIfAbsent(ref.group(1), k -> new ArrayList<>()).add(null);
                        }
                    }
                    if (found.size() < 1000) {
                        return orders;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Map<Integer, Integer> refusedByStatus() {
            return refused(sandbox.calls());
        }

        @Override
        public void unavailable(boolean on) {
            sandbox.faults().unavailable(on);
        }

        @Override
        public void loseAnswers(double share, Duration hang) {
            sandbox.faults().lostAnswerShare(share).hang(hang);
        }

        @Override
        public void resetFaults() {
            sandbox.faults().reset();
        }

        @Override
        public long answersLost() {
            return sandbox.faults().injected(com.bcerp.sandbox.faults.FaultKnobs.Fault.LOSE_ANSWER)
                    + sandbox.faults().injected(com.bcerp.sandbox.faults.FaultKnobs.Fault.TIME_OUT);
        }

        @Override
        public List<String> issuedTokens() {
            return List.copyOf(sandbox.issuedTokens());
        }

        @Override
        public void expireAccessTokens() {
            sandbox.expireTokens();
        }

        @Override
        public long calls() {
            return sandbox.calls().total();
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }
}
