package com.bcerp.sandbox.extensiv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateTest {

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
    void put_with_the_current_etag_changes_the_header_and_answers_a_new_etag() {
        var read = http.get("/orders/" + id);
        ObjectNode changed = (ObjectNode) read.json();
        ((ObjectNode) changed.get("shipTo")).put("city", "Shelbyville");
        ((ObjectNode) changed.get("routingInfo")).put("carrier", "FedEx").put("mode", "2Day");

        var r = http.put("/orders/" + id, changed, "If-Match", read.etag());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.etag()).isNotEqualTo(read.etag());
        JsonNode after = http.get("/orders/" + id, "detail", "OrderItems").json();
        assertThat(after.path("shipTo").path("city").asText()).isEqualTo("Shelbyville");
        assertThat(after.path("routingInfo").path("carrier").asText()).isEqualTo("FedEx");
        assertThat(after.path("_embedded").path(OrdersTest.ITEM_REL)).hasSize(1);
        assertThat(http.put("/orders/" + id, changed, "If-Match", read.etag()).status()).isEqualTo(412);
        assertThat(http.put("/orders/" + id, changed).status()).isEqualTo(428);
    }

    @Test
    void put_refuses_a_closed_order_a_moved_facility_and_a_used_reference() {
        http.post("/orders", OrdersTest.order(sandbox, "BC-2", "SKU-0100", 1));
        var read = http.get("/orders/" + id);
        ObjectNode moved = read.json().deepCopy();
        ((ObjectNode) moved.get("facilityIdentifier")).put("id", 4);
        ObjectNode renamed = read.json().deepCopy();
        renamed.put("referenceNum", "BC-2");

        assertThat(http.put("/orders/" + id, moved, "If-Match", read.etag()).status()).isEqualTo(400);
        assertThat(http.put("/orders/" + id, renamed, "If-Match", read.etag()).json().get("Message").asText())
                .contains("BC-2");
        sandbox.shipInFull(id, "1Z1");
        var shipped = http.get("/orders/" + id);
        assertThat(http.put("/orders/" + id, shipped.json(), "If-Match", shipped.etag()).status()).isEqualTo(400);
    }

    @Test
    void the_lines_of_an_order() {
        var r = http.get("/orders/" + id + "/items");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.etag()).isEqualTo(http.get("/orders/" + id).etag());
        JsonNode lines = r.json().path("_embedded").path(OrdersTest.ITEM_REL);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("itemIdentifier").path("sku").asText()).isEqualTo("SKU-0100");
    }

    @Test
    void a_lost_answer_still_creates_the_order_and_a_lookup_by_reference_finds_it() throws Exception {
        sandbox.faults().lostAnswerShare(1).hang(Duration.ofSeconds(2));
        HttpRequest post = http.authorised("/orders").timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(OrdersTest.order(sandbox, "BC-LOST", "SKU-0100", 1).toString())).build();

        try {
            HttpClient.newHttpClient().send(post, BodyHandlers.ofString());
            throw new AssertionError("the answer should have been lost");
        } catch (HttpTimeoutException expected) {
            // the client never hears of it
        }
        sandbox.faults().reset();

        var found = http.get("/orders", "rql", "referenceNum==BC-LOST");
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(http.post("/orders", OrdersTest.order(sandbox, "BC-LOST", "SKU-0100", 1)).status()).isEqualTo(400);
    }
}
