package com.bcerp.local.demo;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.core.pricelist.PriceListSettings;
import com.bcerp.core.sync.SyncProgress;
import com.bcerp.handlers.worker.CatalogSyncHandler;
import com.bcerp.http.JsonSupport;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalLambdaContext;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lifecycle demo's price lists: the price manager enters a customer price class's prices in Acumatica (a sales
 * price worksheet, released, over the sandbox's HTTP API), the catalogue handler runs, one price changes, and it runs
 * again. The records the connector sends are counted from the store sandbox's request log; the store's list is
 * compared with the back office's prices by {@link LifecycleReport}.
 */
public final class LifecyclePrices {

    /**
     * What the price-list part did: the mapping it ran ({@code mapping} null when it did not run, then
     * {@code notRun} says why), the prices entered and changed in the back office, and the records the connector
     * wrote to the store's list in the first run and in the run after the change.
     */
    public record Pushed(PriceListSettings.Mapping mapping, String notRun, int pricesEntered, int pricesChanged,
            int firstRun, int afterChange) {

        public int total() {
            return firstRun + afterChange;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LifecyclePrices() {}

    /**
     * Runs the part when the config maps a price class and the back office keeps price classes (Acumatica); otherwise
     * says why it did not run.
     */
    public static Pushed run(LocalRuntime runtime) {
        List<PriceListSettings.Mapping> mappings = runtime.config().priceLists().mappings();
        if (!(runtime.primary() instanceof LocalBackOffice.Acumatica acumatica)) {
            return new Pushed(null, "the " + runtime.primary().type() + " adapter reads no price lists "
                    + "(price_lists.mappings is Acumatica's customer price classes), so the scenario enters no prices",
                    0, 0, 0, 0);
        }
        if (mappings.isEmpty()) {
            return new Pushed(null, "the config maps no price class (price_lists.mappings)", 0, 0, 0, 0);
        }
        PriceListSettings.Mapping mapping = mappings.get(0);
        BigCommerceSandbox store = runtime.bigcommerce();
        if (mapping.customerGroup() != null) {
            // the merchant's staff made the group its shoppers belong to
            BigCommerceClient admin = BigCommerceClient.create(new BigCommerceSettings(URI.create(store.baseUrl()),
                    store.storeHash(), store.adminAccessToken()));
            BigCommerceClient.expect(admin.post("/v2/customer_groups", Map.of("name", mapping.customerGroup())),
                    "POST /v2/customer_groups", Set.of(200, 201));
        }
        AtomicInteger sent = new AtomicInteger();
        String connector = store.connectorAccessToken();
        store.onExchange(e -> {
            if (e.method().equals("PUT") && e.path().matches(".*/v3/pricelists/\\d+/records")
                    && e.requestHeaders().entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("x-auth-token")
                            && connector.equals(h.getValue()))) {
                try {
                    sent.addAndGet(JsonSupport.MAPPER.readTree(e.requestBody()).size());
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        });
        // four simple products and two variants of one product, in the store currency
        SandboxCatalog catalog = store.catalog();
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        List<SandboxCatalog.Item> items = new ArrayList<>(catalog.simpleItems().subList(0, 4));
        items.addAll(catalog.variantItems().subList(0, 2));
        for (int i = 0; i < items.size(); i++) {
            prices.put(items.get(i).sku(), new BigDecimal("7.25").add(BigDecimal.valueOf(i * 150L, 2)));
        }
        Erp erp = new Erp(acumatica.sandbox());
        erp.enterPrices(mapping.priceClass(), prices);
        CatalogSyncHandler handler = new CatalogSyncHandler(runtime.worker().catalogSync(),
                runtime.worker().priceListSync(), SyncProgress.NONE);
        run(handler);
        int first = sent.getAndSet(0);
        String changed = items.get(1).sku();
        erp.enterPrices(mapping.priceClass(), Map.of(changed, prices.get(changed).add(new BigDecimal("0.40"))));
        run(handler);
        return new Pushed(mapping, null, prices.size(), 1, first, sent.get());
    }

    private static void run(CatalogSyncHandler handler) {
        ScheduledEvent event = new ScheduledEvent();
        event.setDetail(Map.of());
        handler.handleRequest(event, new LocalLambdaContext("catalog-sync", Duration.ofMinutes(15)));
    }

    /** What the price manager does in Acumatica, with a token of their own: a worksheet in USD, released. */
    private static final class Erp {
        private final AcumaticaSandbox sandbox;
        private final String token;

        Erp(AcumaticaSandbox sandbox) {
            this.sandbox = sandbox;
            AcumaticaSandbox.Settings s = sandbox.settings();
            String form = "grant_type=password&scope=api&username=" + enc(s.username()) + "&password="
                    + enc(s.password()) + "&client_id=" + enc(s.clientId()) + "&client_secret=" + enc(s.clientSecret());
            this.token = json(send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/identity/connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), 200)).path("access_token").asText();
        }

        void enterPrices(String priceClass, Map<String, BigDecimal> prices) {
            ObjectNode sheet = JsonSupport.MAPPER.createObjectNode();
            sheet.putObject("Hold").put("value", false);
            ArrayNode lines = sheet.putArray("SalesPrices");
            prices.forEach((item, price) -> {
                ObjectNode line = lines.addObject();
                line.putObject("PriceType").put("value", "Customer Price Class");
                line.putObject("PriceCode").put("value", priceClass);
                line.putObject("InventoryID").put("value", item);
                line.putObject("CurrencyID").put("value", "USD");
                line.putObject("PendingPrice").put("value", price);
            });
            String nbr = json(send(request("/SalesPriceWorksheet").PUT(body(sheet)).build(), 200))
                    .path("ReferenceNbr").path("value").asText();
            ObjectNode release = JsonSupport.MAPPER.createObjectNode();
            release.putObject("entity").putObject("ReferenceNbr").put("value", nbr);
            send(request("/SalesPriceWorksheet/ReleaseSalesPriceWorksheet").POST(body(release)).build(), 204);
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(sandbox.endpointUrl() + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json");
        }

        private static HttpRequest.BodyPublisher body(JsonNode json) {
            return HttpRequest.BodyPublishers.ofString(json.toString());
        }

        private static String send(HttpRequest request, int expected) {
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != expected) {
                    throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                            + response.statusCode() + ": " + response.body());
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static JsonNode json(String body) {
            try {
                return JsonSupport.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String enc(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
