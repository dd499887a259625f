package com.bcerp.core.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.model.StoreRefund.ItemType;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.order.OrderMappingSettings;
import com.bcerp.core.sync.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefundImportTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100", "SKU-0101", "TEE-S",
            "REFUND", "HANDLING", "ROUNDING"));
    private final InMemoryStore store = new InMemoryStore();
    private OrderFlows flows = OrderFlows.wire(store, backOffice.backOffice(), state, state, ConnectorConfig.defaults(), clock,
            Duration.ofMinutes(2));

    static StoreRefund refund(long id, String total, String tax, StoreRefund.Item... items) {
        return new StoreRefund(id, 250, Instant.parse("2026-11-22T12:00:00Z"), "Damaged", Money.of(total, "USD"),
                Money.of(tax, "USD"), List.of(items), List.of(new StoreRefund.Payment("braintree", Money.of(total, "USD"),
                false, false)));
    }

    static StoreRefund.Item product(long lineId, int qty) {
        return new StoreRefund.Item(ItemType.PRODUCT, lineId, BigDecimal.valueOf(qty), null, null);
    }

    static StoreRefund.Item amount(ItemType type, long itemId, String amount) {
        return new StoreRefund.Item(type, itemId, null, Money.of(amount, "USD"), "goodwill");
    }

    private SalesOrderDraft credit(String ref) {
        return backOffice.orders().stream().filter(o -> o.draft().externalRef().equals(ref)).findFirst().orElseThrow()
                .draft();
    }

    @Test
    void a_partial_product_refund_is_a_credit_for_that_quantity_at_the_sold_price_with_its_tax_linked_to_the_order() {
        // line 100: 3 x 10.00 less 3.00 discount, 10% tax -> one unit refunded is 9.00 + 0.90 tax
        store.place(StoreOrders.order().line("SKU-0100", 3, "10.00", "3.00", List.of()).line("SKU-0101", 1, "5.00").build())
                .refund(refund(3, "9.90", "0.90", product(100, 1)));
        flows.orderImport().importOrder("abc123", 250, "created");

        assertThat(flows.refunds().sync("abc123", 250, "refund/created")).isEqualTo(Outcome.CREATED);

        SalesOrderDraft credit = credit("BC-abc123-250-R3");
        assertThat(credit.kind()).isEqualTo(DocumentKind.CREDIT);
        assertThat(credit.original().display()).isEqualTo("doc-1");
        assertThat(credit.customerId()).isEqualTo("C1");
        assertThat(credit.customerOrder()).isEqualTo("250");
        assertThat(credit.lines()).extracting(DraftLine::itemId, l -> l.quantity().toPlainString(),
                l -> l.unitPrice().amount().toPlainString(), l -> l.discount().amount().toPlainString(), DraftLine::storeLineRef)
                .containsExactly(tuple("SKU-0100", "1", "10.0000", "1.00", "100"));
        assertThat(credit.taxes()).singleElement().satisfies(t -> {
            assertThat(t.taxId()).isEqualTo("BCTAX");
            assertThat(t.amount()).isEqualTo(Money.of("0.90", "USD"));
        });
        assertThat(credit.total(InMemoryBackOffice.ARITHMETIC)).isEqualTo(Money.of("9.90", "USD"));
    }

    @Test
    void a_refund_delivered_twice_or_found_again_by_a_later_refund_event_is_credited_once() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "10.00").build()).refund(refund(3, "11.00", "1.00", product(100, 1)));
        flows.orderImport().importOrder("abc123", 250, "created");

        flows.refunds().sync("abc123", 250, "refund 3");
        store.refund(refund(4, "11.00", "1.00", amount(ItemType.SHIPPING, 5, "11.00")));
        flows.refunds().sync("abc123", 250, "refund 3 again");
        flows.refunds().sync("abc123", 250, "refund 4");

        assertThat(backOffice.orders()).extracting(o -> o.draft().externalRef())
                .containsExactly("BC-abc123-250", "BC-abc123-250-R3", "BC-abc123-250-R4");
        assertThat(state.history("refund#abc123#250#3")).extracting(a -> a.outcome())
                .containsExactly(Outcome.CREATED, Outcome.ALREADY_SYNCED, Outcome.ALREADY_SYNCED);
    }

    static StoreRefund declined(StoreRefund refund) {
        return new StoreRefund(refund.id(), refund.orderId(), refund.createdAt(), refund.reason(), refund.totalAmount(),
                refund.totalTax(), refund.items(), refund.payments().stream().map(p -> new StoreRefund.Payment(p.providerId(),
                p.amount(), p.offline(), true)).toList());
    }

    @Test
    void a_refund_the_provider_declined_is_not_credited_and_one_declined_after_its_credit_has_the_credit_cancelled() {
        StoreRefund three = refund(3, "11.00", "1.00", product(100, 1));
        store.place(StoreOrders.order().line("SKU-0100", 2, "10.00").status(14).build())
                .refund(declined(refund(2, "11.00", "1.00", product(100, 1)))).refund(three);
        flows.orderImport().importOrder("abc123", 250, "created");

        flows.refunds().sync("abc123", 250, "refund 3");
        assertThat(backOffice.orders()).extracting(o -> o.draft().externalRef())
                .containsExactly("BC-abc123-250", "BC-abc123-250-R3");

        // refund 3's payment is declined later, told by an order update (delivered twice): its credit is cancelled once
        InMemoryStore later = new InMemoryStore();
        later.place(StoreOrders.order().line("SKU-0100", 2, "10.00").status(14).build())
                .refund(declined(refund(2, "11.00", "1.00", product(100, 1)))).refund(declined(three));
        OrderFlows again = OrderFlows.wire(later, backOffice.backOffice(), state, state, ConnectorConfig.defaults(), clock,
                Duration.ofMinutes(2));
        assertThat(again.refunds().recheck("abc123", 250, "order updated")).isEqualTo(Outcome.CANCELLED);
        assertThat(again.refunds().recheck("abc123", 250, "order updated again")).isEqualTo(Outcome.ALREADY_SYNCED);
        assertThat(again.refunds().sync("abc123", 250, "refund 3 late")).isEqualTo(Outcome.ALREADY_SYNCED);

        assertThat(backOffice.orders()).filteredOn(o -> !o.cancelled()).extracting(o -> o.draft().externalRef())
                .containsExactly("BC-abc123-250");
        assertThat(state.isParked("refund#abc123#250#3#declined")).isFalse();
        assertThat(state.isParked("refund#abc123#250#2")).isFalse();
    }

    @Test
    void a_credit_the_back_office_will_not_cancel_after_its_refund_was_declined_parks_naming_it() {
        StoreRefund three = refund(3, "11.00", "1.00", product(100, 1));
        store.place(StoreOrders.order().line("SKU-0100", 2, "10.00").build()).refund(three);
        flows.orderImport().importOrder("abc123", 250, "created");
        flows.refunds().sync("abc123", 250, "refund 3");
        backOffice.orders().stream().filter(o -> o.draft().externalRef().endsWith("-R3")).findFirst().orElseThrow()
                .refuseCancel("the credit memo has been invoiced");

        InMemoryStore later = new InMemoryStore();
        later.place(StoreOrders.order().line("SKU-0100", 2, "10.00").build()).refund(declined(three));
        OrderFlows again = OrderFlows.wire(later, backOffice.backOffice(), state, state, ConnectorConfig.defaults(), clock,
                Duration.ofMinutes(2));
        assertThat(again.refunds().sync("abc123", 250, "order updated")).isEqualTo(Outcome.PARKED);
        assertThat(state.parkReason("refund#abc123#250#3#declined")).get().asString()
                .contains("after its credit").contains("would not cancel").contains("reverse");
    }

    @Test
    void a_crash_after_the_credit_was_written_links_the_existing_credit_instead_of_posting_it_again() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "10.00").build()).refund(refund(3, "11.00", "1.00", product(100, 1)));
        flows.orderImport().importOrder("abc123", 250, "created");
        flows.refunds().sync("abc123", 250, "refund 3");
        InMemorySyncState forgetful = new InMemorySyncState(clock); // the claim's completion was lost
        OrderFlows again = OrderFlows.wire(store, backOffice.backOffice(), forgetful, forgetful, ConnectorConfig.defaults(), clock, Duration.ofMinutes(2));

        assertThat(again.refunds().sync("abc123", 250, "redelivery")).isEqualTo(Outcome.LINKED_EXISTING);
        assertThat(backOffice.ordersFor("BC-abc123-250-R3")).isEqualTo(1);
    }

    @Test
    void shipping_handling_and_an_order_level_amount_credit_freight_the_handling_item_and_the_refund_item() {
        store.place(StoreOrders.order().line("SKU-0100", 1, "20.00").shipping("10.00").handling("2.00").build())
                .refund(refund(5, "19.20", "1.20", amount(ItemType.SHIPPING, 5, "11.00"), amount(ItemType.HANDLING, 5, "2.20"),
                        amount(ItemType.ORDER, 250, "6.00")));
        flows.orderImport().importOrder("abc123", 250, "created");

        flows.refunds().sync("abc123", 250, "refund/created");

        SalesOrderDraft credit = credit("BC-abc123-250-R5");
        assertThat(credit.freight()).isEqualTo(Money.of("10.00", "USD"));
        assertThat(credit.lines()).extracting(DraftLine::itemId, l -> l.amount(InMemoryBackOffice.ARITHMETIC).amount().toPlainString())
                .containsExactly(tuple("HANDLING", "2.00"), tuple("REFUND", "6.00"));
        assertThat(credit.total(InMemoryBackOffice.ARITHMETIC)).isEqualTo(Money.of("19.20", "USD"));
        assertThat(credit.kind()).isEqualTo(DocumentKind.CREDIT);
    }

    @Test
    void with_refund_document_return_refunded_goods_come_back_on_a_return_and_a_bundle_brings_its_components() {
        OrderMappingSettings d = OrderMappingSettings.defaults();
        OrderMappingSettings returns = new OrderMappingSettings(d.taxId(), d.taxClasses(), d.handlingItem(),
                d.wrappingItem(), d.roundingItem(), d.customProductItem(), d.giftCertificateItem(), d.feeItem(),
                d.refundItem(), d.roundingTolerance(), d.unitPriceDecimals(), d.shipVia(), d.paymentMethods(), null,
                OrderMappingSettings.RETURN, java.util.Set.of(), d.lookUpBeforeCreate());
        ConnectorConfig c = ConnectorConfig.defaults();
        flows = OrderFlows.wire(store, backOffice.backOffice(), state, state, new ConnectorConfig(returns, c.statuses(), c.customers(),
                c.payments(), c.routing(), c.stock(), c.catalog(), c.fulfilment(), c.reliability(), c.backOffices(), c.priceLists(), c.invoices(), c.units()), clock, Duration.ofMinutes(2));
        // a bundle (line 100, 2 x 30.00) with its picked tee (line 101, 2 x 0.00)
        store.place(StoreOrders.order().line("SKU-0100", 2, "30.00").bundleComponent(100, "TEE-S", 2).build())
                .refund(refund(6, "33.00", "3.00", product(100, 1)));
        flows.orderImport().importOrder("abc123", 250, "created");

        flows.refunds().sync("abc123", 250, "refund/created");

        SalesOrderDraft returned = credit("BC-abc123-250-R6");
        assertThat(returned.kind()).isEqualTo(DocumentKind.RETURN);
        assertThat(returned.lines()).extracting(DraftLine::itemId, l -> l.quantity().toPlainString(),
                l -> l.amount(InMemoryBackOffice.ARITHMETIC).amount().toPlainString())
                .containsExactly(tuple("SKU-0100", "1", "30.00"), tuple("TEE-S", "1", "0.00"));
        assertThat(returned.total(InMemoryBackOffice.ARITHMETIC)).isEqualTo(Money.of("33.00", "USD"));
    }

    @Test
    void a_refund_of_an_order_whose_import_is_parked_parks_and_is_credited_when_the_order_is_imported() {
        store.place(StoreOrders.order().status(14).line("SKU-NEW", 2, "10.00").build())
                .refund(refund(3, "11.00", "1.00", product(100, 1)));
        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.PARKED);

        assertThat(flows.refunds().sync("abc123", 250, "refund/created")).isEqualTo(Outcome.PARKED);
        assertThat(state.parkReason("refund#abc123#250#3")).hasValueSatisfying(r -> assertThat(r).contains("not in the back office"));

        backOffice.addItem("SKU-NEW");
        assertThat(flows.orderImport().importOrder("abc123", 250, "replay")).isEqualTo(Outcome.CREATED);
        assertThat(backOffice.ordersFor("BC-abc123-250-R3")).isEqualTo(1);
        assertThat(state.parked()).isEmpty();
    }

    @Test
    void a_refund_that_does_not_add_up_parks_alone_with_the_refund_named_and_the_next_refund_is_still_credited() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "10.00").build())
                .refund(refund(3, "50.00", "1.00", product(100, 1)))
                .refund(refund(4, "11.00", "1.00", product(100, 1)));
        flows.orderImport().importOrder("abc123", 250, "created");

        assertThat(flows.refunds().sync("abc123", 250, "refund/created")).isEqualTo(Outcome.CREATED);

        assertThat(state.parkReason("refund#abc123#250#3")).hasValueSatisfying(r -> assertThat(r)
                .contains("refund 3 of order 250").contains("50.00"));
        assertThat(backOffice.ordersFor("BC-abc123-250-R4")).isEqualTo(1);
        assertThat(backOffice.ordersFor("BC-abc123-250-R3")).isZero();
    }

    @Test
    void a_refund_of_a_line_the_order_does_not_have_names_the_item() {
        store.place(StoreOrders.order().line("SKU-0100", 2, "10.00").build()).refund(refund(3, "11.00", "1.00", product(999, 1)));
        flows.orderImport().importOrder("abc123", 250, "created");

        flows.refunds().sync("abc123", 250, "refund/created");

        assertThat(state.parkReason("refund#abc123#250#3")).hasValueSatisfying(r -> assertThat(r).contains("line 999"));
    }
}
