package com.bcerp.sandbox.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class EntityBookTest {

    private final EntityBook<ObjectNode> orders = new EntityBook<>(EntityBookTest::key, ObjectNode::deepCopy);
    private final NumberSequence numbers = NumberSequence.of("%s%06d");

    private static String key(ObjectNode o) {
        return o.path("type").asText() + "/" + o.path("number").asText();
    }

    private static ObjectNode order(String type, String number, int total) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("type", type).put("total", total);
        if (number != null) {
            o.put("number", number);
        }
        return o;
    }

    /** A PUT that inserts or merges the total, refusing a negative one; new orders are numbered per type. */
    private Upsert put(ObjectNode request) {
        return new Upsert(request);
    }

    private final class Upsert implements EntityBook.Upsert<ObjectNode, String> {
        private final ObjectNode request;

        Upsert(ObjectNode request) {
            this.request = request;
        }

        @Override
        public Optional<ObjectNode> find(EntityBook<ObjectNode> book) {
            return request.has("number") ? book.get(key(request)) : Optional.empty();
        }

        @Override
        public ObjectNode blank() {
            return Json.MAPPER.createObjectNode();
        }

        @Override
        public Optional<String> apply(ObjectNode candidate, Optional<ObjectNode> existing) {
            candidate.put("type", existing.map(e -> e.path("type").asText()).orElse(request.path("type").asText()));
            candidate.set("total", request.get("total"));
            return candidate.path("total").asInt() < 0 ? Optional.of("refused: total " + candidate.path("total")) : Optional.empty();
        }

        @Override
        public void complete(ObjectNode candidate, Optional<ObjectNode> existing) {
            if (existing.isEmpty()) {
                String type = candidate.path("type").asText();
                candidate.put("number", orders.nextFree(numbers, type, n -> type + "/" + n));
            }
            candidate.put("revision", candidate.path("revision").asInt() + 1);
        }

        @Override
        public String stored(ObjectNode copy) {
            return key(copy) + " r" + copy.path("revision").asInt();
        }
    }

    @Test
    void an_insert_takes_a_new_key_and_readers_get_copies_that_cannot_change_the_book() {
        orders.insert(order("SO", "SO000001", 10));

        assertThatThrownBy(() -> orders.insert(order("SO", "SO000001", 20))).isInstanceOf(IllegalStateException.class);
        orders.get("SO/SO000001").orElseThrow().put("total", 999);
        orders.list(o -> true).get(0).put("total", 999);
        assertThat(orders.get("SO/SO000001").orElseThrow().path("total").asInt()).isEqualTo(10);
        assertThat(orders.contains("SO/SO000001")).isTrue();
        assertThat(orders.any(o -> o.path("total").asInt() == 10)).isTrue();
        assertThat(orders.size()).isEqualTo(1);
    }

    @Test
    void a_server_assigned_number_skips_numbers_a_client_already_took_and_each_series_counts_apart() {
        orders.insert(order("SO", "SO000002", 1)); // chosen by a client

        assertThat(orders.upsert(put(order("SO", null, 5)))).isEqualTo("SO/SO000001 r1");
        assertThat(orders.upsert(put(order("SO", null, 5)))).isEqualTo("SO/SO000003 r1");
        assertThat(orders.upsert(put(order("CR", null, 5)))).isEqualTo("CR/CR000001 r1");
        assertThat(NumberSequence.of("C%2$06d").next()).isEqualTo("C000001");
        assertThatThrownBy(() -> NumberSequence.of("%d%d%d")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void an_upsert_updates_the_stored_record_keeps_its_place_and_a_refusal_stores_nothing() {
        orders.upsert(put(order("SO", null, 5)));
        orders.upsert(put(order("SO", null, 6)));

        assertThat(orders.upsert(put(order("SO", "SO000001", 50)))).isEqualTo("SO/SO000001 r2");
        assertThat(orders.upsert(put(order("SO", "SO000001", -1)))).isEqualTo("refused: total -1");
        assertThat(orders.list(o -> true)).extracting(o -> key(o) + "=" + o.path("total").asInt())
                .containsExactly("SO/SO000001=50", "SO/SO000002=6");
        assertThat(orders.list(o -> o.path("total").asInt() > 10)).hasSize(1);
    }

    @Test
    void a_last_written_book_lists_a_rewritten_record_last() {
        EntityBook<ObjectNode> customers = new EntityBook<>(new ReentrantLock(), EntityBook.Order.LAST_WRITTEN,
                c -> c.path("id").asText(), ObjectNode::deepCopy);
        customers.insert(Json.MAPPER.createObjectNode().put("id", "A"));
        customers.insert(Json.MAPPER.createObjectNode().put("id", "B"));
        customers.put(Json.MAPPER.createObjectNode().put("id", "A").put("name", "renamed"));

        assertThat(customers.list(c -> true)).extracting(c -> c.path("id").asText()).containsExactly("B", "A");
        customers.update("B", c -> c.put("name", "changed"));
        assertThat(customers.list(c -> true)).extracting(c -> c.path("id").asText()).containsExactly("A", "B");
    }

    @Test
    void an_update_changes_the_record_in_place_and_may_not_change_its_key() {
        orders.insert(order("SO", "SO000001", 10));

        assertThat(orders.update("SO/SO000001", o -> o.put("total", 11)).orElseThrow().path("total").asInt()).isEqualTo(11);
        assertThat(orders.update("SO/missing", o -> o.put("total", 11))).isEmpty();
        assertThatThrownBy(() -> orders.update("SO/SO000001", o -> o.put("number", "X"))).isInstanceOf(IllegalStateException.class);
        int sum = orders.withStored(all -> all.stream().mapToInt(o -> o.path("total").asInt()).sum());
        assertThat(sum).isEqualTo(11);
    }

    @Test
    void concurrent_inserts_get_distinct_numbers_and_none_is_lost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            results.add(pool.submit(() -> orders.upsert(put(order("SO", null, 1)))));
        }
        List<String> keys = new ArrayList<>();
        for (Future<String> f : results) {
            keys.add(f.get());
        }
        pool.shutdown();

        assertThat(keys).doesNotHaveDuplicates().hasSize(400);
        assertThat(orders.size()).isEqualTo(400);
        assertThat(orders.get("SO/SO000400")).isPresent();
    }
}
