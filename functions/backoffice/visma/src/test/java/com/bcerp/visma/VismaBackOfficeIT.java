package com.bcerp.visma;

import com.bcerp.core.contract.BackOfficeContract;
import com.bcerp.core.port.BackOffice;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.visma.VismaSandbox;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Visma adapter passes the back-office contract against the sandbox, over real HTTP. */
class VismaBackOfficeIT extends BackOfficeContract {

    private static VismaSandbox sandbox;
    private static BackOffice backOffice;

    @BeforeAll
    static void start() {
        sandbox = VismaSandbox.start(VismaSandbox.Settings.defaults());
        // the contract's carried-over tax is 8.25 %: the merchant's VAT for it, in a category of its own
        sandbox.addVat("T825", "Sales tax 8.25%", new BigDecimal("8.25"), "US825", "DOMESTIC");
        backOffice = VismaType.backOffice("visma",
                VismaConnection.create(Fixtures.settingsFor(sandbox), Fixtures.secretsFor(sandbox)), false);
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
    protected String currency() {
        return "NOK";
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
        return "US825";
    }

    /** Visma's branches are not modelled by the sandbox (branchNumber is not stored): skipped. */
    @Override
    protected String branch() {
        return null;
    }

    @Override
    protected String paymentMethod() {
        return "CARD";
    }

    @Override
    protected String missingDocumentId(String run) {
        return "BC" + Integer.toHexString(run.hashCode()).toUpperCase();
    }

    @Override
    protected BackOffice withWrongSecret() {
        return VismaType.backOffice("visma", VismaConnection.create(Fixtures.settingsFor(sandbox),
                Fixtures.secretsFor(sandbox, wrongSecret())), false);
    }

    @Override
    protected void outage(boolean on) {
        sandbox.faults().unavailable(on);
    }

    @Override
    protected void shipInFull(com.bcerp.core.backoffice.DocumentRef order, String trackingNumber) {
        sandbox.ship(order.id(), trackingNumber);
    }
}
