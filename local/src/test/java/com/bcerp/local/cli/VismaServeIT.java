package com.bcerp.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code connector serve --backoffice visma} as an outside program sees it: an order goes in through the store
 * sandbox's API and is read back through the Visma.net ERP API (a Visma Connect token for the tenant, then the
 * company's sales orders), with the URL, tenant and client the serve's first line names.
 */
class VismaServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process serve;
    private static JsonNode info;
    private static JsonNode visma;

    @BeforeAll
    static void startServe() throws Exception {
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ConnectorCli.class.getName(), "serve",
                "--backoffice", "visma", "--runtime-file", Path.of("target", "visma-serve-it-runtime.json")
                        .toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String first = stdout.readLine();
        assertThat(first).as("serve's first line of standard output").isNotNull().startsWith("{");
        info = JSON.readTree(first);
        visma = info.get("back_offices").get("visma");
    }

    @AfterAll
    static void stopServe() throws Exception {
        serve.destroy();
        assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
    }

    @Test
    void the_first_line_names_the_visma_url_token_url_tenant_client_id_and_secret() {
        assertThat(visma.get("type").asText()).isEqualTo("visma");
        assertThat(visma.get("url").asText()).startsWith("http://127.0.0.1:");
        assertThat(visma.get("settings").get("VISMA_TENANT_ID").asText()).isNotBlank();
        assertThat(visma.get("settings").get("VISMA_TOKEN_URL").asText()).endsWith("/connect/token");
        assertThat(visma.get("credentials").get("client_id").asText()).isNotBlank();
        assertThat(visma.get("credentials").get("client_secret").asText()).isNotBlank();
        assertThat(info.has("erp_username")).as("no Acumatica in this run").isFalse();
    }

    @Test
    void an_order_placed_in_the_store_appears_in_visma_once_with_its_lines_and_the_stores_total() throws Exception {
        JsonNode simple = info.get("products").get(0);
        JsonNode variant = info.get("products").get(info.get("products").size() - 1);
        Map<String, Object> address = Map.of("first_name", "Kari", "last_name", "Nordmann", "street_1", "Bryggen 4",
                "city", "Bergen", "zip", "5003", "country", "Norway", "country_iso2", "NO",
                "email", "kari.serve@example.com");
        Map<String, Object> order = Map.of(
                "customer_id", 0,
                "billing_address", address,
                "shipping_addresses", List.of(address),
                "products", List.of(
                        Map.of("product_id", simple.get("product_id").asLong(), "quantity", 2),
                        Map.of("product_id", variant.get("product_id").asLong(), "variant_id",
                                variant.get("variant_id").asLong(), "quantity", 1)),
                "shipping_cost_ex_tax", "7.50", "shipping_cost_inc_tax", "8.25");
        JsonNode created = storeCall("/v2/orders", order);
        long orderId = created.get("id").asLong();
        BigDecimal storeTotal = new BigDecimal(created.get("total_inc_tax").asText());

        String token = vismaToken();
        List<JsonNode> found = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            found = salesOrdersFor(token, orderId);
            if (!found.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(found).as("Visma sales orders for store order " + orderId + " within 15 s").hasSize(1);
        JsonNode so = found.get(0);
        assertThat(so.get("orderTotal").decimalValue()).isEqualByComparingTo(storeTotal);
        List<String> lines = new ArrayList<>();
        for (JsonNode line : so.get("lines")) {
            String note = line.path("note").asText();
            if (!note.equals("freight") && !note.equals("rounding")) {
                lines.add(line.path("inventory").path("number").asText() + " x" + line.path("quantity").asInt());
            }
        }
        assertThat(lines).containsExactly(simple.get("sku").asText() + " x2", variant.get("sku").asText() + " x1");
        assertThat(so.get("lines").findValuesAsText("note")).contains("freight");

        Thread.sleep(1500);
        assertThat(salesOrdersFor(token, orderId)).as("no duplicate later").hasSize(1);
    }

    private static JsonNode storeCall(String path, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(info.get("bigcommerce_url").asText()
                        + "/stores/" + info.get("bigcommerce_store_hash").asText() + path))
                .header("X-Auth-Token", info.get("bigcommerce_access_token").asText())
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** Visma Connect's client_credentials grant for the tenant the serve names. */
    private static String vismaToken() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(visma.get("credentials").get("client_id"))
                + "&client_secret=" + enc(visma.get("credentials").get("client_secret"))
                + "&tenant_id=" + enc(visma.get("settings").get("VISMA_TENANT_ID"))
                + "&scope=" + enc(JSON.getNodeFactory().textNode("vismanet_erp_service_api:read"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                        visma.get("settings").get("VISMA_TOKEN_URL").asText()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("token: " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /** Visma cannot filter sales orders by customerRefNo: an outside client reads the page and picks them out. */
    private static List<JsonNode> salesOrdersFor(String token, long orderId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(visma.get("url").asText()
                        + "/v1/salesorder?pageNumber=1&pageSize=100"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /v1/salesorder: " + response.body()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode so : JSON.readTree(response.body())) {
            if (so.path("customerRefNo").asText().endsWith("-" + orderId)) {
                mine.add(so);
            }
        }
        return mine;
    }

    private static String enc(JsonNode value) {
        return URLEncoder.encode(value.asText(), StandardCharsets.UTF_8);
    }
}
