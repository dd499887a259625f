package com.bcerp.local.runtime;

import com.bcerp.local.demo.BackOfficeBooks;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.customer.CustomerSync;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.http.JsonSupport;
import com.bcerp.local.ops.Operations;
import com.bcerp.local.ops.OpsTarget;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customer sync over HTTP in the local runtime: the store's customer changes through the BigCommerce sandbox's
 * Customers API, its webhooks reach the receiver, and the Acumatica customer is read through the Acumatica sandbox's
 * own contract-based API.
 */
class CustomerSyncIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("customer-sync-it");
        Path config = dir.resolve("connector.yaml");
        Files.writeString(config, """
                customers:
                  sync: true
                  group_classes: {"1": WEB}
                """);
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void a_store_customers_name_email_and_address_change_reaches_one_acumatica_customer_despite_duplicated_reordered_deliveries()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "ida." + run + "@example.com";
        assertThat(hookScopes()).as("registered with customers.sync on")
                .contains("store/customer/created", "store/customer/updated", "store/customer/address/updated");

        JsonNode created = store("POST", "/v3/customers", List.of(Map.of("email", email, "first_name", "Ida",
                "last_name", "Holm", "customer_group_id", 1, "addresses", List.of(Map.of("first_name", "Ida",
                        "last_name", "Holm", "address1", "1 Old Quay", "city", "Portland", "state_or_province", "Oregon",
                        "postal_code", "97201", "country_code", "US")))));
        long customerId = created.at("/data/0/id").asLong();
        long addressId = created.at("/data/0/addresses/0/id").asLong();
        String accountRef = "BC-" + runtime.bigcommerce().storeHash() + "-C" + customerId;
        awaitSettled();
        assertThat(acumaticaCustomers(accountRef)).as("not created before an order (create_without_orders false)").isEmpty();

        Map<String, Object> billing = Map.of("first_name", "Ida", "last_name", "Holm", "street_1", "1 Old Quay",
                "city", "Portland", "state", "Oregon", "zip", "97201", "country", "United States", "country_iso2", "US",
                "email", email);
        storeV2("POST", "/v2/orders", Map.of("customer_id", customerId, "billing_address", billing,
                "products", List.of(Map.of("product_id", runtime.bigcommerce().catalog().simpleItems().get(0).productId(),
                        "quantity", 1))));
        awaitSettled();
        assertThat(acumaticaCustomers(accountRef)).as("the order made the customer").hasSize(1);

        // every delivery three times, in shuffled order
        runtime.bigcommerce().faults().deliveriesPerEvent(3).shuffleDeliveries(true);
        try {
            String newEmail = "ida.berg." + run + "@example.com";
            store("PUT", "/v3/customers", List.of(Map.of("id", customerId, "last_name", "Holm-Berg",
                    "email", newEmail, "phone", "555-0142")));
            store("PUT", "/v3/customers/addresses", List.of(Map.of("id", addressId, "address1", "9 New Quay",
                    "postal_code", "97209")));
            awaitSettled();

            List<JsonNode> customers = acumaticaCustomers(accountRef);
            assertThat(customers).as("one Acumatica customer for the store customer").hasSize(1);
            JsonNode ida = customers.get(0);
            assertThat(ida.at("/CustomerName/value").asText()).isEqualTo("Ida Holm-Berg");
            assertThat(ida.at("/Email/value").asText()).isEqualTo(newEmail);
            assertThat(ida.at("/CustomerClass/value").asText()).as("store group 1 maps to WEB").isEqualTo("WEB");
            assertThat(ida.at("/MainContact/Phone1/value").asText()).isEqualTo("555-0142");
            assertThat(ida.at("/BillingContact/Address/AddressLine1/value").asText()).isEqualTo("9 New Quay");
            assertThat(ida.at("/ShippingContact/Address/PostalCode/value").asText()).isEqualTo("97209");
            assertThat(acumatica("Customer?$filter=" + enc("Email eq '" + email + "'"))).as("the old email is gone")
                    .isEmpty();

            List<Outcome> outcomes = runtime.worker().state()
                    .history(CustomerSync.recordKey(runtime.bigcommerce().storeHash(), customerId)).stream()
                    .map(AuditRecord::outcome).toList();
            assertThat(outcomes).as("duplicates find the work done").contains(Outcome.UPDATED, Outcome.ALREADY_SYNCED)
                    .doesNotContain(Outcome.PARKED, Outcome.CREATED);
            assertThat(outcomes.stream().filter(o -> o == Outcome.UPDATED).count()).as("at most one write per change")
                    .isBetween(1L, 2L);

            String key = CustomerSync.recordKey(runtime.bigcommerce().storeHash(), customerId);
            assertThat(new Operations(OpsTarget.of(runtime), Clock.systemUTC()).replay(key).note())
                    .contains("already synced");
            awaitSettled();
            assertThat(runtime.worker().state().history(key)).last().extracting(AuditRecord::outcome)
                    .isEqualTo(Outcome.ALREADY_SYNCED);
        } finally {
            runtime.bigcommerce().faults().reset();
        }
    }

    private static void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Thread.sleep(300); // the sandbox delivers asynchronously
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private static List<String> hookScopes() throws Exception {
        List<String> scopes = new ArrayList<>();
        JsonNode hooks = send("GET", "/v3/hooks", null, runtime.bigcommerce().connectorAccessToken(), 200);
        hooks.path("data").forEach(h -> scopes.add(h.path("scope").asText()));
        return scopes;
    }

    private static JsonNode store(String method, String path, Object body) throws Exception {
        return send(method, path, body, runtime.bigcommerce().adminAccessToken(), 200);
    }

    private static JsonNode storeV2(String method, String path, Object body) throws Exception {
        return send(method, path, body, runtime.bigcommerce().adminAccessToken(), 201);
    }

    private static JsonNode send(String method, String path, Object body, String token, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.bigcommerce().baseUrl() + "/stores/"
                + runtime.bigcommerce().storeHash() + path)).header("X-Auth-Token", token)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JsonSupport.write(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JsonSupport.MAPPER.readTree(response.body());
    }

    private static List<JsonNode> acumaticaCustomers(String accountRef) throws Exception {
        return acumatica("Customer?$filter=" + enc("AccountRef eq '" + accountRef + "'")
                + "&$expand=MainContact,BillingContact/Address,ShippingContact/Address");
    }

    /** As a person checking the connector's work would: a token of their own, the contract-based API. */
    private static List<JsonNode> acumatica(String pathAndQuery) {
        return new BackOfficeBooks.Acumatica(runtime.acumatica()).read(pathAndQuery);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
