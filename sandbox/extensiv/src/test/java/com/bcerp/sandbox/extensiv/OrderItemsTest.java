package com.bcerp.sandbox.extensiv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An open order's lines change through {@code /orders/{id}/items[/{itemId}]} with the order's ETag, until it is picked. */
class OrderItemsTest {

    private ExtensivSandbox sandbox;
    private SandboxHttp http;
    private int id;

    @BeforeEach
    void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        id = OrdersTest.id(http.post("/orders", OrdersTest.order(sandbox, "BC-1", "SKU-0100", 2)));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void a_quantity_changed_a_line_added_and_one_removed_each_with_the_current_etag_read_back_as_the_order_s_lines() {
        var read = http.get("/orders/" + id + "/items");
        ObjectNode line = (ObjectNode) read.json().path("_embedded").path(OrdersTest.ITEM_REL).get(0).deepCopy();
        int itemId = line.path("readOnly").path("orderItemId").asInt();

        var changed = http.put("/orders/" + id + "/items/" + itemId, line.put("qty", 5), "If-Match", read.etag());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("qty").asDouble()).isEqualTo(5.0);
        ObjectNode extra = SandboxHttp.JSON.createObjectNode().put("qty", 1).put("notes", "store line 9");
        extra.putObject("itemIdentifier").put("sku", "SKU-0101");
        var added = http.post("/orders/" + id + "/items", extra, "If-Match", changed.etag());
        assertThat(added.status()).isEqualTo(201);
        var removed = http.send(http.authorised("/orders/" + id + "/items/" + itemId).header("If-Match", added.etag())
                .DELETE().build());
        assertThat(removed.status()).isEqualTo(204);
        assertThat(removed.etag()).isEqualTo(http.get("/orders/" + id).etag());

        assertThat(lines()).containsExactly("SKU-0101 x1.0 (store line 9)");
    }

    @Test
    void a_line_change_without_if_match_is_428_with_a_stale_one_412_and_changes_nothing() {
        var read = http.get("/orders/" + id + "/items");
        ObjectNode line = (ObjectNode) read.json().path("_embedded").path(OrdersTest.ITEM_REL).get(0).deepCopy();
        String path = "/orders/" + id + "/items/" + line.path("readOnly").path("orderItemId").asInt();
        sandbox.route(id, "FedEx", "Ground"); // the warehouse moves the order: the ETag read is stale

        assertThat(http.put(path, line.put("qty", 7)).status()).isEqualTo(428);
        var stale = http.put(path, line.put("qty", 7), "If-Match", read.etag());
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("ErrorCode").asText()).isEqualTo("PreconditionFailed");
        assertThat(lines()).containsExactly("SKU-0100 x2.0 ()");
    }

    @Test
    void a_picked_order_s_lines_are_refused_naming_the_pick_and_a_shipped_one_s_naming_its_close() {
        sandbox.receive(sandbox.settings().facilities().get(0).id(), "SKU-0100", 10);
        sandbox.allocate(id);
        sandbox.pick(id);
        var read = http.get("/orders/" + id + "/items");
        ObjectNode line = (ObjectNode) read.json().path("_embedded").path(OrdersTest.ITEM_REL).get(0).deepCopy();
        String path = "/orders/" + id + "/items/" + line.path("readOnly").path("orderItemId").asInt();

        var picked = http.put(path, line.put("qty", 1), "If-Match", read.etag());
        assertThat(picked.status()).isEqualTo(400);
        assertThat(picked.json().path("ErrorCode").asText()).isEqualTo("OrderPicked");
        assertThat(picked.json().path("Message").asText()).contains("picked");

        sandbox.shipInFull(id, "1Z1");
        var shipped = http.get("/orders/" + id + "/items");
        var closed = http.put(path, line.put("qty", 1), "If-Match", shipped.etag());
        assertThat(closed.status()).isEqualTo(400);
        assertThat(closed.json().path("Message").asText()).contains("closed (shipped)");
        assertThat(lines()).containsExactly("SKU-0100 x2.0 ()");
    }

    @Test
    void a_quantity_lowered_releases_what_it_had_allocated_back_to_available() {
        int facility = sandbox.settings().facilities().get(0).id();
        JsonNode before = sandbox.stockSummary(facility, "SKU-0100").orElseThrow();
        assertThat(before.path("allocated").asDouble()).as("the create allocated both").isEqualTo(2.0);
        var read = http.get("/orders/" + id + "/items");
        ObjectNode line = (ObjectNode) read.json().path("_embedded").path(OrdersTest.ITEM_REL).get(0).deepCopy();

        http.put("/orders/" + id + "/items/" + line.path("readOnly").path("orderItemId").asInt(), line.put("qty", 1),
                "If-Match", read.etag());

        JsonNode after = sandbox.stockSummary(facility, "SKU-0100").orElseThrow();
        assertThat(after.path("allocated").asDouble()).isEqualTo(1.0);
        assertThat(after.path("available").asDouble()).isEqualTo(before.path("available").asDouble() + 1);
    }

    private List<String> lines() {
        JsonNode order = http.get("/orders/" + id, "detail", "OrderItems").json();
        List<String> out = new ArrayList<>();
        order.path("_embedded").path(OrdersTest.ITEM_REL).forEach(i -> out.add(i.path("itemIdentifier").path("sku")
                .asText() + " x" + i.path("qty").asDouble() + " (" + i.path("notes").asText() + ")"));
        return out;
    }
}
