package com.bcerp.sandbox.extensiv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CancelTest {

    private static final String REASON = "{\"reason\":\"customer cancelled\"}";

    private ExtensivSandbox sandbox;
    private SandboxHttp http;
    private int id;
    private String etag;

    @BeforeEach
    void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        var created = http.post("/orders", OrdersTest.order(sandbox, "BC-1", "SKU-0100", 3));
        id = OrdersTest.id(created);
        etag = created.etag();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SandboxHttp.Response cancel(String... headers) {
        return http.post("/orders/" + id + "/canceler", REASON, headers);
    }

    private double available(String sku) {
        var r = http.get("/inventory/stocksummaries", "rql", "itemIdentifier.sku==" + sku + ";facilityId==3");
        return r.json().path("summaries").get(0).path("available").asDouble();
    }

    @Test
    void cancel_needs_if_match_428_without_it() {
        var r = cancel();

        assertThat(r.status()).isEqualTo(428);
        assertThat(http.get("/orders/" + id).json().path("readOnly").path("isClosed").asBoolean()).isFalse();
    }

    @Test
    void cancel_with_the_current_etag_answers_204_and_closes_the_order_as_cancelled() {
        assertThat(available("SKU-0100")).isEqualTo(ExtensivSandbox.SEEDED_STOCK - 3);

        var r = cancel("If-Match", etag);

        assertThat(r.status()).isEqualTo(204);
        var after = http.get("/orders/" + id);
        assertThat(after.json().path("readOnly").path("isClosed").asBoolean()).isTrue();
        assertThat(after.json().path("readOnly").path("status").asInt()).isEqualTo(2);
        assertThat(after.etag()).isNotEqualTo(etag);
        assertThat(available("SKU-0100")).isEqualTo(ExtensivSandbox.SEEDED_STOCK);
        assertThat(cancel("If-Match", after.etag()).status()).isEqualTo(400);
    }

    @Test
    void a_weak_form_of_the_current_etag_also_matches() {
        assertThat(cancel("If-Match", "W/" + etag).status()).isEqualTo(204);
    }

    @Test
    void a_stale_etag_is_412_after_the_warehouse_changed_the_order() {
        sandbox.pick(id);

        var r = cancel("If-Match", etag);

        assertThat(r.status()).isEqualTo(412);
        String current = http.get("/orders/" + id).etag();
        assertThat(cancel("If-Match", current).status()).isEqualTo(204);
    }

    @Test
    void a_shipped_order_is_not_cancelled() {
        sandbox.shipInFull(id, "1Z999");
        String current = http.get("/orders/" + id).etag();

        var r = cancel("If-Match", current);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("Message").asText()).contains("shipped");
        assertThat(http.get("/orders/" + id).json().path("readOnly").path("status").asInt()).isEqualTo(1);
    }

    @Test
    void concurrent_cancels_with_one_etag_succeed_once() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> new SandboxHttp(sandbox).post("/orders/" + id + "/canceler", REASON, "If-Match", etag).status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnlyOnce(204).containsOnly(204, 412);
        assertThat(available("SKU-0100")).isEqualTo(ExtensivSandbox.SEEDED_STOCK);
    }

    @Test
    void a_reason_is_required_and_an_unknown_order_is_404() {
        assertThat(http.post("/orders/" + id + "/canceler", "{}", "If-Match", etag).status()).isEqualTo(400);
        assertThat(http.post("/orders/999999/canceler", REASON, "If-Match", etag).status()).isEqualTo(404);
        assertThat(sandbox.calls().total()).isPositive();
        // the warehouse's own cancel needs no ETag
        sandbox.cancel(id, "out of stock");
        assertThat(http.get("/orders/" + id).json().path("readOnly").path("status").asInt()).isEqualTo(2);
    }
}
