package com.bcerp.bigcommerce;

import com.bcerp.core.fulfilment.FulfilmentOrder;
import com.bcerp.core.fulfilment.ShipmentDraft;
import com.bcerp.core.fulfilment.StoreShipment;
import com.bcerp.core.port.StoreFulfilment;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fulfilment in a BigCommerce store, over the V2 orders API: the order (status, staff notes) with its products by
 * consignment (the shipping address each ships to) in one call, the order's shipments ({@code /v2/orders/{id}/shipments}), creating one, and
 * {@code PUT /v2/orders/{id}} for the status and the staff notes.
 */
public final class BigCommerceFulfilment implements StoreFulfilment {

    /** The order with its products by consignment, each shipping consignment being one shipping address. */
    static final String CONSIGNMENTS = "?include=consignments.line_items&consignment_structure=object";
    /** The largest page the V2 order sub-collections serve. */
    static final int PAGE = 250;

    private final BigCommerceClient client;

    public BigCommerceFulfilment(BigCommerceClient client) {
        this.client = client;
    }

    @Override
    public Optional<FulfilmentOrder> order(long orderId) {
        ApiResponse response = BigCommerceClient.expect(client.get("/v2/orders/" + orderId + CONSIGNMENTS),
                "get order " + orderId, Set.of(200, 404));
        if (response.status() == 404) {
            return Optional.empty();
        }
        JsonNode order = response.json();
        List<FulfilmentOrder.Product> products = new ArrayList<>();
        JsonNode consignments = order.path("consignments");
        // a shipping consignment's id is its shipping address; the other consignments' lines do not ship
        for (JsonNode shipping : consignments.path("shipping")) {
            shipping.path("line_items").forEach(l -> products.add(product(l, shipping.path("id").asLong())));
        }
        for (String other : List.of("pickups", "downloads")) {
            consignments.path(other).forEach(c -> c.path("line_items").forEach(l -> products.add(product(l, 0))));
        }
        consignments.path("email").path("gift_certificates")
                .forEach(c -> c.path("line_items").forEach(l -> products.add(product(l, 0))));
        return Optional.of(new FulfilmentOrder(orderId, order.path("status_id").asInt(),
                order.path("staff_notes").asText(""), products));
    }

    @Override
    public List<StoreShipment> shipments(long orderId) {
        List<StoreShipment> shipments = new ArrayList<>();
        for (JsonNode s : pages("/v2/orders/" + orderId + "/shipments", "list the shipments of order " + orderId)) {
            shipments.add(shipment(s));
        }
        return shipments;
    }

    @Override
    public StoreShipment createShipment(long orderId, ShipmentDraft draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("order_address_id", draft.orderAddressId());
        body.put("items", draft.items().stream().map(i -> Map.of("order_product_id", i.orderProductId(),
                "quantity", i.quantity())).toList());
        body.put("tracking_number", draft.trackingNumber() == null ? "" : draft.trackingNumber());
        if (draft.shippingProvider() != null) {
            body.put("shipping_provider", draft.shippingProvider());
        }
        if (draft.trackingCarrier() != null) {
            body.put("tracking_carrier", draft.trackingCarrier());
        }
        if (draft.shippingMethod() != null) {
            body.put("shipping_method", draft.shippingMethod());
        }
        body.put("comments", draft.comments());
        // a POST that timed out may have created the shipment: the caller looks for it before trying again
        ApiResponse response = BigCommerceClient.expect(client.post("/v2/orders/" + orderId + "/shipments", body),
                "create a shipment of order " + orderId, Set.of(201, 200));
        return shipment(response.json());
    }

    @Override
    public void setStatus(long orderId, int statusId) {
        BigCommerceClient.expect(client.put("/v2/orders/" + orderId, Map.of("status_id", statusId)),
                "set the status of order " + orderId + " to " + statusId, Set.of(200));
    }

    @Override
    public void setStaffNotes(long orderId, String staffNotes) {
        BigCommerceClient.expect(client.put("/v2/orders/" + orderId, Map.of("staff_notes", staffNotes)),
                "write the staff notes of order " + orderId, Set.of(200));
    }

    /** Every row of a V2 order sub-collection, page by page (204: none, or past the last page). */
    private List<JsonNode> pages(String path, String call) {
        List<JsonNode> rows = new ArrayList<>();
        for (int page = 1; ; page++) {
            ApiResponse response = BigCommerceClient.expect(client.get(path + "?limit=" + PAGE + "&page=" + page), call,
                    Set.of(200, 204));
            if (response.status() == 204) {
                return rows;
            }
            JsonNode list = response.json();
            list.forEach(rows::add);
            if (list.size() < PAGE) {
                return rows;
            }
        }
    }

    private static FulfilmentOrder.Product product(JsonNode line, long addressId) {
        return new FulfilmentOrder.Product(line.path("id").asLong(), line.path("sku").asText(null),
                line.path("quantity").decimalValue(), addressId, line.path("product_id").asLong() == 0);
    }

    private static StoreShipment shipment(JsonNode s) {
        List<StoreShipment.Item> items = new ArrayList<>();
        s.path("items").forEach(i -> items.add(new StoreShipment.Item(i.path("order_product_id").asLong(),
                i.path("quantity").asInt())));
        return new StoreShipment(s.path("id").asLong(), s.path("order_address_id").asLong(),
                s.path("tracking_number").asText(""), blankToNull(s.path("shipping_provider").asText("")),
                blankToNull(s.path("tracking_carrier").asText("")), s.path("comments").asText(""), items);
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
