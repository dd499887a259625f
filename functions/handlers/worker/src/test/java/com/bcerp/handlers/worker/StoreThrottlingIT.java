package com.bcerp.handlers.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryRequestBudget;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Another app spends the store's quota: the store answers the connector 429 until its window resets, as BigCommerce
 * does, and the invocation's metric line counts each 429 the connector's account was answered.
 */
class StoreThrottlingIT {

    private final BigCommerceSandbox store = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults()
            .withQuota(3, 3_000));

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void the_line_counts_the_429s_the_store_answered_the_connector() throws Exception {
        AtomicInteger declined = new AtomicInteger();
        store.onExchange(exchange -> {
            boolean connector = exchange.requestHeaders().entrySet().stream().anyMatch(h -> h.getKey()
                    .equalsIgnoreCase("X-Auth-Token") && h.getValue().equals(store.connectorAccessToken()));
            if (exchange.status() == 429 && connector) {
                declined.incrementAndGet();
            }
        });
        Clock clock = Clock.systemUTC();
        ConnectorMetrics metrics = ConnectorMetrics.lambda(clock);
        BigCommerceClient client = WorkerComposition.storeClient(new BigCommerceSettings(URI.create(store.baseUrl()),
                store.storeHash(), store.connectorAccessToken()), new InMemoryRequestBudget(clock),
                ConnectorConfig.defaults().reliability(), metrics, clock);
        HttpClient other = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            other.send(HttpRequest.newBuilder(URI.create(store.baseUrl() + "/stores/" + store.storeHash()
                    + "/v3/catalog/products")).header("X-Auth-Token", store.adminAccessToken()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        List<JsonNode> emf = EmfLines.printedBy(() -> {
            try (ConnectorMetrics.Invocation invocation = metrics.begin(ConnectorMetrics.STOCK_SYNC)) {
                assertThat(client.get("/v3/catalog/products").status()).isEqualTo(200);
            }
        });

        assertThat(declined.get()).as("the store declined the connector").isPositive();
        assertThat(emf).singleElement().satisfies(line -> {
            assertThat(line.get(ConnectorMetrics.FUNCTION).asText()).isEqualTo(ConnectorMetrics.STOCK_SYNC);
            assertThat(line.has(ConnectorMetrics.BACK_OFFICE)).isFalse();
            assertThat(line.get(ConnectorMetrics.STORE_THROTTLED).asDouble()).isEqualTo(declined.get());
        });
    }
}
