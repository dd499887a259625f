package com.bcerp.acumatica;

import static com.bcerp.acumatica.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.acumatica.AcumaticaSpec;
import com.bcerp.sandbox.acumatica.CallLog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request the adapter sends and every answer the sandbox gives it, for Customer and SalesOrder (PUT, GET list,
 * and the sandbox's GET by keys), conforms to the vendor's OpenAPI file for Default/24.200.001.
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

        SalesOrderDraft base = Fixtures.order(customer, "BC-conformance-250", List.of(line(1, "SKU-0100", "3", "16.6583", "2.50"),
                line(2, "SKU-0101", "1", "19.99", "0"), line(3, "HANDLING", "1", "4.00", "0")));
        SalesOrderDraft draft = new SalesOrderDraft(base.externalRef(), base.customerOrder(), base.customerId(), base.date(),
                base.currency(), base.description(), base.lines(), base.freight(), base.taxes(), base.billTo(),
                base.shipTo(), "FLATRATE", "VISA");
        var created = backOffice.createSalesOrder(draft);
        assertThat(backOffice.findSalesOrder("BC-conformance-250")).isPresent();
        assertThat(backOffice.findSalesOrder("BC-conformance-none")).isEmpty();
        assertThatThrownBy(() -> backOffice.createSalesOrder(Fixtures.order(customer, "BC-conformance-bad",
                List.of(line(1, "SKU-STORE-ONLY", "1", "24", "0"))))).isInstanceOf(PermanentFailure.class);

        // the sandbox's GET by keys, as a person checking the result would use it
        new SandboxReader(sandbox).get("SalesOrder/" + created.orderType() + "/" + created.orderNbr() + "?$expand=Details");
        new SandboxReader(sandbox).get("Customer/" + customer + "?$expand=MainContact");

        List<CallLog.Exchange> exchanges = sandbox.calls().exchanges();
        assertThat(exchanges).extracting(CallLog.Exchange::status).contains(200, 422);
        assertThat(exchanges).extracting(e -> e.method() + " " + e.path().replaceAll(".*/24.200.001/", "/"))
                .contains("PUT /Customer", "GET /Customer", "PUT /SalesOrder", "GET /SalesOrder");
        assertThat(exchanges).allSatisfy(spec::assertConforms);
    }
}
