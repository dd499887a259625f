package com.bcerp.local.demo;

import static com.bcerp.local.demo.OrderShapes.map;
import static com.bcerp.local.demo.OrderShapes.order;
import static com.bcerp.local.demo.OrderShapes.product;
import static com.bcerp.local.demo.OrderShapes.with;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.core.order.OrderImport;
import com.bcerp.core.payment.PaymentSync;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.bigcommerce.StoreSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle demo: orders of every shape placed in the BigCommerce sandbox, then some edited, cancelled and
 * refunded, and authorisations captured and voided, all through the store's API, as a merchant's staff and tools
 * would. Two orders are unmappable on purpose (a SKU the back office does not carry; cash on delivery, whose gateway
 * the scenario's config leaves unmapped): their parked records are the expected ones.
 */
public final class LifecycleScenario {

    /** An order the store accepted. */
    public record Placed(String shape, long id) {}

    /**
     * What was done to the orders after they were placed, by kind, and how many changes were made to the store's
     * registered customers (a name, email and phone change, an address change).
     */
    public record Actions(int edits, int cancellations, int refunds, int captures, int voids, int customerChanges) {}

    /** A registered store customer the scenario made (customers.create_without_orders: the webhook creates it). */
    public record StoreCustomer(long id, long addressId) {}

    private final BigCommerceSandbox store;
    private final BigCommerceClient admin;
    private final SandboxCatalog catalog;
    private final Set<String> expectedParked = new LinkedHashSet<>();
    private final List<StoreCustomer> customers = new ArrayList<>();

    public LifecycleScenario(BigCommerceSandbox store) {
        this.store = store;
        this.catalog = store.catalog();
        this.admin = BigCommerceClient.create(new BigCommerceSettings(URI.create(store.baseUrl()), store.storeHash(),
                store.adminAccessToken()));
    }

    /** The records that are to park, by design: the unmappable orders'. */
    public Set<String> expectedParked() {
        return expectedParked;
    }

    /** The registered customers the scenario made in the store. */
    public List<StoreCustomer> customers() {
        return customers;
    }

    /**
     * Places one order of every shape, a second authorisation (to void), and the two unmappable ones; and registers
     * two store customers who have not ordered (a consumer, and a trade buyer in customer group 1).
     */
    public List<Placed> place() {
        for (int i = 0; i < 2; i++) {
            JsonNode made = post("/v3/customers", List.of(map("email", "member" + i + "@example.com", "first_name",
                    "Mia", "last_name", "Member" + i, "customer_group_id", i, "addresses", List.of(map("first_name",
                            "Mia", "last_name", "Member" + i, "address1", i + " Harbour Road", "city", "Portland",
                            "state_or_province", "Oregon", "postal_code", "97201", "country_code", "US")))));
            customers.add(new StoreCustomer(made.at("/data/0/id").asLong(), made.at("/data/0/addresses/0/id").asLong()));
        }
        store.store().productTaxClass(catalog.simpleItems().get(1).productId(), StoreSettings.REDUCED);
        List<OrderShapes.Shape> shapes = new ArrayList<>(OrderShapes.every(catalog));
        shapes.add(new OrderShapes.Shape("authorised-to-void", true, shapes.stream()
                .filter(s -> s.name().equals("authorised")).findFirst().orElseThrow().body()));
        // paid through the gateway whose orders the scenario's config invoices (invoices.methods)
        shapes.add(new OrderShapes.Shape("invoiced", true, with(OrderShapes.checkout(List.of(product(
                catalog.simpleItems().get(11), 2))), "payment", map("gateway", "paypal", "action", "purchase"))));
        List<Placed> placed = new ArrayList<>();
        for (OrderShapes.Shape shape : shapes) {
            store.store().taxInclusive(shape.name().startsWith("tax-inclusive"));
            try {
                placed.add(new Placed(shape.name(), post(shape.checkout() ? "/sandbox/checkouts" : "/v2/orders",
                        shape.body()).path("id").asLong()));
            } finally {
                store.store().taxInclusive(false);
            }
        }
        long unknownSku = post("/v2/orders", order(11, List.of(product(catalog.simpleItems().get(3), 1),
                product(catalog.storeOnlyItem(), 1)), "5.00")).path("id").asLong();
        placed.add(new Placed("unknown-sku", unknownSku));
        expectedParked.add(OrderImport.recordKey(store.storeHash(), unknownSku));
        long cash = post("/v2/orders", with(order(11, List.of(product(catalog.simpleItems().get(6), 1)), "5.00"),
                "payment_method", "Cash on Delivery")).path("id").asLong();
        placed.add(new Placed("cash-on-delivery", cash));
        expectedParked.add(PaymentSync.recordKey(store.storeHash(), cash));
        return placed;
    }

    /** Edits, cancels, refunds, captures and voids some of the orders. */
    public Actions act(List<Placed> placed) {
        Map<String, Long> ids = new LinkedHashMap<>();
        placed.forEach(p -> ids.put(p.shape(), p.id()));
        int edits = 0;
        int cancellations = 0;
        int refunds = 0;
        // edits: one unit fewer; a line up, one removed and a product added; a product added
        edit(ids.get("simple"), List.of(map("id", lineId(ids.get("simple"), 0), "quantity", 1)));
        edit(ids.get("manual-discount"), List.of(map("id", lineId(ids.get("manual-discount"), 0), "quantity", 5),
                map("id", lineId(ids.get("manual-discount"), 1), "quantity", 0), product(catalog.simpleItems().get(11), 1)));
        edit(ids.get("variants"), List.of(product(catalog.simpleItems().get(12), 2)));
        edits += 3;
        for (String shape : List.of("coupon-TAKE5", "handling-and-wrapping")) {
            put("/v2/orders/" + ids.get(shape), map("status_id", 5));
            cancellations++;
        }
        refund(ids.get("coupon-SAVE10"), List.of(map("item_type", "PRODUCT", "item_id", lineId(ids.get("coupon-SAVE10"), 0),
                "quantity", 1)));
        long fees = ids.get("fees");
        refund(fees, List.of(map("item_type", "SHIPPING", "item_id", addressId(fees), "amount", storeOrder(fees)
                .path("shipping_cost_inc_tax").asText()), map("item_type", "ORDER", "item_id", fees, "amount", "4.00")));
        refund(ids.get("bundle"), List.of(map("item_type", "PRODUCT", "item_id", lineId(ids.get("bundle"), 0), "quantity", 1)));
        long eur = ids.get("currency-eur");
        refund(eur, List.of(map("item_type", "PRODUCT", "item_id", lineId(eur, 0), "quantity", 2),
                map("item_type", "SHIPPING", "item_id", addressId(eur), "amount", storeOrder(eur).path("shipping_cost_inc_tax").asText())));
        long promotion = ids.get("promotion");
        refund(promotion, List.of(map("item_type", "PRODUCT", "item_id", lineId(promotion, 0), "quantity", 1)));
        refund(promotion, List.of(map("item_type", "PRODUCT", "item_id", lineId(promotion, 1), "quantity", 1)));
        refunds += 6;
        post("/v3/orders/" + ids.get("authorised") + "/payment_actions/capture", null);
        post("/v3/orders/" + ids.get("authorised-to-void") + "/payment_actions/void", null);
        int customerChanges = 0;
        for (StoreCustomer c : customers) {
            put("/v3/customers", List.of(map("id", c.id(), "last_name", "Married" + c.id(), "email",
                    "mia.married" + c.id() + "@example.com", "phone", "555-01" + c.id())));
            put("/v3/customers/addresses", List.of(map("id", c.addressId(), "address1", c.id() + " New Street")));
            customerChanges += 2;
        }
        return new Actions(edits, cancellations, refunds, 1, 1, customerChanges);
    }

    private void edit(long id, List<Map<String, Object>> products) {
        put("/v2/orders/" + id, map("products", products));
    }

    /** A refund of these items, paid back as a quote for them says (its first refund method). */
    private void refund(long id, List<Map<String, Object>> items) {
        JsonNode quote = post("/v3/orders/" + id + "/payment_actions/refund_quotes", map("items", items)).path("data");
        JsonNode method = quote.path("refund_methods").get(0).get(0);
        post("/v3/orders/" + id + "/payment_actions/refunds", map("items", items, "payments", List.of(map(
                "provider_id", method.path("provider_id").asText(), "amount", method.path("amount").decimalValue(),
                "offline", false))));
    }

    JsonNode storeOrder(long id) {
        return BigCommerceClient.expect(admin.get("/v2/orders/" + id + "?include=consignments.line_items,fees"
                + "&consignment_structure=object"), "get order " + id, Set.of(200)).json();
    }

    /** The order's {@code index}-th line, by id. */
    private long lineId(long orderId, int index) {
        List<JsonNode> lines = new ArrayList<>();
        storeOrder(orderId).path("consignments").findValues("line_items").forEach(items -> items.forEach(lines::add));
        lines.sort(Comparator.comparingLong(l -> l.path("id").asLong()));
        return lines.get(index).path("id").asLong();
    }

    private long addressId(long orderId) {
        return storeOrder(orderId).path("consignments").path("shipping").get(0).path("id").asLong();
    }

    private JsonNode post(String path, Object body) {
        return BigCommerceClient.expect(admin.post(path, body == null ? Map.of() : body), "POST " + path,
                Set.of(200, 201)).json();
    }

    private void put(String path, Object body) {
        BigCommerceClient.expect(admin.put(path, body), "PUT " + path, Set.of(200));
    }
}
