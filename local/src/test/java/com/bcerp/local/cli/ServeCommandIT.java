package com.bcerp.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.bigcommerce.webhook.WebhookReceiver;
import com.bcerp.config.DeploymentSettings;
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
 * {@code connector serve} as a program outside the project sees it: a separate process whose first line of standard
 * output describes the sandboxes; orders go in through the store sandbox's API and come out through the back
 * office sandbox's API, nothing else.
 */
class ServeCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path RUNTIME_FILE = Path.of("target", "serve-it-runtime.json").toAbsolutePath();
    private static Process serve;
    private static JsonNode info;

    /** {@code connector ops --runtime-file ... --json ARGS}, as a separate process; its standard output as JSON. */
    private static JsonNode ops(String... args) throws Exception {
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ConnectorCli.class.getName(), "ops",
                "--runtime-file", RUNTIME_FILE.toString(), "--json"));
        command.addAll(List.of(args));
        Process ops = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(ops.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ops.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ops.exitValue()).as("ops " + String.join(" ", args) + " exit code").isZero();
        return JSON.readTree(out);
    }

    @BeforeAll
    static void startServe() throws Exception {
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ConnectorCli.class.getName(), "serve",
                "--runtime-file", RUNTIME_FILE.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String first = stdout.readLine();
        assertThat(first).as("serve's first line of standard output").isNotNull().startsWith("{");
        info = JSON.readTree(first);
    }

    @AfterAll
    static void stopServe() throws Exception {
        serve.destroy();
        assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        assertThat(RUNTIME_FILE).as("serve removes the file ops found it by").doesNotExist();
    }

    @Test
    void ops_finds_this_serve_by_its_runtime_file_and_reports_status_errors_and_the_webhooks() throws Exception {
        assertThat(RUNTIME_FILE).exists();

        JsonNode status = ops("status");
        assertThat(status.get("store_hash").asText()).isEqualTo(info.get("bigcommerce_store_hash").asText());
        assertThat(status.get("cursors").findValuesAsText("name")).anyMatch(n -> n.startsWith("webhook-health#"));
        assertThat(status.get("dead_letters").get("visible").asInt()).isZero();
        assertThat(ops("errors").isArray()).isTrue();
        JsonNode webhooks = ops("register-webhooks");
        assertThat(webhooks.get("delivery_exception_hook").asText()).isEqualTo("unchanged");
        assertThat(webhooks.get("hooks").get("unchanged").size()).isEqualTo(WebhookReceiver.ORDER_SCOPES.size());
    }

    @Test
    void ops_check_runs_the_deployments_own_check_with_this_serves_variables_and_secrets() throws Exception {
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        Process ops = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ConnectorCli.class.getName(), "ops",
                "--runtime-file", RUNTIME_FILE.toString(), "--json", "check", "--orders", "20")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(ops.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ops.waitFor(120, TimeUnit.SECONDS)).isTrue();
        JsonNode report = JSON.readTree(out);

        // the exit says what the report says (other tests here place orders, so the recent orders may warn or fail)
        assertThat(ops.exitValue()).isEqualTo(report.get("ok").asBoolean() ? 0 : 1);
        Map<String, String> statuses = new java.util.HashMap<>();
        report.get("sections").forEach(section -> section.get("findings").forEach(f ->
                statuses.put(f.get("subject").asText(), f.get("status").asText())));
        assertThat(statuses).containsEntry("BigCommerce store " + info.get("bigcommerce_store_hash").asText(), "pass")
                .containsEntry("back office acumatica (acumatica)", "pass")
                // serve registered its hooks at its front door with its secret header: the check finds them there
                .containsEntry("webhooks", "pass");
        assertThat(report.get("orders_read").asInt()).isLessThanOrEqualTo(20);
        assertThat(out).doesNotContain(info.get("erp_password").asText(), info.get("bigcommerce_access_token").asText());
    }

    @Test
    void the_first_line_names_every_url_and_credential_a_client_needs() {
        for (String field : List.of("front_door_url", "bigcommerce_url", "bigcommerce_store_hash",
                "bigcommerce_access_token", "bigcommerce_client_secret", "erp_url", "erp_endpoint_version",
                "erp_username", "erp_password", "erp_client_id", "erp_client_secret", "skus")) {
            assertThat(info.hasNonNull(field)).as(field).isTrue();
        }
        assertThat(info.get("skus").size()).isGreaterThanOrEqualTo(3);
        // the queue pump takes the event source's values from where the stack does (the defaults: no config file)
        DeploymentSettings.OrderWorker deployed = DeploymentSettings.defaults().orderWorker();
        assertThat(info.get("order_worker").get("batch_size").asInt()).isEqualTo(deployed.batchSize()).isEqualTo(5);
        assertThat(info.get("order_worker").get("max_concurrency").asInt()).isEqualTo(deployed.maxConcurrency())
                .isEqualTo(2);
    }

    @Test
    void an_order_placed_in_the_store_appears_within_ten_seconds_as_one_sales_order_with_the_same_lines_and_total()
            throws Exception {
        JsonNode simple = info.get("products").get(0);
        JsonNode variant = info.get("products").get(info.get("products").size() - 1);
        Map<String, Object> address = Map.of("first_name", "Ada", "last_name", "Lovelace", "street_1", "12 Analytical Way",
                "city", "London", "zip", "N1 9GU", "country", "United Kingdom", "country_iso2", "GB",
                "email", "ada@example.com");
        Map<String, Object> order = Map.of(
                "customer_id", 0,
                "billing_address", address,
                "shipping_addresses", List.of(address),
                "products", List.of(
                        Map.of("product_id", simple.get("product_id").asLong(), "quantity", 2),
                        Map.of("product_id", variant.get("product_id").asLong(), "variant_id",
                                variant.get("variant_id").asLong(), "quantity", 1)),
                "shipping_cost_ex_tax", "7.50", "shipping_cost_inc_tax", "8.25",
                "discount_amount", "3.00");
        JsonNode created = storeCall("POST", "/v2/orders", order);
        long orderId = created.get("id").asLong();
        BigDecimal storeTotal = new BigDecimal(created.get("total_inc_tax").asText());

        String token = erpToken();
        JsonNode salesOrders = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            salesOrders = erpSalesOrders(token, orderId);
            if (salesOrders.size() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(salesOrders).as("sales orders for store order " + orderId + " within 10 s").hasSize(1);
        JsonNode so = salesOrders.get(0);
        assertThat(so.at("/OrderTotal/value").decimalValue()).isEqualByComparingTo(storeTotal);
        List<String> lines = new ArrayList<>();
        so.get("Details").forEach(d -> lines.add(d.at("/InventoryID/value").asText() + " x" + d.at("/OrderQty/value").asInt()));
        assertThat(lines).containsExactly(simple.get("sku").asText() + " x2", variant.get("sku").asText() + " x1");

        // the webhook was delivered once and no duplicate appears later
        Thread.sleep(1500);
        assertThat(erpSalesOrders(token, orderId)).hasSize(1);
    }

    @Test
    void a_delivery_with_a_wrong_signature_is_refused_with_401_and_creates_nothing() throws Exception {
        String body = "{\"scope\":\"store/order/created\",\"store_id\":\"1\",\"data\":{\"type\":\"order\",\"id\":424242},"
                + "\"hash\":\"0\",\"created_at\":" + (System.currentTimeMillis() / 1000) + ",\"producer\":\"stores/"
                + info.get("bigcommerce_store_hash").asText() + "\"}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(info.get("front_door_url").asText()))
                .header("Content-Type", "application/json")
                .header("webhook-id", "msg_forged")
                .header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                .header("webhook-signature", "v1,dGhpcyBpcyBub3QgYSBzaWduYXR1cmU=")
                .header(info.get("webhook_secret_header").asText(), info.get("webhook_secret").asText())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        Thread.sleep(1000);
        assertThat(erpSalesOrders(erpToken(), 424242)).isEmpty();
    }

    private static JsonNode storeCall(String method, String path, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(info.get("bigcommerce_url").asText()
                        + "/stores/" + info.get("bigcommerce_store_hash").asText() + path))
                .header("X-Auth-Token", info.get("bigcommerce_access_token").asText())
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static String erpToken() throws Exception {
        String form = "grant_type=password&scope=api&username=" + enc("erp_username") + "&password=" + enc("erp_password")
                + "&client_id=" + enc("erp_client_id") + "&client_secret=" + enc("erp_client_secret");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(info.get("erp_url").asText()
                        + "/identity/connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("token: " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static JsonNode erpSalesOrders(String token, long orderId) throws Exception {
        String query = "$filter=" + URLEncoder.encode("CustomerOrder eq '" + orderId + "'", StandardCharsets.UTF_8)
                .replace("+", "%20") + "&$expand=Details";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(info.get("erp_url").asText()
                        + "/entity/Default/" + info.get("erp_endpoint_version").asText() + "/SalesOrder?" + query))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("SalesOrder query: " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String enc(String field) {
        return URLEncoder.encode(info.get(field).asText(), StandardCharsets.UTF_8);
    }
}
