package com.bcerp.uniconta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.bcerp.core.contract.BackOfficeContract;
import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.http.testing.HookedHttpClient;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orders, credit notes, cancellations and customers over real HTTP, checked through the sandbox's own rows. */
class UnicontaOrdersIT {

    private static UnicontaSandbox sandbox;
    private String run;

    @BeforeAll
    static void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private static UnicontaConnection connection(UnicontaSettings settings, HttpClient http) {
        return new UnicontaConnection(settings, Fixtures.secretsFor(sandbox), http, RetryPolicy.none(), ApiClient.Pacer.NONE);
    }

    private static UnicontaConnection connection() {
        return connection(Fixtures.settingsFor(sandbox), ApiClient.defaultHttpClient());
    }

    private static UnicontaOrders orders(UnicontaConnection c) {
        return new UnicontaOrders(c.settings(), c.api(), new UnicontaItems(c.api(), "-"));
    }

    private static UnicontaCustomers customers(UnicontaConnection c) {
        return new UnicontaCustomers(c.settings(), c.api());
    }

    private static Money dkk(String amount) {
        return Money.of(amount, "DKK");
    }

    private static Address address(String last) {
        return new Address("Ida", last, "Fjord ApS", "Havnegade 4", "2. sal", "Aarhus", null, "8000", "DK", "+45 1234",
                "ida@example.com");
    }

    private static DraftLine line(int n, String sku, String qty, String price, String discount) {
        return new DraftLine(sku, "Line " + n, new BigDecimal(qty), dkk(price), dkk(discount), Integer.toString(700 + n),
                "line " + n + " (sku " + sku + ")");
    }

    private String customer(UnicontaConnection c) {
        return customers(c).createCustomer(new CustomerDraft("Ida Holm", "ida." + run + "@example.com", "Fjord ApS",
                "+45 1234", address("Holm"), address("Lager"), "BC-cust-" + run, false));
    }

    private SalesOrderDraft sale(String customer, String ref, List<DraftLine> lines, Money freight, List<TaxLine> taxes) {
        return BackOfficeContract.taxedAtOneRate(SalesOrderDraft.sale(ref, "250", customer, LocalDate.of(2026, 3, 1),
                "DKK", "Web order " + run, lines, freight, taxes, address("Holm"), address("Lager"), "GLS", "CARD"));
    }

    private static List<JsonNode> rows(String entity, String field, String value) {
        return sandbox.rows(entity).stream().filter(r -> value.equals(r.path(field).asText())).toList();
    }

    /** Three lines of 9.99 at 25 %: the store's tax per line is 3 x 2.50 = 7.50, Uniconta's on the sum 7.49. */
    private SalesOrderDraft taxedPerLine(String customer, String ref) {
        return sale(customer, ref, List.of(line(1, "TEE-200-RED-M", "1", "9.99", "0"),
                line(2, "TEE-200-RED-M", "1", "9.99", "0"), line(3, "TEE-200-RED-M", "1", "9.99", "0")),
                dkk("0"), List.of(new TaxLine("U25", new BigDecimal("25"), dkk("29.97"), dkk("7.50"))));
    }

