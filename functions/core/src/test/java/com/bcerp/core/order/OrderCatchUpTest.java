package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.model.OrderChange;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.port.OrderChangeFeed;
import com.bcerp.core.port.StoreEventQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OrderCatchUpTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final Store store = new Store();
    private final Queue queue = new Queue();
    private final OrderCatchUp catchUp = new OrderCatchUp("abc123", store, queue, state, new CatchUpSettings(10, 1), clock);

    @Test
    void the_first_run_reads_back_its_lookback_enqueues_each_complete_order_and_saves_the_latest_change_as_cursor() {
        store.put(101, 11, NOW.minus(Duration.ofHours(2))); // before the first run's lookback
        store.put(102, 11, NOW.minusSeconds(600));
        store.put(103, 0, NOW.minusSeconds(300)); // checkout not finished
        store.put(104, 11, NOW.minusSeconds(60));

        OrderCatchUp.Result result = catchUp.run();

        assertThat(queue.orderIds()).containsExactly(102L, 104L);
        assertThat(result.skippedIncomplete()).isEqualTo(1);
        assertThat(state.cursor(OrderCatchUp.cursorName("abc123")).orElseThrow().position())
                .isEqualTo(NOW.minusSeconds(60).toString());
    }

    @Test
    void the_events_are_the_webhook_the_store_would_have_sent_one_message_per_order_and_change() {
        store.put(250, 11, NOW.minusSeconds(30));

        catchUp.run();
        catchUp.run();

        StoreEvent event = queue.sent.get(0).event();
        assertThat(event.scope()).isEqualTo("store/order/updated");
        assertThat(event.isOrderEvent()).isTrue();
        assertThat(event.resourceId()).isEqualTo("250");
        assertThat(event.data()).containsEntry("type", "order").containsEntry("id", 250L);
        assertThat(event.orderingKey()).isEqualTo("abc123:order:250");
        // the overlap reads the order again; the same change carries the same deduplication id
        assertThat(queue.sent).hasSize(2);
        assertThat(queue.sent.get(1).deduplicationId()).isEqualTo(queue.sent.get(0).deduplicationId());
    }

    @Test
    void each_run_reads_again_from_the_cursor_less_the_overlap_and_finds_a_late_recorded_change() {
        store.put(1, 11, NOW.minusSeconds(120));
        catchUp.run();
        clock.advance(Duration.ofMinutes(5));
        // recorded by the store after the first run, with a modification time before its cursor
        store.put(2, 11, NOW.minusSeconds(300));
        store.put(3, 11, NOW.plusSeconds(200));

        OrderCatchUp.Result second = catchUp.run();

        assertThat(second.from()).isEqualTo(NOW.minusSeconds(120).minus(Duration.ofMinutes(10)));
        assertThat(queue.orderIds()).containsExactly(1L, 2L, 1L, 3L);
        assertThat(second.cursor()).isEqualTo(NOW.plusSeconds(200));
    }

    @Test
    void pages_of_more_than_one_second_and_whole_pages_within_one_second_are_all_read_once() {
        long id = 1;
        for (int i = 0; i < 300; i++) {
            store.put(id++, 11, NOW.minusSeconds(50)); // more than a page in one second
        }
        for (int i = 0; i < 400; i++) {
            store.put(id++, 11, NOW.minusSeconds(40 - i / 20));
        }

        OrderCatchUp.Result result = catchUp.run();

        assertThat(queue.orderIds()).hasSize(700).doesNotHaveDuplicates();
        assertThat(result.seen()).isEqualTo(700);
    }

    @Test
    void an_order_modified_while_the_run_pages_through_is_not_skipped() {
        for (long id = 1; id <= 600; id++) {
            store.put(id, 11, NOW.minusSeconds(900 - id));
        }
        // after the first page is read, the first 100 orders change again: page numbers alone would shift
        // a hundred unread orders onto the page already read
        store.afterFirstQuery = s -> {
            for (long id = 1; id <= 100; id++) {
                s.put(id, 11, NOW.minusSeconds(1));
            }
        };

        catchUp.run();

        assertThat(queue.orderIds()).containsAll(java.util.stream.LongStream.rangeClosed(1, 600).boxed().toList());
    }

    @Test
    void a_run_that_fails_part_way_leaves_the_cursor_where_it_was() {
        store.put(1, 11, NOW.minusSeconds(100));
        catchUp.run();
        String before = state.cursor(OrderCatchUp.cursorName("abc123")).orElseThrow().position();
        store.put(2, 11, NOW.minusSeconds(50));
        store.put(3, 11, NOW.minusSeconds(40));
        queue.failOn = 3L;

        assertThatThrownBy(catchUp::run).hasMessageContaining("queue unavailable");

        assertThat(state.cursor(OrderCatchUp.cursorName("abc123")).orElseThrow().position()).isEqualTo(before);
        queue.failOn = null;
        catchUp.run();
        assertThat(queue.orderIds()).contains(3L);
    }

    /** The store's order list: filters, sorts and pages as {@code GET /v2/orders} does. */
    private static final class Store implements OrderChangeFeed {
        private final Map<Long, OrderChange> orders = new ConcurrentHashMap<>();
        Consumer<Store> afterFirstQuery;

        void put(long id, int status, Instant modified) {
            orders.put(id, new OrderChange(id, status, modified));
        }

        @Override
        public List<OrderChange> ordersModifiedSince(Instant since, int page, int limit) {
            List<OrderChange> result = orders.values().stream().filter(o -> !o.modifiedAt().isBefore(since))
                    .sorted(Comparator.comparing(OrderChange::modifiedAt).thenComparingLong(OrderChange::id))
                    .skip((long) (page - 1) * limit).limit(limit).toList();
            if (afterFirstQuery != null) {
                Consumer<Store> change = afterFirstQuery;
                afterFirstQuery = null;
                change.accept(this);
            }
            return result;
        }
    }

    private record Sent(StoreEvent event, String deduplicationId) {}

    private static final class Queue implements StoreEventQueue {
        final List<Sent> sent = new ArrayList<>();
        Long failOn;

        @Override
        public void publish(StoreEvent event, String deduplicationId) {
            if (failOn != null && failOn == Long.parseLong(event.resourceId())) {
                throw new IllegalStateException("queue unavailable");
            }
            sent.add(new Sent(event, deduplicationId));
        }

        List<Long> orderIds() {
            return sent.stream().map(s -> Long.parseLong(s.event().resourceId())).toList();
        }
    }
}
