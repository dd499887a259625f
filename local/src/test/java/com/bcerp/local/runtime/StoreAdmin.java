package com.bcerp.local.runtime;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The store's staff, through the store sandbox's admin API account: what the runtime ITs do to orders. */
final class StoreAdmin {

    private final BigCommerceClient client;

    private StoreAdmin(BigCommerceClient client) {
        this.client = client;
    }

    static StoreAdmin of(LocalRuntime runtime) {
        return new StoreAdmin(BigCommerceClient.create(new BigCommerceSettings(URI.create(runtime.bigcommerce().baseUrl()),
                runtime.bigcommerce().storeHash(), runtime.bigcommerce().adminAccessToken())));
    }

    JsonNode get(String path) {
        return BigCommerceClient.expect(client.get(path), "GET " + path, Set.of(200)).json();
    }

    JsonNode post(String path, Object body) {
        return BigCommerceClient.expect(client.post(path, body), "POST " + path, Set.of(200, 201)).json();
    }

    void put(String path, Object body) {
        BigCommerceClient.expect(client.put(path, body), "PUT " + path, Set.of(200));
    }

    /** The order with its consignments' line items. */
    JsonNode order(long id) {
        return get("/v2/orders/" + id + "?include=consignments.line_items&consignment_structure=object");
    }

    /** A refund of one unit of the line, paid back as the store's quote for it says. */
    JsonNode refundOneUnit(long orderId, long lineId) {
        List<Map<String, Object>> items = List.of(Map.of("item_type", "PRODUCT", "item_id", lineId, "quantity", 1));
        JsonNode method = post("/v3/orders/" + orderId + "/payment_actions/refund_quotes", Map.of("items", items))
                .path("data").path("refund_methods").get(0).get(0);
        return post("/v3/orders/" + orderId + "/payment_actions/refunds", Map.of("items", items, "payments",
                List.of(Map.of("provider_id", method.path("provider_id").asText(), "amount",
                        method.path("amount").decimalValue(), "offline", false)))).path("data");
    }
}
