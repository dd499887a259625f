package com.bcerp.core.order;

import com.bcerp.core.model.OrderChange;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.port.OrderChangeFeed;
import com.bcerp.core.port.StoreEventQueue;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Cursor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under the webhooks: every few minutes, reads the orders the store modified since the cursor (less
 * an overlap) and enqueues an order event for each, so a webhook that never arrived costs minutes, not an order.
 * The events take the webhooks' own path through the queue and the worker, whose claims make a second look at an
 * order already imported cost nothing but a state read.
 *
 * <p>Pages are read by modification time (keyset: each query starts at the last modification time seen), so orders
 * modified while a run pages through cannot shift an unread one onto a page already read. The cursor is the
 * store's latest modification time seen, in the store's own clock (no skew between clocks), and it is saved only
 * after every order up to it has been enqueued: a run that fails part-way starts again from the old cursor.
 */
public final class OrderCatchUp {

    private static final Logger log = LoggerFactory.getLogger(OrderCatchUp.class);

    /** BigCommerce lists at most 250 orders per page. */
    static final int PAGE_SIZE = 250;
    /** Bounds one run (a Lambda invocation); a run that stops here saves its cursor and the next one goes on. */
    static final int MAX_PAGES_PER_RUN = 200;

    /** What one run did. */
    public record Result(Instant from, Instant cursor, int pages, int seen, int enqueued, int skippedIncomplete) {}

    private final String storeHash;
    private final OrderChangeFeed feed;
    private final StoreEventQueue queue;
    private final SyncState state;
    private final CatchUpSettings settings;
    private final Clock clock;

    public OrderCatchUp(String storeHash, OrderChangeFeed feed, StoreEventQueue queue, SyncState state,
            CatchUpSettings settings, Clock clock) {
        this.storeHash = storeHash;
        this.feed = feed;
        this.queue = queue;
        this.state = state;
        this.settings = settings;
        this.clock = clock;
    }

    public static String cursorName(String storeHash) {
        return "orders-catch-up#" + storeHash;
    }

    public Result run() {
        String name = cursorName(storeHash);
        Optional<Cursor> cursor = state.cursor(name);
        Instant from = cursor.map(c -> Instant.parse(c.position()).minus(Duration.ofMinutes(settings.overlapMinutes())))
                .orElseGet(() -> clock.instant().minus(Duration.ofHours(settings.firstRunLookbackHours())));
        Instant highWater = cursor.map(c -> Instant.parse(c.position())).orElse(from);

        Set<Long> seen = new HashSet<>();
        Instant since = from;
        int page = 1;
        int pages = 0;
        int enqueued = 0;
        int incomplete = 0;
        while (pages < MAX_PAGES_PER_RUN) {
            List<OrderChange> changes = feed.ordersModifiedSince(since, page, PAGE_SIZE);
            pages++;
            for (OrderChange change : changes) {
                if (!seen.add(change.id())) {
                    continue; // read again at a page boundary
                }
                if (change.isIncomplete()) {
                    incomplete++; // its completion will modify it again, and bring it back
                } else {
                    queue.publish(event(change), deduplicationId(change));
                    enqueued++;
                }
                if (change.modifiedAt().isAfter(highWater)) {
                    highWater = change.modifiedAt();
                }
            }
            if (changes.size() < PAGE_SIZE) {
                break;
            }
            Instant last = changes.get(changes.size() - 1).modifiedAt();
            if (last.equals(since)) {
                page++; // a whole page modified within one second: page on at this time
            } else {
                since = last;
                page = 1;
            }
        }
        String note = "read " + seen.size() + " orders modified since " + from + " in " + pages + " page(s); enqueued "
                + enqueued + (incomplete > 0 ? ", left " + incomplete + " incomplete" : "");
        state.saveCursor(name, highWater.toString(), note);
        log.info("order catch-up for store {}: {}; cursor {}", storeHash, note, highWater);
        return new Result(from, highWater, pages, seen.size(), enqueued, incomplete);
    }

    /** The webhook BigCommerce would have sent: an order update, thin, naming the catch-up as its origin. */
    private StoreEvent event(OrderChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "order");
        data.put("id", change.id());
        return new StoreEvent(storeHash, "store/order/updated", "order", Long.toString(change.id()),
                clock.instant().getEpochSecond(), "catch-up@" + change.modifiedAt(), data);
    }

    /** One message per order and modification: a later run that reads the same change within the window adds none. */
    private String deduplicationId(OrderChange change) {
        return "catch-up:" + storeHash + ":" + change.id() + ":" + change.modifiedAt().getEpochSecond();
    }
}
