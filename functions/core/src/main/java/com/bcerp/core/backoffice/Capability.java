package com.bcerp.core.backoffice;

/** What a back office can do for the connector; a flow is wired only where its back office has the capability. */
public enum Capability {
    CUSTOMERS, SALES_ORDERS, CREDIT_NOTES, RETURNS, PAYMENTS, INVOICES, INVENTORY, CATALOGUE, FULFILMENT, PRICE_LISTS
}
