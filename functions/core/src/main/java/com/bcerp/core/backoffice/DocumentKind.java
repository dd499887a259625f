package com.bcerp.core.backoffice;

/**
 * What a back-office order document does. Adapters map each to their own document type (Acumatica: the SO, CM and
 * RC order types, configurable).
 */
public enum DocumentKind {
    /** A sale: the store order itself, or a quantity added by an order edit. */
    SALE,
    /** A credit without goods coming back: a refund of amounts, a quantity removed by an order edit. */
    CREDIT,
    /** A return for credit: refunded items come back into stock. */
    RETURN;

    /** Credits and returns lower what the customer owes; sales raise it. */
    public int sign() {
        return this == SALE ? 1 : -1;
    }
}
