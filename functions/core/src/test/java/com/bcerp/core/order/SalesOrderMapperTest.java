package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.AppliedDiscount;
import com.bcerp.core.model.LineOption;
import com.bcerp.core.model.OrderLine;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreOrder;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesOrderMapperTest {

    /** The arithmetic these expectations were worked out in: extended price and discount each rounded, then subtracted. */
    private static final LineArithmetic ARITHMETIC = LineArithmetic.ROUND_EACH_THEN_SUBTRACT;

    private final SalesOrderMapper mapper = new SalesOrderMapper(OrderMappingSettings.defaults(), RoutingSettings.defaults(), ARITHMETIC);

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
                        l -> plain(l.unitPrice()), l -> plain(l.discount()), l -> plain(l.amount(ARITHMETIC)))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SKU-0100", 2, "12.5", "0", "25"),
                        org.assertj.core.groups.Tuple.tuple("TEE-200-RED-M", 1, "18.5", "3", "15.5"));
        assertThat(draft.freight()).isEqualTo(Money.of("7.95", "USD"));
        // tax: (25.00 + 15.50) * 10% = 4.05, shipping 0.795 -> 0.80
        assertThat(draft.taxes()).singleElement().satisfies(t -> {
            assertThat(t.taxId()).isEqualTo("BCTAX");
            assertThat(t.amount().amount()).isEqualByComparingTo("4.85");
        });
        assertThat(draft.total(ARITHMETIC).amount()).isEqualByComparingTo("53.30");
        assertThat(draft.total(ARITHMETIC).sameAs(order.totalIncTax())).isTrue();
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
        assertThat(draft.total(ARITHMETIC).sameAs(order.totalIncTax())).isTrue();
    }

    @Test
    void a_sub_cent_difference_becomes_an_explicit_rounding_line() {
        // the store totals 1.005 + 1.005 = 2.01; the back office rounds each line to 1.01 and would post 2.02
        StoreOrder order = StoreOrders.order().taxRate("0").shipping("0")
                .line("SKU-0100", 1, "1.005").line("SKU-0101", 1, "1.005").build();

        SalesOrderDraft draft = mapper.toDraft(order, List.of());

        assertThat(draft.lines()).extracting(DraftLine::itemId).containsExactly("SKU-0100", "SKU-0101", "ROUNDING");
        assertThat(draft.lines().get(2).amount(ARITHMETIC).amount()).isEqualByComparingTo("-0.01");
        assertThat(draft.total(ARITHMETIC).amount()).isEqualByComparingTo("2.01");
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
        assertThat(draft.lines().get(2).amount(ARITHMETIC).amount()).isEqualByComparingTo("0.01");
        assertThat(draft.total(ARITHMETIC).amount()).isEqualByComparingTo("16.67");
    }

    @Test
    void shipping_and_payment_methods_are_sent_only_when_mapped_to_back_office_codes() {
        StoreOrder order = StoreOrders.order().line("SKU-0100", 1, "20.00").build();
        OrderMappingSettings d = OrderMappingSettings.defaults();
        SalesOrderMapper mapped = new SalesOrderMapper(new OrderMappingSettings(d.taxId(), d.taxClasses(),
                d.handlingItem(), d.wrappingItem(), d.roundingItem(), d.customProductItem(), d.giftCertificateItem(),
                d.feeItem(), d.refundItem(), d.roundingTolerance(), d.unitPriceDecimals(),
                java.util.Map.of("Flat Rate", "UPSGROUND"), java.util.Map.of("Credit Card", "VISA"), null, d.refundDocument(), java.util.Set.of(), d.lookUpBeforeCreate()),
                RoutingSettings.defaults(), ARITHMETIC);

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
            assertThat(l.amount(ARITHMETIC).amount()).isEqualByComparingTo("0.01");
            assertThat(l.source()).isEqualTo("rounding");
        });
        assertThat(draft.total(ARITHMETIC).sameAs(skewed.totalIncTax())).isTrue();
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

    private static SalesOrderMapper withTaxClasses(java.util.Map<String, String> classes) {
        OrderMappingSettings d = OrderMappingSettings.defaults();
        return new SalesOrderMapper(new OrderMappingSettings(d.taxId(), classes, d.handlingItem(), d.wrappingItem(),
                d.roundingItem(), d.customProductItem(), d.giftCertificateItem(), d.feeItem(), d.refundItem(),
                d.roundingTolerance(), d.unitPriceDecimals(), d.shipVia(), d.paymentMethods(), null, d.refundDocument(), java.util.Set.of(), d.lookUpBeforeCreate()),
                RoutingSettings.defaults(), ARITHMETIC);
    }

    private static StoreTax tax(long id, int taxClass, String className, String rate, String amount, String appliesTo,
            Long lineId, Long addressId) {
        return new StoreTax(id, taxClass, className, "Tax", new BigDecimal(rate), Money.of(amount, "USD"), appliesTo,
                lineId, addressId);
    }

    @Test
    void custom_products_gift_certificates_fees_and_bundle_components_post_on_their_items() {
        StoreOrder order = StoreOrders.order().line("SKU-0100", 1, "30.00").bundleComponent(100, "TEE-S", 2)
                .customProduct("ENGRAVE-1", 1, "12.00").customProduct(null, 1, "3.00").giftCertificate("25.00")
                .fee(1, "Eco fee", "2.00").build();

        SalesOrderDraft draft = mapper.toDraft(order, List.of());

        assertThat(draft.lines()).extracting(DraftLine::itemId, DraftLine::description, l -> plain(l.amount(ARITHMETIC)))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SKU-0100", "Item SKU-0100", "30"),
                        org.assertj.core.groups.Tuple.tuple("TEE-S", "Item TEE-S [part of bundle line 100]", "0"),
                        org.assertj.core.groups.Tuple.tuple("NONSTOCK", "Item ENGRAVE-1 (custom product, sku ENGRAVE-1)", "12"),
                        org.assertj.core.groups.Tuple.tuple("NONSTOCK", "Item null (custom product)", "3"),
                        org.assertj.core.groups.Tuple.tuple("GIFTCERT", "Gift certificate: Item null", "25"),
                        org.assertj.core.groups.Tuple.tuple("FEES", "Eco fee", "2"));
        assertThat(draft.total(ARITHMETIC).sameAs(order.totalIncTax())).isTrue();
    }

    @Test
    void a_custom_product_whose_sku_is_a_back_office_item_posts_on_that_item_and_any_other_on_the_non_stock_item() {
        StoreOrder order = StoreOrders.order().customProduct("SKU-0101", 2, "12.00").customProduct("ENGRAVE-1", 1, "3.00")
                .customProduct(null, 1, "1.00").build();
        SalesOrderMapper knowingItems = new SalesOrderMapper(OrderMappingSettings.defaults(), RoutingSettings.defaults(),
                ARITHMETIC, java.util.Set.of("SKU-0100", "SKU-0101")::contains);

        SalesOrderDraft draft = knowingItems.toDraft(order, List.of());

        assertThat(draft.lines()).extracting(DraftLine::itemId, l -> l.quantity().toPlainString(),
                        l -> plain(l.amount(ARITHMETIC)))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SKU-0101", "2", "24"),
                        org.assertj.core.groups.Tuple.tuple("NONSTOCK", "1", "3"),
                        org.assertj.core.groups.Tuple.tuple("NONSTOCK", "1", "1"));
        assertThat(draft.total(ARITHMETIC).sameAs(order.totalIncTax())).isTrue();
    }

    @Test
    void with_tax_classes_each_back_office_tax_id_gets_its_own_line_with_what_it_was_charged_on() {
        // line 100 (20.00) at the standard rate, line 101 (10.00) at a reduced rate, shipping (10.00) standard
        StoreOrder order = StoreOrders.order().taxRate("0").line("SKU-0100", 1, "20.00").line("SKU-0101", 1, "10.00")
                .unexplainedTotalDifference("0").build();
        StoreOrder taxed = StoreOrders.order().line("SKU-0100", 1, "20.00").line("SKU-0101", 1, "10.00").build();
        List<StoreTax> taxes = List.of(
                tax(1, 0, "Default Tax Class", "10", "2.00", "item", 100L, 5L),
                tax(2, 4, "Reduced", "5", "0.50", "item", 101L, 5L),
                tax(3, 2, "Shipping", "10", "1.00", "shipping", null, 5L));
        SalesOrderMapper byClass = withTaxClasses(java.util.Map.of("0", "STDTAX", "Reduced", "REDTAX", "2", "STDTAX"));
        StoreOrder withTax = new StoreOrder(taxed.storeHash(), taxed.id(), taxed.statusId(), taxed.status(),
                taxed.createdAt(), taxed.modifiedAt(), taxed.channelId(), "USD", "USD", BigDecimal.ONE, false, taxed.buyer(),
                taxed.billingAddress(), taxed.shipping(), taxed.lines(), List.of(), taxed.subtotalExTax(),
                taxed.shippingExTax(), taxed.shippingTax(), taxed.handlingExTax(), taxed.handlingTax(),
                taxed.wrappingExTax(), taxed.wrappingTax(), taxed.discountTotal(), order.totalExTax(),
                Money.of("3.50", "USD"), order.totalExTax().plus(Money.of("3.50", "USD")), null, null, null, null);

        SalesOrderDraft draft = byClass.toDraft(withTax, taxes);

        assertThat(draft.taxes()).extracting(t -> t.taxId(), t -> plain(t.taxable()), t -> plain(t.amount()),
                        t -> t.rate() == null ? null : t.rate().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STDTAX", "30", "3", "10"),
                        org.assertj.core.groups.Tuple.tuple("REDTAX", "10", "0.5", "5"));
        assertThat(draft.total(ARITHMETIC).sameAs(withTax.totalIncTax())).isTrue();
    }

    @Test
    void an_unmapped_tax_class_parks_the_order_naming_the_class() {
        StoreOrder order = StoreOrders.order().line("SKU-0100", 1, "20.00").build();
        SalesOrderMapper byClass = withTaxClasses(java.util.Map.of("0", "STDTAX"));

        assertThatThrownBy(() -> byClass.toDraft(order, List.of(tax(1, 7, "Luxury", "20", "3.00", "item", 100L, 5L))))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("tax class 7 (Luxury")
                .hasMessageContaining("on line 1 (product").hasMessageContaining("orders.tax_classes")
                .extracting(e -> ((PermanentFailure) e).field()).isEqualTo("taxes.tax_class_id");
    }

    @Test
    void each_line_and_the_freight_carry_the_tax_id_their_store_tax_class_maps_to() {
        StoreOrder taxed = StoreOrders.order().line("SKU-0100", 1, "20.00").line("SKU-0101", 1, "10.00")
                .line("SKU-0102", 1, "5.00").build();
        List<StoreTax> taxes = List.of(
                tax(1, 0, "Default Tax Class", "10", "2.00", "item", 100L, 5L),
                tax(2, 4, "Reduced", "5", "0.50", "item", 101L, 5L),
                tax(3, 2, "Shipping", "10", "1.00", "shipping", null, 5L));
        SalesOrderMapper byClass = withTaxClasses(java.util.Map.of("0", "STDTAX", "Reduced", "REDTAX", "2", "SHIPTAX"));
        StoreOrder withTax = new StoreOrder(taxed.storeHash(), taxed.id(), taxed.statusId(), taxed.status(),
                taxed.createdAt(), taxed.modifiedAt(), taxed.channelId(), "USD", "USD", BigDecimal.ONE, false, taxed.buyer(),
                taxed.billingAddress(), taxed.shipping(), taxed.lines(), List.of(), taxed.subtotalExTax(),
                taxed.shippingExTax(), taxed.shippingTax(), taxed.handlingExTax(), taxed.handlingTax(),
                taxed.wrappingExTax(), taxed.wrappingTax(), taxed.discountTotal(), taxed.totalExTax(),
                Money.of("3.50", "USD"), taxed.totalExTax().plus(Money.of("3.51", "USD")), null, null, null, null);

        SalesOrderDraft draft = byClass.toDraft(withTax, taxes);

        // no store tax names the third line: none; the cent the store's total is over: a rounding line, none
        assertThat(draft.lines()).extracting(DraftLine::itemId, DraftLine::taxIds).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SKU-0100", List.of("STDTAX")),
                org.assertj.core.groups.Tuple.tuple("SKU-0101", List.of("REDTAX")),
                org.assertj.core.groups.Tuple.tuple("SKU-0102", List.of()),
                org.assertj.core.groups.Tuple.tuple("ROUNDING", List.of()));
        assertThat(draft.freightTaxIds()).containsExactly("SHIPTAX");
    }

    @Test
    void without_tax_classes_a_taxed_line_carries_tax_id_and_an_untaxed_one_none() {
        StoreOrder taxed = StoreOrders.order().line("SKU-0100", 1, "20.00").build();
        StoreOrder untaxed = StoreOrders.order().taxRate("0").line("SKU-0100", 1, "20.00").build();

        SalesOrderDraft withTax = mapper.toDraft(taxed, List.of());
        SalesOrderDraft without = mapper.toDraft(untaxed, List.of());

        assertThat(withTax.lines()).extracting(DraftLine::taxIds).containsOnly(List.of("BCTAX"));
        assertThat(withTax.freightTaxIds()).isEqualTo(taxed.shippingTax().isZero() ? List.of() : List.of("BCTAX"));
        assertThat(without.lines()).extracting(DraftLine::taxIds).containsOnly(List.of());
        assertThat(without.freightTaxIds()).isEmpty();
    }

    @Test
    void an_order_in_another_currency_is_posted_in_it_with_the_stores_rate_as_base_per_unit() {
        StoreOrder order = StoreOrders.order().currency("EUR", "USD", "0.8").line("SKU-0100", 1, "20.00").build();

        SalesOrderDraft draft = mapper.toDraft(order, List.of());

        assertThat(draft.currency()).isEqualTo("EUR");
        assertThat(draft.currencyRate()).isEqualByComparingTo("1.25");
        assertThat(draft.total(ARITHMETIC).currency()).isEqualTo("EUR");
        assertThat(mapper.toDraft(StoreOrders.order().line("SKU-0100", 1, "20.00").build(), List.of()).currencyRate())
                .as("no rate in the store's own currency").isNull();
    }

    @Test
    void storefronts_and_currencies_route_to_their_branch_and_an_unrouted_storefront_parks() {
        SalesOrderMapper routed = new SalesOrderMapper(OrderMappingSettings.defaults(), new RoutingSettings(
                java.util.Map.of("1", "US-WEST", "2", "EU"), java.util.Map.of("GBP", "UK"), null), ARITHMETIC);

        assertThat(routed.toDraft(StoreOrders.order().channel(2).line("SKU-0100", 1, "5").build(), List.of()).branch())
                .isEqualTo("EU");
        assertThat(routed.toDraft(StoreOrders.order().channel(9).currency("GBP", "USD", "0.75").line("SKU-0100", 1, "5")
                .build(), List.of()).branch()).isEqualTo("UK");
        assertThatThrownBy(() -> routed.toDraft(StoreOrders.order().channel(9).line("SKU-0100", 1, "5").build(), List.of()))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("storefront (channel) 9")
                .extracting(e -> ((PermanentFailure) e).field()).isEqualTo("channel_id");
        assertThat(mapper.toDraft(StoreOrders.order().channel(9).line("SKU-0100", 1, "5").build(), List.of()).branch())
                .as("without routing the back office's default branch").isNull();
    }

    @Test
    void a_tax_inclusive_stores_discount_is_taken_without_its_tax() {
        // a line of 22.00 incl. 10% tax (20.00 + 2.00), discounted 2.20 incl. tax: 2.00 without it
        OrderLine line = new OrderLine(100, 77, 1L, "SKU-0100", "Mug", "physical", BigDecimal.ONE,
                Money.of("20.00", "USD"), Money.of("22.00", "USD"), Money.of("20.00", "USD"), Money.of("2.00", "USD"),
                List.of(new AppliedDiscount("1", "Coupon", "SAVE10", Money.of("2.20", "USD"), "order")), List.of(), null, 5L);

        assertThat(line.discountExTax(true)).isEqualTo(Money.of("2.00", "USD"));
        assertThat(line.discountExTax(false)).isEqualTo(Money.of("2.20", "USD"));
    }

    private static String plain(Money m) {
        return m.amount().stripTrailingZeros().toPlainString();
    }
}
