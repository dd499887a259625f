package com.bcerp.uniconta;

import com.bcerp.core.contract.BackOfficeContract;
import com.bcerp.core.port.BackOffice;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Uniconta adapter passes the back-office contract against the sandbox, over real HTTP. */
class UnicontaBackOfficeIT extends BackOfficeContract {

    private static UnicontaSandbox sandbox;
    private static BackOffice backOffice;

    @BeforeAll
    static void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
        // the contract's carried-over tax is 8.25 %: the merchant's VAT code for it
        sandbox.addVat("T825", "Sales tax 8.25%", 8.25);
        backOffice = UnicontaType.backOffice("uniconta",
                UnicontaConnection.create(Fixtures.settingsFor(sandbox), Fixtures.secretsFor(sandbox)), false);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    protected BackOffice backOffice() {
        return backOffice;
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
        return "T825";
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
        return "9" + Math.abs(run.hashCode() % 100_000_000);
    }

    @Override
    protected BackOffice withWrongSecret() {
        return UnicontaType.backOffice("uniconta", UnicontaConnection.create(Fixtures.settingsFor(sandbox),
                Fixtures.secretsFor(sandbox, wrongSecret())), false);
    }

    @Override
    protected void outage(boolean on) {
        sandbox.faults().unavailable(on);
    }
}
