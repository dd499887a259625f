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
import com.bcerp.local.runtime.LocalLambdaContext;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fulfilment scenario: orders placed in the store sandbox reach the Acumatica sandbox through the order flow;
 * there the warehouse ships some in full, some in two shipments (different carriers and tracking numbers), leaves
 * some partly shipped, invoices some, cancels some and puts some on hold. The fulfilment-sync handler then runs: once
 * dying right after the store created a shipment, once to recover, once after the second shipments and the invoices,
 * and once more to show that a re-run changes nothing. The store is then read through its own API, independently of
 * the connector, and compared with what Acumatica holds.
 */
public final class FulfilmentDemo {

    /** What happens to an order in the back office. */
    enum Plan { FULL, TWO_SHIPMENTS, INVOICED, CANCELLED, ON_HOLD, PARTIAL }

    /** The store status the demo's orders are placed in (Awaiting Fulfillment). */
    static final int PLACED_STATUS = 11;

    /** The claim lease the scenario runs with, so the run after the simulated crash can take the records over. */
    public static final Duration LEASE = Duration.ofSeconds(8);

    public record Result(int orders, Map<String, Integer> plans, long shipmentsExpected, long shipmentsInStore,
            long duplicateShipments, List<String> shipmentMismatches, List<String> statusMismatches,
            List<String> invoiceRefsMissing, long crashes, Map<String, Object> afterCrash, Map<String, Object> rerun,
            long echoesIgnored, long backOfficeWrites, long elapsedMs) {

        public boolean ok() {
            return orders > 0 && shipmentsExpected > 0 && shipmentsInStore == shipmentsExpected && duplicateShipments == 0
                    && shipmentMismatches.isEmpty() && statusMismatches.isEmpty() && invoiceRefsMissing.isEmpty()
                    && crashes == 1 && Long.valueOf(1).equals(afterCrash.get("shipments_found"))
                    && Long.valueOf(0).equals(rerun.get("shipments_created"))
                    && Long.valueOf(0).equals(rerun.get("statuses_set")) && backOfficeWrites == 0;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", "fulfilment");
            json.put("orders", orders);
            json.put("plans", plans);
            json.put("shipments_expected", shipmentsExpected);
            json.put("shipments_in_store", shipmentsInStore);
            json.put("duplicate_shipments", duplicateShipments);
            json.put("shipment_mismatches", shipmentMismatches);
            json.put("status_mismatches", statusMismatches);
            json.put("invoice_refs_missing", invoiceRefsMissing);
            json.put("crashes", crashes);
            json.put("run_after_crash", afterCrash);
            json.put("rerun", rerun);
            json.put("echoes_ignored", echoesIgnored);
            json.put("back_office_writes_during_fulfilment", backOfficeWrites);
            json.put("elapsed_ms", elapsedMs);
            json.put("ok", ok());
            return json;
        }

        public String toText() {
            return String.format("""
                    fulfilment demo: %d orders %s
                      shipments in Acumatica     %d
                      shipments in the store     %d (duplicates %d)
                      shipment mismatches        %s
                      status mismatches          %s
                      invoice references missing %s
                      simulated crashes          %d; the next run found %s shipment(s) it had made
                      re-run                     %s
                      store echoes ignored       %d; back-office writes during fulfilment %d
                      elapsed                    %d ms
                      %s""", orders, plans, shipmentsExpected, shipmentsInStore, duplicateShipments,
                    shipmentMismatches, statusMismatches, invoiceRefsMissing, crashes, afterCrash.get("shipments_found"),
                    rerun, echoesIgnored, backOfficeWrites, elapsedMs,
                    ok() ? "OK: the store shows every Acumatica shipment once, with the mapped statuses and references"
                            : "NOT OK");
        }
    }

    private FulfilmentDemo() {}

