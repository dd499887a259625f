package com.bcerp.acumatica;

import static com.bcerp.acumatica.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedInvoice;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.model.Money;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.acumatica.AcumaticaSpec;
import com.bcerp.sandbox.calls.CallLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invoices port against the Acumatica sandbox: an IN order invoiced with PrepareSalesInvoice (its actions run
 * long, 202 and a Location polled), released and closed by its payment, a second call finding the same invoice; a
 * credit memo and a direct invoice entered; an unshipped SO order refused with Acumatica's reason. Every request and
 * answer conforms to the vendor's OpenAPI file for Default/24.200.001.
 */
class AcumaticaInvoicesIT {

    private static AcumaticaSpec spec;
    private static AcumaticaSandbox sandbox;
    private static AcumaticaBackOffice orders;
    private static AcumaticaInvoices invoices;
    private static AcumaticaBackOffice soOrders;

    @BeforeAll
    static void start() {
        spec = AcumaticaSpec.load();
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        InMemorySecrets secrets = new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox));
        AcumaticaSettings d = Fixtures.settingsFor(sandbox);
        AcumaticaSettings in = new AcumaticaSettings(d.instanceUrl(), d.endpointName(), d.endpointVersion(), "IN",
                d.creditOrderType(), d.returnOrderType(), null, d.secretName(), d.requestTimeout());
        AcumaticaConnection connection = AcumaticaConnection.create(in, secrets);
        orders = new AcumaticaBackOffice(connection);
        invoices = new AcumaticaInvoices(connection);
        soOrders = AcumaticaBackOffice.create(d, secrets);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void an_order_is_invoiced_released_and_closed_by_its_payment_and_credited_by_a_credit_memo() throws Exception {
        sandbox.calls().reset();
        sandbox.faults().actionDuration(Duration.ofMillis(300));
        try {
            String customer = orders.createCustomer(Fixtures.customer("ada+invoices@example.com"));
            SalesOrderDraft draft = Fixtures.order(customer, "BC-inv-250", List.of(line(1, "SKU-0100", "2", "20.00", "0")));
            DocumentRef ref = orders.createSalesOrder(draft);
            PostedDocument sale = orders.readDocuments(List.of(ref.id())).get(0);
            PostedPayment payment = orders.createPayment(new PaymentDraft("BC-inv-250-T1", customer, "CARD", "10200",
                    ref.total(), draft.date(), "gw-1", false, ref, null, "purchase"));

            PostedInvoice prepared = invoices.invoiceSalesOrder(sale);
            assertThat(prepared.externalRef()).isEqualTo("BC-inv-250");
            assertThat(prepared.total()).isEqualTo(ref.total());
            assertThat(prepared.released()).isFalse();
            assertThat(prepared.lines()).singleElement().satisfies(l -> assertThat(l.itemId()).isEqualTo("SKU-0100"));
            assertThat(invoices.invoiceSalesOrder(sale).id()).as("found again, not prepared twice").isEqualTo(prepared.id());

            PostedInvoice released = invoices.release(prepared);
            assertThat(released.released()).isTrue();
            PostedInvoice paid = invoices.applyPayment(released, payment, payment.amount());
            assertThat(paid.balance().isZero()).isTrue();
            assertThat(paid.status()).isEqualTo("Closed");
            assertThat(paid.appliedPayments()).containsExactly(payment.id());
            assertThat(invoices.applyPayment(paid, payment, payment.amount()).balance().isZero()).as("applied once").isTrue();

            SalesOrderDraft refund = Fixtures.order(customer, "BC-inv-250-R1", List.of(line(1, "SKU-0100", "1", "20.00", "0")));
            PostedInvoice memo = invoices.release(invoices.postCreditMemo(refund, paid));
            assertThat(memo.creditMemo()).isTrue();
            assertThat(memo.against()).isEqualTo(paid.id());
            assertThat(memo.released()).isTrue();
            assertThat(invoices.findInvoices("BC-inv-250").orElseThrow()).extracting(PostedInvoice::id)
                    .containsExactlyInAnyOrder(paid.id(), memo.id());

            // an invoice entered directly beside its sales order: the order's payment moves onto it
            SalesOrderDraft second = Fixtures.order(customer, "BC-inv-251", List.of(line(1, "SKU-0101", "1", "19.99", "0")));
            DocumentRef secondRef = orders.createSalesOrder(second);
            PostedPayment secondPayment = orders.createPayment(new PaymentDraft("BC-inv-251-T1", customer, "CARD", "10200",
                    secondRef.total(), second.date(), "gw-2", false, secondRef, null, "purchase"));
            PostedInvoice direct = invoices.release(invoices.postInvoice(second));
            assertThat(direct.creditMemo()).isFalse();
            assertThat(direct.total()).isEqualTo(secondRef.total());
            PostedInvoice directPaid = invoices.applyPayment(direct, secondPayment, secondPayment.amount());
            assertThat(directPaid.balance().isZero()).isTrue();
            assertThat(com.bcerp.http.JsonSupport.MAPPER.readTree(new SandboxReader(sandbox).get("Payment/"
                    + secondPayment.id() + "?$expand=OrdersToApply")).at("/OrdersToApply/0/AppliedToOrder/value")
                    .decimalValue()).as("moved off the order").isZero();
            assertThat(invoices.readInvoices(List.of(direct.id()))).singleElement()
                    .satisfies(i -> assertThat(i.externalRef()).isEqualTo("BC-inv-251"));
        } finally {
            sandbox.faults().actionDuration(Duration.ZERO);
        }
        List<CallLog.Exchange> exchanges = sandbox.calls().exchanges();
        assertThat(exchanges).extracting(e -> e.method() + " " + e.path().replaceAll(".*/24.200.001/", "/"))
                .contains("POST /SalesOrder/PrepareSalesInvoice", "PUT /SalesInvoice", "POST /SalesInvoice/ReleaseSalesInvoice",
                        "PUT /Payment", "POST /Payment/ReleasePayment", "GET /SalesInvoice");
        assertThat(exchanges).filteredOn(e -> e.path().contains("/status/")).as("the long actions were polled").isNotEmpty();
        // a long operation's status Location is the instance's own, not a route of the contract
        assertThat(exchanges).filteredOn(e -> !e.path().contains("/status/")).allSatisfy(spec::assertConforms);
    }

    @Test
    void an_so_order_whose_goods_have_not_shipped_is_refused_with_acumaticas_reason() {
        String customer = soOrders.createCustomer(Fixtures.customer("bo+invoices@example.com"));
        DocumentRef ref = soOrders.createSalesOrder(Fixtures.order(customer, "BC-inv-300",
                List.of(line(1, "SKU-0100", "1", "20.00", "0"))));
        PostedDocument sale = soOrders.readDocuments(List.of(ref.id())).get(0);

        assertThatThrownBy(() -> invoices.invoiceSalesOrder(sale)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("require a shipment");
        assertThat(sandbox.salesInvoices()).noneMatch(i -> i.at("/ExternalRef/value").asText().equals("BC-inv-300"));
    }
}