    @Test
    void a_cent_between_the_stores_vat_per_line_and_uniconta_on_the_sum_goes_on_the_rounding_item_once() {
        UnicontaConnection c = connection(Fixtures.settingsFor(sandbox).withRounding("ROUNDING", new BigDecimal("0.05")),
                ApiClient.defaultHttpClient());
        String ref = "BC-s-" + run;
        SalesOrderDraft draft = taxedPerLine(customer(c), ref);

        DocumentRef created = orders(c).createSalesOrder(draft);
        DocumentRef again = orders(c).createSalesOrder(draft);

        assertThat(created.total().sameAs(dkk("37.47"))).as("%s", created.total()).isTrue();
        assertThat(again.id()).isEqualTo(created.id());
        List<JsonNode> lines = rows("DebtorOrderLineClient", "OrderNumber", created.id());
        assertThat(lines).hasSize(4);
        JsonNode rounding = lines.get(3);
        assertThat(rounding.path("Item").asText()).isEqualTo("ROUNDING");
        assertThat(rounding.path("Total").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(rounding.path("Vat").asText()).as("VAT-free, so it is exactly the difference").isEqualTo("U0");
        assertThat(orders(c).readDocuments(List.of(created.id())).get(0).lines()).filteredOn(l -> "ROUNDING".equals(l.itemId()))
                .as("read back as rounding, which an order edit leaves alone").extracting(l -> l.storeLineRef())
                .containsExactly("rounding");
        assertThat(rows("DebtorOrderClient", "OurRef", ref).get(0).path("OrderTotal").decimalValue())
                .isEqualByComparingTo("29.98");
    }

    @Test
    void without_a_rounding_item_or_beyond_its_tolerance_the_cent_parks_the_order_naming_the_difference() {
        for (UnicontaSettings settings : List.of(Fixtures.settingsFor(sandbox),
                Fixtures.settingsFor(sandbox).withRounding("ROUNDING", BigDecimal.ZERO))) {
            UnicontaConnection c = connection(settings, ApiClient.defaultHttpClient());
            String ref = "BC-s-" + UUID.randomUUID().toString().substring(0, 8);
            PermanentFailure parked = catchThrowableOfType(PermanentFailure.class,
                    () -> orders(c).createSalesOrder(taxedPerLine(customer(c), ref)));
            assertThat(parked.getMessage()).contains("a difference of -0.01 DKK");
            assertThat(rows("DebtorOrderLineClient", "OrderNumber",
                    rows("DebtorOrderClient", "OurRef", ref).get(0).path("OrderNumber").asText()))
                    .noneMatch(l -> l.path("Item").asText().equals("ROUNDING"));
        }
    }

    @Test
    void lines_in_different_tax_classes_take_each_their_vat_code_and_uniconta_invoices_the_stores_total() {
        sandbox.addVat("U12", "Udgående moms 12%", 12);
        UnicontaConnection c = connection();
        String ref = "BC-mix-" + run;
        // standard 100.00 at 25 % (U25), reduced 2 x 25.00 at 12 % (U12), an untaxed 10.00, shipping 40.00 at 25 %
        List<DraftLine> lines = List.of(line(1, "SKU-0100", "1", "100.00", "0").withTaxIds(List.of("U25")),
                line(2, "SKU-0101", "2", "25.00", "0").withTaxIds(List.of("U12")), line(3, "SKU-0102", "1", "10.00", "0"));
        SalesOrderDraft draft = SalesOrderDraft.sale(ref, "250", customer(c), LocalDate.of(2026, 3, 1), "DKK",
                "Web order " + run, lines, dkk("40.00"), List.of(new TaxLine("U25", new BigDecimal("25"), dkk("140.00"),
                        dkk("35.00")), new TaxLine("U12", new BigDecimal("12"), dkk("50.00"), dkk("6.00"))),
                address("Holm"), address("Lager"), "GLS", "CARD");
        draft = draft.withTaxIds(draft.lines(), List.of("U25"));

        DocumentRef created = orders(c).createSalesOrder(draft);

        assertThat(created.total().sameAs(dkk("241.00"))).as("%s", created.total()).isTrue();
        assertThat(rows("DebtorOrderLineClient", "OrderNumber", created.id())).extracting(l -> l.path("Item").asText(),
                l -> l.path("Vat").asText()).containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-0100", "U25"),
                org.assertj.core.groups.Tuple.tuple("SKU-0101", "U12"), org.assertj.core.groups.Tuple.tuple("SKU-0102", "U0"),
                org.assertj.core.groups.Tuple.tuple("SHIPPING", "U25"));
        // Uniconta's own VAT, reckoned when it invoices, from each line's code
        sandbox.invoice(Long.parseLong(created.id()));
        JsonNode invoice = rows("DebtorInvoiceClient", "OurRef", ref).get(0);
        assertThat(invoice.path("VatAmount").decimalValue()).isEqualByComparingTo("41.00");
        assertThat(invoice.path("TotalAmount").decimalValue()).isEqualByComparingTo("241.00");
    }

