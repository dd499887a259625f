package com.bcerp.visma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.bcerp.core.contract.BackOfficeContract;
import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.http.testing.HookedHttpClient;
import com.bcerp.sandbox.visma.VismaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sales orders, idempotency, customers, tokens and failures over real HTTP, checked through the sandbox's own API. */
class VismaOrdersIT {

    private static VismaSandbox sandbox;
    private static VismaReader visma;
    private String run;

    @BeforeAll
    static void start() {
        sandbox = VismaSandbox.start(VismaSandbox.Settings.defaults());
        visma = new VismaReader(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void calm() {
        sandbox.faults().reset();
    }

    private static VismaConnection connection(VismaSettings settings, HttpClient http) {
        return new VismaConnection(settings, Fixtures.secretsFor(sandbox), http, RetryPolicy.none(), ApiClient.Pacer.NONE);
    }

    private static VismaConnection connection() {
        return connection(Fixtures.settingsFor(sandbox), ApiClient.defaultHttpClient());
    }

    private static VismaOrders orders(VismaConnection c) {
        return new VismaOrders(c.settings(), c.api());
    }

    private static Money nok(String amount) {
        return Money.of(amount, "NOK");
    }

    private static Address address(String last) {
        return new Address("Kari", last, "Fjord AS", "Bryggen 4", "2. etg", "Bergen", null, "5003", "NO", "+47 5555",
                "kari@example.com");
    }

    private static DraftLine line(int n, String sku, String qty, String price, String discount) {
        return new DraftLine(sku, "Line " + n, new BigDecimal(qty), nok(price), nok(discount), Integer.toString(700 + n),
                "line " + n + " (sku " + sku + ")");
    }

    private String customer(VismaConnection c) {
        return new VismaCustomers(c.settings(), c.api()).createCustomer(new CustomerDraft("Kari Nordmann",
                "kari." + run + "@example.com", "Fjord AS", "+47 5555", address("Nordmann"), address("Lager"),
                "BC-cust-" + run, false));
    }

    private SalesOrderDraft sale(String customer, String ref, List<DraftLine> lines, Money freight, List<TaxLine> taxes) {
        return BackOfficeContract.taxedAtOneRate(SalesOrderDraft.sale(ref, "250", customer, LocalDate.of(2026, 3, 1),
                "NOK", "Web order " + run, lines, freight, taxes, address("Nordmann"), address("Lager"), null, null));
    }

    /** 2 x 100 less 20 and 1 x 50, freight 30, all at 25 % (category HIGH): VAT 65.00, total 325.00. */
    private SalesOrderDraft taxed(String customer, String ref) {
        return sale(customer, ref, List.of(line(1, "SKU-0100", "2", "100.00", "20.00"), line(2, "SKU-0101", "1", "50.00", "0")),
                nok("30.00"), List.of(new TaxLine("HIGH", new BigDecimal("25"), nok("260.00"), nok("65.00"))));
    }

    @Test
    void an_order_carries_the_store_reference_lines_by_item_freight_as_a_line_and_visma_computes_the_stores_total() {
        VismaConnection c = connection();
        String ref = "BC-s-" + run;

        DocumentRef created = orders(c).createSalesOrder(taxed(customer(c), ref));

        JsonNode order = visma.order(created.id());
        assertThat(order.path("customerRefNo").asText()).isEqualTo(ref);
        assertThat(order.path("customerOrder").asText()).isEqualTo("250");
        assertThat(order.path("orderTotal").decimalValue()).isEqualByComparingTo("325.00");
        assertThat(order.path("taxTotal").decimalValue()).isEqualByComparingTo("65.00");
        assertThat(order.path("lines").findValuesAsText("taxCategory")).containsOnly("HIGH");
        assertThat(order.path("lines")).extracting(l -> l.path("inventory").path("number").asText(),
                l -> l.path("note").asText()).containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-0100", "701"),
                org.assertj.core.groups.Tuple.tuple("SKU-0101", "702"), org.assertj.core.groups.Tuple.tuple("SHIPPING", "freight"));
        assertThat(order.path("lines").get(0).path("discountAmount").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(order.path("soShippingAddress").path("city").asText()).isEqualTo("Bergen");
        assertThat(created.total().sameAs(nok("325.00"))).isTrue();
        assertThat(created.id()).as("derived from the reference").isEqualTo(orders(c).number(ref)).startsWith("BC")
                .hasSize(15);
    }

    @Test
    void a_lost_answer_after_the_write_is_found_by_its_derived_number_and_never_posted_twice() {
        VismaConnection lossy = connection(Fixtures.settingsFor(sandbox), HookedHttpClient.losing("/v1/salesorder", 1));
        String ref = "BC-l-" + run;
        SalesOrderDraft draft = taxed(customer(connection()), ref);

        assertThatThrownBy(() -> orders(lossy).createSalesOrder(draft)).isInstanceOf(TransientFailure.class);
        assertThat(visma.ordersWithRef(ref)).as("the order was written, its answer lost").hasSize(1);
        // core's second line of defence for a pending link: the back office's own look-up
        assertThat(orders(lossy).findOrderDocuments(ref).orElseThrow()).extracting(d -> d.ref().id())
                .containsExactly(visma.ordersWithRef(ref).get(0).path("orderNo").asText());

        DocumentRef retried = orders(lossy).createSalesOrder(draft);
        DocumentRef again = orders(lossy).createSalesOrder(draft);

        assertThat(visma.ordersWithRef(ref)).extracting(o -> o.path("orderNo").asText()).containsExactly(retried.id());
        assertThat(again.id()).isEqualTo(retried.id());
        assertThat(retried.total().sameAs(nok("325.00"))).isTrue();
    }

    @Test
    void the_sandboxs_lost_answer_knob_gives_the_same_one_order() {
        VismaConnection c = connection(Fixtures.settingsFor(sandbox).withRequestTimeout(Duration.ofSeconds(2)),
                ApiClient.defaultHttpClient());
        String ref = "BC-k-" + run;
        SalesOrderDraft draft = taxed(customer(c), ref);
        sandbox.faults().lostAnswerShare(1);

        catchThrowableOfType(TransientFailure.class, () -> orders(c).createSalesOrder(draft));
        sandbox.faults().reset();
        DocumentRef retried = orders(c).createSalesOrder(draft);

        assertThat(visma.ordersWithRef(ref)).extracting(o -> o.path("orderNo").asText()).containsExactly(retried.id());
    }

    @Test
    void edits_are_found_with_the_order_and_a_reference_is_matched_whole() {
        VismaConnection c = connection();
        String ref = "BC-e-" + run;
        String customer = customer(c);
        orders(c).createSalesOrder(taxed(customer, ref));
        orders(c).createSalesOrder(sale(customer, ref + "-E1", List.of(line(1, "SKU-0102", "1", "10.00", "0")), nok("0"),
                List.of()));

        assertThat(orders(c).findOrderDocuments(ref).orElseThrow()).extracting(PostedDocument::externalRef)
                .containsExactly(ref, ref + "-E1");
        assertThat(orders(c).findOrderDocuments(ref + "-E").orElseThrow()).isEmpty();
    }

    @Test
    void when_visma_ignores_the_number_override_the_order_stands_and_the_adapter_no_longer_claims_to_find_orders() {
        VismaConnection c = connection();
        VismaOrders orders = orders(c);
        String ref = "BC-o-" + run;
        String customer = customer(c);
        sandbox.faults().orderNumberOverrideIgnored(true);

        DocumentRef created = orders.createSalesOrder(taxed(customer, ref));

        assertThat(created.id()).isNotEqualTo(orders.number(ref)).matches("\\d{6}");
        assertThat(visma.order(created.id()).path("customerRefNo").asText()).isEqualTo(ref);
        assertThat(orders.findOrderDocuments(ref)).as("core's link table alone, and a person when uncertain").isEmpty();
        VismaOrders series = orders(connection(Fixtures.settingsFor(sandbox)
                .withOrderNumbering(VismaSettings.OrderNumbering.SERIES, "BC"), ApiClient.defaultHttpClient()));
        assertThat(series.findOrderDocuments(ref)).isEmpty();
    }

    @Test
    void a_total_visma_computes_differently_from_the_store_parks_the_order_naming_the_field_and_the_difference() {
        VismaConnection c = connection();
        String ref = "BC-t-" + run;
        // the store charged 25 % but the category mapped is LOW (12 %): Visma's VAT is 12.00, the store's 25.00
        SalesOrderDraft draft = sale(customer(c), ref, List.of(line(1, "SKU-0100", "1", "100.00", "0")), nok("0"),
                List.of(new TaxLine("LOW", new BigDecimal("25"), nok("100.00"), nok("25.00"))));

        PermanentFailure parked = catchThrowableOfType(PermanentFailure.class, () -> orders(c).createSalesOrder(draft));

        assertThat(parked.field()).isEqualTo("total");
        assertThat(parked.getMessage()).contains("112.00").contains("125.00").contains("a difference of -13.00 NOK");
        assertThat(visma.ordersWithRef(ref)).as("kept in Visma to be checked").hasSize(1);
        assertThat(catchThrowableOfType(PermanentFailure.class, () -> orders(c).createSalesOrder(draft)).field())
                .as("a retry finds it and parks it again, without a second order").isEqualTo("total");
        assertThat(visma.ordersWithRef(ref)).hasSize(1);
    }

    @Test
    void lines_in_different_tax_classes_take_each_their_vat_category_and_the_shipping_its_own() {
        VismaConnection c = connection();
        String ref = "BC-m-" + run;
        // standard 100.00 at 25 % (HIGH), reduced 2 x 25.00 at 12 % (LOW), an untaxed 10.00, shipping 40.00 at 15 %
        List<DraftLine> lines = List.of(line(1, "SKU-0100", "1", "100.00", "0").withTaxIds(List.of("HIGH")),
                line(2, "SKU-0101", "2", "25.00", "0").withTaxIds(List.of("LOW")), line(3, "SKU-0102", "1", "10.00", "0"));
        SalesOrderDraft draft = SalesOrderDraft.sale(ref, "250", customer(c), LocalDate.of(2026, 3, 1), "NOK",
                "Web order " + run, lines, nok("40.00"), List.of(new TaxLine("HIGH", new BigDecimal("25"), nok("100.00"),
                        nok("25.00")), new TaxLine("LOW", new BigDecimal("12"), nok("50.00"), nok("6.00")),
                        new TaxLine("MEDIUM", new BigDecimal("15"), nok("40.00"), nok("6.00"))),
                address("Nordmann"), address("Lager"), null, null);
        draft = draft.withTaxIds(draft.lines(), List.of("MEDIUM"));

        DocumentRef created = orders(c).createSalesOrder(draft);

        JsonNode order = visma.order(created.id());
        assertThat(order.path("lines")).extracting(l -> l.path("inventory").path("number").asText(),
                l -> l.path("taxCategory").asText()).containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-0100", "HIGH"),
                org.assertj.core.groups.Tuple.tuple("SKU-0101", "LOW"), org.assertj.core.groups.Tuple.tuple("SKU-0102", "EXEMPT"),
                org.assertj.core.groups.Tuple.tuple("SHIPPING", "MEDIUM"));
        assertThat(order.path("taxTotal").decimalValue()).isEqualByComparingTo("37.00");
        assertThat(order.path("orderTotal").decimalValue()).isEqualByComparingTo("237.00");
        assertThat(created.total().sameAs(nok("237.00"))).isTrue();
    }

    @Test
    void a_line_taxed_under_two_tax_ids_is_refused_naming_the_line_before_anything_is_written() {
        VismaConnection c = connection();
        String ref = "BC-two-" + run;
        SalesOrderDraft draft = sale(customer(c), ref, List.of(line(1, "SKU-0100", "1", "100.00", "0")), nok("0"),
                List.of());
        SalesOrderDraft twice = draft.withTaxIds(List.of(draft.lines().get(0).withTaxIds(List.of("HIGH", "LOW"))), List.of());

        PermanentFailure refused = catchThrowableOfType(PermanentFailure.class, () -> orders(c).createSalesOrder(twice));

        assertThat(refused.field()).isEqualTo("lines[0].taxIds");
        assertThat(refused.getMessage()).contains("line 1 (sku SKU-0100)").contains("HIGH, LOW");
        assertThat(visma.ordersWithRef(ref)).isEmpty();
    }

    /**
     * The store's VAT per line (2 x 2.50) with core's own rounding line (-0.01, to the store's total 25.01): under
     * either VAT rounding the order posts the store's total, a VAT rounding line added only where Visma's VAT on the
     * sum (5.01) is a cent more.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(VismaSandbox.VatRounding.class)
    void beside_cores_rounding_line_the_order_posts_the_stores_total_under_either_vat_rounding(
            VismaSandbox.VatRounding rounding) {
        sandbox.vatRounding(rounding);
        try {
            VismaConnection c = connection(Fixtures.settingsFor(sandbox).withRounding("ROUNDING", new BigDecimal("0.05")),
                    ApiClient.defaultHttpClient());
            String ref = "BC-rr-" + run;
            SalesOrderDraft priced = centApart(customer(c), ref);
            List<DraftLine> lines = new java.util.ArrayList<>(priced.lines());
            lines.add(new DraftLine("ROUNDING", "Rounding difference", BigDecimal.ONE, nok("-0.01"), nok("0"), "rounding",
                    "rounding"));
            SalesOrderDraft draft = priced.withLines(lines);

            DocumentRef created = orders(c).createSalesOrder(draft);

            JsonNode order = visma.order(created.id());
            assertThat(order.path("orderTotal").decimalValue()).isEqualByComparingTo("25.01");
            assertThat(order.path("lines")).filteredOn(l -> l.path("note").asText().equals("rounding")).singleElement()
                    .satisfies(l -> assertThat(l.path("taxCategory").asText()).isEqualTo("EXEMPT"));
            assertThat(order.path("lines")).filteredOn(l -> l.path("note").asText().equals("vat-rounding"))
                    .hasSize(rounding == VismaSandbox.VatRounding.PER_DOCUMENT ? 1 : 0);
            assertThat(created.total().sameAs(nok("25.01"))).isTrue();
        } finally {
            sandbox.vatRounding(VismaSandbox.VatRounding.PER_DOCUMENT);
        }
    }

    /** 2 x 10.01 at 25 %: the store's VAT per line is 2 x 2.50, Visma's on the sum 5.01, a cent more. */
    private SalesOrderDraft centApart(String customer, String ref) {
        return sale(customer, ref, List.of(line(1, "SKU-0100", "1", "10.01", "0"), line(2, "SKU-0101", "1", "10.01", "0")),
                nok("0"), List.of(new TaxLine("HIGH", new BigDecimal("25"), nok("20.02"), nok("5.00"))));
    }

    @Test
    void a_cent_of_vat_rounding_goes_on_the_rounding_item_once_and_the_stores_total_stands() {
        VismaConnection c = connection(Fixtures.settingsFor(sandbox).withRounding("ROUNDING", new BigDecimal("0.05")),
                ApiClient.defaultHttpClient());
        String ref = "BC-r-" + run;
        SalesOrderDraft draft = centApart(customer(c), ref);

        DocumentRef created = orders(c).createSalesOrder(draft);
        orders(c).createSalesOrder(draft);

        JsonNode order = visma.order(created.id());
        assertThat(order.path("orderTotal").decimalValue()).isEqualByComparingTo("25.02");
        assertThat(order.path("taxTotal").decimalValue()).isEqualByComparingTo("5.01");
        assertThat(order.path("lines")).filteredOn(l -> l.path("note").asText().equals("vat-rounding"))
                .as("one rounding line, not one per attempt").singleElement()
                .satisfies(l -> {
                    assertThat(l.path("inventory").path("number").asText()).isEqualTo("ROUNDING");
                    assertThat(l.path("unitPrice").decimalValue()).isEqualByComparingTo("-0.01");
                    assertThat(l.path("taxCategory").asText()).isEqualTo("EXEMPT");
                });
        assertThat(created.total().sameAs(nok("25.02"))).isTrue();
        assertThat(orders(c).readDocuments(List.of(created.id())).get(0).lines()).filteredOn(l -> "ROUNDING".equals(l.itemId()))
                .as("read back as rounding, which an order edit leaves alone").extracting(l -> l.storeLineRef())
                .containsExactly("rounding");
    }

    @Test
    void where_visma_refuses_a_negative_line_the_order_parks_naming_the_rounding_item_and_stays_single() {
        sandbox.faults().negativeLinesRefused(true);
        VismaConnection c = connection(Fixtures.settingsFor(sandbox).withRounding("ROUNDING", new BigDecimal("0.05")),
                ApiClient.defaultHttpClient());
        String ref = "BC-rn-" + run;
        SalesOrderDraft draft = centApart(customer(c), ref);

        PermanentFailure parked = catchThrowableOfType(PermanentFailure.class, () -> orders(c).createSalesOrder(draft));

        assertThat(parked.field()).isEqualTo("orders.rounding_item");
        assertThat(parked.getMessage()).contains(ref).contains("negative amount");
        assertThat(visma.ordersWithRef(ref)).hasSize(1);
    }

    @Test
    void an_unknown_vat_category_is_a_permanent_failure_naming_the_tax() {
        VismaConnection c = connection();
        SalesOrderDraft draft = sale(customer(c), "BC-v-" + run, List.of(line(1, "SKU-0100", "1", "100.00", "0")),
                nok("0"), List.of(new TaxLine("NOPE", new BigDecimal("25"), nok("100.00"), nok("25.00"))));

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> orders(c).createSalesOrder(draft));

        assertThat(failure.field()).isEqualTo("lines[0].taxIds");
        assertThat(failure.getMessage()).contains("'VAT category' cannot be found in the system: NOPE")
                .contains("line 1 (sku SKU-0100)");
    }

