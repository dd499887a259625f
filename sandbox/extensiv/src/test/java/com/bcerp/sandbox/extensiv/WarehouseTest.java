package com.bcerp.sandbox.extensiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WarehouseTest {

    private static final String PACKAGE_REL = "http://api.3plCentral.com/rels/orders/package";
    private static final String CONTENT_REL = "http://api.3plCentral.com/rels/orders/packagecontent";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    private ExtensivSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults(), clock);
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private int twoLineOrder(String reference) {
        ObjectNode o = OrdersTest.order(sandbox, reference, "SKU-0100", 3);
        o.withArray("orderItems").addObject().put("qty", 1).putObject("itemIdentifier").put("sku", "TEE-200-RED-M");
        return OrdersTest.id(http.post("/orders", o));
    }

    private static Map<String, Double> contents(Object... skuQty) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < skuQty.length; i += 2) {
            m.put((String) skuQty[i], ((Number) skuQty[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void pick_pack_and_confirm_move_the_state_last_modified_date_and_etag() {
        int id = twoLineOrder("BC-1");
        var created = http.get("/orders/" + id);

        clock.advance(Duration.ofMinutes(5));
        sandbox.pick(id);
        var picked = http.get("/orders/" + id);
        clock.advance(Duration.ofMinutes(5));
        sandbox.pack(id, "1Z0001", contents("SKU-0100", 2));
        sandbox.pack(id, "1Z0002", contents("SKU-0100", 1, "TEE-200-RED-M", 1));
        var packed = http.get("/orders/" + id);
        clock.advance(Duration.ofMinutes(5));
        sandbox.confirm(id);
        var shipped = http.get("/orders/" + id);

        assertThat(picked.json().path("readOnly").path("pickDoneDate").asText()).isEqualTo("2026-03-02T10:05:00");
        assertThat(picked.json().path("readOnly").path("lastModifiedDate").asText()).isEqualTo("2026-03-02T10:05:00");
        assertThat(packed.json().path("readOnly").path("packDoneDate").asText()).isEqualTo("2026-03-02T10:10:00");
        JsonNode done = shipped.json().path("readOnly");
        assertThat(done.path("isClosed").asBoolean()).isTrue();
        assertThat(done.path("status").asInt()).isEqualTo(1);
        assertThat(done.path("processDate").asText()).isEqualTo("2026-03-02T10:15:00");
        assertThat(shipped.json().path("routingInfo").path("trackingNumber").asText()).isEqualTo("1Z0001");
        assertThat(java.util.List.of(created.etag(), picked.etag(), packed.etag(), shipped.etag())).doesNotHaveDuplicates();
        var polled = http.get("/orders", "rql", "readOnly.lastModifiedDate=ge=2026-03-02T10:15:00;readOnly.isClosed==true");
        assertThat(polled.json().get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void packages_answer_tracking_numbers_and_contents_by_order_item() {
        int id = twoLineOrder("BC-2");
        sandbox.pick(id);
        sandbox.pack(id, "1Z0001", contents("SKU-0100", 3));
        sandbox.pack(id, "1Z0002", contents("TEE-200-RED-M", 1));
        sandbox.confirm(id);
        JsonNode order = http.get("/orders/" + id, "detail", "All").json();

        var r = http.get("/orders/" + id + "/packages");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.etag()).isEqualTo(http.get("/orders/" + id).etag());
        JsonNode packages = r.json().path("_embedded").path(PACKAGE_REL);
        assertThat(packages).hasSize(2);
        assertThat(packages.get(0).path("trackingNumber").asText()).isEqualTo("1Z0001");
        assertThat(packages.get(1).path("trackingNumber").asText()).isEqualTo("1Z0002");
        JsonNode content = packages.get(0).path("_embedded").path(CONTENT_REL).get(0);
        assertThat(content.path("qty").asDouble()).isEqualTo(3.0);
        assertThat(content.path("packageId").asInt()).isEqualTo(packages.get(0).path("packageId").asInt());
        int orderItemId = content.path("orderItemId").asInt();
        JsonNode line = order.path("_embedded").path(OrdersTest.ITEM_REL).get(0);
        assertThat(line.path("readOnly").path("orderItemId").asInt()).isEqualTo(orderItemId);
        assertThat(line.path("itemIdentifier").path("sku").asText()).isEqualTo("SKU-0100");
        assertThat(order.path("readOnly").path("packages")).hasSize(2);
        assertThat(http.get("/orders/999999/packages").status()).isEqualTo(404);
    }

    @Test
    void an_order_ships_short_with_what_was_packed() {
        int id = twoLineOrder("BC-3");
        sandbox.pick(id);
        sandbox.pack(id, "1Z0001", contents("SKU-0100", 2));

        var beforeConfirm = http.get("/orders/" + id).json();
        sandbox.confirm(id);

        assertThat(beforeConfirm.path("readOnly").path("packDoneDate").isNull()).isTrue();
        var summaries = http.get("/inventory/stocksummaries", "rql", "facilityId==3;itemIdentifier.sku=in=(SKU-0100,TEE-200-RED-M)")
                .json().path("summaries");
        assertThat(summaries).hasSize(2);
        summaries.forEach(s -> assertThat(s.path("allocated").asDouble()).isZero());
        assertThat(summaries.get(0).path("onHand").asDouble()).isEqualTo(ExtensivSandbox.SEEDED_STOCK - 2);
        assertThat(summaries.get(1).path("onHand").asDouble()).isEqualTo(ExtensivSandbox.SEEDED_STOCK);
    }

    @Test
    void the_warehouse_cannot_pick_an_unallocated_order_nor_pack_more_than_allocated() {
        ObjectNode west = OrdersTest.order(sandbox, "BC-4", "SKU-0100", 2);
        ((ObjectNode) west.get("facilityIdentifier")).put("id", 4);
        int id = OrdersTest.id(http.post("/orders", west));

        assertThatThrownBy(() -> sandbox.pick(id)).hasMessageContaining("not fully allocated");
        sandbox.receive(4, "SKU-0100", 5);
        sandbox.allocate(id);
        assertThat(http.get("/orders/" + id).json().path("readOnly").path("fullyAllocated").asBoolean()).isTrue();
        assertThatThrownBy(() -> sandbox.pack(id, "1Z", contents("SKU-0100", 1))).hasMessageContaining("not picked");
        sandbox.pick(id);
        assertThatThrownBy(() -> sandbox.pack(id, "1Z", contents("SKU-0100", 3))).hasMessageContaining("left");
        assertThatThrownBy(() -> sandbox.confirm(id)).hasMessageContaining("no packages");
    }

    @Test
    void the_warehouse_sets_the_carrier_it_ships_with_and_its_screens_show_lines_and_packages() {
        int id = twoLineOrder("BC-9");
        String etag = http.get("/orders/" + id).etag();

        sandbox.route(id, "UPS", "Ground");
        sandbox.shipInFull(id, "1Z0009");
        var read = http.get("/orders/" + id, "detail", "All");

        assertThat(read.json().path("routingInfo").path("carrier").asText()).isEqualTo("UPS");
        assertThat(read.json().path("routingInfo").path("mode").asText()).isEqualTo("Ground");
        assertThat(read.etag()).isNotEqualTo(etag);
        JsonNode screen = sandbox.order(id).orElseThrow();
        assertThat(screen.path("readOnly").path("packages")).isEqualTo(read.json().path("readOnly").path("packages"));
        assertThat(screen.path("_embedded")).isEqualTo(read.json().path("_embedded"));
        assertThat(sandbox.orders()).extracting(o -> o.path("readOnly").path("orderId").asInt()).contains(id);
        assertThat(sandbox.order(999_999)).isEmpty();
        assertThatThrownBy(() -> sandbox.route(id, "FedEx", "")).as("a shipped order is closed")
                .isInstanceOf(IllegalStateException.class);
    }
}
