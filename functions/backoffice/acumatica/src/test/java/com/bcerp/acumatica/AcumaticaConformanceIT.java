package com.bcerp.acumatica;

import static com.bcerp.acumatica.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.model.Money;
import java.math.BigDecimal;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.acumatica.AcumaticaSpec;
import com.bcerp.sandbox.calls.CallLog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request the adapter sends and every answer the sandbox gives it, for Customer, SalesOrder (sales and returns,
 * in another currency and branch, the CancelSalesOrder action) and Payment (held, released, VoidPayment), conforms
 * to the vendor's OpenAPI file for Default/24.200.001.
 */
class AcumaticaConformanceIT {

    private static AcumaticaSpec spec;
    private static AcumaticaSandbox sandbox;
    private static AcumaticaBackOffice backOffice;

    @BeforeAll
    static void start() {
        spec = AcumaticaSpec.load();
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        InMemorySecrets secrets = new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox));
        backOffice = AcumaticaBackOffice.create(Fixtures.settingsFor(sandbox).withCustomerClass("WEB"), secrets);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void the_adapter_speaks_the_contract() {
        sandbox.calls().reset();
        String customer = backOffice.createCustomer(Fixtures.customer("o'hara+conformance@example.com"));
        assertThat(backOffice.findCustomerByEmail("o'hara+conformance@example.com")).contains(customer);
        CustomerDraft pat = Fixtures.customer("pat.oh+conformance@example.com");
        backOffice.updateCustomer(customer, new CustomerDraft(pat.name(), pat.email(), pat.company(), pat.phone(),
                pat.billing(), pat.shipping(), pat.externalRef(), false, "WEB", "TRADE"));

        SalesOrderDraft base = Fixtures.order(customer, "BC-conformance-250", List.of(line(1, "SKU-0100", "3", "16.6583", "2.50"),
                line(2, "SKU-0101", "1", "19.99", "0"), line(3, "HANDLING", "1", "4.00", "0")));
        SalesOrderDraft draft = new SalesOrderDraft(DocumentKind.SALE, base.externalRef(), base.customerOrder(),
                base.customerId(), base.date(), "EUR", new BigDecimal("1.0869"), "EU", base.description(), base.lines(),
                base.freight(), base.taxes(), base.billTo(), base.shipTo(), "FLATRATE", "CARD", null);
        var created = backOffice.createSalesOrder(draft);
        var credit = backOffice.createSalesOrder(new SalesOrderDraft(DocumentKind.RETURN, "BC-conformance-250-R1",
                "250", customer, base.date(), "EUR", new BigDecimal("1.0869"), "EU", "Refund 1", List.of(line(1, "SKU-0100",
                "1", "16.6583", "0.83")), Fixtures.usd("0"), List.of(), null, null, null, null, created));
        assertThat(backOffice.findOrderDocuments("BC-conformance-250").orElseThrow()).extracting(d -> d.ref().display())
                .containsExactly(created.display(), credit.display());
        assertThat(backOffice.findOrderDocuments("BC-conformance-none").orElseThrow()).isEmpty();
        assertThat(backOffice.readDocuments(List.of(created.id(), credit.id()))).hasSize(2);
        assertThat(backOffice.findCustomerByExternalRef("BC-store-customer-7")).contains(customer);

        PaymentDraft authorised = new PaymentDraft("BC-conformance-250-T1", customer, "CARD-EUR", "10210",
                Money.of("40.00", "EUR"), base.date(), "gw-1", true, created, "EU", "authorisation");
        PostedPayment held = backOffice.createPayment(authorised);
        backOffice.updatePayment(held, new PaymentDraft(authorised.externalRef(), customer, "CARD-EUR", "10210",
                Money.of("35.00", "EUR"), base.date(), "gw-1", false, created, "EU", "captured"));
        backOffice.voidPayment(backOffice.findPayments("BC-conformance-250-T").orElseThrow().get(0));
        assertThat(backOffice.readPayments(List.of(held.id()))).singleElement().extracting(PostedPayment::isVoided)
                .isEqualTo(true);
        backOffice.cancelSalesOrder(created);
        // a business rule is Acumatica's 500 with the rule in exceptionMessage: parked with it, never retried
        assertThatThrownBy(() -> backOffice.cancelSalesOrder(created)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("Cancel Order action is not available");
        assertThat(sandbox.calls().exchanges()).filteredOn(e -> e.path().endsWith("/CancelSalesOrder")).hasSize(2);
        assertThatThrownBy(() -> backOffice.createSalesOrder(Fixtures.order(customer, "BC-conformance-bad",
                List.of(line(1, "SKU-STORE-ONLY", "1", "24", "0"))))).isInstanceOf(PermanentFailure.class);

        // the sandbox's GET by keys, as a person checking the result would use it
        new SandboxReader(sandbox).get("SalesOrder/" + created.id() + "?$expand=Details");
        new SandboxReader(sandbox).get("Customer/" + customer + "?$expand=MainContact");

        List<CallLog.Exchange> exchanges = sandbox.calls().exchanges();
        assertThat(exchanges).extracting(CallLog.Exchange::status).contains(200, 422, 500);
        assertThat(exchanges).extracting(e -> e.method() + " " + e.path().replaceAll(".*/24.200.001/", "/"))
                .contains("PUT /Customer", "GET /Customer", "PUT /SalesOrder", "GET /SalesOrder", "PUT /Payment",
                        "GET /Payment", "POST /Payment/VoidPayment", "POST /SalesOrder/CancelSalesOrder");
        assertThat(exchanges).allSatisfy(spec::assertConforms);
    }
}
