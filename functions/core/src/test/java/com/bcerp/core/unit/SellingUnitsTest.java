package com.bcerp.core.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.config.InvalidConfig;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.order.OrderMappingSettings;
import com.bcerp.core.order.RoutingSettings;
import com.bcerp.core.order.SalesOrderMapper;
import com.bcerp.core.refund.RefundCreditMapper;
import com.bcerp.core.stock.Availability;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.StockSettings;
import com.bcerp.core.stock.WarehouseStock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SellingUnitsTest {

    /** WIDGET-6 is a six-pack of the item WIDGET-6 counted in EA; WATER-CASE is a case, a unit of its own. */
    private static final SellingUnits UNITS = new SellingUnits(Map.of(
            "WIDGET-6", new SellingUnit("EA", new BigDecimal("6"), new BigDecimal("6")),
            "WATER-CASE", new SellingUnit("CASE", BigDecimal.ONE, new BigDecimal("24"))));

    private static SalesOrderMapper mapper(LineArithmetic arithmetic) {
        return new SalesOrderMapper(OrderMappingSettings.defaults(), RoutingSettings.defaults(), arithmetic,
                sku -> false, UNITS);
    }

    @ParameterizedTest
    @EnumSource(LineArithmetic.class)
    void a_pack_line_posts_in_the_back_office_unit_with_a_derived_price_and_the_store_amount(LineArithmetic arithmetic) {
        // 50 six-packs at 10.00: 300 EA; 10.00 / 6 = 1.6667 would make 500.01, so the price is derived to keep 500.00
        StoreOrder order = StoreOrders.order().line("WIDGET-6", 50, "10.00", "3.00", List.of())
                .line("SKU-0100", 2, "12.50").shipping("5.00").build();

        SalesOrderDraft draft = mapper(arithmetic).toDraft(order, List.of());

        DraftLine pack = draft.lines().get(0);
        assertThat(pack.unit()).isEqualTo("EA");
        assertThat(pack.quantity()).isEqualByComparingTo("300");
        assertThat(pack.unitPrice().amount().scale()).isLessThanOrEqualTo(4);
        assertThat(pack.unitPrice().amount()).isBetween(new BigDecimal("1.6666"), new BigDecimal("1.6667"));
        assertThat(pack.amount(arithmetic).amount()).isEqualByComparingTo("497.00");
        assertThat(draft.lines().get(1).unit()).isNull();
        assertThat(draft.lines().get(1).quantity()).isEqualByComparingTo("2");
        // no rounding line: the converted line carries the store's amount
        assertThat(draft.lines()).extracting(DraftLine::storeLineRef).doesNotContain(SalesOrderMapper.ROUNDING_REF);
        assertThat(draft.total(arithmetic).sameAs(order.totalIncTax())).isTrue();
    }

    @Test
    void a_case_sold_as_its_own_unit_keeps_quantity_and_price() {
        StoreOrder order = StoreOrders.order().line("WATER-CASE", 3, "18.99").build();

        DraftLine line = mapper(LineArithmetic.ROUND_EACH_THEN_SUBTRACT).toDraft(order, List.of()).lines().get(0);

        assertThat(line.unit()).isEqualTo("CASE");
        assertThat(line.quantity()).isEqualByComparingTo("3");
        assertThat(line.unitPrice().amount()).isEqualByComparingTo("18.99");
    }

    @Test
    void a_refund_of_part_of_a_pack_line_credits_its_quantity_in_the_back_office_unit_at_the_store_amount() {
        SalesOrderMapper mapper = mapper(LineArithmetic.ROUND_EACH_THEN_SUBTRACT);
        StoreOrder order = StoreOrders.order().line("WIDGET-6", 7, "10.00").shipping("0").build();
        long lineId = order.lines().get(0).id();
        SalesOrderDraft sale = mapper.toDraft(order, List.of());
        PostedDocument posted = PostedDocument.created(new DocumentRef("SO/SO000001", sale.total(mapper.arithmetic())),
                sale, mapper.arithmetic());
        // 2 of the 7 packs back: 20.00 and its 10 % tax
        StoreRefund refund = new StoreRefund(1, order.id(), Instant.parse("2026-11-22T12:00:00Z"), "Damaged",
                Money.of("22.00", "USD"), Money.of("2.00", "USD"),
                List.of(new StoreRefund.Item(StoreRefund.ItemType.PRODUCT, lineId, BigDecimal.valueOf(2), null, null)),
                List.of());

        SalesOrderDraft credit = new RefundCreditMapper(mapper).toCredit(order, List.of(), refund, posted);

        assertThat(credit.kind()).isEqualTo(DocumentKind.CREDIT);
        DraftLine line = credit.lines().get(0);
        assertThat(line.unit()).isEqualTo("EA");
        assertThat(line.quantity()).isEqualByComparingTo("12");
        assertThat(line.amount(mapper.arithmetic()).amount()).isEqualByComparingTo("20.00");
        assertThat(credit.lines()).extracting(DraftLine::storeLineRef).doesNotContain(SalesOrderMapper.ROUNDING_REF);
        assertThat(credit.total(mapper.arithmetic()).amount()).isEqualByComparingTo("22.00");
    }

    @Test
    void stock_shows_whole_packs_per_warehouse_rounded_down_and_less_the_reserve_in_packs() {
        StockSettings settings = StockSettings.defaults().withLocations(Map.of("MAIN", 1L, "OVERFLOW", 1L, "OUTLET", 2L))
                .withReserve(1);
        Availability availability = new Availability(settings, UNITS);
        // 17 EA make 2 six-packs in MAIN, 5 EA none in OVERFLOW (a pack ships from one warehouse), 12 EA 2 in OUTLET
        ItemStock item = new ItemStock("WIDGET-6", true, List.of(stock("MAIN", "17"), stock("OVERFLOW", "5"),
                stock("OUTLET", "12")));

        assertThat(availability.of(item)).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 1, 2L, 1));
        assertThat(availability.inBaseUnits(item)).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 21, 2L, 11));
        assertThat(availability.of(new ItemStock("WATER-CASE", true, List.of(stock("OUTLET", "47")))))
                .containsEntry(2L, 0);
        assertThat(availability.of(new ItemStock("WATER-CASE", true, List.of(stock("OUTLET", "49")))))
                .containsEntry(2L, 1);
    }

    @Test
    void an_entry_without_a_unit_or_with_a_factor_not_above_zero_is_refused_naming_the_field() {
        assertThatThrownBy(() -> new SellingUnit(" ", BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(InvalidConfig.class).hasMessageStartingWith("unit: ");
        assertThatThrownBy(() -> new SellingUnit("EA", BigDecimal.ZERO, BigDecimal.ONE))
                .isInstanceOf(InvalidConfig.class).hasMessageStartingWith("quantity: must be more than 0");
        assertThatThrownBy(() -> new SellingUnit("EA", BigDecimal.ONE, new BigDecimal("-6")))
                .isInstanceOf(InvalidConfig.class).hasMessageStartingWith("base_units: must be more than 0");
        assertThatThrownBy(() -> new SellingUnit("EA", BigDecimal.ONE, null))
                .isInstanceOf(InvalidConfig.class).hasMessageStartingWith("base_units: ");
    }

    private static WarehouseStock stock(String warehouse, String qty) {
        BigDecimal q = new BigDecimal(qty);
        return new WarehouseStock(warehouse, q, q, q, BigDecimal.ZERO);
    }
}
