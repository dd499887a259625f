package com.bcerp.local.demo;

import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.local.runtime.LocalRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a demo run achieved, read from the systems themselves: the back office's sales orders, the store's call log,
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
        long elapsedMs) {

    /** Calls the connector had made before the run (webhook registration, token), not counted per order. */
    public record Baseline(long bcCalls, long erpCalls) {
        public static Baseline of(LocalRuntime runtime) {
            return new Baseline(runtime.bigcommerce().calls().total(runtime.bigcommerce().connectorAccessToken()),
                    runtime.acumatica().calls().total());
        }
    }

    public static DemoReport measure(LocalRuntime runtime, List<OrderSeeder.Placed> placed, Baseline baseline,
            long elapsedMs) {
        Map<String, List<JsonNode>> byCustomerOrder = salesOrdersByCustomerOrder(runtime);
        int present = 0;
        int duplicates = 0;
        int mismatched = 0;
        for (OrderSeeder.Placed order : placed) {
            List<JsonNode> found = byCustomerOrder.getOrDefault(Long.toString(order.id()), List.of());
            if (!found.isEmpty()) {
                present++;
                duplicates += found.size() - 1;
                BigDecimal erpTotal = found.get(0).path("OrderTotal").path("value").decimalValue();
                if (erpTotal.compareTo(order.totalIncTax().setScale(2, RoundingMode.HALF_UP)) != 0) {
                    mismatched++;
                }
            }
        }
        List<ParkedRecord> parked = runtime.worker().state().parked();
        int deadLettered = runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl());
        int missing = placed.size() - present;
        long bcCalls = runtime.bigcommerce().calls().total(runtime.bigcommerce().connectorAccessToken()) - baseline.bcCalls();
        long erpCalls = runtime.acumatica().calls().total() - baseline.erpCalls();
        int n = Math.max(1, placed.size());
        return new DemoReport(placed.size(), present, duplicates, missing, mismatched,
                Math.max(missing, parked.size() + deadLettered), deadLettered, parked, round(bcCalls / (double) n),
                round(erpCalls / (double) n), runtime.bigcommerce().deliveries().successes(), elapsedMs);
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

    /** Every order arrived, once, with the store's total. */
    public boolean everyOrderExactlyOnce() {
        return ordersCreated > 0 && erpSalesOrders == ordersCreated && duplicates == 0 && failed == 0
                && mismatchedTotals == 0;
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
        json.put("ok", everyOrderExactlyOnce());
        return json;
    }

    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Orders placed in the store:       %d%n", ordersCreated));
        s.append(String.format("Sales orders in the back office:  %d%n", erpSalesOrders));
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