    public static Result run(LocalRuntime runtime, int count, long seed, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        AcumaticaSandbox erp = runtime.acumatica();
        String hash = runtime.bigcommerce().storeHash();
        List<OrderSeeder.Placed> placed = new OrderSeeder(runtime.bigcommerce(), seed).place(count);
        awaitImported(runtime, placed, timeout);

        Map<Long, Plan> plans = new TreeMap<>();
        Map<Long, JsonNode> salesOrders = salesOrders(erp, hash);
        for (int i = 0; i < placed.size(); i++) {
            plans.put(placed.get(i).id(), Plan.values()[i % Plan.values().length]);
        }
        // the warehouse's first day
        for (Map.Entry<Long, Plan> p : plans.entrySet()) {
            JsonNode so = salesOrders.get(p.getKey());
            String nbr = so.path("OrderNbr").path("value").asText();
            Map<Integer, BigDecimal> all = shippable(so);
            switch (p.getValue()) {
                case FULL -> ship(erp, nbr, "UPSGROUND", all, List.of("1Z" + p.getKey() + "A"));
                case INVOICED -> ship(erp, nbr, "FEDEX2DAY", all, List.of("7489" + p.getKey()));
                case TWO_SHIPMENTS -> ship(erp, nbr, "UPSGROUND", firstHalf(all), List.of("1Z" + p.getKey() + "B"));
                case PARTIAL -> ship(erp, nbr, "OWNFLEET", firstHalf(all), List.of("OF-" + p.getKey()));
                case CANCELLED -> erp.cancelOrder("SO", nbr);
                case ON_HOLD -> erp.holdOrder("SO", nbr);
            }
        }
        int writesBefore = backOfficeWrites(erp);
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
        for (Map.Entry<Long, Plan> p : plans.entrySet()) {
            JsonNode so = salesOrders(erp, hash).get(p.getKey());
            String nbr = so.path("OrderNbr").path("value").asText();
            if (p.getValue() == Plan.TWO_SHIPMENTS && !open(so).isEmpty()) {
                ship(erp, nbr, "DHL", open(so), List.of("JD" + p.getKey() + "1", "JD" + p.getKey() + "2"));
            } else if (p.getValue() == Plan.INVOICED) {
                erp.invoiceOrder("SO", nbr);
            }
        }
        run(handler);
        Map<String, Object> rerun = run(handler);
        awaitQuiet(runtime, timeout);
        int writes = backOfficeWrites(erp) - writesBefore;

        Check check = new Check(runtime, hash);
        check.compare(plans.keySet());
        Map<String, Integer> planCounts = new TreeMap<>();
        plans.values().forEach(p -> planCounts.merge(p.name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
        long echoes = 0;
        for (long id : plans.keySet()) {
            echoes += runtime.worker().state().history(OrderChanges.recordKey(hash, id)).stream()
                    .filter(r -> r.error() != null && r.error().contains("set by the connector itself")).count();
        }
        return new Result(placed.size(), planCounts, check.expected, check.inStore, check.duplicates,
                check.shipmentMismatches, check.statusMismatches, check.refsMissing, crashes.crashes() - crashesBefore,
                afterCrash, rerun, echoes, writes, (System.nanoTime() - start) / 1_000_000);
    }

    private static Map<String, Object> run(FulfilmentSyncHandler handler) {
        ScheduledEvent e = new ScheduledEvent();
        e.setSource("aws.scheduler");
        e.setDetailType("Scheduled Event");
        e.setDetail(Map.of());
        return handler.handleRequest(e, new LocalLambdaContext("fulfilment-sync", Duration.ofMinutes(15)));
    }

    private static void ship(AcumaticaSandbox erp, String nbr, String shipVia, Map<Integer, BigDecimal> lines,
            List<String> tracking) {
        erp.confirmShipment(erp.createShipment("SO", nbr, shipVia, lines, tracking));
    }

    /** The order's product lines (those carrying a store order product id) and their quantities. */
    private static Map<Integer, BigDecimal> shippable(JsonNode so) {
        Map<Integer, BigDecimal> lines = new LinkedHashMap<>();
        for (JsonNode line : so.path("Details")) {
            String item = line.path("InventoryID").path("value").asText();
            if (line.path("ExternalRef").path("value").asText("").matches("\\d+")
                    && !SandboxCatalog.CHARGE_ITEMS.contains(item)) {
                lines.put(line.path("LineNbr").path("value").asInt(), line.path("OrderQty").path("value").decimalValue());
            }
        }
        return lines;
    }

    /** What is still open to ship of the product lines. */
    private static Map<Integer, BigDecimal> open(JsonNode so) {
        Map<Integer, BigDecimal> lines = new LinkedHashMap<>();
        for (Map.Entry<Integer, BigDecimal> l : shippable(so).entrySet()) {
            for (JsonNode line : so.path("Details")) {
                BigDecimal open = line.path("OpenQty").path("value").decimalValue();
                if (line.path("LineNbr").path("value").asInt() == l.getKey() && open.signum() > 0) {
                    lines.put(l.getKey(), open);
                }
            }
        }
        return lines;
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

    /** The store's sales orders by store order id. */
    private static Map<Long, JsonNode> salesOrders(AcumaticaSandbox erp, String hash) {
        Map<Long, JsonNode> byStoreOrder = new HashMap<>();
        String prefix = "BC-" + hash + "-";
        for (JsonNode so : erp.salesOrders(Set.of("Details", "Shipments"))) {
            String ref = so.path("ExternalRef").path("value").asText("");
            if (so.path("OrderType").path("value").asText().equals("SO") && ref.startsWith(prefix)
                    && ref.substring(prefix.length()).matches("\\d+")) {
                byStoreOrder.put(Long.parseLong(ref.substring(prefix.length())), so);
            }
        }
        return byStoreOrder;
    }

    /** The connector's writes to Acumatica's orders and payments (Java-side warehouse actions are not calls). */
    private static int backOfficeWrites(AcumaticaSandbox erp) {
        return erp.calls().byRoute().entrySet().stream()
                .filter(e -> e.getKey().startsWith("PUT /SalesOrder") || e.getKey().startsWith("POST /SalesOrder/")
                        || e.getKey().startsWith("PUT /Payment") || e.getKey().startsWith("POST /Payment/"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    private static void awaitImported(LocalRuntime runtime, List<OrderSeeder.Placed> placed, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String hash = runtime.bigcommerce().storeHash();
        while (System.nanoTime() < deadline) {
            Map<Long, JsonNode> imported = salesOrders(runtime.acumatica(), hash);
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

    /** The store read through its own API with the admin account, compared with Acumatica's records. */
    private static final class Check {
        final BigCommerceClient store;
        final AcumaticaSandbox erp;
        final String hash;
        final FulfilmentSettings carriers = FulfilmentSettings.defaults();
        /** What the default status table means for Acumatica's words, written out here rather than read from the code under test. */
        final Map<String, Integer> statusTable = Map.of("Back Order", 3, "Completed", 2, "Invoiced", 10,
                "Cancelled", 5, "On Hold", 12);
        long expected;
        long inStore;
        long duplicates;
        final List<String> shipmentMismatches = new ArrayList<>();
        final List<String> statusMismatches = new ArrayList<>();
        final List<String> refsMissing = new ArrayList<>();

        Check(LocalRuntime runtime, String hash) {
            this.store = OrderSeeder.adminClient(runtime.bigcommerce(), RetryPolicy.standard());
            this.erp = runtime.acumatica();
            this.hash = hash;
        }

        void compare(Set<Long> orderIds) {
            Map<Long, JsonNode> salesOrders = salesOrders(erp, hash);
            Map<String, List<JsonNode>> shipmentsByOrder = new HashMap<>();
            for (JsonNode s : erp.shipments()) {
                String status = s.path("Status").path("value").asText();
                if (status.equals("Confirmed") || status.equals("Invoiced")) {
                    String nbr = s.path("Orders").path(0).path("OrderNbr").path("value").asText();
                    shipmentsByOrder.computeIfAbsent(nbr, k -> new ArrayList<>()).add(s);
                }
            }
            Map<String, List<String>> invoicesByRef = new HashMap<>();
            for (JsonNode inv : erp.salesInvoices()) {
                invoicesByRef.computeIfAbsent(inv.path("ExternalRef").path("value").asText(), k -> new ArrayList<>())
                        .add(inv.path("ReferenceNbr").path("value").asText());
            }
            for (long id : orderIds) {
                JsonNode so = salesOrders.get(id);
                String nbr = so.path("OrderNbr").path("value").asText();
                Map<Integer, Long> productOfLine = new HashMap<>();
                so.path("Details").forEach(l -> {
                    String ref = l.path("ExternalRef").path("value").asText("");
                    if (ref.matches("\\d+")) {
                        productOfLine.put(l.path("LineNbr").path("value").asInt(), Long.parseLong(ref));
                    }
                });
                List<JsonNode> storeShipments = list("/v2/orders/" + id + "/shipments");
                inStore += storeShipments.size();
                Map<String, Integer> markers = new HashMap<>();
                storeShipments.forEach(s -> markers.merge(marker(s), 1, Integer::sum));
                List<JsonNode> erpShipments = shipmentsByOrder.getOrDefault(nbr, List.of());
                expected += erpShipments.size();
                Set<String> known = new java.util.HashSet<>();
                for (JsonNode shipment : erpShipments) {
                    String shipmentNbr = shipment.path("ShipmentNbr").path("value").asText();
                    known.add(shipmentNbr);
                    compareShipment(id, shipment, shipmentNbr, productOfLine, storeShipments);
                }
                for (Map.Entry<String, Integer> m : markers.entrySet()) {
                    duplicates += known.contains(m.getKey()) ? m.getValue() - 1 : m.getValue();
                }
                JsonNode order = store.get("/v2/orders/" + id).json();
                String boStatus = so.path("Status").path("value").asText();
                int expectedStatus = statusTable.getOrDefault(boStatus, PLACED_STATUS);
                int actual = order.path("status_id").asInt();
                if (actual != expectedStatus) {
                    statusMismatches.add("order " + id + " (" + nbr + " " + boStatus + "): store status " + actual
                            + ", expected " + expectedStatus);
                }
                String notes = order.path("staff_notes").asText("");
                List<String> wanted = new ArrayList<>(List.of(nbr));
                wanted.addAll(invoicesByRef.getOrDefault(so.path("ExternalRef").path("value").asText(), List.of()));
                for (String ref : wanted) {
                    if (!notes.contains(ref)) {
                        refsMissing.add("order " + id + ": staff notes lack " + ref);
                    }
                }
            }
        }

        private void compareShipment(long id, JsonNode shipment, String shipmentNbr, Map<Integer, Long> productOfLine,
                List<JsonNode> storeShipments) {
            JsonNode mine = storeShipments.stream().filter(s -> marker(s).equals(shipmentNbr)).findFirst().orElse(null);
            if (mine == null) {
                shipmentMismatches.add("order " + id + ": " + shipmentNbr + " is not in the store");
                return;
            }
            Map<Long, Integer> want = new TreeMap<>();
            shipment.path("Details").forEach(d -> want.merge(productOfLine.get(d.path("OrderLineNbr").path("value").asInt()),
                    d.path("ShippedQty").path("value").decimalValue().intValue(), Integer::sum));
            Map<Long, Integer> have = new TreeMap<>();
            mine.path("items").forEach(i -> have.merge(i.path("order_product_id").asLong(), i.path("quantity").asInt(),
                    Integer::sum));
            if (!want.equals(have)) {
                shipmentMismatches.add("order " + id + ": " + shipmentNbr + " ships " + want + " in Acumatica, "
                        + have + " in the store");
            }
            String tracking = shipment.path("Packages").path(0).path("TrackingNbr").path("value").asText("");
            if (!tracking.equals(mine.path("tracking_number").asText())) {
                shipmentMismatches.add("order " + id + ": " + shipmentNbr + " tracking " + mine.path("tracking_number")
                        .asText() + ", expected " + tracking);
            }
            var carrier = carriers.carrier(shipment.path("ShipVia").path("value").asText());
            String provider = carrier.map(Carrier::shippingProvider).orElse(null);
            String trackingCarrier = carrier.map(Carrier::trackingCarrier).orElse(null);
            if (!mine.path("shipping_provider").asText("").equals(provider == null ? "" : provider)
                    || !mine.path("tracking_carrier").asText("").equals(trackingCarrier == null ? "" : trackingCarrier)) {
                shipmentMismatches.add("order " + id + ": " + shipmentNbr + " carrier " + mine.path("shipping_provider")
                        + "/" + mine.path("tracking_carrier") + ", expected " + provider + "/" + trackingCarrier);
            }
        }

        /** The Acumatica shipment number the connector's marker names, or the comments as they are. */
        private static String marker(JsonNode storeShipment) {
            String comments = storeShipment.path("comments").asText("");
            String prefix = "Acumatica shipment ";
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
