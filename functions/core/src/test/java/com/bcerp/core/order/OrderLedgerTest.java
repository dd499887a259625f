package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.config.InvalidConfig;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.payment.PaymentSettings;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.SalesDocuments;
import com.bcerp.core.sync.KeyScope;
import com.bcerp.core.sync.Link;
import com.bcerp.core.sync.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What was posted for a store order is known from the link table; the back office's search is the fallback. */
class OrderLedgerTest {

    private static final String REF = "BC-abc123-250";
    private static final String OWNER = OrderLedger.owner("memory", REF);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100"));
    private final InMemoryStore store = new InMemoryStore();

    private OrderImport wired(BackOffice bo, ConnectorConfig config) {
        return OrderFlows.wire(store, bo, state, state, config, clock, Duration.ofMinutes(2)).orderImport();
    }

    private Outcome importOrder(BackOffice bo) {
        return wired(bo, ConnectorConfig.defaults()).importOrder("abc123", 250, "test");
    }

    /** The back office writes the document, and then its answer is lost (a timeout). */
    private BackOffice answerLost() {
        return backOffice.backOffice().wrapped(BackOffice.documentsWrapper(d -> new Delegating(d) {
            @Override
            public DocumentRef createSalesOrder(SalesOrderDraft order) {
                super.createSalesOrder(order);
                throw new TransientFailure("read timed out after the write");
            }
        }));
    }

    @Test
    void a_create_is_linked_and_a_redelivery_reads_it_by_id_without_searching() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "12.50").build());
        assertThat(importOrder(backOffice.backOffice())).isEqualTo(Outcome.CREATED);
        assertThat(state.linksOf(OWNER)).containsExactly(new Link(REF, DocumentKind.SALE, "doc-1"));
        int searches = backOffice.searches.get();

        OrderDocuments documents = new OrderLedger(backOffice.backOffice(), state, KeyScope.primary("memory")).documents("abc123", 250);

        assertThat(documents.sale()).map(d -> d.ref().id()).contains("doc-1");
        assertThat(backOffice.searches.get()).as("read by the link's id").isEqualTo(searches);
    }

    @Test
    void a_lost_answer_leaves_a_pending_link_and_the_retry_finds_the_document_by_search() {
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());

        assertThatThrownBy(() -> importOrder(answerLost())).isInstanceOf(TransientFailure.class);
        assertThat(state.linksOf(OWNER)).containsExactly(Link.pending(REF, DocumentKind.SALE));

        assertThat(importOrder(backOffice.backOffice())).isEqualTo(Outcome.LINKED_EXISTING);
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
        assertThat(state.linksOf(OWNER)).containsExactly(new Link(REF, DocumentKind.SALE, "doc-1"));
    }

    @Test
    void without_a_search_the_links_alone_prevent_duplicates_and_an_uncertain_create_parks() {
        backOffice.searchable = false;
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());

        assertThatThrownBy(() -> importOrder(answerLost())).isInstanceOf(TransientFailure.class);
        assertThat(importOrder(backOffice.backOffice())).as("it cannot know: a person decides").isEqualTo(Outcome.PARKED);

        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
        assertThat(state.parkReason(OrderImport.recordKey("abc123", 250))).get().asString()
                .contains(REF).contains("never came").contains("cannot be searched");
    }

    @Test
    void without_a_search_a_first_import_needs_no_look_up_and_a_redelivery_reads_the_link() {
        backOffice.searchable = false;
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());

        assertThat(importOrder(backOffice.backOffice())).isEqualTo(Outcome.CREATED);
        state.release(OrderImport.recordKey("abc123", 250));
        assertThat(new OrderLedger(backOffice.backOffice(), state, KeyScope.primary("memory")).documents("abc123", 250).sale()).isPresent();
        assertThat(backOffice.ordersFor(REF)).isEqualTo(1);
    }

    @Test
    void state_written_before_links_existed_is_backfilled_from_the_search() {
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());
        importOrder(backOffice.backOffice());
        state.dropLinks(); // as a table written by the release before links

        List<PostedDocument> found = new OrderLedger(backOffice.backOffice(), state, KeyScope.primary("memory")).documents("abc123", 250).all();

        assertThat(found).extracting(d -> d.ref().id()).containsExactly("doc-1");
        assertThat(state.linksOf(OWNER)).containsExactly(new Link(REF, DocumentKind.SALE, "doc-1"));
    }

    @Test
    void a_refused_create_leaves_no_pending_link() {
        store.place(StoreOrders.order().line("SKU-UNKNOWN", 1, "20.00").build());

        assertThat(importOrder(backOffice.backOffice())).isEqualTo(Outcome.PARKED);

        assertThat(state.linksOf(OWNER)).isEmpty();
    }

    @Test
    void a_back_office_with_sales_orders_only_gets_the_import_and_no_customer_payment_or_refund_flow() {
        BackOffice warehouse = BackOffice.named("warehouse", "memory")
                .documents(new Delegating(backOffice) {
                    @Override
                    public Set<DocumentKind> kinds() {
                        return EnumSet.of(DocumentKind.SALE);
                    }
                }).build();
        backOffice.needsCustomer = false;
        ConnectorConfig noPayments = withPayments(false);
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").build());

        OrderFlows flows = OrderFlows.wire(store, warehouse, state, state, noPayments, clock, Duration.ofMinutes(2));

        assertThat(flows.refundFlow()).isEmpty();
        assertThat(flows.paymentFlow()).isEmpty();
        assertThat(flows.orderImport().importOrder("abc123", 250, "test")).isEqualTo(Outcome.CREATED);
        assertThat(backOffice.orders()).singleElement().satisfies(o -> assertThat(o.draft().customerId()).isNull());
        assertThat(backOffice.customerCreates.get()).isZero();
        assertThatThrownBy(() -> OrderFlows.wire(store, warehouse, state, state, withPayments(true), clock,
                Duration.ofMinutes(2))).isInstanceOf(InvalidConfig.class).hasMessageContaining("payments.enabled")
                .hasMessageContaining("warehouse");
    }

    private static ConnectorConfig withPayments(boolean enabled) {
        ConnectorConfig d = ConnectorConfig.defaults();
        PaymentSettings p = new PaymentSettings(enabled, enabled
                ? List.of(new PaymentSettings.MethodRule("braintree", null, "CARD", null)) : List.of());
        return new ConnectorConfig(d.orders(), d.statuses(), d.customers(), p,
                d.routing(), d.stock(), d.catalog(), d.fulfilment(), d.reliability(), d.backOffices(), d.priceLists(), d.invoices(), d.units());
    }

    /** A documents port passing everything to another. */
    private static class Delegating implements SalesDocuments {
        private final SalesDocuments to;

        Delegating(SalesDocuments to) {
            this.to = to;
        }

        @Override
        public DocumentRef createSalesOrder(SalesOrderDraft order) {
            return to.createSalesOrder(order);
        }

        @Override
        public void cancelSalesOrder(DocumentRef order) {
            to.cancelSalesOrder(order);
        }

        @Override
        public List<PostedDocument> readDocuments(Collection<String> ids) {
            return to.readDocuments(ids);
        }

        @Override
        public Optional<List<PostedDocument>> findOrderDocuments(String externalRef) {
            return to.findOrderDocuments(externalRef);
        }
    }
}