    @Test
    void a_line_taxed_under_two_tax_ids_is_refused_naming_the_line_before_anything_is_written() {
        UnicontaConnection c = connection();
        String ref = "BC-two-" + run;
        SalesOrderDraft draft = sale(customer(c), ref, List.of(line(1, "SKU-0100", "1", "100.00", "0")), dkk("0"),
                List.of());
        SalesOrderDraft twice = draft.withTaxIds(List.of(draft.lines().get(0).withTaxIds(List.of("U25", "U12"))), List.of());

        PermanentFailure refused = catchThrowableOfType(PermanentFailure.class, () -> orders(c).createSalesOrder(twice));

        assertThat(refused.field()).isEqualTo("lines[0].taxIds");
        assertThat(refused.getMessage()).contains("line 1 (sku SKU-0100)").contains("U25, U12");
        assertThat(rows("DebtorOrderClient", "OurRef", ref)).isEmpty();
    }

    /** The store's VAT per line (3 x 2.50): the invoice is the store's total whether Uniconta rounds per code or per line. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(UnicontaSandbox.VatRounding.class)
    void the_invoice_is_the_stores_total_under_either_vat_rounding_when_the_adapter_names_it(
            UnicontaSandbox.VatRounding rounding) {
        sandbox.vatRounding(rounding);
        try {
            UnicontaConnection c = connection(Fixtures.settingsFor(sandbox).withRounding("ROUNDING", new BigDecimal("0.05"))
                    .withVatRounding(UnicontaSettings.VatRounding.valueOf(rounding.name())), ApiClient.defaultHttpClient());
            String ref = "BC-vr-" + run;

            DocumentRef created = orders(c).createSalesOrder(taxedPerLine(customer(c), ref));

            assertThat(rows("DebtorOrderLineClient", "OrderNumber", created.id()))
                    .filteredOn(l -> l.path("ReferenceNumber").asText().equals("vat-rounding"))
                    .as("a cent of rounding only where Uniconta rounds the code's sum").hasSize(
                            rounding == UnicontaSandbox.VatRounding.PER_CODE ? 1 : 0);
            sandbox.invoice(Long.parseLong(created.id()));
            assertThat(rows("DebtorInvoiceClient", "OurRef", ref).get(0).path("TotalAmount").decimalValue())
                    .isEqualByComparingTo("37.47");
        } finally {
            sandbox.vatRounding(UnicontaSandbox.VatRounding.PER_CODE);
        }
    }

    @Test
    void beside_cores_rounding_line_a_cent_of_uniconta_vat_goes_on_the_rounding_item_and_the_stores_total_stands() {
        UnicontaConnection c = connection(Fixtures.settingsFor(sandbox).withRounding("ROUNDING", new BigDecimal("0.05")),
                ApiClient.defaultHttpClient());
        String ref = "BC-rr-" + run;
        // the store's VAT per line (3 x 2.50) and core's rounding line (-0.01, to the store's total 37.46)
        SalesOrderDraft priced = taxedPerLine(customer(c), ref);
        List<DraftLine> lines = new java.util.ArrayList<>(priced.lines());
        lines.add(new DraftLine("ROUNDING", "Rounding difference", BigDecimal.ONE, dkk("-0.01"), dkk("0"), "rounding",
                "rounding"));

        DocumentRef created = orders(c).createSalesOrder(priced.withLines(lines));

        assertThat(created.total().sameAs(dkk("37.46"))).as("%s", created.total()).isTrue();
        assertThat(rows("DebtorOrderLineClient", "OrderNumber", created.id())).filteredOn(l -> l.path("Item").asText()
                .equals("ROUNDING")).extracting(l -> l.path("ReferenceNumber").asText(), l -> l.path("Vat").asText(),
                l -> l.path("Total").decimalValue().toPlainString()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("rounding", "U0", "-0.01"),
                org.assertj.core.groups.Tuple.tuple("vat-rounding", "U0", "0.01"));
        sandbox.invoice(Long.parseLong(created.id()));
        assertThat(rows("DebtorInvoiceClient", "OurRef", ref).get(0).path("TotalAmount").decimalValue())
                .isEqualByComparingTo("37.46");
    }

    @Test
    void an_order_with_variants_freight_and_vat_is_a_header_and_lines_with_the_stores_total() {
        UnicontaConnection c = connection();
        String customer = customer(c);
        String ref = "BC-s-" + run;
        // 2 x 99.00 (variant of an item with variants) + 1 x 120.00 - 20.00 (variant SKU as its own item) + 39.00
        // freight = 337.00 net; 25 % VAT 84.25; total 421.25
        SalesOrderDraft draft = sale(customer, ref, List.of(line(1, "TEE-200-RED-M", "2", "99.00", "0"),
                line(2, "TEE-202-BLUE-L", "1", "120.00", "20.00")), dkk("39.00"),
                List.of(new TaxLine("U25", new BigDecimal("25"), dkk("337.00"), dkk("84.25"))));

        DocumentRef created = orders(c).createSalesOrder(draft);

        assertThat(created.total().sameAs(dkk("421.25"))).as("%s", created.total()).isTrue();
        JsonNode header = rows("DebtorOrderClient", "OurRef", ref).get(0);
        assertThat(header.path("OrderNumber").asText()).isEqualTo(created.id());
        assertThat(header.path("Account").asText()).isEqualTo(customer);
        assertThat(header.path("OrderTotal").decimalValue()).isEqualByComparingTo("337.00");
        assertThat(header.path("PricesInclVat").asBoolean()).isFalse();
        assertThat(header.path("YourRef").asText()).isEqualTo("250");
        assertThat(header.path("DeliveryCity").asText()).isEqualTo("Aarhus");
        assertThat(header.path("Shipment").asText()).isEqualTo("GLS");
        assertThat(header.has("Currency")).as("the company's own currency is not sent").isFalse();
        List<JsonNode> lines = rows("DebtorOrderLineClient", "OrderNumber", created.id());
        assertThat(lines).hasSize(3);
        JsonNode variant = lines.get(0);
        assertThat(variant.path("Item").asText()).isEqualTo("TEE-200");
        assertThat(variant.path("Variant1").asText()).isEqualTo("RED");
        assertThat(variant.path("Variant2").asText()).isEqualTo("M");
        assertThat(variant.path("Qty").asDouble()).isEqualTo(2);
        assertThat(variant.path("Vat").asText()).isEqualTo("U25");
        assertThat(variant.path("ReferenceNumber").asText()).isEqualTo("701");
        JsonNode own = lines.get(1);
        assertThat(own.path("Item").asText()).isEqualTo("TEE-202-BLUE-L");
        assertThat(own.has("Variant1")).isFalse();
        assertThat(own.path("Total").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(lines.get(2).path("Item").asText()).isEqualTo("SHIPPING");
        assertThat(lines.get(2).path("Price").decimalValue()).isEqualByComparingTo("39.00");

        var read = orders(c).readDocuments(List.of(created.id())).get(0);
        assertThat(read.lines()).extracting(l -> l.itemId()).containsExactly("TEE-200-RED-M", "TEE-202-BLUE-L");
        assertThat(read.freight().sameAs(dkk("39.00"))).isTrue();
        assertThat(read.taxes()).singleElement().satisfies(t -> assertThat(t.amount().sameAs(dkk("84.25"))).isTrue());
    }

    @Test
    void a_vat_that_differs_from_the_stores_tax_parks_the_order_naming_the_difference() {
        UnicontaConnection c = connection();
        String customer = customer(c);
        SalesOrderDraft draft = sale(customer, "BC-m-" + run, List.of(line(1, "SKU-0100", "1", "100.00", "0")),
                dkk("0"), List.of(new TaxLine("U25", null, dkk("100.00"), dkk("24.99"))));

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> orders(c).createSalesOrder(draft));

        assertThat(failure).isNotNull();
        assertThat(failure.field()).isEqualTo("total");
        assertThat(failure.getMessage()).contains("125.00 DKK").contains("124.99 DKK").contains("difference of 0.01 DKK");
    }

    @Test
    void an_unknown_variant_is_refused_naming_the_line_and_writes_nothing() {
        UnicontaConnection c = connection();
        String ref = "BC-u-" + run;
        SalesOrderDraft draft = sale(customer(c), ref, List.of(line(1, "SKU-0100", "1", "10.00", "0"),
                line(2, "TEE-200-PINK-M", "1", "10.00", "0")), dkk("0"), List.of());

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> orders(c).createSalesOrder(draft));

        assertThat(failure.field()).isEqualTo("lines[1]");
        assertThat(rows("DebtorOrderClient", "OurRef", ref)).isEmpty();
        assertThat(catchThrowableOfType(PermanentFailure.class, () -> orders(c).createSalesOrder(sale(customer(c), ref,
                List.of(line(1, "NO-SUCH-SKU", "1", "1.00", "0")), dkk("0"), List.of()))).field()).isEqualTo("lines[0].itemId");
    }

    @Test
    void a_refused_line_deletes_the_new_header_again() {
        UnicontaConnection c = connection();
        String ref = "BC-v-" + run;
        // a variant the item's standard variant does not allow (X is no colour): Uniconta refuses the line
        SalesOrderDraft draft = sale(customer(c), ref, List.of(line(1, "TEE-200-X-M", "1", "10.00", "0")),
                dkk("0"), List.of());

        assertThatThrownBy(() -> orders(c).createSalesOrder(draft)).isInstanceOf(PermanentFailure.class);
        assertThat(rows("DebtorOrderClient", "OurRef", ref)).isEmpty();
    }

    @Test
    void a_lost_answer_to_the_header_insert_is_completed_by_the_retry_into_exactly_one_order() {
        UnicontaConnection lossy = connection(Fixtures.settingsFor(sandbox),
                HookedHttpClient.losing("/Insert/DebtorOrderClient", 1));
        String customer = customer(connection());
        String ref = "BC-l-" + run;
        SalesOrderDraft draft = sale(customer, ref, List.of(line(1, "SKU-0101", "3", "10.00", "0")), dkk("5.00"), List.of());

        assertThatThrownBy(() -> orders(lossy).createSalesOrder(draft)).isInstanceOf(TransientFailure.class);
        assertThat(rows("DebtorOrderClient", "OurRef", ref)).as("the header was written, its answer lost").hasSize(1);

        DocumentRef retried = orders(lossy).createSalesOrder(draft);
        DocumentRef again = orders(lossy).createSalesOrder(draft);

        assertThat(rows("DebtorOrderClient", "OurRef", ref)).extracting(h -> h.path("OrderNumber").asText())
                .containsExactly(retried.id());
        assertThat(again.id()).isEqualTo(retried.id());
        assertThat(rows("DebtorOrderLineClient", "OrderNumber", retried.id())).hasSize(2);
        assertThat(retried.total().sameAs(dkk("35.00"))).isTrue();
    }

    @Test
    void a_lost_answer_to_the_lines_adds_no_line_twice() {
        UnicontaConnection lossy = connection(Fixtures.settingsFor(sandbox),
                HookedHttpClient.losing("/InsertList/DebtorOrderLineClient", 1));
        String customer = customer(connection());
        String ref = "BC-ll-" + run;
        SalesOrderDraft draft = sale(customer, ref, List.of(line(1, "SKU-0101", "1", "10.00", "0"),
                line(2, "SKU-0102", "1", "10.00", "0")), dkk("0"), List.of());

        assertThatThrownBy(() -> orders(lossy).createSalesOrder(draft)).isInstanceOf(TransientFailure.class);
        DocumentRef retried = orders(lossy).createSalesOrder(draft);

        assertThat(rows("DebtorOrderClient", "OurRef", ref)).hasSize(1);
        assertThat(rows("DebtorOrderLineClient", "OrderNumber", retried.id())).hasSize(2);
    }

    @Test
    void a_credit_note_has_negative_quantities_and_settles_the_original_invoice() {
        UnicontaConnection c = connection();
        String customer = customer(c);
        String ref = "BC-c-" + run;
        DocumentRef sold = orders(c).createSalesOrder(sale(customer, ref, List.of(line(1, "SKU-0103", "2", "50.00", "0")),
                dkk("0"), List.of()));
        long invoice = sandbox.invoice(Long.parseLong(sold.id()));
        SalesOrderDraft credit = new SalesOrderDraft(DocumentKind.RETURN, ref + "-R1", "250", customer,
                LocalDate.of(2026, 3, 2), "DKK", null, null, "Return", List.of(line(1, "SKU-0103", "1", "50.00", "5.00")),
                dkk("0"), List.of(), null, null, null, null, sold);

        DocumentRef note = orders(c).createSalesOrder(credit);

        JsonNode header = rows("DebtorOrderClient", "OurRef", ref + "-R1").get(0);
        assertThat(header.path("Settlements").asText()).isEqualTo(Long.toString(invoice));
        assertThat(header.path("Requisition").asText()).isEqualTo("return");
        List<JsonNode> noteLines = rows("DebtorOrderLineClient", "OrderNumber", note.id());
        assertThat(noteLines).hasSize(1);
        assertThat(noteLines.get(0).path("Qty").asDouble()).isEqualTo(-1);
        assertThat(noteLines.get(0).path("Total").decimalValue()).isEqualByComparingTo("-45.00");
        assertThat(note.total().sameAs(dkk("45.00"))).isTrue();
        assertThat(orders(c).findOrderDocuments(ref).orElseThrow()).extracting(d -> d.kind())
                .containsExactlyInAnyOrder(DocumentKind.SALE, DocumentKind.RETURN);
    }

    @Test
    void an_order_invoiced_and_deleted_by_uniconta_is_still_found_and_not_made_again() {
        UnicontaConnection c = connection();
        String ref = "BC-d-" + run;
        SalesOrderDraft draft = sale(customer(c), ref, List.of(line(1, "SKU-0104", "1", "10.00", "0")), dkk("0"), List.of());
        DocumentRef created = orders(c).createSalesOrder(draft);
        JsonNode header = rows("DebtorOrderClient", "OurRef", ref).get(0);
        // the merchant's setup deletes orders once invoiced
        markDeleteOrder(c, header);
        sandbox.invoice(Long.parseLong(created.id()));
        assertThat(rows("DebtorOrderClient", "OurRef", ref)).isEmpty();

        DocumentRef again = orders(c).createSalesOrder(draft);

        assertThat(again.id()).isEqualTo(created.id());
        assertThat(rows("DebtorOrderClient", "OurRef", ref)).isEmpty();
        assertThat(orders(c).readDocuments(List.of(created.id()))).singleElement()
                .satisfies(d -> assertThat(d.state()).isEqualTo(DocumentState.INVOICED));
        assertThat(orders(c).findOrderDocuments(ref).orElseThrow()).hasSize(1);
    }

    private static void markDeleteOrder(UnicontaConnection c, JsonNode header) {
        var row = ((com.fasterxml.jackson.databind.node.ObjectNode) header.deepCopy());
        row.put("DeleteOrder", true);
        row.remove("TrackingNumber");
        assertThat(c.api().update("DebtorOrderClient", row).isSuccess()).isTrue();
    }

    @Test
    void a_cancellation_blocks_the_open_order_or_deletes_it_as_configured() {
        UnicontaConnection blocking = connection();
        String customer = customer(blocking);
        DocumentRef kept = orders(blocking).createSalesOrder(sale(customer, "BC-x1-" + run,
                List.of(line(1, "SKU-0105", "1", "10.00", "0")), dkk("0"), List.of()));
        orders(blocking).cancelSalesOrder(kept);
        assertThat(rows("DebtorOrderClient", "OrderNumber", kept.id())).extracting(h -> h.path("Blocked").asBoolean())
                .containsExactly(true);

        UnicontaConnection deleting = connection(Fixtures.settingsFor(sandbox)
                .withCancellation(UnicontaSettings.Cancellation.DELETE), ApiClient.defaultHttpClient());
        DocumentRef gone = orders(deleting).createSalesOrder(sale(customer, "BC-x2-" + run,
                List.of(line(1, "SKU-0105", "1", "10.00", "0")), dkk("0"), List.of()));
        orders(deleting).cancelSalesOrder(gone);
        assertThat(rows("DebtorOrderClient", "OrderNumber", gone.id())).isEmpty();
        assertThat(rows("DebtorOrderLineClient", "OrderNumber", gone.id())).isEmpty();

        DocumentRef invoiced = orders(blocking).createSalesOrder(sale(customer, "BC-x3-" + run,
                List.of(line(1, "SKU-0105", "1", "10.00", "0")), dkk("0"), List.of()));
        sandbox.invoice(Long.parseLong(invoiced.id()));
        assertThatThrownBy(() -> orders(blocking).cancelSalesOrder(invoiced)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("credit note");
    }

    @Test
    void a_business_customer_is_a_debtor_named_for_the_company_with_the_store_id_and_delivery_address() {
        UnicontaConnection c = connection();
        String account = customer(c);

        JsonNode debtor = rows("DebtorClient", "Account", account).get(0);
        assertThat(debtor.path("Name").asText()).isEqualTo("Fjord ApS");
        assertThat(debtor.path("ContactPerson").asText()).isEqualTo("Ida Holm");
        assertThat(debtor.path("StoreCustomerId").asText()).isEqualTo("BC-cust-" + run);
        assertThat(debtor.path("DeliveryAddress1").asText()).isEqualTo("Havnegade 4");
        assertThat(debtor.path("Country").asText()).isEqualTo("DK");
        assertThat(customers(c).findCustomerByExternalRef("BC-cust-" + run)).contains(account);
        assertThat(customers(c).findCustomerByEmail("ida." + run + "@example.com")).contains(account);
        assertThat(customer(c)).as("the same buyer again: its account, no second debtor").isEqualTo(account);
        assertThat(rows("DebtorClient", "ContactEmail", "ida." + run + "@example.com")).hasSize(1);
    }

    @Test
    void a_wrong_password_is_a_permanent_failure_about_the_credentials() {
        UnicontaConnection c = new UnicontaConnection(Fixtures.settingsFor(sandbox), new com.bcerp.core.port.SecretSource() {
            @Override
            public Map<String, String> get(String name) {
                return Map.of("user", sandbox.settings().user(), "password", "not-the-password-42");
            }

            @Override
            public void put(String name, Map<String, String> value) {}
        }, ApiClient.defaultHttpClient(), RetryPolicy.none(), ApiClient.Pacer.NONE);

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                () -> customers(c).findCustomerByEmail("a@example.com"));

        assertThat(failure.field()).isEqualTo("credentials");
        assertThat(failure.getMessage()).doesNotContain("not-the-password-42");
    }

    @Test
    void an_order_for_a_known_buyer_costs_a_handful_of_calls_against_the_daily_allowance() {
        UnicontaConnection c = connection();
        String customer = customer(c);
        orders(c).createSalesOrder(sale(customer, "BC-w-" + run, List.of(line(1, "SKU-0106", "1", "10.00", "0")),
                dkk("0"), List.of()));
        UnicontaOrders warm = orders(c);
        warm.createSalesOrder(sale(customer, "BC-w1-" + run, List.of(line(1, "SKU-0107", "1", "10.00", "0")),
                dkk("0"), List.of()));
        long before = c.calls();

        warm.createSalesOrder(sale(customer, "BC-w2-" + run, List.of(line(1, "SKU-0107", "2", "10.00", "0"),
                line(2, "TEE-200-BLUE-S", "1", "30.00", "0")), dkk("9.00"), List.of()));

        long calls = c.calls() - before;
        // look-ups by OurRef on orders and invoices, header insert, InsertList, header and lines read back, one item
        // look-up for the new SKU's exact number and one for its item (TEE-200-BLUE-S, then TEE-200-BLUE, TEE-200)
        assertThat(calls).as("calls for one order of a known buyer").isLessThanOrEqualTo(9);
        assertThat(sandbox.calls().exchanges()).isNotEmpty();
    }

    @Test
    void inserts_answered_without_a_body_are_found_by_their_reference() {
        sandbox.faults().insertWithoutBody(true);
        try {
            UnicontaConnection c = connection();
            String customer = customer(c);
            String ref = "BC-nb-" + run;
            DocumentRef created = orders(c).createSalesOrder(sale(customer, ref,
                    List.of(line(1, "SKU-0108", "1", "10.00", "0")), dkk("0"), List.of()));

            assertThat(rows("DebtorOrderClient", "OurRef", ref)).extracting(h -> h.path("OrderNumber").asText())
                    .containsExactly(created.id());
            assertThat(created.total().sameAs(dkk("10.00"))).isTrue();
        } finally {
            sandbox.faults().insertWithoutBody(false);
        }
    }
}