    @Test
    void the_token_is_kept_across_calls_and_requested_again_after_it_expired() {
        VismaConnection c = connection();
        VismaCustomers customers = new VismaCustomers(c.settings(), c.api());
        int before = sandbox.calls().tokenRequests();

        customers.findCustomerByEmail("a." + run + "@example.com");
        customers.findCustomerByEmail("b." + run + "@example.com");
        assertThat(sandbox.calls().tokenRequests() - before).isEqualTo(1);

        sandbox.expireTokens();
        assertThat(customers.findCustomerByEmail("ada@example.com")).contains("10002");
        assertThat(sandbox.calls().tokenRequests() - before).isEqualTo(2);
    }

    @Test
    void a_customer_is_created_with_its_addresses_contact_and_the_store_id_attribute() {
        VismaConnection c = connection();

        String number = customer(c);

        JsonNode customer = visma.get("/v1/customer/" + number).orElseThrow();
        assertThat(customer.path("name").asText()).isEqualTo("Fjord AS");
        assertThat(customer.path("mainContact").path("email").asText()).isEqualTo("kari." + run + "@example.com");
        assertThat(customer.path("deliveryAddress").path("addressLine1").asText()).isEqualTo("Bryggen 4");
        assertThat(customer.path("mainAddress").path("country").path("id").asText()).isEqualTo("NO");
        assertThat(customer.path("attributes")).singleElement().satisfies(a -> {
            assertThat(a.path("id").asText()).isEqualTo("BCID");
            assertThat(a.path("value").asText()).isEqualTo("BC-cust-" + run);
        });
    }

