package com.bcerp.sandbox.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orders only a storefront makes, and what happens to orders afterwards, over real HTTP: every total adds up to what
 * the lines, charges and taxes say, in tax-exclusive and tax-inclusive stores and in another currency; edits, refunds,
 * captures and voids change the order as BigCommerce does and announce it with the webhooks BigCommerce sends.
 */
class OrderLifecycleIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    BigCommerceSandbox sandbox;
    HttpServer hooks;
    final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withStoreHash("lifecycle1")
                .withWebhookRetryTimeScale(0.001));
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/", exchange -> {
            events.add(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hooks.start();
        send("POST", "/v3/hooks", Json.write(Map.of("scope", "store/order/*", "destination",
                "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hooks", "is_active", true)), 200);
    }

    @AfterEach
    void stop() {
        sandbox.close();
        hooks.stop(0);
    }

    private List<SandboxCatalog.Item> simple() {
        return sandbox.catalog().simpleItems();
    }

    private Map<String, Object> address() {
        return Map.of("first_name", "Ada", "last_name", "Lovelace", "street_1", "1 Main St", "city", "Austin",
                "zip", "78701", "country_iso2", "US", "email", "ada@example.com");
    }

    private Map<String, Object> checkout(Map<String, Object> extra, Object... products) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("billing_address", address());
        Map<String, Object> shipTo = new LinkedHashMap<>(address());
        shipTo.put("shipping_method", "Flat Rate");
        shipTo.put("shipping_cost_ex_tax", "10.00");
        body.put("shipping_addresses", List.of(shipTo));
        body.put("products", List.of(products));
        body.putAll(extra);
        return body;
    }

    private JsonNode place(Map<String, Object> body) throws Exception {
        return json(send("POST", "/sandbox/checkouts", Json.write(body), 201));
    }

    /** Every line's discounted total with tax, plus every charge with tax: what the order's total must be. */
    private static BigDecimal sumOfParts(JsonNode order) {
        BigDecimal sum = BigDecimal.ZERO;
        JsonNode consignments = order.path("consignments");
        for (String kind : List.of("shipping", "downloads")) {
            for (JsonNode c : consignments.path(kind)) {
                for (JsonNode l : c.path("line_items")) {
                    sum = sum.add(new BigDecimal(l.path("discounted_total_inc_tax").asText()));
                }
            }
        }
        for (JsonNode c : consignments.path("email").path("gift_certificates")) {
            for (JsonNode l : c.path("line_items")) {
                sum = sum.add(new BigDecimal(l.path("discounted_total_inc_tax").asText()));
            }
        }
        for (String charge : List.of("shipping_cost_inc_tax", "handling_cost_inc_tax", "wrapping_cost_inc_tax")) {
            sum = sum.add(new BigDecimal(order.path(charge).asText()));
        }
        for (JsonNode fee : order.path("fees").isArray() ? order.path("fees") : Json.MAPPER.createArrayNode()) {
            sum = sum.add(new BigDecimal(fee.path("cost_inc_tax").asText()));
        }
        return sum;
    }

    @Test
    void a_checkout_of_every_shape_prices_each_part_and_adds_up_to_its_total() throws Exception {
        sandbox.store().productTaxClass(simple().get(1).productId(), StoreSettings.REDUCED);
        JsonNode order = place(checkout(Map.of(
                "coupons", List.of("SAVE10"),
                "gift_certificates", List.of(Map.of("amount", "25.00")),
                "fees", List.of(Map.of("display_name_customer", "Eco fee", "cost_ex_tax", "1.00", "tax_class_id", 0)),
                "payment", Map.of("gift_certificate", Map.of("code", "GC-1", "amount", "10.00"), "action", "authorize")),
                Map.of("product_id", simple().get(0).productId(), "quantity", 3),
                Map.of("product_id", simple().get(1).productId(), "quantity", 1,
                        "bundle", List.of(Map.of("product_id", simple().get(2).productId(), "quantity", 2))),
                Map.of("product_id", simple().get(3).productId(), "quantity", 1, "digital", true)));

        assertThat(new BigDecimal(order.path("total_inc_tax").asText())).isEqualByComparingTo(sumOfParts(order));
        assertThat(new BigDecimal(order.path("total_ex_tax").asText()).add(new BigDecimal(order.path("total_tax").asText())))
                .isEqualByComparingTo(new BigDecimal(order.path("total_inc_tax").asText()));
        JsonNode lines = order.path("consignments").path("shipping").get(0).path("line_items");
        // three units qualify for the promotion (10% off) and SAVE10 spreads 10% of the subtotal over the lines
        assertThat(lines.get(0).path("applied_discounts")).extracting(d -> d.path("id").asText())
                .containsExactly("promotion-1", "1");
        JsonNode bundle = lines.get(1);
        JsonNode component = lines.get(2);
        assertThat(component.path("parent_order_product_id").asLong()).isEqualTo(bundle.path("id").asLong());
        assertThat(component.path("is_bundled_product").asBoolean()).isTrue();
        assertThat(component.path("quantity").asInt()).isEqualTo(2);
        assertThat(component.path("total_inc_tax").asText()).isEqualTo("0.0000");
        JsonNode certificate = order.path("consignments").path("email").path("gift_certificates").get(0).path("line_items").get(0);
        assertThat(certificate.path("type").asText()).isEqualTo("giftcertificate");
        assertThat(certificate.path("total_tax").asText()).isEqualTo("0.0000");
        assertThat(order.path("consignments").path("downloads").get(0).path("line_items").get(0).path("type").asText())
                .isEqualTo("digital");
        assertThat(order.path("gift_certificate_amount").asText()).isEqualTo("10.0000");
        assertThat(order.path("payment_status").asText()).isEqualTo("authorized");

        long id = order.path("id").asLong();
        JsonNode taxes = json(send("GET", "/v2/orders/" + id + "/taxes?details=true", null, 200));
        BigDecimal taxSum = BigDecimal.ZERO;
        for (JsonNode t : taxes) {
            taxSum = taxSum.add(new BigDecimal(t.path("line_amount").asText()));
        }
        BigDecimal feeTax = new BigDecimal(order.path("fees").get(0).path("cost_tax").asText());
        assertThat(taxSum.add(feeTax)).as("the taxes, and the fee's own tax, are the order's").isEqualByComparingTo(
                new BigDecimal(order.path("total_tax").asText()));
        assertThat(taxes).extracting(t -> t.path("class").asText()).contains("Default Tax Class", "Reduced Rate", "Shipping");
        JsonNode transactions = json(send("GET", "/v3/orders/" + id + "/transactions", null, 200)).path("data");
        assertThat(transactions).extracting(t -> t.path("event").asText() + " " + t.path("gateway").asText())
                .containsExactly("purchase giftcertificate", "authorization braintree");
        assertThat(new BigDecimal(transactions.get(0).path("amount").asText()).add(new BigDecimal(transactions.get(1)
                .path("amount").asText()))).isEqualByComparingTo(new BigDecimal(order.path("total_inc_tax").asText())
                .setScale(2, RoundingMode.HALF_UP));
    }

    @Test
    void a_tax_inclusive_store_in_another_currency_backs_the_tax_out_of_its_prices_and_discounts() throws Exception {
        sandbox.store().taxInclusive(true);
        JsonNode order = place(checkout(Map.of("currency", "EUR", "coupons", List.of("TAKE5")),
                Map.of("product_id", simple().get(0).productId(), "quantity", 2)));
        SandboxCatalog.Item item = simple().get(0);

        assertThat(order.path("is_tax_inclusive_pricing").asBoolean()).isTrue();
        assertThat(order.path("currency_code").asText()).isEqualTo("EUR");
        assertThat(order.path("store_default_currency_code").asText()).isEqualTo("USD");
        assertThat(order.path("store_default_to_transactional_exchange_rate").asText()).isEqualTo("0.9200000000");
        JsonNode line = order.path("consignments").path("shipping").get(0).path("line_items").get(0);
        BigDecimal priceInc = item.price().multiply(new BigDecimal("0.92")).setScale(2, RoundingMode.HALF_UP);
        assertThat(new BigDecimal(line.path("price_inc_tax").asText())).isEqualByComparingTo(priceInc);
        assertThat(new BigDecimal(line.path("discounted_total_inc_tax").asText()))
                .isEqualByComparingTo(priceInc.multiply(BigDecimal.TWO).subtract(new BigDecimal("5.00")));
        assertThat(new BigDecimal(order.path("total_inc_tax").asText())).isEqualByComparingTo(sumOfParts(order));
    }

    @Test
    void an_edit_changes_quantities_drops_the_changed_lines_discounts_and_is_announced() throws Exception {
        JsonNode order = json(send("POST", "/v2/orders?include=consignments.line_items&consignment_structure=object",
                Json.write(Map.of("billing_address", address(), "shipping_addresses", List.of(address()),
                        "products", List.of(Map.of("product_id", simple().get(0).productId(), "quantity", 3),
                                Map.of("product_id", simple().get(1).productId(), "quantity", 1)),
                        "discount_amount", "6.00")), 201));
        long id = order.path("id").asLong();
        JsonNode lines = order.path("consignments").path("shipping").get(0).path("line_items");
        long first = lines.get(0).path("id").asLong();
        long second = lines.get(1).path("id").asLong();

        JsonNode edited = json(send("PUT", "/v2/orders/" + id, Json.write(Map.of("products", List.of(
                Map.of("id", first, "quantity", 2), Map.of("id", second, "quantity", 0),
                Map.of("product_id", simple().get(4).productId(), "quantity", 1)))), 200));

        JsonNode now = json(send("GET", "/v2/orders/" + id + "?include=consignments.line_items&consignment_structure=object",
                null, 200));
        JsonNode after = now.path("consignments").path("shipping").get(0).path("line_items");
        assertThat(after).extracting(l -> l.path("id").asLong()).contains(first).doesNotContain(second).hasSize(2);
        assertThat(after.get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(after.get(0).path("applied_discounts")).as("BigCommerce drops a changed line's discounts").isEmpty();
        assertThat(new BigDecimal(now.path("total_inc_tax").asText())).isEqualByComparingTo(sumOfParts(now));
        assertThat(edited.path("total_inc_tax").asText()).isEqualTo(now.path("total_inc_tax").asText());
        awaitEvent("store/order/updated", id);
    }

    @Test
    void refunds_follow_a_quote_refund_no_more_than_is_left_and_move_the_status() throws Exception {
        JsonNode order = place(checkout(Map.of(), Map.of("product_id", simple().get(0).productId(), "quantity", 2)));
        long id = order.path("id").asLong();
        JsonNode line = order.path("consignments").path("shipping").get(0).path("line_items").get(0);
        long address = order.path("consignments").path("shipping").get(0).path("id").asLong();
        List<Map<String, Object>> one = List.of(Map.of("item_type", "PRODUCT", "item_id", line.path("id").asLong(), "quantity", 1));

        JsonNode quote = json(send("POST", "/v3/orders/" + id + "/payment_actions/refund_quotes", Json.write(Map.of("items", one)), 201))
                .path("data");
        BigDecimal perUnit = new BigDecimal(line.path("discounted_total_inc_tax").asText()).divide(BigDecimal.TWO, 2, RoundingMode.HALF_UP);
        assertThat(quote.path("total_refund_amount").decimalValue()).isEqualByComparingTo(perUnit);
        assertThat(send("POST", "/v3/orders/" + id + "/payment_actions/refunds", Json.write(Map.of("items", one,
                "payments", List.of(Map.of("provider_id", "braintree", "amount", 1, "offline", false)))), 422)).contains("quote");

        JsonNode refund = json(send("POST", "/v3/orders/" + id + "/payment_actions/refunds", Json.write(Map.of("items", one,
                "payments", List.of(Map.of("provider_id", "braintree", "amount", perUnit, "offline", false)))), 201)).path("data");
        assertThat(json(send("GET", "/v2/orders/" + id, null, 200)).path("status_id").asInt()).isEqualTo(14);
        assertThat(send("POST", "/v3/orders/" + id + "/payment_actions/refund_quotes", Json.write(Map.of("items",
                List.of(Map.of("item_type", "PRODUCT", "item_id", line.path("id").asLong(), "quantity", 2)))), 422))
                .contains("1 units left");

        JsonNode rest = json(send("POST", "/v3/orders/" + id + "/payment_actions/refund_quotes", Json.write(Map.of("items", List.of(
                Map.of("item_type", "PRODUCT", "item_id", line.path("id").asLong(), "quantity", 1),
                Map.of("item_type", "SHIPPING", "item_id", address, "amount", new BigDecimal(order.path("shipping_cost_inc_tax").asText()))))), 201))
                .path("data");
        send("POST", "/v3/orders/" + id + "/payment_actions/refunds", Json.write(Map.of("items", List.of(
                Map.of("item_type", "PRODUCT", "item_id", line.path("id").asLong(), "quantity", 1),
                Map.of("item_type", "SHIPPING", "item_id", address, "amount", new BigDecimal(order.path("shipping_cost_inc_tax").asText()))),
                "payments", List.of(Map.of("provider_id", "braintree", "amount", rest.path("total_refund_amount").decimalValue(),
                        "offline", false)))), 201);

        JsonNode refunds = json(send("GET", "/v3/orders/" + id + "/payment_actions/refunds", null, 200)).path("data");
        assertThat(refunds).extracting(r -> r.path("id").asLong()).containsExactly(refund.path("id").asLong(),
                refund.path("id").asLong() + 1);
        BigDecimal refunded = refunds.get(0).path("total_amount").decimalValue().add(refunds.get(1).path("total_amount").decimalValue());
        assertThat(refunded).isEqualByComparingTo(new BigDecimal(order.path("total_inc_tax").asText()).setScale(2, RoundingMode.HALF_UP));
        assertThat(json(send("GET", "/v2/orders/" + id, null, 200)).path("status_id").asInt()).isEqualTo(4);
        assertThat(refunds.get(0).path("payments").get(0).path("is_declined").asBoolean()).isFalse();
        sandbox.declineRefund(id, refund.path("id").asLong()); // the provider declines it later
        JsonNode after = json(send("GET", "/v3/orders/" + id + "/payment_actions/refunds", null, 200)).path("data");
        assertThat(after.get(0).path("payments").get(0).path("is_declined").asBoolean()).isTrue();
        assertThat(after.get(0).path("payments").get(0).path("declined_message").asText()).isNotBlank();
        assertThat(after.get(1).path("payments").get(0).path("is_declined").asBoolean()).isFalse();
        JsonNode refundEvent = awaitEvent("store/order/refund/created", id);
        assertThat(refundEvent.path("data").path("refund").path("refund_id").asLong()).isEqualTo(refund.path("id").asLong());
        JsonNode transactionEvent = awaitEvent("store/order/transaction/created", id);
        assertThat(transactionEvent.path("data").has("id")).as("a transaction notice has no data.id").isFalse();
        assertThat(transactionEvent.path("data").path("order_id").asText()).isEqualTo(Long.toString(id));
    }

    @Test
    void an_authorisation_is_captured_or_voided_once_and_the_new_transaction_names_it() throws Exception {
        JsonNode captured = place(checkout(Map.of("payment", Map.of("action", "authorize")),
                Map.of("product_id", simple().get(0).productId(), "quantity", 1)));
        JsonNode voided = place(checkout(Map.of("payment", Map.of("action", "authorize")),
                Map.of("product_id", simple().get(0).productId(), "quantity", 1)));

        send("POST", "/v3/orders/" + captured.path("id").asLong() + "/payment_actions/capture", null, 201);
        send("POST", "/v3/orders/" + voided.path("id").asLong() + "/payment_actions/void", null, 201);

        JsonNode transactions = json(send("GET", "/v3/orders/" + captured.path("id").asLong() + "/transactions", null, 200))
                .path("data");
        assertThat(transactions.get(1).path("event").asText()).isEqualTo("capture");
        assertThat(transactions.get(1).path("reference_transaction_id").asLong()).isEqualTo(transactions.get(0).path("id").asLong());
        assertThat(send("POST", "/v3/orders/" + captured.path("id").asLong() + "/payment_actions/void", null, 422))
                .contains("no authorised payment");
        assertThat(json(send("GET", "/v2/orders/" + voided.path("id").asLong(), null, 200)).path("payment_status").asText())
                .isEqualTo("void");
    }

    @Test
    void a_capture_can_stay_pending_until_the_provider_settles_it_and_the_store_announces_both() throws Exception {
        sandbox.faults().capturesStayPending(true);
        long id = place(checkout(Map.of("payment", Map.of("action", "authorize")),
                Map.of("product_id", simple().get(0).productId(), "quantity", 1))).path("id").asLong();

        send("POST", "/v3/orders/" + id + "/payment_actions/capture", null, 201);
        assertThat(json(send("GET", "/v2/orders/" + id, null, 200)).path("payment_status").asText())
                .isEqualTo("capture pending");
        JsonNode transactions = json(send("GET", "/v3/orders/" + id + "/transactions", null, 200)).path("data");
        assertThat(transactions.get(1).path("event").asText()).as("listed while pending").isEqualTo("capture");
        assertThat(send("POST", "/v3/orders/" + id + "/payment_actions/capture", null, 422)).contains("no authorised payment");
        assertThat(awaitEvent("store/order/transaction/created", id, "capture").at("/data/transaction_status").asText())
                .isEqualTo("pending");

        sandbox.settleCapture(id);
        assertThat(json(send("GET", "/v2/orders/" + id, null, 200)).path("payment_status").asText()).isEqualTo("captured");
        JsonNode settled = awaitEvent("store/order/transaction/updated", id, "capture");
        assertThat(settled.path("data").path("transaction_id").asText()).isEqualTo(transactions.get(1).path("id").asText());
        assertThat(settled.path("data").path("transaction_status").asText()).isEqualTo("complete");
        assertThatThrownBy(() -> sandbox.settleCapture(id)).hasMessageContaining("no pending capture");
    }

    @Test
    void the_api_refuses_what_only_a_checkout_makes() throws Exception {
        assertThat(send("POST", "/v2/orders", Json.write(Map.of("billing_address", address(), "coupons", List.of("SAVE10"),
                "products", List.of(Map.of("product_id", simple().get(0).productId(), "quantity", 1)))), 400))
                .contains("checkout");
    }

    private JsonNode awaitEvent(String scope, long orderId) throws InterruptedException {
        return awaitEvent(scope, orderId, null);
    }

    /** @param transactionType for a transaction notice, its {@code transaction_type}; null for any */
    private JsonNode awaitEvent(String scope, long orderId, String transactionType) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : new ArrayList<>(events)) {
                JsonNode data = e.path("data");
                String order = data.has("order_id") ? data.path("order_id").asText() : data.path("id").asText();
                if (e.path("scope").asText().equals(scope) && order.equals(Long.toString(orderId)) && (transactionType == null
                        || transactionType.equals(data.path("transaction_type").asText()))) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + scope + " for order " + orderId + " in " + events);
    }

    private String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/stores/"
                + sandbox.storeHash() + path)).header("X-Auth-Token", sandbox.adminAccessToken())
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private static JsonNode json(String body) throws Exception {
        return Json.MAPPER.readTree(body);
    }
}
