package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;

/**
 * A payment as the back office holds it.
 *
 * @param id     the back office's opaque id of the payment, as its adapter reads it back
 * @param status the back office's own status text, for people to read
 */
public record PostedPayment(String id, String externalRef, Money amount, boolean onHold, boolean voided,
        String status) {

    public boolean isVoided() {
        return voided;
    }

    public String display() {
        return id;
    }
}
