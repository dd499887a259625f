package com.bcerp.local.demo;

import com.bcerp.core.port.BackOffice;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a demo run achieved, read from the systems themselves: each back office's sales orders, the store's call log,
 * the connector's parked records and dead-letter queue.
 */
public record DemoReport(
        int ordersCreated,
        int erpSalesOrders,
        int duplicates,
        int missing,
        int mismatchedTotals,
        int failed,
        int deadLettered,
        List<ParkedRecord> parked,
        double bcCallsPerOrder,
        double erpCallsPerOrder,
        long webhookDeliveries,
        long elapsedMs,
        List<BackOfficeCount> backOffices) {

    /** Calls the connector had made before the run (webhook registration, token), not counted per order. */
    public record Baseline(long bcCalls, long erpCalls) {
        public static Baseline of(LocalRuntime runtime) {
            return new Baseline(runtime.bigcommerce().calls().total(runtime.bigcommerce().connectorAccessToken()),
                    backOfficeCalls(runtime));
        }
    }

    /**
     * What one back office that takes the orders holds of them: {@code expected} are the orders in a status it imports
     * (a warehouse takes only its own, Extensiv Awaiting Fulfillment), {@code unexpected} those it holds though their
     * status is not one it imports; {@code missing} the expected orders it does not hold, by store order id.
     */
    public record BackOfficeCount(String name, String type, int expected, int present, int duplicates,
            int mismatchedTotals, int unexpected, List<Long> missing) {
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", type);
            json.put("expected", expected);
            json.put("sales_orders", present);
            json.put("duplicates", duplicates);
            json.put("mismatched_totals", mismatchedTotals);
            json.put("unexpected", unexpected);
            return json;
        }
    }

    /**
     * Reads every back office that takes the orders: an order counts as present when each of them that imports its
     * status holds it; duplicates, differing totals (where the back office keeps amounts) and orders a back office
     * holds in a status it does not import are counted in each.
     */
    public static DemoReport measure(LocalRuntime runtime, List<OrderSeeder.Placed> placed, Baseline baseline,
            long elapsedMs) {
        List<BackOfficeCount> counts = countEach(runtime, placed);
        Set<Long> missingIn = new HashSet<>();
        counts.forEach(c -> missingIn.addAll(c.missing()));
        List<ParkedRecord> parked = runtime.worker().state().parked();
        int deadLettered = runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl());
        int missing = missingIn.size();
        long bcCalls = runtime.bigcommerce().calls().total(runtime.bigcommerce().connectorAccessToken()) - baseline.bcCalls();
        long erpCalls = backOfficeCalls(runtime) - baseline.erpCalls();
        int n = Math.max(1, placed.size());
        return new DemoReport(placed.size(), placed.size() - missing,
                counts.stream().mapToInt(BackOfficeCount::duplicates).sum(), missing,
                counts.stream().mapToInt(BackOfficeCount::mismatchedTotals).sum(),
                Math.max(missing, parked.size() + deadLettered), deadLettered, parked, round(bcCalls / (double) n),
                round(erpCalls / (double) n), runtime.bigcommerce().deliveries().successes(), elapsedMs, counts);
    }

    /** What each back office that takes the orders holds of {@code placed}, by the status each order is in. */
    public static List<BackOfficeCount> countEach(LocalRuntime runtime, List<OrderSeeder.Placed> placed) {
        List<BackOfficeCount> counts = new ArrayList<>();
        for (String name : runtime.takingOrders()) {
            LocalBackOffice backOffice = runtime.backOffices().get(name);
            List<Integer> imports = importStatuses(runtime, name);
            Map<String, List<BigDecimal>> totals = backOffice.orderTotalsByStoreOrder();
            int expected = 0;
            int present = 0;
            int duplicates = 0;
            int mismatched = 0;
            int unexpected = 0;
            List<Long> missing = new ArrayList<>();
            for (OrderSeeder.Placed order : placed) {
                List<BigDecimal> found = totals.getOrDefault(Long.toString(order.id()), List.of());
                if (!imports.contains(order.statusId())) {
                    unexpected += found.isEmpty() ? 0 : 1;
                    continue;
                }
                expected++;
                if (found.isEmpty()) {
                    missing.add(order.id());
                    continue;
                }
                present++;
                duplicates += found.size() - 1;
                BigDecimal total = found.get(0);
                if (total != null && total.compareTo(order.totalIncTax().setScale(2, RoundingMode.HALF_UP)) != 0) {
                    mismatched++;
                }
            }
            counts.add(new BackOfficeCount(name, backOffice.type(), expected, present, duplicates, mismatched,
                    unexpected, List.copyOf(missing)));
        }
        return counts;
    }

    /** The store statuses a back office imports: its own (a warehouse's), else the config's import statuses. */
    private static List<Integer> importStatuses(LocalRuntime runtime, String name) {
        return runtime.worker().backOffices().stream().filter(b -> b.name().equals(name)).findFirst()
                .flatMap(BackOffice::importStatuses).orElse(runtime.config().statuses().importStatuses());
    }

    private static long backOfficeCalls(LocalRuntime runtime) {
        return runtime.backOffices().values().stream().mapToLong(LocalBackOffice::calls).sum();
    }

    /** The back office's sales orders by the store order id they carry ({@code CustomerOrder}). */
    public static Map<String, List<JsonNode>> salesOrdersByCustomerOrder(LocalRuntime runtime) {
        Map<String, List<JsonNode>> map = new HashMap<>();
        for (JsonNode so : runtime.acumatica().salesOrders()) {
            map.computeIfAbsent(so.path("CustomerOrder").path("value").asText(), k -> new ArrayList<>()).add(so);
        }
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Every order arrived, once, with the store's total, in each back office that imports its status, and nowhere else. */
    public boolean everyOrderExactlyOnce() {
        return ordersCreated > 0 && erpSalesOrders == ordersCreated && duplicates == 0 && failed == 0
                && mismatchedTotals == 0 && backOffices.stream().allMatch(b -> b.unexpected() == 0);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orders_created", ordersCreated);
        json.put("erp_sales_orders", erpSalesOrders);
        json.put("duplicates", duplicates);
        json.put("missing", missing);
        json.put("mismatched_totals", mismatchedTotals);
        json.put("failed", failed);
        json.put("dead_lettered", deadLettered);
        json.put("parked", parked.stream().map(p -> Map.of("record", p.recordKey(), "reason", p.reason())).toList());
        json.put("bc_calls_per_order", bcCallsPerOrder);
        json.put("erp_calls_per_order", erpCallsPerOrder);
        json.put("webhook_deliveries", webhookDeliveries);
        json.put("elapsed_ms", elapsedMs);
        Map<String, Object> each = new LinkedHashMap<>();
        backOffices.forEach(b -> each.put(b.name(), b.toJson()));
        json.put("back_offices", each);
        json.put("ok", everyOrderExactlyOnce());
        return json;
    }

    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Orders placed in the store:       %d%n", ordersCreated));
        if (backOffices.size() == 1) {
            s.append(String.format("Sales orders in the back office:  %d%n", erpSalesOrders));
        } else {
            s.append(String.format("In every back office:             %d%n", erpSalesOrders));
            for (BackOfficeCount b : backOffices) {
                s.append(String.format("  %-12s (%s): %d of %d expected, %d duplicates, %d totals differ, %d unexpected%n",
                        b.name(), b.type(), b.present(), b.expected(), b.duplicates(), b.mismatchedTotals(),
                        b.unexpected()));
            }
        }
        s.append(String.format("Duplicates:                       %d%n", duplicates));
        s.append(String.format("Missing:                          %d%n", missing));
        s.append(String.format("Totals that differ:               %d%n", mismatchedTotals));
        s.append(String.format("Failed (parked or dead-lettered): %d%n", failed));
        for (ParkedRecord p : parked) {
            s.append(String.format("  parked %s: %s%n", p.recordKey(), p.reason()));
        }
        s.append(String.format("Webhook deliveries accepted:      %d%n", webhookDeliveries));
        s.append(String.format("BigCommerce calls per order:      %.2f%n", bcCallsPerOrder));
        s.append(String.format("Back-office calls per order:      %.2f%n", erpCallsPerOrder));
        s.append(String.format("Elapsed:                          %.1f s%n", elapsedMs / 1000.0));
        s.append(everyOrderExactlyOnce() ? "Result: every order arrived exactly once.%n".formatted()
                : "Result: NOT every order arrived exactly once.%n".formatted());
        return s.toString();
    }
}
