package com.bcerp.sandbox.extensiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockTest {

    private static final String PATH = "/inventory/stocksummaries";

    private ExtensivSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode summary(int facility, String sku, String... more) {
        String[] query = new String[more.length + 2];
        query[0] = "rql";
        query[1] = "facilityId==" + facility + ";itemIdentifier.sku==" + sku;
        System.arraycopy(more, 0, query, 2, more.length);
        JsonNode summaries = http.get(PATH, query).json().path("summaries");
        assertThat(summaries).hasSize(1);
        return summaries.get(0);
    }

    @Test
    void summaries_per_facility_and_item_in_the_documented_shape() {
        var r = http.get(PATH, "pgsiz", "500");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("totalResults").asInt()).isEqualTo(sandbox.catalog().sharedItems().size());
        JsonNode s = r.json().path("summaries").get(0);
        assertThat(s.path("itemIdentifier").path("sku").asText()).isNotBlank();
        assertThat(s.path("itemIdentifier").path("id").asInt()).isPositive();
        assertThat(s.path("facilityId").asInt()).isEqualTo(3);
        for (String f : new String[] {"totalReceived", "allocated", "available", "onHold", "onHand"}) {
            assertThat(s.has(f)).as(f).isTrue();
        }
        assertThat(s.path("onHand").asDouble()).isEqualTo(ExtensivSandbox.SEEDED_STOCK);
        assertThat(s.has("orderedNotAllocated")).isFalse();
    }

    @Test
    void paging_is_capped_at_500_and_rql_filters() {
        var page = http.get(PATH, "pgsiz", "10", "pgnum", "2");

        assertThat(page.json().path("summaries")).hasSize(10);
        assertThat(page.json().path("_links").path("prev").path("href").asText()).contains("pgnum=1");
        assertThat(http.get(PATH, "rql", "available=lt=1").json().get("totalResults").asInt()).isZero();
        assertThat(http.get(PATH, "rql", "bin==A1").status()).isEqualTo(400);
    }

    @Test
    void an_order_allocates_and_its_confirmation_takes_stock_off_hand() {
        var created = http.post("/orders", OrdersTest.order(sandbox, "BC-1", "SKU-0101", 4));
        int id = OrdersTest.id(created);

        JsonNode allocated = summary(3, "SKU-0101");
        sandbox.shipInFull(id, "1Z1");
        JsonNode shipped = summary(3, "SKU-0101");

        assertThat(allocated.path("allocated").asDouble()).isEqualTo(4.0);
        assertThat(allocated.path("available").asDouble()).isEqualTo(ExtensivSandbox.SEEDED_STOCK - 4);
        assertThat(allocated.path("onHand").asDouble()).isEqualTo(ExtensivSandbox.SEEDED_STOCK);
        assertThat(shipped.path("allocated").asDouble()).isZero();
        assertThat(shipped.path("onHand").asDouble()).isEqualTo(ExtensivSandbox.SEEDED_STOCK - 4);
        assertThat(shipped.path("available").asDouble()).isEqualTo(ExtensivSandbox.SEEDED_STOCK - 4);
        assertThat(shipped.path("totalReceived").asDouble()).isEqualTo(ExtensivSandbox.SEEDED_STOCK);
    }

    @Test
    void receipts_adjustments_and_holds_move_the_figures() {
        sandbox.receive(4, "SKU-0102", 12);
        sandbox.adjust(4, "SKU-0102", -2);
        sandbox.hold(4, "SKU-0102", 3);

        JsonNode s = summary(4, "SKU-0102");

        assertThat(s.path("totalReceived").asDouble()).isEqualTo(12.0);
        assertThat(s.path("onHand").asDouble()).isEqualTo(10.0);
        assertThat(s.path("onHold").asDouble()).isEqualTo(3.0);
        assertThat(s.path("available").asDouble()).isEqualTo(7.0);
        assertThatThrownBy(() -> sandbox.adjust(4, "SKU-0102", -20)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sandbox.receive(4, "NO-SUCH", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordered_not_allocated_on_request() {
        ObjectNode west = OrdersTest.order(sandbox, "BC-2", "SKU-0103", 5);
        ((ObjectNode) west.get("facilityIdentifier")).put("id", 4);
        sandbox.receive(4, "SKU-0103", 2);
        http.post("/orders", west);

        JsonNode s = summary(4, "SKU-0103", "orderednotallocated", "true");

        assertThat(s.path("allocated").asDouble()).isEqualTo(2.0);
        assertThat(s.path("available").asDouble()).isZero();
        assertThat(s.path("orderedNotAllocated").asDouble()).isEqualTo(3.0);
    }

    @Test
    void the_warehouses_stock_screen_shows_what_the_api_answers_without_a_call() {
        sandbox.receive(4, "SKU-0104", 9);
        sandbox.hold(4, "SKU-0104", 2);
        long calls = sandbox.calls().total();

        JsonNode screen = sandbox.stockSummary(4, "SKU-0104").orElseThrow();
        long callsAfter = sandbox.calls().total();

        assertThat(screen).isEqualTo(summary(4, "SKU-0104"));
        assertThat(screen.path("available").asDouble()).isEqualTo(7.0);
        assertThat(sandbox.stockSummary(4, "SKU-0105")).as("no stock there yet").isEmpty();
        assertThat(sandbox.stockSummaries()).hasSize(sandbox.catalog().sharedItems().size() + 1)
                .contains(screen);
        assertThat(callsAfter).isEqualTo(calls);
        assertThatThrownBy(() -> sandbox.stockSummary(4, "NO-SUCH")).isInstanceOf(IllegalArgumentException.class);
    }
}
