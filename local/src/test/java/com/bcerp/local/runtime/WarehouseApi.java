package com.bcerp.local.runtime;

import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The Extensiv sandbox as an outside client reads it: its token exchange, orders and stock summaries, over HTTP. */
final class WarehouseApi {

    static final String ITEM_REL = "http://api.3plCentral.com/rels/orders/item";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WarehouseApi() {}

    /** The warehouse's orders with this referenceNum, with their lines and packages. */
    static List<JsonNode> orders(ExtensivSandbox sandbox, String referenceNum) throws Exception {
        JsonNode page = get(sandbox, "/orders?detail=All&rql=" + URLEncoder.encode("referenceNum==" + referenceNum,
                StandardCharsets.UTF_8));
        List<JsonNode> out = new ArrayList<>();
        page.path("_embedded").path("http://api.3plCentral.com/rels/orders/order").forEach(out::add);
        return out;
    }

    /** The item's {@code available} at the facility, as {@code GET /inventory/stocksummaries} lists it (0: no row). */
    static double available(ExtensivSandbox sandbox, int facility, String sku) throws Exception {
        JsonNode page = get(sandbox, "/inventory/stocksummaries?pgsiz=500&rql=" + URLEncoder.encode("facilityId=="
                + facility, StandardCharsets.UTF_8));
        for (JsonNode row : page.path("summaries")) {
            if (row.path("itemIdentifier").path("sku").asText().equals(sku)) {
                return row.path("available").asDouble();
            }
        }
        return 0;
    }

    private static JsonNode get(ExtensivSandbox sandbox, String pathAndQuery) throws Exception {
        var s = sandbox.settings();
        HttpClient http = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString((s.clientId() + ":" + s.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                + "/AuthServer/api/Token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"grant_type\":\"client_credentials\",\"user_login\":\"" + s.userLogin() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** "SKU xN" for each of the order's lines. */
    static List<String> skusAndQuantities(JsonNode warehouseOrder) {
        List<String> out = new ArrayList<>();
        warehouseOrder.path("_embedded").path(ITEM_REL).forEach(l -> out.add(
                l.path("itemIdentifier").path("sku").asText() + " x" + l.path("qty").asInt()));
        return out;
    }
}
