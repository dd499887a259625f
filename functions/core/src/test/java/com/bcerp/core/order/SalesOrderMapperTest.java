package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.LineOption;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreOrder;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesOrderMapperTest {

    private final SalesOrderMapper mapper = new SalesOrderMapper(OrderMappingSettings.defaults(), RoutingSettings.defaults());

    @Test
    void every_line_quantity_price_discount_freight_and_tax_is_carried_and_totals_agree_to_the_cent() {
        StoreOrder order = StoreOrders.order()
                .line("SKU-0100", 2, "12.50")
                .line("TEE-200-RED-M", 1, "18.50", "3.00", List.of())
                .shipping("7.95").build();

        SalesOrderDraft draft = mapper.toDraft(order, List.of());

        assertThat(draft.externalRef()).isEqualTo("BC-abc123-250");
        assertThat(draft.customerOrder()).isEqualTo("250");
        assertThat(draft.lines()).extracting(DraftLine::itemId, l -> l.quantity().intValue(),
                        l -> plain(l.unitPrice()), l -> plain(l.discount()), l -> plain(l.amount()))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SKU-0100", 2, "12.5", "0", "25"),
                        org.assertj.core.groups.Tuple.tuple("TEE-200-RED-M", 1, "18.5", "3", "15.5"));
        assertThat(draft.freight()).isEqualTo(Money.of("7.95", "USD"));
        // tax: (25.00 + 15.50) * 10% = 4.05, shipping 0.795 -> 0.80
        assertThat(draft.taxes()).singleElement().satisfies(t -> {
            assertThat(t.taxId()).isEqualTo("BCTAX");
            assertThat(t.amount().amount()).isEqualByComparingTo("4.85");
        });
        assertThat(draft.total().amount()).isEqualByComparingTo("53.30");
        assertThat(draft.total().sameAs(order.totalIncTax())).isTrue();
    }

    @Test
    void chosen_options_are_named_in_the_line_description() {
        StoreOrder order = StoreOrders.order()
                .line("TEE-200-RED-M", 1, "18.50", "0", List.of(new LineOption("Color", "Red"), new LineOption("Size", "M")))
                .build();

        assertThat(mapper.toDraft(order, List.of()).lines().get(0).description()).isEqualTo("Item TEE-200-RED-M (Color: Red, Size: M)");
    }

    @Test
    void handling_and_gift_wrapping_become_lines_of_their_configured_items() {
        StoreOrder order = StoreOrders.order().line("SKU-0100", 1, "20.00").handling("2.50").wrapping("4.00").build();

        SalesOrderDraft draft = mapper.toDraft(order, List.of());

        assertThat(draft.lines()).extracting(DraftLine::itemId).containsExactly("SKU-0100", "HANDLING", "GIFTWRAP");
        assertThat(draft.total().sameAs(order.totalIncTax())).isTrue();
    }

    @Test
    void a_sub_cent_difference_becomes_an_explicit_rounding_line() {
        // the store totals 1.005 + 1.005 = 2.01; the back office rounds each line to 1.01 and would post 2.02
        StoreOrder order = StoreOrders.order().taxRate("0").shipping("0")
                .line("SKU-0100", 1, "1.005").line("SKU-0101", 1, "1.005").build();

        SalesOrderDraft draft = mapper.toDraft(order, List.of());

        assertThat(draft.lines()).extracting(DraftLine::itemId).containsExactly("SKU-0100", "SKU-0101", "ROUNDING");
        assertThat(draft.lines().get(2).amount().amount()).isEqualByComparingTo("-0.01");
        assertThat(draft.total().amount()).isEqualByComparingTo("2.01");
    }

    @Test
    void prorated_discounts_are_sent_in_cents_and_what_that_rounds_away_goes_to_the_rounding_line() {
        // the store splits 3.3334 over two lines; the back office posts each discount in cents (1.67 + 1.67)
        StoreOrder order = StoreOrders.order().taxRate("0").shipping("0")
                .line("SKU-0100", 1, "10.00", "1.6667", List.of())
                .line("SKU-0101", 1, "10.00", "1.6667", List.of()).build();

        SalesOrderDraft draft = mapper.toDraft(order, List.of());

        assertThat(draft.lines()).extracting(l -> l.discount().amount().toPlainString()).containsExactly("1.67", "1.67", "0");
        assertThat(draft.lines().get(2).itemId()).isEqualTo("ROUNDING");
        assertThat(draft.lines().get(2).amount().amount()).isEqualByComparingTo("0.01");
        assertThat(draft.total().amount()).isEqualByComparingTo("16.67");
    }

    @Test
    void shipping_and_payment_methods_are_sent_only_when_mapped_to_back_office_codes() {
        StoreOrder order = StoreOrders.order().line("SKU-0100", 1, "20.00").build();
        OrderMappingSettings d = OrderMappingSettings.defaults();
        SalesOrderMapper mapped = new SalesOrderMapper(new OrderMappingSettings(d.taxId(), d.taxClasses(),
                d.handlingItem(), d.wrappingItem(), d.roundingItem(), d.customProductItem(), d.giftCertificateItem(),
                d.feeItem(), d.refundItem(), d.roundingTolerance(), d.unitPriceDecimals(),
                java.util.Map.of("Flat Rate", "UPSGROUND"), java.util.Map.of("Credit Card", "VISA"), null, d.refundDocument()),
                RoutingSettings.defaults());

        assertThat(mapper.toDraft(order, List.of()).shipVia()).isNull();
        assertThat(mapper.toDraft(order, List.of()).paymentMethod()).isNull();
        assertThat(mapped.toDraft(order, List.of()).shipVia()).isEqualTo("UPSGROUND");
        assertThat(mapped.toDraft(order, List.of()).paymentMethod()).isEqualTo("VISA");
    }

    @Test
    void a_cent_of_rounding_is_posted_and_named() {
        // two lines of 0.005 of tax each round up to 0.01 + 0.01 in the back office, the store says 0.01 in total
        StoreOrder order = StoreOrders.order().shipping("0").line("SKU-0100", 1, "10.00").build();
        StoreOrder order2 = StoreOrders.order().shipping("0").line("SKU-0100", 1, "10.00")
                .unexplainedTotalDifference("0.01").build();
        StoreOrder skewed = order2;

        SalesOrderDraft draft = mapper.toDraft(skewed, List.of());

        assertThat(draft.lines()).last().satisfies(l -> {
            assertThat(l.itemId()).isEqualTo("ROUNDING");
            assertThat(l.amount().amount()).isEqualByComparingTo("0.01");
            assertThat(l.source()).isEqualTo("rounding");
        });
        assertThat(draft.total().sameAs(skewed.totalIncTax())).isTrue();
    }

    @Test
    void a_difference_larger_than_rounding_parks_the_order_instead_of_hiding_it() {
        StoreOrder order = StoreOrders.order().line("SKU-0100", 1, "20.00").unexplainedTotalDifference("5.00").build();

        assertThatThrownBy(() -> mapper.toDraft(order, List.of()))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("order 250")
                .hasMessageContaining("difference 5.00 USD")
                .extracting(e -> ((PermanentFailure) e).field()).isEqualTo("total_inc_tax");
    }

    @Test
    void a_line_without_sku_is_a_permanent_failure_naming_the_line() {
        StoreOrder order = StoreOrders.order().line("SKU-0100", 1, "20.00").line("", 1, "5.00").build();

        assertThatThrownBy(() -> mapper.toDraft(order, List.of()))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("order 250 line 2")
                .extracting(e -> ((PermanentFailure) e).field()).isEqualTo("products[1].sku");
    }

    @Test
    void an_order_without_tax_carries_no_tax_line() {
        StoreOrder order = StoreOrders.order().taxRate("0").line("SKU-0100", 1, "20.00").build();

        assertThat(mapper.toDraft(order, List.of()).taxes()).isEmpty();
    }

    @Test
    void the_line_names_its_source_so_a_back_office_error_can_point_at_it() {
        StoreOrder order = StoreOrders.order().line("SKU-0100", 1, "20.00").build();

        assertThat(mapper.toDraft(order, List.of()).lines().get(0).source()).isEqualTo("order 250 line 1 (product 77, sku SKU-0100)");
        assertThat(mapper.toDraft(order, List.of()).lines().get(0).quantity()).isEqualByComparingTo(BigDecimal.ONE);
    }

    private static String plain(Money m) {
        return m.amount().stripTrailingZeros().toPlainString();
    }
}
