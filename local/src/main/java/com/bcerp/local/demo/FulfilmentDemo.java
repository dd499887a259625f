package com.bcerp.local.demo;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.core.fulfilment.Carrier;
import com.bcerp.core.fulfilment.FulfilmentSettings;
import com.bcerp.core.order.OrderChanges;
import com.bcerp.handlers.worker.FulfilmentSyncHandler;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.RetryPolicy;
import com.bcerp.local.runtime.CrashAfterWrite;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalLambdaContext;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.local.runtime.ShippingDesk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fulfilment scenario: orders placed in the store sandbox reach the back office (its sandbox) through the order flow;
 * there the warehouse ships some in full, some in two shipments (different carriers and tracking numbers), leaves
 * some partly shipped, invoices some, cancels some and puts some on hold. The fulfilment-sync handler then runs: once
 * dying right after the store created a shipment, once to recover, once after the second shipments and the invoices,
 * once after the customers paid the invoices (where the back office's desk records payments), and once more to show
 * that a re-run changes nothing. The store is then read through its own API, independently of
 * the connector, and compared with what the back office holds, read through its own screens ({@link ShippingDesk}).
 */
public final class FulfilmentDemo {

    /**
     * What happens to an order in the back office. PACKAGES (a warehouse's): shipped in full in up to three packages,
     * one per tracking number, each a shipment of its own.
     */
    enum Plan { FULL, TWO_SHIPMENTS, INVOICED, CANCELLED, ON_HOLD, PARTIAL, PACKAGES }

    /** The store status the demo's orders are placed in (Awaiting Fulfillment). */
    static final int PLACED_STATUS = 11;

    /** The claim lease the scenario runs with, so the run after the simulated crash can take the records over. */
    public static final Duration LEASE = Duration.ofSeconds(8);

    /** @param severalShipments orders the back office shipped in two or more shipments (packages, for a warehouse) */
    public record Result(String backOffice, int orders, Map<String, Integer> plans, long shipmentsExpected, long shipmentsInStore,
            long severalShipments, long duplicateShipments, List<String> shipmentMismatches, List<String> statusMismatches,
            List<String> invoiceRefsMissing, long paymentsExpected, long paymentsApplied, List<String> paymentNotesMissing,
            long crashes, Map<String, Object> afterCrash, Map<String, Object> rerun,
            long echoesIgnored, long backOfficeWrites, long stockChecked, List<String> stockMismatches, long elapsedMs) {

        public boolean ok() {
            return orders > 0 && shipmentsExpected > 0 && shipmentsInStore == shipmentsExpected && duplicateShipments == 0
                    && shipmentMismatches.isEmpty() && statusMismatches.isEmpty() && invoiceRefsMissing.isEmpty()
                    && paymentsApplied == paymentsExpected && paymentNotesMissing.isEmpty()
                    && Long.valueOf(0).equals(rerun.get("payments_applied"))
                    && stockMismatches.isEmpty()
                    && crashes == 1 && Long.valueOf(1).equals(afterCrash.get("shipments_found"))
                    && Long.valueOf(0).equals(rerun.get("shipments_created"))
                    && Long.valueOf(0).equals(rerun.get("statuses_set")) && backOfficeWrites == 0;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", "fulfilment");
            json.put("back_office", backOffice);
            json.put("orders", orders);
            json.put("plans", plans);
            json.put("shipments_expected", shipmentsExpected);
            json.put("shipments_in_store", shipmentsInStore);
            json.put("orders_in_several_shipments", severalShipments);
            json.put("duplicate_shipments", duplicateShipments);
            json.put("shipment_mismatches", shipmentMismatches);
            json.put("status_mismatches", statusMismatches);
            json.put("invoice_refs_missing", invoiceRefsMissing);
            json.put("payments_expected", paymentsExpected);
            json.put("payments_applied", paymentsApplied);
            json.put("payment_notes_missing", paymentNotesMissing);
            json.put("crashes", crashes);
            json.put("run_after_crash", afterCrash);
            json.put("rerun", rerun);
            json.put("echoes_ignored", echoesIgnored);
            json.put("back_office_writes_during_fulfilment", backOfficeWrites);
            json.put("stock_checked", stockChecked);
            json.put("stock_mismatches", stockMismatches);
            json.put("elapsed_ms", elapsedMs);
            json.put("ok", ok());
            return json;
        }

        public String toText() {
            return String.format("""
                    fulfilment demo: %d orders %s
                      shipments in %-12s %d
                      shipments in the store     %d (duplicates %d); orders in several shipments %d
                      shipment mismatches        %s
                      status mismatches          %s
                      invoice references missing %s
                      payments applied back      %d of %d (notes missing %s)
                      simulated crashes          %d; the next run found %s shipment(s) it had made
                      re-run                     %s
                      store echoes ignored       %d; back-office writes during fulfilment %d
                      stock figures checked      %d; mismatches %s
                      elapsed                    %d ms
                      %s""", orders, plans, backOffice, shipmentsExpected, shipmentsInStore, duplicateShipments, severalShipments,
                    shipmentMismatches, statusMismatches, invoiceRefsMissing, paymentsApplied, paymentsExpected,
                    paymentNotesMissing, crashes, afterCrash.get("shipments_found"),
                    rerun, echoesIgnored, backOfficeWrites, stockChecked, stockMismatches, elapsedMs,
                    ok() ? "OK: the store shows every " + backOffice + " shipment once, with the mapped statuses and references"
                            : "NOT OK");
        }
    }

    private FulfilmentDemo() {}

    /**
     * The config with {@code fulfilment.paid_status} 10 (Completed) unless it names one, so the scenario shows payments
     * coming back; under the default status table an invoiced order is Completed already, so only its note changes.
     */
    public static Path withPaymentsBack(Path configFile, Path stateDir) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode read = configFile == null ? null : yaml.readTree(configFile.toFile());
        ObjectNode config = read instanceof ObjectNode o ? o : yaml.createObjectNode();
        ObjectNode fulfilment = config.get("fulfilment") instanceof ObjectNode f ? f : config.putObject("fulfilment");
        if (!fulfilment.hasNonNull("paid_status")) {
            fulfilment.put("paid_status", 10);
        }
        Path file = stateDir.resolve("connector-fulfilment.yaml");
        yaml.writeValue(file.toFile(), config);
        return file;
    }

    public static Result run(LocalRuntime runtime, int count, long seed, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        LocalBackOffice backOffice = runtime.primary();
        ShippingDesk erp = backOffice.shippingDesk().orElseThrow(() -> new IllegalArgumentException(
                "the fulfilment scenario needs a back office that ships; the runtime has no warehouse screens for "
                        + backOffice.type()));
        String hash = runtime.bigcommerce().storeHash();
        List<OrderSeeder.Placed> placed = new OrderSeeder(runtime.bigcommerce(), seed).place(count);
        awaitImported(runtime, erp, placed, timeout);

        Map<Long, Plan> plans = new TreeMap<>();
        Map<Long, ShippingDesk.Order> salesOrders = erp.orders(hash);
        List<Plan> possible = java.util.Arrays.stream(Plan.values()).filter(p -> (p != Plan.ON_HOLD || erp.holds())
                && (p != Plan.TWO_SHIPMENTS || erp.shipsAgain()) && (p != Plan.INVOICED || erp.invoices())
                && (p != Plan.PACKAGES || erp.packagesAreShipments())).toList();
        for (int i = 0; i < placed.size(); i++) {
            plans.put(placed.get(i).id(), possible.get(i % possible.size()));
        }
        // the warehouse's first day
        for (Map.Entry<Long, Plan> p : plans.entrySet()) {
            ShippingDesk.Order so = salesOrders.get(p.getKey());
            Map<Integer, BigDecimal> all = so.productLines();
            switch (p.getValue()) {
                case FULL -> erp.ship(so, "UPSGROUND", all, List.of("1Z" + p.getKey() + "A"));
                case INVOICED -> erp.ship(so, "FEDEX2DAY", all, List.of("7489" + p.getKey()));
                case TWO_SHIPMENTS -> erp.ship(so, "UPSGROUND", firstHalf(all), List.of("1Z" + p.getKey() + "B"));
                case PARTIAL -> erp.ship(so, "OWNFLEET", firstHalf(all), List.of("OF-" + p.getKey()));
                case PACKAGES -> erp.ship(so, "UPSGROUND", all, List.of("1Z" + p.getKey() + "P1", "1Z" + p.getKey() + "P2",
                        "1Z" + p.getKey() + "P3"));
                case CANCELLED -> erp.cancel(so);
                case ON_HOLD -> erp.hold(so);
            }
        }
        int writesBefore = erp.connectorWrites();
        CrashAfterWrite crashes = runtime.crashes();
        long crashesBefore = crashes.crashes();
        try {
            run(new FulfilmentSyncHandler(runtime.worker().fulfilmentSync(crashes::crashAfterNextShipment)));
        } catch (CrashAfterWrite.SimulatedCrash expected) {
            // the instance died after the store's write: its claims keep their leases until they run out
        }
        Thread.sleep(LEASE.plusSeconds(1).toMillis());
        FulfilmentSyncHandler handler = new FulfilmentSyncHandler(runtime.worker().fulfilmentSync());
        Map<String, Object> afterCrash = run(handler);

        // the second day: the rest of the split orders ships, and the fully shipped ones are invoiced
        Map<Long, ShippingDesk.Order> nextDay = erp.orders(hash);
        for (Map.Entry<Long, Plan> p : plans.entrySet()) {
            ShippingDesk.Order so = nextDay.get(p.getKey());
            if (p.getValue() == Plan.TWO_SHIPMENTS && !so.open().isEmpty()) {
                erp.ship(so, "DHL", so.open(), List.of("JD" + p.getKey() + "1", "JD" + p.getKey() + "2"));
            } else if (p.getValue() == Plan.INVOICED) {
                erp.invoice(so);
            }
        }
        run(handler);
        // the third day: the invoiced orders' customers pay by bank transfer, as the accountant records it
        Map<Long, List<String>> paid = new TreeMap<>();
        if (runtime.config().fulfilment().paidStatus() != null && erp.pays()) {
            Map<Long, ShippingDesk.Order> invoiced = erp.orders(hash);
            plans.forEach((id, plan) -> {
                if (plan == Plan.INVOICED) {
                    paid.put(id, erp.pay(invoiced.get(id)));
                }
            });
        }
        Map<String, Object> payments = run(handler);
        Map<String, Object> rerun = run(handler);
        awaitQuiet(runtime, timeout);
        int writes = erp.connectorWrites() - writesBefore;
        StockCheck stock = StockCheck.afterShipping(runtime);

        Check check = new Check(runtime, erp, hash);
        check.compare(plans.keySet());
        check.comparePayments(paid);
        Map<String, Integer> planCounts = new TreeMap<>();
        plans.values().forEach(p -> planCounts.merge(p.name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
        long echoes = 0;
        for (long id : plans.keySet()) {
            echoes += runtime.worker().state().history(OrderChanges.recordKey(hash, id)).stream()
                    .filter(r -> r.error() != null && r.error().contains("set by the connector itself")).count();
        }
        return new Result(backOffice.type(), placed.size(), planCounts, check.expected, check.inStore, check.several,
                check.duplicates, check.shipmentMismatches, check.statusMismatches, check.refsMissing, paid.size(),
                (Long) payments.get("payments_applied"), check.paymentNotesMissing, crashes.crashes() - crashesBefore,
                afterCrash, rerun, echoes, writes, stock.checked, stock.mismatches, (System.nanoTime() - start) / 1_000_000);
    }

    private static Map<String, Object> run(FulfilmentSyncHandler handler) {
        ScheduledEvent e = new ScheduledEvent();
        e.setSource("aws.scheduler");
        e.setDetailType("Scheduled Event");
        e.setDetail(Map.of());
        return handler.handleRequest(e, new LocalLambdaContext("fulfilment-sync", Duration.ofMinutes(15)));
    }

    /** About half the units, never all of them when there are two or more. */
    private static Map<Integer, BigDecimal> firstHalf(Map<Integer, BigDecimal> all) {
        int units = all.values().stream().mapToInt(BigDecimal::intValue).sum();
        int take = Math.max(1, units / 2);
        Map<Integer, BigDecimal> half = new LinkedHashMap<>();
        for (Map.Entry<Integer, BigDecimal> l : all.entrySet()) {
            if (take == 0) {
                break;
            }
            int q = Math.min(take, l.getValue().intValue());
            half.put(l.getKey(), BigDecimal.valueOf(q));
            take -= q;
        }
        return half;
    }

    private static void awaitImported(LocalRuntime runtime, ShippingDesk erp, List<OrderSeeder.Placed> placed,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String hash = runtime.bigcommerce().storeHash();
        while (System.nanoTime() < deadline) {
            Map<Long, ShippingDesk.Order> imported = erp.orders(hash);
            if (placed.stream().allMatch(p -> imported.containsKey(p.id())) && runtime.isSettled(Duration.ofSeconds(1))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the orders did not all reach the back office within " + timeout);
    }

    private static void awaitQuiet(LocalRuntime runtime, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !runtime.isSettled(Duration.ofSeconds(2))) {
            Thread.sleep(200);
        }
    }

    /**
     * A warehouse's stock moves as it ships (what it packed leaves, what it lacked was received): after a full run of
     * the stock sync, every SKU of the store shows at each store location the warehouse's available-to-sell, read from
     * its own stock screens ({@link LocalBackOffice.Stockroom#availableToSell}), summed over the warehouses the config
     * maps there. Checked where the back office that ships is a warehouse (its own import statuses) and also the stock
     * source, under the rule the stock screens show (available, safety stock deducted, nothing reserved); elsewhere
     * nothing is checked (0 figures).
     */
    private record StockCheck(long checked, List<String> mismatches) {

        static StockCheck afterShipping(LocalRuntime runtime) {
            var wiring = runtime.config().backOffices();
            var rules = runtime.config().stock();
            LocalBackOffice source = runtime.backOffices().get(wiring.stockFrom());
            boolean warehouse = runtime.worker().backOffices().stream().filter(b -> b.name().equals(wiring.stockFrom()))
                    .anyMatch(b -> b.importStatuses().isPresent());
            if (!warehouse || !wiring.stockFrom().equals(wiring.fulfilmentFrom()) || source == null
                    || source.stockroom().isEmpty() || !rules.enabled()
                    || rules.availability() != com.bcerp.core.stock.AvailabilityRule.AVAILABLE
                    || !rules.deductSafetyStock() || rules.reserve() != 0) {
                return new StockCheck(0, List.of());
            }
            ScheduledEvent full = new ScheduledEvent();
            full.setSource("aws.scheduler");
            full.setDetailType("Scheduled Event");
            full.setDetail(Map.of("mode", "full"));
            new com.bcerp.handlers.worker.StockSyncHandler(runtime.worker().stockSync(),
                    com.bcerp.core.sync.SyncProgress.NONE)
                    .handleRequest(full, new LocalLambdaContext("stock-sync", Duration.ofMinutes(15)));
            var store = runtime.bigcommerce();
            long checked = 0;
            List<String> mismatches = new ArrayList<>();
            for (var item : new TreeMap<>(source.stockroom().orElseThrow().availableToSell()).entrySet()) {
                if (store.products().productIdOf(item.getKey()).isEmpty()) {
                    continue;
                }
                Map<Long, Integer> expected = new TreeMap<>();
                if (rules.locations().isEmpty()) {
                    expected.put(rules.location(), item.getValue().values().stream().mapToInt(Integer::intValue).sum());
                } else {
                    rules.locations().forEach((w, location) -> expected.merge(location,
                            item.getValue().getOrDefault(w, 0), Integer::sum));
                }
                for (var e : expected.entrySet()) {
                    checked++;
                    int actual = store.inventory().quantity(item.getKey(), e.getKey()).orElse(-1);
                    if (actual != e.getValue()) {
                        mismatches.add(item.getKey() + " at location " + e.getKey() + ": store " + actual + ", "
                                + source.type() + " " + e.getValue());
                    }
                }
            }
            return new StockCheck(checked, mismatches);
        }
    }

    /** The store read through its own API with the admin account, compared with the back office's records. */
    private static final class Check {
        final BigCommerceClient store;
        final ShippingDesk erp;
        final String hash;
        final FulfilmentSettings carriers = FulfilmentSettings.defaults();
        long expected;
        long inStore;
        long several;
        long duplicates;
        final List<String> shipmentMismatches = new ArrayList<>();
        final List<String> statusMismatches = new ArrayList<>();
        final List<String> refsMissing = new ArrayList<>();
        final List<String> paymentNotesMissing = new ArrayList<>();

        Check(LocalRuntime runtime, ShippingDesk erp, String hash) {
            this.store = OrderSeeder.adminClient(runtime.bigcommerce(), RetryPolicy.standard());
            this.erp = erp;
            this.hash = hash;
        }

        void compare(Set<Long> orderIds) {
            Map<Long, ShippingDesk.Order> salesOrders = erp.orders(hash);
            Map<String, Integer> statusTable = erp.storeStatuses();
            for (long id : orderIds) {
                ShippingDesk.Order so = salesOrders.get(id);
                List<JsonNode> storeShipments = list("/v2/orders/" + id + "/shipments");
                inStore += storeShipments.size();
                Map<String, Integer> markers = new HashMap<>();
                storeShipments.forEach(s -> markers.merge(marker(s), 1, Integer::sum));
                expected += so.shipped().size();
                several += so.shipped().size() > 1 ? 1 : 0;
                Set<String> known = new java.util.HashSet<>();
                for (ShippingDesk.Shipment shipment : so.shipped()) {
                    known.add(shipment.number());
                    compareShipment(id, shipment, storeShipments);
                }
                for (Map.Entry<String, Integer> m : markers.entrySet()) {
                    duplicates += known.contains(m.getKey()) ? m.getValue() - 1 : m.getValue();
                }
                JsonNode order = store.get("/v2/orders/" + id).json();
                int expectedStatus = statusTable.getOrDefault(so.status(), PLACED_STATUS);
                int actual = order.path("status_id").asInt();
                if (actual != expectedStatus) {
                    statusMismatches.add("order " + id + " (" + so.number() + " " + so.status() + "): store status "
                            + actual + ", expected " + expectedStatus);
                }
                String notes = order.path("staff_notes").asText("");
                List<String> wanted = new ArrayList<>(List.of(so.number()));
                wanted.addAll(so.invoices());
                for (String ref : wanted) {
                    if (!notes.contains(ref)) {
                        refsMissing.add("order " + id + ": staff notes lack " + ref);
                    }
                }
            }
        }

        /** Each paid order's staff notes name every payment of it on the connector's "Paid:" line. */
        void comparePayments(Map<Long, List<String>> paid) {
            paid.forEach((id, payments) -> {
                String line = store.get("/v2/orders/" + id).json().path("staff_notes").asText("").lines()
                        .filter(l -> l.startsWith("Paid: ")).findFirst().orElse("");
                payments.stream().filter(p -> !line.contains("payment " + p)).forEach(p ->
                        paymentNotesMissing.add("order " + id + ": staff notes lack payment " + p));
            });
        }

        private void compareShipment(long id, ShippingDesk.Shipment shipment, List<JsonNode> storeShipments) {
            String shipmentNbr = shipment.number();
            JsonNode mine = storeShipments.stream().filter(s -> marker(s).equals(shipmentNbr)).findFirst().orElse(null);
            if (mine == null) {
                shipmentMismatches.add("order " + id + ": " + shipmentNbr + " is not in the store");
                return;
            }
            Map<Long, Integer> have = new TreeMap<>();
            mine.path("items").forEach(i -> have.merge(i.path("order_product_id").asLong(), i.path("quantity").asInt(),
                    Integer::sum));
            if (!shipment.itemsByProduct().equals(have)) {
                shipmentMismatches.add("order " + id + ": " + shipmentNbr + " ships " + shipment.itemsByProduct()
                        + " in the back office, " + have + " in the store");
            }
            if (!shipment.tracking().equals(mine.path("tracking_number").asText())) {
                shipmentMismatches.add("order " + id + ": " + shipmentNbr + " tracking " + mine.path("tracking_number")
                        .asText() + ", expected " + shipment.tracking());
            }
            var carrier = carriers.carrier(shipment.shipVia());
            String provider = carrier.map(Carrier::shippingProvider).orElse(null);
            String trackingCarrier = carrier.map(Carrier::trackingCarrier).orElse(null);
            if (!mine.path("shipping_provider").asText("").equals(provider == null ? "" : provider)
                    || !mine.path("tracking_carrier").asText("").equals(trackingCarrier == null ? "" : trackingCarrier)) {
                shipmentMismatches.add("order " + id + ": " + shipmentNbr + " carrier " + mine.path("shipping_provider")
                        + "/" + mine.path("tracking_carrier") + ", expected " + provider + "/" + trackingCarrier);
            }
        }

        /** The back-office shipment number the connector's marker names, or the comments as they are. */
        private String marker(JsonNode storeShipment) {
            String comments = storeShipment.path("comments").asText("");
            String prefix = erp.markerName() + " shipment ";
            if (!comments.startsWith(prefix)) {
                return comments;
            }
            String rest = comments.substring(prefix.length());
            int end = rest.indexOf(';');
            return (end < 0 ? rest : rest.substring(0, end)).trim();
        }

        private List<JsonNode> list(String path) {
            ApiResponse response = BigCommerceClient.expect(store.get(path + "?limit=250"), "GET " + path, Set.of(200, 204));
            List<JsonNode> rows = new ArrayList<>();
            if (response.status() == 200) {
                response.json().forEach(rows::add);
            }
            return rows;
        }
    }
}
