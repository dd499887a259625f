package com.bcerp.extensiv;

import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.fulfilment.BackOfficeShipment;
import com.bcerp.core.fulfilment.ShippedLine;
import com.bcerp.core.port.FulfilmentSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shipment confirmation, detailed: every package of a shipped warehouse order ({@code detail=All}:
 * {@code readOnly.packages[]} with their {@code orders/packagecontent}, erp-apis.md 10.3.5) is one store shipment of
 * exactly what it holds, line by line (a content's {@code orderItemId} is the order item, whose notes carry the store
 * line id), with its tracking number. Packages of an order the warehouse has not confirmed yet are not shipped. An
 * order confirmed with less packed than ordered shipped short and stays so: the rest never leaves.
 */
final class ExtensivFulfilment implements FulfilmentSource {

    private static final int IDS_PER_QUERY = 100;

    private final ExtensivOrders orders;

    ExtensivFulfilment(ExtensivOrders orders) {
        this.orders = orders;
    }

    @Override
    public String name() {
        return "Extensiv";
    }

    /** Orders of the prefix modified at or after {@code since} (whole seconds, UTC: the sandbox's reading, a guess). */
    @Override
    public List<BackOfficeOrder> changedSince(String externalRefPrefix, Instant since) {
        String time = LocalDateTime.ofInstant(since.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC).toString();
        return orders.query("referenceNum==" + ExtensivApi.rqlValue(externalRefPrefix + "*")
                + ";readOnly.lastModifiedDate=ge=" + time, "All", "readOnly.lastModifiedDate", "changed warehouse orders")
                .stream().map(ExtensivFulfilment::order).toList();
    }

    @Override
    public List<BackOfficeOrder> orders(Collection<String> ids) {
        List<String> numbers = ids.stream().filter(id -> id.matches("\\d{1,9}")).distinct().toList();
        List<BackOfficeOrder> out = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += IDS_PER_QUERY) {
            String in = String.join(",", numbers.subList(i, Math.min(numbers.size(), i + IDS_PER_QUERY)));
            orders.query("readOnly.orderId=in=(" + in + ")", "All", null, "warehouse orders " + in)
                    .forEach(o -> out.add(order(o)));
        }
        return out;
    }

    static BackOfficeOrder order(JsonNode order) {
        String id = ExtensivOrders.orderId(order);
        Map<String, JsonNode> items = new HashMap<>();
        ExtensivApi.embedded(order, "orders/item").forEach(i -> items.put(i.path("readOnly").path("orderItemId").asText(), i));
        boolean shipped = ExtensivOrders.state(order) == com.bcerp.core.backoffice.DocumentState.SHIPPED;
        List<BackOfficeShipment> shipments = new ArrayList<>();
        for (JsonNode pkg : order.path("readOnly").path("packages")) {
            List<ShippedLine> lines = new ArrayList<>();
            for (JsonNode content : ExtensivApi.embedded(pkg, "orders/packagecontent")) {
                String orderItemId = content.path("orderItemId").asText();
                JsonNode item = items.get(orderItemId);
                lines.add(new ShippedLine(orderItemId, item == null ? null : ExtensivOrders.storeLineRef(item),
                        item == null ? null : item.path("itemIdentifier").path("sku").asText(null),
                        new BigDecimal(content.path("qty").asText("0")), "packagecontent.orderItemId",
                        "packagecontent.qty"));
            }
            String tracking = pkg.path("trackingNumber").asText("");
            shipments.add(new BackOfficeShipment(id + "-" + pkg.path("packageId").asText(), shipped,
                    shipped ? "shipped" : ExtensivOrders.statusText(order), shipVia(order.path("routingInfo")),
                    tracking.isBlank() ? List.of() : List.of(tracking), lines));
        }
        return new BackOfficeOrder(id, id, order.path("referenceNum").asText(), ExtensivOrders.state(order),
                ExtensivOrders.statusText(order), shipments, List.of(), modified(order));
    }

    /** {@code Carrier/Mode} as the create wrote it, or the carrier alone. */
    static String shipVia(JsonNode routing) {
        String carrier = routing.path("carrier").asText("");
        String mode = routing.path("mode").asText("");
        if (carrier.isBlank()) {
            return null;
        }
        return mode.isBlank() ? carrier : carrier + "/" + mode;
    }

    private static Instant modified(JsonNode order) {
        String text = order.path("readOnly").path("lastModifiedDate").asText("");
        try {
            return text.endsWith("Z") || text.contains("+") ? Instant.parse(text)
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
