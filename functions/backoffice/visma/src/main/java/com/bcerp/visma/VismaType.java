package com.bcerp.visma;

import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.port.BackOffice;

/** Visma.net ERP as a back office: every port it offers, over one shared connection (one client's rate limit). */
public final class VismaType {

    /** The registry's name for this kind of back office. */
    public static final String SYSTEM = "visma";

    /**
     * A line's amount is {@code round(quantity * unitPrice) - discountAmount} ({@code extPrice} less the discount, the
     * file's text for extPrice; Acumatica's rule, which Visma.net ERP is built on).
     */
    public static final LineArithmetic ARITHMETIC = LineArithmetic.ROUND_EACH_THEN_SUBTRACT;

    /** The company currency and sale price attribute a back office built without them assumes. */
    public static final String DEFAULT_CURRENCY = "USD";
    static final String DEFAULT_SALE_PRICE_ATTRIBUTE = "SALEPRICE";

    private VismaType() {}

    /**
     * @param name         the deployment's name for this back office (state keys, logs)
     * @param readPayments fulfilment reads invoices' balances and payments ({@code fulfilment.paid_status} is on)
     */
    public static BackOffice backOffice(String name, VismaConnection connection, boolean readPayments) {
        return backOffice(name, connection, readPayments, DEFAULT_CURRENCY, DEFAULT_SALE_PRICE_ATTRIBUTE);
    }

    /**
     * @param name               the deployment's name for this back office (state keys, logs)
     * @param readPayments       fulfilment reads invoices' balances and payments ({@code fulfilment.paid_status} is on)
     * @param baseCurrency       the company's currency, which item prices are in
     * @param salePriceAttribute the item attribute holding a sale price ({@code catalog.sale_price_attribute})
     */
    public static BackOffice backOffice(String name, VismaConnection connection, boolean readPayments,
            String baseCurrency, String salePriceAttribute) {
        VismaSettings settings = connection.settings();
        VismaOrders orders = new VismaOrders(settings, connection.api());
        return BackOffice.named(name, SYSTEM).arithmetic(ARITHMETIC)
                .customers(new VismaCustomers(settings, connection.api()))
                .documents(orders)
                .inventory(new VismaInventory(settings, connection.api(), VismaInventory.PAGE))
                .catalogue(new VismaCatalog(connection.api(), baseCurrency, salePriceAttribute, VismaCatalog.PAGE))
                .fulfilment(new VismaFulfilment(settings, connection.api(), orders, readPayments))
                .build();
    }
}
