package com.bcerp.core.fulfilment;

import java.util.List;

/**
 * An invoice the back office raised for a sales order, with what has been paid against it.
 *
 * @param number   the invoice's number as staff know it (one of {@link BackOfficeOrder#invoiceNbrs()})
 * @param paid     nothing is left owing on it: the back office closed it with a zero balance
 * @param payments the payments applied to it, oldest first
 */
public record BackOfficeInvoice(String number, boolean paid, List<Payment> payments) {

    public BackOfficeInvoice {
        payments = payments == null ? List.of() : List.copyOf(payments);
    }

    /**
     * A payment applied to the invoice.
     *
     * @param number    the payment document's number in the back office
     * @param reference the payer's reference (a bank transfer's reference, a cheque number), or null
     */
    public record Payment(String number, String reference) {

        /** "payment 000012 (ref BT-118)", as the staff note names it. */
        String describe() {
            return "payment " + number + (reference == null || reference.isBlank() ? "" : " (ref " + reference + ")");
        }
    }
}
