package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEditPlannerTest {

    private final SalesOrderMapper mapper = new SalesOrderMapper(OrderMappingSettings.defaults(),
            RoutingSettings.defaults(), InMemoryBackOffice.ARITHMETIC);
    private final OrderEditPlanner planner = new OrderEditPlanner(mapper);

    @Test
    void a_back_office_that_reckons_its_own_tax_and_posted_the_cent_as_rounding_sees_no_edit_in_an_unchanged_order() {
        // the store taxes per line (0.35 + 0.35 + 1.00 = 1.70); a back office reckoning VAT on the sum posted 1.69
        // and the cent on its rounding line, so its total is the store's
        StoreOrder order = StoreOrders.order().lineWithId(100, "SKU-0100", 1, "3.45", "0")
                .lineWithId(101, "SKU-0101", 1, "3.45", "0").build();
        SalesOrderDraft desired = mapper.toDraft(order, List.of());
        Money cent = Money.of("0.01", order.currency());
        List<TaxLine> reckoned = desired.taxes().stream().map(t -> new TaxLine(t.taxId(), t.rate(), t.taxable(),
                t.amount().minus(cent))).toList();
        List<com.bcerp.core.backoffice.DraftLine> lines = new ArrayList<>(desired.lines());
        lines.add(mapper.roundingLine(cent));
        SalesOrderDraft asPosted = new SalesOrderDraft(desired.kind(), desired.externalRef(), desired.customerOrder(),
                "C1", desired.date(), desired.currency(), desired.currencyRate(), desired.branch(), desired.description(),
                lines, desired.freight(), reckoned, desired.billTo(), desired.shipTo(), desired.shipVia(),
                desired.paymentMethod(), null);
        PostedDocument sale = PostedDocument.created(new DocumentRef("doc-1", order.totalIncTax()), asPosted,
                InMemoryBackOffice.ARITHMETIC);
        assertThat(asPosted.total(InMemoryBackOffice.ARITHMETIC)).isEqualTo(order.totalIncTax());

        assertThat(planner.plan(order, desired, List.of(sale), sale, 1).isEmpty())
                .as("a status change of an unchanged order posts no edit").isTrue();
    }
    @Test
    void a_line_the_edit_removes_is_credited_under_the_vat_code_it_was_sold_with() {
        StoreOrder sold = StoreOrders.order().lineWithId(100, "SKU-0100", 1, "10.00", "0")
                .lineWithId(101, "SKU-0101", 1, "20.00", "0").build();
        SalesOrderDraft first = mapper.toDraft(sold, List.of());
        // as a back office with a VAT code per line posted it: the second line under its own code
        SalesOrderDraft posted = first.withTaxIds(List.of(first.lines().get(0),
                first.lines().get(1).withTaxIds(List.of("REDTAX"))), first.freightTaxIds());
        PostedDocument sale = PostedDocument.created(new DocumentRef("doc-1", sold.totalIncTax()), posted,
                InMemoryBackOffice.ARITHMETIC);
        StoreOrder edited = StoreOrders.order().lineWithId(100, "SKU-0100", 1, "10.00", "0").build();

        List<SalesOrderDraft> documents = planner.plan(edited, mapper.toDraft(edited, List.of()), List.of(sale), sale, 1)
                .documents();

        assertThat(documents).singleElement().satisfies(credit -> assertThat(credit.lines())
                .filteredOn(l -> "101".equals(l.storeLineRef())).singleElement()
                .satisfies(l -> assertThat(l.taxIds()).containsExactly("REDTAX")));
    }

    @Test
    void a_back_office_that_reads_its_tax_back_as_one_sum_without_an_id_gets_one_credit_for_a_removed_line() {
        // Visma.net reads a sales order's VAT back as taxTotal alone when its lines are in several VAT categories
        StoreOrder sold = StoreOrders.order().taxRate("0.10").shipping("0").lineWithId(100, "SKU-0100", 1, "10.00", "0")
                .lineWithId(101, "SKU-0101", 1, "20.00", "0").build();
        PostedDocument created = PostedDocument.created(new DocumentRef("doc-1", sold.totalIncTax()),
                mapper.toDraft(sold, List.of()), InMemoryBackOffice.ARITHMETIC);
        Money tax = created.taxes().stream().map(TaxLine::amount).reduce(Money::plus).orElseThrow();
        assertThat(tax).isEqualTo(Money.of("3.00", sold.currency()));
        PostedDocument sale = new PostedDocument(created.ref(), created.kind(), created.externalRef(), created.customerId(),
                created.branch(), created.state(), created.status(), created.lines(), created.freight(),
                List.of(new TaxLine(null, null, Money.of("30.00", sold.currency()), tax)));
        StoreOrder edited = StoreOrders.order().taxRate("0.10").shipping("0").lineWithId(100, "SKU-0100", 1, "10.00", "0").build();

        List<SalesOrderDraft> documents = planner.plan(edited, mapper.toDraft(edited, List.of()), List.of(sale), sale, 1)
                .documents();

        assertThat(documents).as("no added sale of tax alone").singleElement().satisfies(credit -> {
            assertThat(credit.kind()).isEqualTo(com.bcerp.core.backoffice.DocumentKind.CREDIT);
            assertThat(credit.taxes()).singleElement().satisfies(t -> {
                assertThat(t.taxId()).isNotNull();
                assertThat(t.amount()).isEqualTo(Money.of("2.00", sold.currency()));
            });
            assertThat(credit.total(InMemoryBackOffice.ARITHMETIC)).isEqualTo(Money.of("22.00", sold.currency()));
        });
    }

    @Test
    void with_tax_classes_a_decrease_takes_back_only_the_tax_of_its_own_class_and_adds_no_sale() {
        // the lines taxed as STDTAX, the shipping as SHIPTAX (both 10 %); one unit of line 100 goes
        StoreOrder sold = StoreOrders.order().taxRate("0.10").shipping("10.00").lineWithId(100, "SKU-0100", 2, "10.00", "0")
                .lineWithId(101, "SKU-0101", 1, "20.00", "0").build();
        PostedDocument sale = PostedDocument.created(new DocumentRef("doc-1", sold.totalIncTax()), byClass(sold),
                InMemoryBackOffice.ARITHMETIC);
        StoreOrder edited = StoreOrders.order().taxRate("0.10").shipping("10.00").lineWithId(100, "SKU-0100", 1, "10.00", "0")
                .lineWithId(101, "SKU-0101", 1, "20.00", "0").build();

        List<SalesOrderDraft> documents = planner.plan(edited, byClass(edited), List.of(sale), sale, 1).documents();

        assertThat(documents).as("no added sale of SHIPTAX alone").singleElement().satisfies(credit -> {
            assertThat(credit.kind()).isEqualTo(com.bcerp.core.backoffice.DocumentKind.CREDIT);
            assertThat(credit.taxes()).extracting(TaxLine::taxId, t -> t.amount().amount().toPlainString())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("STDTAX", "1.00"));
            assertThat(credit.total(InMemoryBackOffice.ARITHMETIC)).isEqualTo(Money.of("11.00", sold.currency()));
        });
    }

    /** The order's draft as a config with tax classes maps it: lines under STDTAX, the shipping under SHIPTAX. */
    private SalesOrderDraft byClass(StoreOrder order) {
        SalesOrderDraft d = mapper.toDraft(order, List.of());
        String c = order.currency();
        Money lines = d.lines().stream().map(l -> l.amount(InMemoryBackOffice.ARITHMETIC)).reduce(Money.zero(c), Money::plus);
        SalesOrderDraft ided = d.withTaxIds(d.lines().stream().map(l -> l.withTaxIds(List.of("STDTAX"))).toList(),
                List.of("SHIPTAX"));
        return new SalesOrderDraft(ided.kind(), ided.externalRef(), ided.customerOrder(), "C1", ided.date(), c,
                ided.currencyRate(), ided.branch(), ided.description(), ided.lines(), ided.freight(), List.of(
                        new TaxLine("STDTAX", new java.math.BigDecimal("10"), lines, lines.times(new java.math.BigDecimal("0.10")).toCents()),
                        new TaxLine("SHIPTAX", new java.math.BigDecimal("10"), ided.freight(),
                                ided.freight().times(new java.math.BigDecimal("0.10")).toCents())),
                ided.billTo(), ided.shipTo(), ided.shipVia(), ided.paymentMethod(), null, ided.freightTaxIds());
    }
}
