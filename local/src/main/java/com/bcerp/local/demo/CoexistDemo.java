package com.bcerp.local.demo;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.CatalogSyncHandler;
import com.bcerp.handlers.worker.StockSyncHandler;
import com.bcerp.http.RetryPolicy;
import com.bcerp.local.runtime.LocalLambdaContext;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.ItemBook;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The coexist scenario: the connector beside a POS integration (retailcloud's own BigCommerce integration, say) that
 * owns store location 2, the catalogue's prices and sale prices, and the store channel its sales are recorded in.
 * After a first sync, the POS writes through the store's API (on its own API account) prices, sale prices and its
 * location's stock, and records a sale in its channel; the back office changes the same items' prices, names and
 * stock, and a web order comes in. Then the connector's catalogue and stock syncs run as full passes.
 *
 * <p>Measured as an outside observer: the connector's writes are read from the store sandbox's own request log (every
 * request made with the connector's access token, bodies included), and the store's state is read back through its
 * API on the POS's account. The run is OK only when the connector wrote none of the owned fields and locations,
 * did write the fields and location it owns (so an idle connector cannot pass), the POS's values are still there,
 * the web order reached the back office and the POS's order did not, audited as skipped with the reason.
 */
public final class CoexistDemo {

    /** The POS's store location (the one {@link #writeConfig} declares owned elsewhere). */
    static final long POS_LOCATION = 2;
    static final int POS_CHANNEL = 2;
    static final Set<String> OWNED_FIELDS = Set.of("price", "sale_price");

    /** The store's JSON names of the catalogue fields the connector may write, for counting its writes. */
    private static final Set<String> CATALOGUE_FIELDS = Set.of("name", "description", "price", "sale_price",
            "cost_price", "weight");

    public record Result(int itemsChangedByBoth, long connectorWrites, long writesToOwnedFields,
            long writesToOwnedLocations, long ownFieldWrites, long ownLocationWrites, List<String> posValuesOverwritten,
            boolean webOrderImported, boolean posOrderImported, String posOrderAudit, long posOrderOtherAttempts,
            boolean posOrderParked, long elapsedMs) {

        public boolean ok() {
            return writesToOwnedFields == 0 && writesToOwnedLocations == 0 && ownFieldWrites > 0
                    && ownLocationWrites > 0 && posValuesOverwritten.isEmpty() && webOrderImported && !posOrderImported
                    && posOrderAudit != null && posOrderOtherAttempts == 0 && !posOrderParked;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", "coexist");
            json.put("items_changed_by_both", itemsChangedByBoth);
            json.put("connector_store_writes", connectorWrites);
            json.put("writes_to_owned_fields", writesToOwnedFields);
            json.put("writes_to_owned_locations", writesToOwnedLocations);
            json.put("own_field_writes", ownFieldWrites);
            json.put("own_location_writes", ownLocationWrites);
            json.put("pos_values_overwritten", posValuesOverwritten);
            json.put("web_order_imported", webOrderImported);
            json.put("pos_order_imported", posOrderImported);
            json.put("pos_order_audit", posOrderAudit);
            json.put("pos_order_attempts_not_skipped", posOrderOtherAttempts);
            json.put("pos_order_parked", posOrderParked);
            json.put("elapsed_ms", elapsedMs);
            json.put("ok", ok());
            return json;
        }

        public String toText() {
            return String.format(Locale.ROOT, """
                    coexist demo: a POS owns location %d, %s and channel %d; %d items changed by both it and the back office
                      connector's store writes (store request log)  %d
                      writes to owned fields                        %d
                      writes to owned locations                     %d
                      writes to the connector's own fields          %d
                      stock writes to the connector's own location  %d
                      POS values overwritten                        %s
                      web order imported                            %s
                      POS order imported                            %s (audit: %s)
                      POS order attempts not skipped, parked        %d, %s
                      elapsed                                       %d ms
                      %s""", POS_LOCATION, String.join(" and ", new java.util.TreeSet<>(OWNED_FIELDS)), POS_CHANNEL,
                    itemsChangedByBoth, connectorWrites, writesToOwnedFields, writesToOwnedLocations, ownFieldWrites,
                    ownLocationWrites, posValuesOverwritten.isEmpty() ? "none" : posValuesOverwritten,
                    webOrderImported ? "yes" : "NO", posOrderImported ? "YES" : "no", posOrderAudit, posOrderOtherAttempts,
                    posOrderParked ? "YES" : "no", elapsedMs,
                    ok() ? "OK: nothing another system owns was written" : "NOT OK");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private CoexistDemo() {}

    /** The ownership the scenario runs with; overlaps 0 because the whole scenario takes seconds. */
    public static Path writeConfig(Path dir) throws IOException {
        Path file = dir.resolve("coexist-demo.yaml");
        Files.writeString(file, """
                orders:
                  ignored_channels: [%d]
                stock:
                  cursor_overlap_seconds: 0
                  locations:
                    MAIN: 1
                  owned_elsewhere:
                    %d: pos
                catalog:
                  cursor_overlap_seconds: 0
                  owned_elsewhere: [price, sale_price]
                """.formatted(POS_CHANNEL, POS_LOCATION));
        return file;
    }

    public static Result run(LocalRuntime runtime, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        BigCommerceSandbox store = runtime.bigcommerce();
        ItemBook erp = runtime.acumatica().items();
        long posLocation = store.inventory().addLocation("POS", "Shop floor (POS)");
        if (posLocation != POS_LOCATION) {
            throw new IllegalStateException("the store gave the POS location id " + posLocation);
        }
        // the back office knows the shop's stock too; it is not mapped, so it must never reach the store
        erp.addWarehouse("SHOP", "Shop floor");
        List<SandboxCatalog.Item> items = new ArrayList<>(store.catalog().simpleItems().subList(0, 6));
        items.addAll(store.catalog().variantItems().subList(0, 2));
        for (SandboxCatalog.Item item : items) {
            erp.setQuantities(item.sku(), "SHOP", qty(500), qty(500), qty(500));
        }

        StockSyncHandler stock = new StockSyncHandler(runtime.worker().stockSync(), SyncProgress.NONE);
        CatalogSyncHandler catalog = new CatalogSyncHandler(runtime.worker().catalogSync(), runtime.worker().priceListSync(),
                SyncProgress.NONE);
        catalog.handleRequest(full(), context("catalog-sync"));
        stock.handleRequest(full(), context("stock-sync"));

        List<BigCommerceSandbox.Exchange> connectorRequests = new CopyOnWriteArrayList<>();
        String connectorToken = store.connectorAccessToken();
        store.onExchange(e -> {
            if (connectorToken.equals(header(e.requestHeaders(), "X-Auth-Token"))) {
                connectorRequests.add(e);
            }
        });

        // the POS integration, on its own API account: prices, sale prices and its location's stock
        BigCommerceClient pos = OrderSeeder.adminClient(store, RetryPolicy.standard());
        Map<String, BigDecimal[]> posPrices = new TreeMap<>();
        Map<String, Integer> posStock = new TreeMap<>();
        List<Map<String, Object>> productPrices = new ArrayList<>();
        List<Map<String, Object>> variantPrices = new ArrayList<>();
        List<Map<String, Object>> shopStock = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SandboxCatalog.Item item = items.get(i);
            BigDecimal price = new BigDecimal(11 + i).add(new BigDecimal("0.99"));
            BigDecimal sale = price.subtract(BigDecimal.ONE);
            posPrices.put(item.sku(), new BigDecimal[] {price, sale});
            posStock.put(item.sku(), 3 + i);
            Map<String, Object> write = new LinkedHashMap<>();
            write.put("id", !item.isVariantOfOptionProduct() ? item.productId() : item.variantId());
            write.put("price", price);
            write.put("sale_price", sale);
            (!item.isVariantOfOptionProduct() ? productPrices : variantPrices).add(write);
            // a simple product's stock is tracked by the product, an option product's by variant
            shopStock.add(item.isVariantOfOptionProduct()
                    ? Map.of("location_id", POS_LOCATION, "variant_id", item.variantId(), "quantity", 3 + i)
                    : Map.of("location_id", POS_LOCATION, "product_id", item.productId(), "quantity", 3 + i));
        }
        BigCommerceClient.expect(pos.put("/v3/catalog/products", productPrices), "POS: product prices", Set.of(200));
        BigCommerceClient.expect(pos.put("/v3/catalog/variants", variantPrices), "POS: variant prices", Set.of(200));
        BigCommerceClient.expect(pos.put("/v3/inventory/adjustments/absolute",
                Map.of("reason", "POS stock count", "items", shopStock)), "POS: shop stock", Set.of(200));
        long posOrder = placeOrder(pos, items.get(0), POS_CHANNEL);
        long webOrder = placeOrder(pos, items.get(1), 1);

        // the back office changes the same items: new prices (the POS's to own), names and stock (the connector's)
        for (int i = 0; i < items.size(); i++) {
            SandboxCatalog.Item item = items.get(i);
            BigDecimal price = new BigDecimal(70 + i);
            erp.updateItem(item.sku(), c -> c.description(item.name() + " (new)").price(price));
            erp.setQuantities(item.sku(), "MAIN", qty(40 + i), qty(40 + i), qty(40 + i));
        }

        catalog.handleRequest(full(), context("catalog-sync"));
        stock.handleRequest(full(), context("stock-sync"));
        awaitOrders(runtime, webOrder, posOrder, timeout);

        long writes = 0;
        long ownedFields = 0;
        long ownedLocations = 0;
        long ownFields = 0;
        long ownLocation = 0;
        for (BigCommerceSandbox.Exchange e : connectorRequests) {
            if (e.method().equals("GET")) {
                continue;
            }
            writes++;
            JsonNode body = body(e);
            if (e.path().endsWith("/v3/catalog/products") || e.path().endsWith("/v3/catalog/variants")) {
                for (JsonNode record : body.isArray() ? body : List.of(body)) {
                    for (String field : CATALOGUE_FIELDS) {
                        if (record.has(field)) {
                            if (OWNED_FIELDS.contains(field)) {
                                ownedFields++;
                            } else {
                                ownFields++;
                            }
                        }
                    }
                }
            } else if (e.path().contains("/v3/inventory/adjustments/")) {
                for (JsonNode adjustment : body.path("items")) {
                    if (adjustment.path("location_id").asLong() == POS_LOCATION) {
                        ownedLocations++;
                    } else {
                        ownLocation++;
                    }
                }
            }
        }

        List<String> overwritten = overwritten(pos, items, posPrices, posStock);
        boolean webImported = imported(runtime, webOrder);
        boolean posImported = imported(runtime, posOrder);
        // acknowledged and skipped: never retried (every attempt a skip) and never parked
        String posKey = "order#" + store.storeHash() + "#" + posOrder;
        List<AuditRecord> history = runtime.worker().state().history(posKey);
        String audit = history.stream()
                .filter(r -> r.outcome() == Outcome.SKIPPED && r.error() != null
                        && r.error().contains("orders.ignored_channels"))
                .map(AuditRecord::error).findFirst().orElse(null);
        long notSkipped = history.stream().filter(r -> r.outcome() != Outcome.SKIPPED).count();
        boolean parked = runtime.worker().state().parked().stream().anyMatch(p -> p.recordKey().equals(posKey));
        return new Result(items.size(), writes, ownedFields, ownedLocations, ownFields, ownLocation, overwritten,
                webImported, posImported, audit, notSkipped, parked, (System.nanoTime() - start) / 1_000_000);
    }

    /** The POS's prices and stock the store no longer shows, read back through the store's API. */
    private static List<String> overwritten(BigCommerceClient pos, List<SandboxCatalog.Item> items,
            Map<String, BigDecimal[]> prices, Map<String, Integer> stock) {
        List<String> lost = new ArrayList<>();
        String skus = String.join(",", prices.keySet());
        JsonNode variants = BigCommerceClient.expect(pos.get("/v3/catalog/variants?limit=250&sku:in=" + skus),
                "read variants", Set.of(200)).json().path("data");
        Map<String, JsonNode> bySku = new TreeMap<>();
        variants.forEach(v -> bySku.put(v.path("sku").asText(), v));
        JsonNode products = BigCommerceClient.expect(pos.get("/v3/catalog/products?limit=250&sku:in=" + skus),
                "read products", Set.of(200)).json().path("data");
        products.forEach(p -> bySku.put(p.path("sku").asText(), p));
        for (SandboxCatalog.Item item : items) {
            JsonNode shown = bySku.get(item.sku());
            BigDecimal[] expected = prices.get(item.sku());
            if (shown == null || shown.path("price").decimalValue().compareTo(expected[0]) != 0
                    || shown.path("sale_price").decimalValue().compareTo(expected[1]) != 0) {
                lost.add(item.sku() + " price/sale_price");
            }
        }
        JsonNode levels = BigCommerceClient.expect(pos.get("/v3/inventory/locations/" + POS_LOCATION
                + "/items?limit=1000&sku:in=" + skus), "read the POS location's stock", Set.of(200)).json().path("data");
        Map<String, Integer> shownStock = new TreeMap<>();
        levels.forEach(l -> shownStock.put(l.path("identity").path("sku").asText(), l.path("available_to_sell").asInt()));
        stock.forEach((sku, quantity) -> {
            if (!quantity.equals(shownStock.get(sku))) {
                lost.add(sku + "@location " + POS_LOCATION + " shows " + shownStock.get(sku) + ", the POS set " + quantity);
            }
        });
        return lost;
    }

    private static long placeOrder(BigCommerceClient client, SandboxCatalog.Item item, int channel) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("first_name", "Ana");
        address.put("last_name", "Silva");
        address.put("street_1", "12 Market Street");
        address.put("city", "Austin");
        address.put("state", "Texas");
        address.put("zip", "78701");
        address.put("country", "United States");
        address.put("country_iso2", "US");
        address.put("email", "shopper" + channel + "@example.com");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_id", 0);
        body.put("status_id", 11);
        body.put("channel_id", channel);
        body.put("billing_address", address);
        body.put("products", List.of(Map.of("product_id", item.productId(), "variant_id", item.variantId(),
                "quantity", 1)));
        return BigCommerceClient.expect(client.post("/v2/orders", body), "POST /v2/orders", Set.of(201)).json()
                .path("id").asLong();
    }

    private static boolean imported(LocalRuntime runtime, long orderId) {
        return runtime.takingOrders().stream().anyMatch(name -> runtime.backOffices().get(name)
                .orderTotalsByStoreOrder().containsKey(String.valueOf(orderId)));
    }

    /** Until the web order is in the back office and the POS's order has been seen (and skipped), or the timeout. */
    private static void awaitOrders(LocalRuntime runtime, long webOrder, long posOrder, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String posKey = "order#" + runtime.bigcommerce().storeHash() + "#" + posOrder;
        while (System.nanoTime() < deadline) {
            boolean seen = imported(runtime, webOrder) && !runtime.worker().state().history(posKey).isEmpty();
            if (runtime.isSettled(Duration.ofSeconds(seen ? 1 : 3))) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static JsonNode body(BigCommerceSandbox.Exchange e) {
        try {
            return e.requestBody() == null || e.requestBody().length == 0 ? JSON.createObjectNode()
                    : JSON.readTree(e.requestBody());
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static ScheduledEvent full() {
        ScheduledEvent e = new ScheduledEvent();
        e.setSource("aws.scheduler");
        e.setDetailType("Scheduled Event");
        e.setDetail(Map.of("mode", "full"));
        return e;
    }

    private static LocalLambdaContext context(String function) {
        return new LocalLambdaContext(function, Duration.ofMinutes(15));
    }

    private static BigDecimal qty(int units) {
        return BigDecimal.valueOf(units);
    }
}
