package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;

/** A payment as the back office holds it: its keys, amount and state. */
public record PostedPayment(String type, String referenceNbr, String externalRef, Money amount, boolean onHold,
        String status) {

    public boolean isVoided() {
        return "Voided".equalsIgnoreCase(status);
    }

    public String display() {
        return type + "/" + referenceNbr;
    }
}
