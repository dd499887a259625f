package com.bcerp.uniconta;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.model.Money;
import com.bcerp.sandbox.ManualClock;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invoices as shipments with their tracking, partial and whole, and their payments, over real HTTP. */
class UnicontaFulfilmentIT {

    private static UnicontaSandbox sandbox;
    private static UnicontaConnection connection;
    private static UnicontaOrders orders;
    private static UnicontaFulfilment fulfilment;
    private static String customer;

    @BeforeAll
    static void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
        connection = UnicontaConnection.create(Fixtures.settingsFor(sandbox), Fixtures.secretsFor(sandbox));
        UnicontaItems items = new UnicontaItems(connection.api(), "-");
        orders = new UnicontaOrders(connection.settings(), connection.api(), items);
        fulfilment = new UnicontaFulfilment(connection.settings(), connection.api(), orders, items, false);
        customer = sandbox.addDebtor("F1", "Fulfil", "f1@example.com", Map.of());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static DocumentRef order(String ref) {
        return orders.createSalesOrder(SalesOrderDraft.sale(ref, "1", customer, LocalDate.of(2026, 3, 1), "DKK", "f",
                List.of(new DraftLine("TEE-201-BLUE-S", "tee", new BigDecimal("2"), Money.of("20.00", "DKK"),
                        Money.of("0", "DKK"), "801", "line 1"), new DraftLine("SKU-0120", "mug", BigDecimal.ONE,
                        Money.of("5.00", "DKK"), Money.of("0", "DKK"), "802", "line 2")),
                Money.of("9.00", "DKK"), List.of(), null, null, null, null));
    }

