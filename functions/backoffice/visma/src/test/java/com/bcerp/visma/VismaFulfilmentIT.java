package com.bcerp.visma;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.model.Money;
import com.bcerp.sandbox.visma.VismaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shipments with packages and tracking, order status and invoice numbers, as Visma's API shows them. */
class VismaFulfilmentIT {

    private static VismaSandbox sandbox;
    private static VismaConnection connection;
    private static VismaReader visma;

    @BeforeAll
    static void start() {
        sandbox = VismaSandbox.start(VismaSandbox.Settings.defaults());
        connection = VismaConnection.create(Fixtures.settingsFor(sandbox), Fixtures.secretsFor(sandbox));
        visma = new VismaReader(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Money nok(String a) {
        return Money.of(a, "NOK");
    }

    private DocumentRef order(String ref) {
        VismaOrders orders = new VismaOrders(connection.settings(), connection.api());
        return orders.createSalesOrder(SalesOrderDraft.sale(ref, "77", "10002", LocalDate.of(2026, 3, 1), "NOK", "f",
                List.of(new DraftLine("SKU-0100", "a", new BigDecimal("3"), nok("10.00"), nok("0"), "801", "line 1"),
                        new DraftLine("SKU-0101", "b", new BigDecimal("1"), nok("20.00"), nok("0"), "802", "line 2")),
                nok("5.00"), List.of(), null, null, null, null));
    }

    private static VismaFulfilment fulfilment() {
        return fulfilment(false);
    }

    private static VismaFulfilment fulfilment(boolean readPayments) {
        return new VismaFulfilment(connection.settings(), connection.api(),
                new VismaOrders(connection.settings(), connection.api()), readPayments);
    }

    @Test
    void a_partial_shipment_then_the_rest_and_the_invoice_read_back_with_lines_tracking_and_invoice_number() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ref = "BC-f-" + run;
        DocumentRef created = order(ref);
        Instant before = Instant.now().minusSeconds(1);

        String first = sandbox.ship(created.id(), "MAIN", Map.of(1, new BigDecimal("2")), "TRK-1-" + run);
        BackOfficeOrder partly = fulfilment().orders(List.of(created.id())).get(0);
        assertThat(partly.state()).isEqualTo(DocumentState.PARTLY_SHIPPED);
        assertThat(partly.shipments()).singleElement().satisfies(s -> {
            assertThat(s.shipmentNbr()).isEqualTo(first);
            assertThat(s.shipped()).isTrue();
            assertThat(s.trackingNumbers()).containsExactly("TRK-1-" + run);
            assertThat(s.lines()).singleElement().satisfies(l -> {
                assertThat(l.storeLineRef()).isEqualTo("801");
                assertThat(l.sku()).isEqualTo("SKU-0100");
                assertThat(l.quantity()).isEqualByComparingTo("2");
            });
        });

        sandbox.ship(created.id(), "TRK-2-" + run);
        String invoice = sandbox.invoice(created.id());
        BackOfficeOrder done = fulfilment().orders(List.of(created.id())).get(0);

        JsonNode order = visma.order(created.id());
        assertThat(done.status()).isEqualTo(order.path("status").asText());
        assertThat(done.state()).isEqualTo(DocumentState.INVOICED);
        assertThat(done.invoiceNbrs()).containsExactly(invoice);
        assertThat(done.shipments()).hasSize(2);
        assertThat(done.shipments().get(1).lines()).extracting(l -> l.storeLineRef() + "x" + l.quantity().stripTrailingZeros()
                .toPlainString()).containsExactlyInAnyOrder("801x1", "802x1");
        assertThat(fulfilment().changedSince("BC-f-" + run, before)).extracting(BackOfficeOrder::id).containsExactly(created.id());
        assertThat(fulfilment().changedSince("BC-nothing-", before)).isEmpty();
    }

    @Test
    void an_invoice_paid_by_released_payments_reads_back_paid_naming_them_and_its_order_comes_with_the_changed_invoices()
            throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        DocumentRef created = order("BC-p-" + run);
        sandbox.ship(created.id(), "TRK-" + run);
        String invoice = sandbox.invoice(created.id());
        assertThat(fulfilment().orders(List.of(created.id())).get(0).invoices()).as("payments not read").isEmpty();
        assertThat(fulfilment(true).orders(List.of(created.id())).get(0).invoices()).singleElement().satisfies(i -> {
            assertThat(i.number()).isEqualTo(invoice);
            assertThat(i.paid()).isFalse();
            assertThat(i.payments()).isEmpty();
        });
        BigDecimal owed = visma.get("/v1/customerinvoice/" + invoice).orElseThrow().get("balanceInCurrency").decimalValue();
        Thread.sleep(5);
        Instant before = Instant.now();
        Thread.sleep(5);

        String first = visma.payInvoice("10002", invoice, new BigDecimal("1.00"), "BT-1-" + run);
        assertThat(fulfilment(true).orders(List.of(created.id())).get(0).invoices()).singleElement().satisfies(i -> {
            assertThat(i.paid()).as("paid in part").isFalse();
            assertThat(i.payments()).extracting(p -> p.number() + " " + p.reference()).containsExactly(first + " BT-1-" + run);
        });
        String rest = visma.payInvoice("10002", invoice, owed.subtract(BigDecimal.ONE), "BT-2-" + run);
        JsonNode read = visma.get("/v1/customerinvoice/" + invoice).orElseThrow();
        assertThat(read.get("status").asText()).isEqualTo("Closed");
        assertThat(read.get("balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(fulfilment(true).orders(List.of(created.id())).get(0).invoices()).singleElement().satisfies(i -> {
            assertThat(i.paid()).isTrue();
            assertThat(i.payments()).extracting(p -> p.number() + " " + p.reference())
                    .containsExactly(first + " BT-1-" + run, rest + " BT-2-" + run);
        });
        assertThat(fulfilment().changedSince("BC-p-" + run, before)).as("a payment touches only the invoice").isEmpty();
        assertThat(fulfilment(true).changedSince("BC-p-" + run, before)).extracting(BackOfficeOrder::id)
                .containsExactly(created.id());
    }
}
