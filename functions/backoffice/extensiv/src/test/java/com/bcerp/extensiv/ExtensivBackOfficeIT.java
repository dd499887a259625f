package com.bcerp.extensiv;

import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.contract.BackOfficeContract;
import com.bcerp.core.port.BackOffice;
import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Extensiv adapter passes the back-office contract (its warehouse part) against the sandbox, over real HTTP. */
class ExtensivBackOfficeIT extends BackOfficeContract {

    private static ExtensivSandbox sandbox;
    private static BackOffice backOffice;

    @BeforeAll
    static void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults());
        backOffice = ExtensivType.backOffice("extensiv",
                ExtensivConnection.create(Fixtures.settingsFor(sandbox), Fixtures.secretsFor(sandbox)), "USD");
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
        return sandbox.catalog().simpleItems().get(1).sku();
    }

    @Override
    protected String unknownItem() {
        // an item of the warehouse's other customer: known to Extensiv, but not the merchant's
        return ExtensivSandbox.OTHER_SKUS.get(0);
    }

    @Override
    protected String taxId() {
        return "none";
    }

    @Override
    protected String branch() {
        return null;
    }

    @Override
    protected String paymentMethod() {
        return "none";
    }

    @Override
    protected String missingDocumentId(String run) {
        return "9" + Math.abs(run.hashCode() % 100_000_000);
    }

    @Override
    protected void shipInFull(DocumentRef order, String trackingNumber) {
        sandbox.shipInFull(Integer.parseInt(order.id()), trackingNumber);
    }

    @Override
    protected BackOffice withWrongSecret() {
        return ExtensivType.backOffice("extensiv", ExtensivConnection.create(Fixtures.settingsFor(sandbox),
                Fixtures.secretsFor(sandbox, wrongSecret())), "USD");
    }

    @Override
    protected void outage(boolean on) {
        sandbox.faults().unavailable(on);
    }
}