    @Test
    void server_errors_and_the_rate_limit_are_transient() {
        VismaConnection c = connection();
        VismaCustomers customers = new VismaCustomers(c.settings(), c.api());
        customers.findCustomerByEmail("warm@example.com");

        sandbox.faults().serverErrors(1, 503);
        assertThatThrownBy(() -> customers.findCustomerByEmail("x@example.com")).isInstanceOf(TransientFailure.class);
        sandbox.faults().reset();

        sandbox.faults().rateLimit(1, Duration.ofMinutes(1));
        customers.findCustomerByEmail("y@example.com");
        assertThatThrownBy(() -> customers.findCustomerByEmail("z@example.com")).isInstanceOf(TransientFailure.class)
                .hasMessageContaining("429");
    }

    @Test
    void a_wrong_tenant_is_ipp_exception_12027_naming_the_tenant_and_a_wrong_secret_names_the_credentials() {
        VismaSettings s = Fixtures.settingsFor(sandbox);
        VismaSettings otherTenant = new VismaSettings(s.baseUrl(), s.tokenUrl(), "00000000-0000-0000-0000-000000000000",
                s.secretName(), s.requestTimeout(), s.orderType(), s.orderNumbering(), s.orderNumberPrefix(),
                s.customerRefAttribute(), s.shippingItem(), s.vatFreeCategory(), s.vatZone(), s.warehouse(),
                s.warehouses(), s.roundingItem(), s.roundingTolerance(), s.creditItem());
        VismaConnection wrongTenant = connection(otherTenant, ApiClient.defaultHttpClient());
        PermanentFailure tenant = catchThrowableOfType(PermanentFailure.class, () ->
                new VismaCustomers(otherTenant, wrongTenant.api()).findCustomerByEmail("ada@example.com"));
        assertThat(tenant.field()).isEqualTo("tenant_id");
        assertThat(tenant.getMessage()).contains("12027");

        var secrets = Fixtures.secretsFor(sandbox);
        secrets.put(Fixtures.SECRET, Map.of("client_id", sandbox.settings().clientId(), "client_secret", "wrong"));
        VismaConnection wrongSecret = new VismaConnection(s, secrets, ApiClient.defaultHttpClient(), RetryPolicy.none(),
                ApiClient.Pacer.NONE);
        PermanentFailure credentials = catchThrowableOfType(PermanentFailure.class, () ->
                new VismaCustomers(s, wrongSecret.api()).findCustomerByEmail("ada@example.com"));
        assertThat(credentials.field()).isEqualTo("credentials");
        assertThat(credentials.getMessage()).doesNotContain("wrong").doesNotContain(sandbox.settings().clientSecret());
    }