    @Test
    void a_partial_invoice_is_a_shipped_shipment_with_its_tracking_and_lines_and_the_rest_follows() {
        Instant before = Instant.now().minusSeconds(5);
        DocumentRef created = order("BC-f-1");
        long number = Long.parseLong(created.id());

        long first = sandbox.invoice(number, UnicontaSandbox.Invoicing.lines(Map.of(1.0, 1.0))
                .withUserField("TrackingNumber", "1Z999").withShipmentText("GLS"));

        List<BackOfficeOrder> read = fulfilment.changedSince("BC-f-", before);
        assertThat(read).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(created.id());
            assertThat(o.externalRef()).isEqualTo("BC-f-1");
            assertThat(o.state()).isEqualTo(DocumentState.PARTLY_SHIPPED);
            assertThat(o.invoiceNbrs()).containsExactly(Long.toString(first));
            assertThat(o.shipments()).singleElement().satisfies(s -> {
                assertThat(s.shipped()).isTrue();
                assertThat(s.trackingNumbers()).containsExactly("1Z999");
                assertThat(s.shipVia()).isEqualTo("GLS");
                assertThat(s.lines()).singleElement().satisfies(l -> {
                    assertThat(l.storeLineRef()).isEqualTo("801");
                    assertThat(l.sku()).isEqualTo("TEE-201-BLUE-S");
                    assertThat(l.quantity()).isEqualByComparingTo("1");
                });
            });
        });

        sandbox.invoice(number);
        BackOfficeOrder done = fulfilment.orders(List.of(created.id())).get(0);
        assertThat(done.state()).isEqualTo(DocumentState.INVOICED);
        assertThat(done.shipments()).hasSize(2);
        assertThat(done.shipments().get(1).lines()).extracting(l -> l.storeLineRef()).containsExactly("801", "802");
        assertThat(fulfilment.changedSince("BC-other-", before)).isEmpty();
    }

    @Test
    void the_vat_rounding_line_is_not_a_shipped_product_so_the_invoice_ships_the_goods_alone() {
        UnicontaConnection rounding = UnicontaConnection.create(Fixtures.settingsFor(sandbox)
                .withRounding("ROUNDING", new BigDecimal("0.05")), Fixtures.secretsFor(sandbox));
        UnicontaItems items = new UnicontaItems(rounding.api(), "-");
        UnicontaOrders withRounding = new UnicontaOrders(rounding.settings(), rounding.api(), items);
        List<DraftLine> lines = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            lines.add(new DraftLine("TEE-200-RED-M", "tee", BigDecimal.ONE, Money.of("9.99", "DKK"), Money.of("0", "DKK"),
                    Integer.toString(900 + i), "line " + i));
        }
        // the store's VAT per line (3 x 2.50) is a cent above Uniconta's on the sum (7.49): a rounding line goes on
        DocumentRef created = withRounding.createSalesOrder(com.bcerp.core.contract.BackOfficeContract.taxedAtOneRate(
                SalesOrderDraft.sale("BC-f-r", "1", customer, LocalDate.of(2026, 3, 1), "DKK", "f", lines,
                        Money.of("0", "DKK"), List.of(new com.bcerp.core.backoffice.TaxLine("U25", new BigDecimal("25"),
                                Money.of("29.97", "DKK"), Money.of("7.50", "DKK"))), null, null, null, null)));
        assertThat(sandbox.rows("DebtorOrderLineClient")).filteredOn(l -> l.path("OrderNumber").asText().equals(created.id()))
                .extracting(l -> l.path("Item").asText()).contains("ROUNDING");

        sandbox.invoice(Long.parseLong(created.id()));

        BackOfficeOrder done = new UnicontaFulfilment(rounding.settings(), rounding.api(), withRounding, items, false)
                .orders(List.of(created.id())).get(0);
        assertThat(done.state()).isEqualTo(DocumentState.INVOICED);
        assertThat(done.shipments()).singleElement().satisfies(s -> assertThat(s.lines())
                .extracting(l -> l.storeLineRef()).containsExactly("901", "902", "903"));
    }

    @Test
    void an_invoice_settled_by_posted_payments_reads_back_paid_naming_them_and_the_payments_day_brings_its_order()
            throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
        try (UnicontaSandbox company = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults(), clock)) {
            UnicontaConnection paying = UnicontaConnection.create(Fixtures.settingsFor(company), Fixtures.secretsFor(company));
            UnicontaItems items = new UnicontaItems(paying.api(), "-");
            UnicontaOrders own = new UnicontaOrders(paying.settings(), paying.api(), items);
            UnicontaFulfilment payments = new UnicontaFulfilment(paying.settings(), paying.api(), own, items, true);
            String debtor = company.addDebtor("P1", "Payer", "p1@example.com", Map.of());
            DocumentRef created = own.createSalesOrder(SalesOrderDraft.sale("BC-p-1", "1", debtor,
                    LocalDate.of(2026, 3, 2), "DKK", "f", List.of(new DraftLine("SKU-0120", "mug", new BigDecimal("2"),
                            Money.of("40.00", "DKK"), Money.of("0", "DKK"), "801", "line 1")),
                    Money.of("0", "DKK"), List.of(), null, null, null, null));
            String invoice = Long.toString(company.invoice(Long.parseLong(created.id())));
            assertThat(new UnicontaFulfilment(paying.settings(), paying.api(), own, items, false)
                    .orders(List.of(created.id())).get(0).invoices()).as("payments not read").isEmpty();
            assertThat(payments.orders(List.of(created.id())).get(0).invoices()).singleElement().satisfies(i -> {
                assertThat(i.number()).isEqualTo(invoice);
                assertThat(i.paid()).isFalse();
                assertThat(i.payments()).isEmpty();
            });
            double owed = company.rows("DebtorTransClient").stream().filter(t -> t.path("Invoice").asText().equals(invoice))
                    .findFirst().orElseThrow().path("AmountOpen").asDouble();

            clock.advance(Duration.ofDays(2));
            Instant since = clock.instant().minus(Duration.ofDays(1));
            long first = pay(company, debtor, invoice, 1.00, "BT-1");
            assertThat(payments.orders(List.of(created.id())).get(0).invoices().get(0)).satisfies(i -> {
                assertThat(i.paid()).as("paid in part").isFalse();
                assertThat(i.payments()).extracting(p -> p.number() + " " + p.reference()).containsExactly(first + " BT-1");
            });
            long rest = pay(company, debtor, invoice, owed - 1.00, "BT-2");
            assertThat(payments.orders(List.of(created.id())).get(0).invoices().get(0)).satisfies(i -> {
                assertThat(i.paid()).isTrue();
                assertThat(i.payments()).extracting(p -> p.number() + " " + p.reference())
                        .containsExactly(first + " BT-1", rest + " BT-2");
            });
            assertThat(new UnicontaFulfilment(paying.settings(), paying.api(), own, items, false).changedSince("BC-p-", since))
                    .as("a payment touches only the ledger").isEmpty();
            assertThat(payments.changedSince("BC-p-", since)).extracting(BackOfficeOrder::id).containsExactly(created.id());
        }
    }

    /**
     * The bookkeeper settles the invoice: a journal line inserted through the REST API as Uniconta's "mark invoice
     * paid" screen fills it, then the journal posted; returns the payment's voucher.
     */
    private static long pay(UnicontaSandbox company, String debtor, String invoice, double amount, String text)
            throws Exception {
        String login = company.settings().loginName() + ":" + company.settings().password();
        String body = "[{\"Journal\":\"BANK\",\"AccountType\":\"Debtor\",\"Account\":\"" + debtor + "\",\"Credit\":"
                + amount + ",\"OffsetAccount\":\"5800\",\"Invoice\":\"" + invoice + "\",\"Text\":\"" + text + "\"}]";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(company.baseUrl()
                + "/api/Entities/InsertList/GLDailyJournalLineClient")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return company.postJournal("BANK").get(0);
    }
}
