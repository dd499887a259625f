package com.bcerp.core.backoffice;

/** What a back office can do for the connector; a flow is wired only where its back office has the capability. */
public enum Capability {
    CUSTOMERS, SALES_ORDERS, CREDIT_NOTES, RETURNS, PAYMENTS, INVOICES, INVENTORY, CATALOGUE, FULFILMENT, PRICE_LISTS,
    /** Its document lines take a unit of measure, so a store SKU sold as a pack or case posts in that unit. */
    UNITS_OF_MEASURE
}
