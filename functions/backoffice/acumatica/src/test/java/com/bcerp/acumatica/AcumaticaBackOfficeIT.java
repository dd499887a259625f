package com.bcerp.acumatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.contract.BackOfficeContract;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.fakes.InMemorySecrets;
import com.bcerp.core.port.BackOffice;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Acumatica adapter passes the back-office contract against the sandbox, over real HTTP. */
class AcumaticaBackOfficeIT extends BackOfficeContract {

    private static AcumaticaSandbox sandbox;
    private static BackOffice backOffice;

    @BeforeAll
    static void start() {
        sandbox = AcumaticaSandbox.start(AcumaticaSandbox.Settings.defaults());
        InMemorySecrets secrets = new InMemorySecrets().with(Fixtures.SECRET, Fixtures.secretFor(sandbox));
        backOffice = AcumaticaType.backOffice("acumatica", AcumaticaConnection.create(Fixtures.settingsFor(sandbox),
                secrets), AcumaticaTaxZones.NONE, 2, "USD", null, false);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    protected BackOffice backOffice() {
        return backOffice;
    }

    @Test
    void updating_a_customer_acumatica_does_not_have_parks_and_creates_none() {
        int before = sandbox.customers().size();

        assertThatThrownBy(() -> customers().updateCustomer("C999999", Fixtures.customer("gone@example.com")))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("customer C999999");

        assertThat(sandbox.customers()).hasSize(before);
    }

    @Override
    protected String knownItem() {
        return sandbox.catalog().simpleItems().get(0).sku();
    }

    @Override
    protected String anotherKnownItem() {
        return SandboxCatalog.CHARGE_ITEMS.get(0);
    }

    @Override
    protected String unknownItem() {
        return sandbox.catalog().storeOnlyItem().sku();
    }

    @Override
    protected String taxId() {
        return "BCTAX";
    }

    @Override
    protected String branch() {
        return "EU";
    }

    @Override
    protected String paymentMethod() {
        return "CARD";
    }

    @Override
    protected String missingDocumentId(String run) {
        return AcumaticaKeys.id("SO", "NOPE" + run);
    }

    @Override
    protected BackOffice withWrongSecret() {
        java.util.Map<String, String> secret = new java.util.HashMap<>(Fixtures.secretFor(sandbox));
        secret.put("password", wrongSecret());
        return AcumaticaType.backOffice("acumatica", AcumaticaConnection.create(Fixtures.settingsFor(sandbox),
                new InMemorySecrets().with(Fixtures.SECRET, secret)), AcumaticaTaxZones.NONE, 2, "USD", null, false);
    }

    @Override
    protected void outage(boolean on) {
        sandbox.faults().unavailable(on);
    }
}
