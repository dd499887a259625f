package com.bcerp.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.CatalogSyncHandler;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import com.bcerp.sandbox.visma.VismaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalogue from Visma.net ERP and from Uniconta, through the real catalog-sync handler in the local runtime: the
 * merchant renames an item and changes its price in the back office, through the back office's own API; the next run
 * brings both to the store product, read back through the store's API; a run after that writes nothing.
 */
class ErpCatalogueIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"visma", "uniconta"})
    void a_renamed_and_repriced_item_reaches_the_store_product_and_the_next_run_writes_nothing(String type)
            throws Exception {
        Path dir = Files.createTempDirectory("erp-catalogue-it-" + type);
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                back_offices:
                  systems:
                    %1$s: %1$s
                  flows:
                    orders: [%1$s]
                    catalog: %1$s
                catalog:
                  cursor_overlap_seconds: 0
                """.formatted(type));
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config))) {
            BigCommerceSandbox store = runtime.bigcommerce();
            CatalogSyncHandler catalog = new CatalogSyncHandler(runtime.worker().catalogSync(),
                    runtime.worker().priceListSync(), SyncProgress.NONE);
            SandboxCatalog.Item item = store.catalog().simpleItems().get(5);
            sync(catalog); // the first pass brings the store to the back office's fields

            String name = "Catalogue IT " + type + " item";
            switch (runtime.backOffices().get(type)) {
                case LocalBackOffice.Visma v -> renameInVisma(v.sandbox(), item.sku(), name, "77.25");
                case LocalBackOffice.Uniconta u -> renameInUniconta(u.sandbox(), item.sku(), name, "77.25");
                default -> throw new IllegalStateException(type);
            }

            Map<String, Object> changed = sync(catalog);

            assertThat(changed).doesNotContainKey("error");
            assertThat(changed.get("products_updated")).as("the one item changed").isEqualTo(1L);
            JsonNode product = storeProduct(store, item.sku());
            assertThat(product.path("name").asText()).isEqualTo(name);
            assertThat(product.path("price").decimalValue()).isEqualByComparingTo("77.25");

            long writesBefore = catalogueUpdates(store);
            Map<String, Object> again = sync(catalog);

            assertThat(again).doesNotContainKey("error");
            assertThat(again).containsEntry("products_created", 0L).containsEntry("products_updated", 0L)
                    .containsEntry("variants_created", 0L).containsEntry("variants_updated", 0L);
            assertThat(catalogueUpdates(store) - writesBefore).as("store catalogue writes on the second run").isZero();
            assertThat(storeProduct(store, item.sku()).path("name").asText()).isEqualTo(name);
        }
    }

    private static Map<String, Object> sync(CatalogSyncHandler catalog) {
        return catalog.handleRequest(new ScheduledEvent(), new LocalLambdaContext("catalog-sync", Duration.ofMinutes(15)));
    }

    /**
     * The connector's requests that change the store's catalogue: product and variant updates, options and their
     * values (a create the store refuses, such as a back-office item whose SKU is a store variant's, changes nothing
     * and is counted by the report's parked, not here).
     */
    private static long catalogueUpdates(BigCommerceSandbox store) {
        return store.calls().byEndpoint(store.connectorAccessToken()).entrySet().stream()
                .filter(e -> e.getKey().contains("/v3/catalog/") && !e.getKey().equals("POST /v3/catalog/products")
                        && (e.getKey().startsWith("PUT ") || e.getKey().startsWith("POST ")
                                || e.getKey().startsWith("DELETE ")))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** {@code GET /v3/catalog/products?sku:in=} as the merchant's own API client reads it. */
    private static JsonNode storeProduct(BigCommerceSandbox store, String sku) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(store.baseUrl() + "/stores/"
                + store.storeHash() + "/v3/catalog/products?sku:in=" + URLEncoder.encode(sku, StandardCharsets.UTF_8)))
                .header("X-Auth-Token", store.adminAccessToken()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(answer.body()).path("data");
        assertThat(data).as("store products with SKU %s", sku).hasSize(1);
        return data.get(0);
    }

    /** A Visma Connect token, then {@code PUT /v1/inventory/{nbr}} with the item's new description and default price. */
    private static void renameInVisma(VismaSandbox visma, String sku, String name, String price) throws Exception {
        VismaSandbox.Settings s = visma.settings();
        String form = "grant_type=client_credentials&client_id=" + enc(s.clientId()) + "&client_secret="
                + enc(s.clientSecret()) + "&tenant_id=" + enc(s.tenantId()) + "&scope="
                + enc("vismanet_erp_service_api:read vismanet_erp_service_api:update");
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(visma.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String bearer = JSON.readTree(token.body()).path("access_token").asText();
        ObjectNode body = JSON.createObjectNode();
        body.putObject("description").put("value", name);
        body.putObject("defaultPrice").put("value", new java.math.BigDecimal(price));
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(visma.baseUrl() + "/v1/inventory/"
                + enc(sku))).header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
    }

    /** {@code Read/InvItemClient} for the row, then {@code Update/InvItemClient} with it renamed and repriced. */
    private static void renameInUniconta(UnicontaSandbox uniconta, String sku, String name, String price)
            throws Exception {
        UnicontaSandbox.Settings s = uniconta.settings();
        String basic = "Basic " + Base64.getEncoder().encodeToString((s.loginName() + ":" + s.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(uniconta.baseUrl()
                + "/api/Entities/Read/InvItemClient?Name=Item&Value=" + enc(sku))).header("Authorization", basic)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        ObjectNode row = (ObjectNode) JSON.readTree(read.body()).get(0);
        row.put("Name", name).put("SalesPrice1", new java.math.BigDecimal(price));
        HttpResponse<String> update = HTTP.send(HttpRequest.newBuilder(URI.create(uniconta.baseUrl()
                + "/api/Entities/Update/InvItemClient")).header("Authorization", basic)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(row))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
