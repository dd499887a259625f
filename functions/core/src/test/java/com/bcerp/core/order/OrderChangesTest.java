package com.bcerp.core.order;

import com.bcerp.core.backoffice.DocumentState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.sync.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderChangesTest {

    private static final String REF = "BC-abc123-250";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100", "SKU-0101", "SKU-0102",
            "ROUNDING"));
    private final InMemoryStore store = new InMemoryStore();
    private final OrderFlows flows = OrderFlows.wire(store, backOffice.backOffice(), state, state, ConnectorConfig.defaults(), clock,
            Duration.ofMinutes(2));

    /** The order as first placed: 3 x SKU-0100 at 10.00 less 3.00, 1 x SKU-0101 at 5.00, 10.00 shipping, 10% tax. */
    private static StoreOrders placed() {
        return StoreOrders.order().lineWithId(100, "SKU-0100", 3, "10.00", "3.00").lineWithId(101, "SKU-0101", 1, "5.00", "0");
    }

    private static StoreEvent event(String scope, Map<String, Object> data) {
        return new StoreEvent("abc123", scope, "order", "250", Instant.parse("2026-11-23T09:00:00Z").getEpochSecond(),
                "h-" + scope, data);
    }

    private static StoreEvent updated() {
        return event("store/order/updated", Map.of("type", "order", "id", 250));
    }

    private static StoreEvent statusTo(int status) {
        return event("store/order/statusUpdated", Map.of("type", "order", "id", 250,
                "status", Map.of("previous_status_id", 11, "new_status_id", status)));
    }

    @BeforeEach
    void imported() {
        store.place(placed().build());
        assertThat(flows.events().handle(event("store/order/created", Map.of("type", "order", "id", 250))))
                .contains(Outcome.CREATED);
        assertThat(backOffice.netFor(REF, "USD")).isEqualTo(Money.of("46.20", "USD"));
    }

    @Test
    void a_quantity_decrease_is_a_credit_for_that_quantity_and_the_other_lines_are_untouched() {
        // BigCommerce drops the discount of a changed line: 2 x 10.00 = 20.00 (was 27.00)
        store.place(StoreOrders.order().lineWithId(100, "SKU-0100", 2, "10.00", "0").lineWithId(101, "SKU-0101", 1, "5.00", "0")
                .build());

        assertThat(flows.events().handle(updated())).contains(Outcome.CREATED);

        InMemoryBackOffice.Stored credit = backOffice.orders().get(1);
        assertThat(credit.draft().kind()).isEqualTo(DocumentKind.CREDIT);
        assertThat(credit.draft().externalRef()).isEqualTo(REF + "-E1");
        assertThat(credit.draft().original().display()).isEqualTo("doc-1");
        assertThat(credit.draft().lines()).extracting(DraftLine::itemId, l -> l.quantity().toPlainString(),
                l -> l.amount(InMemoryBackOffice.ARITHMETIC).amount().toPlainString(), DraftLine::storeLineRef)
                .containsExactly(tuple("SKU-0100", "1", "7.00", "100"));
        assertThat(credit.draft().taxes()).singleElement().satisfies(t -> assertThat(t.amount()).isEqualTo(Money.of("0.70", "USD")));
        assertThat(backOffice.netFor(REF, "USD")).isEqualTo(store.order(250).orElseThrow().totalIncTax());
    }

    @Test
    void a_quantity_increase_is_an_added_sale_and_a_removed_line_a_credit() {
        store.place(StoreOrders.order().lineWithId(100, "SKU-0100", 5, "10.00", "0").build());

        flows.events().handle(updated());

        assertThat(backOffice.orders()).extracting(o -> o.draft().externalRef(), o -> o.draft().kind())
                .containsExactly(tuple(REF, DocumentKind.SALE), tuple(REF + "-E1", DocumentKind.SALE),
                        tuple(REF + "-E2", DocumentKind.CREDIT));
        assertThat(backOffice.orders().get(1).draft().lines()).extracting(DraftLine::itemId, l -> l.quantity().toPlainString(),
                l -> l.amount(InMemoryBackOffice.ARITHMETIC).amount().toPlainString()).containsExactly(tuple("SKU-0100", "2", "23.00"));
        assertThat(backOffice.orders().get(2).draft().lines()).extracting(DraftLine::itemId, l -> l.quantity().toPlainString(),
                l -> l.amount(InMemoryBackOffice.ARITHMETIC).amount().toPlainString()).containsExactly(tuple("SKU-0101", "1", "5.00"));
        assertThat(backOffice.orders().get(2).draft().taxes()).as("the credit takes back the removed line's tax")
                .singleElement().satisfies(t -> assertThat(t.amount()).isEqualTo(Money.of("0.50", "USD")));
        assertThat(backOffice.orders().get(1).draft().taxes()).as("the added sale carries the rest of the change")
                .singleElement().satisfies(t -> assertThat(t.amount()).isEqualTo(Money.of("2.30", "USD")));
        assertThat(backOffice.netFor(REF, "USD")).isEqualTo(store.order(250).orElseThrow().totalIncTax());
    }

    @Test
    void the_same_edit_delivered_twice_or_followed_by_unrelated_updates_posts_nothing_more() {
        store.place(StoreOrders.order().lineWithId(100, "SKU-0100", 2, "10.00", "0").lineWithId(101, "SKU-0101", 1, "5.00", "0")
                .build());

        flows.events().handle(updated());
        assertThat(flows.events().handle(updated())).contains(Outcome.ALREADY_SYNCED);
        assertThat(flows.events().handle(statusTo(9))).contains(Outcome.ALREADY_SYNCED);

        assertThat(backOffice.orders()).hasSize(2);
    }

    @Test
    void a_second_edit_is_posted_against_the_first() {
        store.place(StoreOrders.order().lineWithId(100, "SKU-0100", 2, "10.00", "0").lineWithId(101, "SKU-0101", 1, "5.00", "0")
                .build());
        flows.events().handle(updated());
        store.place(StoreOrders.order().lineWithId(100, "SKU-0100", 2, "10.00", "0").lineWithId(101, "SKU-0101", 1, "5.00", "0")
                .lineWithId(102, "SKU-0102", 1, "7.50", "0").build());

        flows.events().handle(updated());

        assertThat(backOffice.orders()).extracting(o -> o.draft().externalRef()).containsExactly(REF, REF + "-E1", REF + "-E2");
        assertThat(backOffice.orders().get(2).draft().lines()).extracting(DraftLine::itemId).containsExactly("SKU-0102");
        assertThat(backOffice.netFor(REF, "USD")).isEqualTo(store.order(250).orElseThrow().totalIncTax());
    }

    @Test
    void a_cancellation_cancels_the_sales_order_and_a_repeat_finds_it_cancelled() {
        store.place(placed().status(5).build());

        assertThat(flows.events().handle(statusTo(5))).contains(Outcome.CANCELLED);
        assertThat(flows.events().handle(statusTo(5))).contains(Outcome.ALREADY_SYNCED);

        assertThat(backOffice.orders()).singleElement().extracting(InMemoryBackOffice.Stored::state).isEqualTo(DocumentState.CANCELLED);
    }

    @Test
    void a_cancellation_the_connector_wrote_itself_does_not_bounce_back() {
        flows.ownWrites().record("abc123", 250, 5, Instant.parse("2026-11-23T08:59:58Z"));
        store.place(placed().status(5).build());

        assertThat(flows.events().handle(statusTo(5))).contains(Outcome.SKIPPED);

        assertThat(backOffice.orders()).singleElement().extracting(InMemoryBackOffice.Stored::state).isEqualTo(DocumentState.OPEN);
        assertThat(state.history(OrderChanges.recordKey("abc123", 250)).get(0).error()).contains("set by the connector");
    }

    @Test
    void a_price_changed_on_a_line_whose_quantity_did_not_parks_the_changes_with_the_reason() {
        store.place(StoreOrders.order().lineWithId(100, "SKU-0100", 3, "10.00", "3.00").lineWithId(101, "SKU-0101", 1, "9.00", "0")
                .build());

        assertThat(flows.events().handle(updated())).contains(Outcome.PARKED);

        assertThat(state.parkReason(OrderChanges.recordKey("abc123", 250))).hasValueSatisfying(r -> assertThat(r)
                .contains("order 250").contains("price or discount"));
        assertThat(backOffice.orders()).hasSize(1);
    }

    @Test
    void edits_after_a_cancellation_are_not_posted() {
        store.place(placed().status(5).build());
        flows.events().handle(statusTo(5));
        store.place(StoreOrders.order().status(5).lineWithId(100, "SKU-0100", 1, "10.00", "0").build());

        assertThat(flows.events().handle(updated())).contains(Outcome.ALREADY_SYNCED);
        assertThat(backOffice.orders()).hasSize(1);
    }
}