    @Test
    void a_refund_is_a_credit_note_of_the_credit_item_applied_to_the_invoice_and_a_lost_answer_posts_it_once() {
        VismaConnection c = connection();
        String ref = "BC-c-" + run;
        String customer = customer(c);
        DocumentRef sold = orders(c).createSalesOrder(taxed(customer, ref));
        sandbox.ship(sold.id(), "TRACK-" + run);
        String invoice = sandbox.invoice(sold.id());
        SalesOrderDraft refund = BackOfficeContract.taxedAtOneRate(new SalesOrderDraft(
                com.bcerp.core.backoffice.DocumentKind.CREDIT, ref + "-R7", "250", customer, LocalDate.of(2026, 3, 2),
                "NOK", null, null, "Refund 7", List.of(line(1, "SKU-0100", "1", "80.00", "0")), nok("0"),
                List.of(new TaxLine("HIGH", new BigDecimal("25"), nok("80.00"), nok("20.00"))), null, null, null, null, sold));
        VismaConnection lossy = connection(Fixtures.settingsFor(sandbox), HookedHttpClient.losing("/v2/customerCreditNote", 1));

        assertThatThrownBy(() -> orders(lossy).createSalesOrder(refund)).isInstanceOf(TransientFailure.class);
        DocumentRef credited = orders(lossy).createSalesOrder(refund);

        List<JsonNode> notes = visma.list("/v1/customerCreditNote", "externalReference=" + VismaReader.enc(ref + "-R7"));
        assertThat(notes).singleElement().satisfies(n -> {
            assertThat(n.path("customerRefNumber").asText()).isEqualTo(ref);
            assertThat(n.path("amountInCurrency").decimalValue()).isEqualByComparingTo("100.00");
            assertThat(n.path("lines")).singleElement().satisfies(l -> {
                assertThat(l.path("inventoryNumber").asText()).isEqualTo("REFUND");
                assertThat(l.path("note").asText()).isEqualTo("701|SKU-0100");
            });
            assertThat(n.path("applications").findValuesAsText("refNbr")).containsExactly(invoice);
        });
        assertThat(credited.id()).isEqualTo("CN/" + notes.get(0).path("referenceNumber").asText());
        assertThat(orders(c).findOrderDocuments(ref).orElseThrow()).extracting(PostedDocument::externalRef,
                PostedDocument::kind).containsExactly(org.assertj.core.groups.Tuple.tuple(ref, com.bcerp.core.backoffice.DocumentKind.SALE),
                org.assertj.core.groups.Tuple.tuple(ref + "-R7", com.bcerp.core.backoffice.DocumentKind.CREDIT));
        assertThat(orders(c).readDocuments(List.of(credited.id()))).singleElement().satisfies(d ->
                assertThat(d.lines()).extracting(PostedDocument.PostedLine::itemId).containsExactly("SKU-0100"));
    }
}
