package com.bcerp.acumatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.fulfilment.BackOfficeInvoice;
import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.fulfilment.BackOfficeShipment;
import com.bcerp.core.fulfilment.ShippedLine;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.acumatica.AcumaticaSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fulfilment reader against the Acumatica sandbox over HTTP: sales orders of the store changed since a time, or
 * whose shipments changed, each with its shipments (lines traced to the store's order products, packages' tracking
 * numbers, ship-via, status) and invoice numbers; every exchange conforms to the vendor's OpenAPI file.
 */
class AcumaticaFulfilmentIT {

    AcumaticaSandbox sandbox;
    AcumaticaBackOffice backOffice;
    AcumaticaFulfilment fulfilment;
    AcumaticaConnection connection;

    @BeforeEach
    void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        connection = AcumaticaConnection.create(Fixtures.settingsFor(sandbox),
                new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox)));
        backOffice = new AcumaticaBackOffice(connection);
        fulfilment = new AcumaticaFulfilment(connection, true);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void shipped_orders_come_with_their_shipments_packages_and_invoices() throws InterruptedException {
        String customer = backOffice.createCustomer(Fixtures.customer("pat@example.com"));
        // lines 1 and 2 carry the store's order products 501 and 502
        DocumentRef sold = backOffice.createSalesOrder(Fixtures.order(customer, "BC-abc-250",
                List.of(Fixtures.line(1, "SKU-0100", "3", "10.00", "0"), Fixtures.line(2, "SKU-0101", "1", "5.00", "0"))));
        DocumentRef other = backOffice.createSalesOrder(Fixtures.order(customer, "BC-xyz-9",
                List.of(Fixtures.line(1, "SKU-0100", "1", "10.00", "0"))));
        Instant before = Instant.now().minusSeconds(1);

        String first = sandbox.createShipment("SO", AcumaticaKeys.of(sold.id()).nbr(), "UPSGROUND", Map.of(1, new BigDecimal("2")),
                List.of("1Z111"));
        sandbox.confirmShipment(first);
        Map<Integer, BigDecimal> rest = new LinkedHashMap<>();
        rest.put(1, BigDecimal.ONE);
        rest.put(2, BigDecimal.ONE);
        String second = sandbox.createShipment("SO", AcumaticaKeys.of(sold.id()).nbr(), "DHL", rest, List.of("JD1", "JD2"));
        sandbox.confirmShipment(second);
        String invoice = sandbox.invoiceOrder("SO", AcumaticaKeys.of(sold.id()).nbr());
        sandbox.confirmShipment(sandbox.createShipment("SO", AcumaticaKeys.of(other.id()).nbr(), "USPS", Map.of(1, BigDecimal.ONE),
                List.of()));
        sandbox.calls().reset();

        List<BackOfficeOrder> changed = fulfilment.changedSince("BC-abc-", before);

        assertThat(changed).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(sold.id());
            assertThat(o.externalRef()).isEqualTo("BC-abc-250");
            assertThat(o.state()).isEqualTo(DocumentState.INVOICED);
            assertThat(o.status()).isEqualTo("Invoiced");
            assertThat(o.invoiceNbrs()).containsExactly(invoice);
            assertThat(o.modified()).isAfter(before);
            assertThat(o.shipments()).extracting(BackOfficeShipment::shipmentNbr, BackOfficeShipment::shipped,
                    BackOfficeShipment::status, BackOfficeShipment::shipVia, BackOfficeShipment::trackingNumbers)
                    .containsExactly(tuple(first, true, "Invoiced", "UPSGROUND", List.of("1Z111")),
                            tuple(second, true, "Invoiced", "DHL", List.of("JD1", "JD2")));
            assertThat(o.shipments().get(1).lines()).extracting(ShippedLine::orderLine, ShippedLine::storeLineRef,
                    ShippedLine::sku, l -> l.quantity().intValue(), ShippedLine::quantityField).containsExactly(
                    tuple("1", "501", "SKU-0100", 1, "Details[0].ShippedQty"),
                    tuple("2", "502", "SKU-0101", 1, "Details[1].ShippedQty"));
        });
        assertThat(fulfilment.changedSince("BC-abc-", Instant.now().plusSeconds(60))).isEmpty();
        assertThat(fulfilment.orders(List.of(other.id(), "SO/SO999999"))).singleElement()
                .satisfies(o -> assertThat(o.state()).isEqualTo(DocumentState.SHIPPED));
        // SO999999 is Acumatica's 500 NoEntitySatisfiesTheConditionException: skipped, asked once, not retried
        assertThat(sandbox.calls().exchanges()).filteredOn(e -> e.status() == 500).singleElement()
                .satisfies(e -> assertThat(e.path()).endsWith("/SalesOrder/SO/SO999999"));
        assertThat(sandbox.calls().exchanges()).allSatisfy(AcumaticaSpec.load()::assertConforms);
    }

    @Test
    void an_invoice_paid_in_the_back_office_brings_its_order_back_paid_with_its_payments() throws InterruptedException {
        String customer = backOffice.createCustomer(Fixtures.customer("pat@example.com"));
        DocumentRef sold = backOffice.createSalesOrder(Fixtures.order(customer, "BC-abc-254",
                List.of(Fixtures.line(1, "SKU-0100", "2", "10.00", "0"))));
        String nbr = AcumaticaKeys.of(sold.id()).nbr();
        sandbox.confirmShipment(sandbox.createShipment("SO", nbr, "UPSGROUND", Map.of(1, new BigDecimal("2")), List.of("1Z1")));
        String invoice = sandbox.invoiceOrder("SO", nbr);

        assertThat(fulfilment.orders(List.of(sold.id()))).singleElement().satisfies(o -> assertThat(o.invoices())
                .as("prepared, not released").containsExactly(new BackOfficeInvoice(invoice, false, List.of())));

        sandbox.releaseInvoice("Invoice", invoice);
        String part = sandbox.payInvoice("Invoice", invoice, "WIRE", "BT-2026-118", new BigDecimal("5.00"));
        assertThat(fulfilment.orders(List.of(sold.id()))).singleElement().satisfies(o -> assertThat(o.invoices())
                .as("paid in part").containsExactly(new BackOfficeInvoice(invoice, false,
                        List.of(new BackOfficeInvoice.Payment(part, "BT-2026-118")))));

        Thread.sleep(20);
        Instant before = Instant.now();
        Thread.sleep(20);
        sandbox.calls().reset();
        // the rest arrives: only the invoice changes in the back office, not the sales order or its shipment
        String rest = sandbox.payInvoice("Invoice", invoice, "CHECK", "5521", new BigDecimal("15.00"));

        assertThat(fulfilment.changedSince("BC-abc-", before)).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(sold.id());
            assertThat(o.invoiceNbrs()).containsExactly(invoice);
            assertThat(o.invoices()).containsExactly(new BackOfficeInvoice(invoice, true, List.of(
                    new BackOfficeInvoice.Payment(part, "BT-2026-118"), new BackOfficeInvoice.Payment(rest, "5521"))));
            assertThat(o.modified()).as("the payment is the cursor's position").isAfter(before);
        });
        assertThat(sandbox.calls().exchanges()).allSatisfy(AcumaticaSpec.load()::assertConforms);

        sandbox.calls().reset();
        assertThat(new AcumaticaFulfilment(connection, false).orders(List.of(sold.id()))).singleElement()
                .satisfies(o -> {
                    assertThat(o.invoiceNbrs()).containsExactly(invoice);
                    assertThat(o.invoices()).as("paid_status off: payments are not read").isEmpty();
                });
        assertThat(sandbox.calls().exchanges()).noneSatisfy(e -> assertThat(e.path()).contains("/SalesInvoice"));
    }

    @Test
    void a_hold_or_a_cancellation_is_a_change_of_the_order_itself() {
        String customer = backOffice.createCustomer(Fixtures.customer("pat@example.com"));
        DocumentRef held = backOffice.createSalesOrder(Fixtures.order(customer, "BC-abc-251",
                List.of(Fixtures.line(1, "SKU-0100", "1", "10.00", "0"))));
        DocumentRef cancelled = backOffice.createSalesOrder(Fixtures.order(customer, "BC-abc-252",
                List.of(Fixtures.line(1, "SKU-0100", "1", "10.00", "0"))));
        Instant before = Instant.now().minusSeconds(1);
        sandbox.holdOrder("SO", AcumaticaKeys.of(held.id()).nbr());
        sandbox.cancelOrder("SO", AcumaticaKeys.of(cancelled.id()).nbr());

        assertThat(fulfilment.changedSince("BC-abc-", before)).extracting(BackOfficeOrder::id,
                BackOfficeOrder::state, o -> o.shipments().size()).containsExactlyInAnyOrder(
                tuple(held.id(), DocumentState.ON_HOLD, 0), tuple(cancelled.id(), DocumentState.CANCELLED, 0));
    }

    @Test
    void an_order_whose_shipment_alone_changed_is_found_when_unnamed_nested_fields_are_left_out()
            throws InterruptedException {
        sandbox.faults().strictNestedSelect(true);
        String customer = backOffice.createCustomer(Fixtures.customer("pat@example.com"));
        DocumentRef sold = backOffice.createSalesOrder(Fixtures.order(customer, "BC-abc-253",
                List.of(Fixtures.line(1, "SKU-0100", "2", "10.00", "0"))));
        Thread.sleep(20);
        Instant before = Instant.now();
        Thread.sleep(20);
        sandbox.calls().reset();
        // a shipment made in the back office moves the shipment's time, not the order's
        sandbox.createShipment("SO", AcumaticaKeys.of(sold.id()).nbr(), "UPSGROUND", Map.of(1, BigDecimal.ONE), List.of("1Z9"));

        assertThat(fulfilment.changedSince("BC-abc-", before)).extracting(BackOfficeOrder::id).containsExactly(sold.id());
        assertThat(sandbox.calls().exchanges()).noneSatisfy(e -> assertThat(e.status()).isEqualTo(500));
    }
}
