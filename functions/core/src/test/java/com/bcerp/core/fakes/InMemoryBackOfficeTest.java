package com.bcerp.core.fakes;

import com.bcerp.core.contract.BackOfficeContract;
import com.bcerp.core.port.BackOffice;
import java.util.Set;

/** The fake core's flow tests run against keeps the same contract as the real adapters. */
class InMemoryBackOfficeTest extends BackOfficeContract {

    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100", "HANDLING"));

    @Override
    protected BackOffice backOffice() {
        return backOffice.backOffice();
    }

    @Override
    protected BackOffice withWrongSecret() {
        InMemoryBackOffice refusing = new InMemoryBackOffice(Set.of("SKU-0100", "HANDLING"));
        refusing.signInRefused = true;
        return refusing.backOffice();
    }

    @Override
    protected void outage(boolean on) {
        backOffice.down = on;
    }

    @Override
    protected String knownItem() {
        return "SKU-0100";
    }

    @Override
    protected String anotherKnownItem() {
        return "HANDLING";
    }

    @Override
    protected String unknownItem() {
        return "SKU-NOPE";
    }

    @Override
    protected String taxId() {
        return "BCTAX";
    }

    @Override
    protected String branch() {
        return "EAST";
    }

    @Override
    protected String paymentMethod() {
        return "CARD";
    }

    @Override
    protected String missingDocumentId(String run) {
        return "doc-nope-" + run;
    }
}
