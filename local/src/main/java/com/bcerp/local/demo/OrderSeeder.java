package com.bcerp.local.demo;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.RateLimitPacer;
import com.bcerp.http.ApiClient;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.RetryPolicy;
import com.bcerp.http.Sleeper;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Places demo orders through the store sandbox's own API, as a merchant's checkout would: returning customers and
 * guests, simple and variant SKUs, quantities, manual discounts and shipping. Deterministic for a given seed.
 */
public final class OrderSeeder {

    /** An order the store accepted, with the total it charged and its buyer (customer id 0: a guest). */
    public record Placed(long id, String email, BigDecimal totalIncTax, int lines, int statusId, long customerId) {}

    private static final String[] FIRST = {"Jane", "Omar", "Mei", "Lars", "Ana", "Kofi", "Priya", "Tom", "Ines", "Yuki"};
    private static final String[] LAST = {"Doe", "Haddad", "Chen", "Berg", "Silva", "Mensah", "Rao", "Reed", "Costa", "Sato"};
    private static final String[] SHIPPING = {"0.00", "4.99", "9.95", "12.50"};

    private final BigCommerceClient client;
    private final SandboxCatalog catalog;
    private final Random random;

    public OrderSeeder(BigCommerceSandbox store, long seed) {
        this(store, seed, RetryPolicy.standard());
    }

    /** @param retry how the admin account's calls are retried (a fault scenario may answer 429 for a while) */
    public OrderSeeder(BigCommerceSandbox store, long seed, RetryPolicy retry) {
        this.client = adminClient(store, retry);
        this.catalog = store.catalog();
        this.random = new Random(seed);
    }

    /** A client on the store's admin API account (the merchant's own, not the connector's). */
    static BigCommerceClient adminClient(BigCommerceSandbox store, RetryPolicy retry) {
        return new BigCommerceClient(new BigCommerceSettings(URI.create(store.baseUrl()), store.storeHash(),
                store.adminAccessToken()), new ApiClient("bigcommerce-admin", ApiClient.defaultHttpClient(),
                Duration.ofSeconds(30), retry, new RateLimitPacer(Clock.systemUTC(), Sleeper.THREAD)));
    }

    /** Places {@code count} orders; about a third of buyers come back, one in seven checks out as a guest. */
    public List<Placed> place(int count) {
        return place(count, 11, i -> false);
    }

    /**
     * @param statusId the status the orders are placed in (0: the checkout has not completed yet)
     * @param poison   which orders (by position) also get a line whose SKU the back office does not know
     */
    public List<Placed> place(int count, int statusId, IntPredicate poison) {
        int returning = Math.max(3, count / 3);
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean guest = random.nextInt(7) == 0;
            int customer = guest ? 0 : 1 + random.nextInt(returning);
            String email = guest ? "guest" + i + "@example.net" : "customer" + customer + "@example.com";
            Map<String, Object> order = order(customer, email);
            order.put("status_id", statusId);
            if (poison.test(i)) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> products = (List<Map<String, Object>>) order.get("products");
                SandboxCatalog.Item unknown = catalog.storeOnlyItem();
                products.add(Map.of("product_id", unknown.productId(), "quantity", 1));
            }
            placed.add(place(order));
        }
        return placed;
    }

    /** Places one order of the usual shapes by this buyer: a store customer, or a guest when {@code customerId} is 0. */
    public Placed placeBy(int customerId, String email) {
        return place(order(customerId, email));
    }

    /** Changes an order's status, as a merchant does in the control panel (the store raises its webhooks). */
    public void setStatus(long orderId, int statusId) {
        BigCommerceClient.expect(client.put("/v2/orders/" + orderId, Map.of("status_id", statusId)),
                "PUT /v2/orders/" + orderId, Set.of(200));
    }

    private Map<String, Object> order(int customerId, String email) {
        String first = FIRST[Math.floorMod(email.hashCode(), FIRST.length)];
        String last = LAST[Math.floorMod(email.hashCode() / 7, LAST.length)];
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("first_name", first);
        address.put("last_name", last);
        address.put("street_1", (10 + Math.floorMod(email.hashCode(), 900)) + " Market Street");
        address.put("city", "Austin");
        address.put("state", "Texas");
        address.put("zip", "78701");
        address.put("country", "United States");
        address.put("country_iso2", "US");
        address.put("email", email);
        address.put("phone", "5125550100");

        List<Map<String, Object>> products = new ArrayList<>();
        Set<String> chosen = new java.util.HashSet<>();
        int lines = 1 + random.nextInt(3);
        while (products.size() < lines) {
            List<SandboxCatalog.Item> pool = random.nextInt(5) < 2 ? catalog.variantItems() : catalog.simpleItems();
            SandboxCatalog.Item item = pool.get(random.nextInt(pool.size()));
            if (chosen.add(item.sku())) {
                products.add(Map.of("product_id", item.productId(), "variant_id", item.variantId(),
                        "quantity", 1 + random.nextInt(3)));
            }
        }
        Map<String, Object> shipTo = new LinkedHashMap<>(address);
        shipTo.put("shipping_method", "Flat Rate");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_id", customerId);
        body.put("status_id", 11);
        body.put("billing_address", address);
        body.put("shipping_addresses", List.of(shipTo));
        body.put("products", products);
        body.put("payment_method", "Credit Card");
        String shipping = SHIPPING[random.nextInt(SHIPPING.length)];
        body.put("shipping_cost_ex_tax", shipping);
        body.put("shipping_cost_inc_tax", new BigDecimal(shipping).multiply(new BigDecimal("1.10")).setScale(2,
                java.math.RoundingMode.HALF_UP).toPlainString());
        if (random.nextInt(10) < 3) {
            body.put("discount_amount", "5.00");
        }
        return body;
    }

    private Placed place(Map<String, Object> body) {
        ApiResponse response = BigCommerceClient.expect(client.post("/v2/orders", body), "POST /v2/orders", Set.of(201));
        JsonNode order = response.json();
        @SuppressWarnings("unchecked")
        List<Object> products = (List<Object>) body.get("products");
        return new Placed(order.path("id").asLong(), order.path("billing_address").path("email").asText(),
                new BigDecimal(order.path("total_inc_tax").asText()), products.size(), order.path("status_id").asInt(),
                order.path("customer_id").asLong());
    }
}
