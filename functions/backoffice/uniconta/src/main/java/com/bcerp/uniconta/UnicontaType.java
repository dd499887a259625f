package com.bcerp.uniconta;

import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.port.BackOffice;

/** Uniconta as a back office: every port it offers, over one shared connection (one API user's call allowance). */
public final class UnicontaType {

    /** The registry's name for this kind of back office. */
    public static final String SYSTEM = "uniconta";

    /**
     * A line's Total is {@code Qty * Price * (1 - DiscountPct/100) - Discount}, rounded to the cent once (the
     * sandbox's reading of the research, which names the fields only: a guess).
     */
    public static final LineArithmetic ARITHMETIC = LineArithmetic.SUBTRACT_THEN_ROUND;

    private UnicontaType() {}

    /**
     * @param name         the deployment's name for this back office (state keys, logs)
     * @param readPayments fulfilment reads invoices' open amounts and payments ({@code fulfilment.paid_status} is on)
     */
    public static BackOffice backOffice(String name, UnicontaConnection connection, boolean readPayments) {
        UnicontaSettings settings = connection.settings();
        UnicontaItems items = new UnicontaItems(connection.api(), settings.variantSeparator());
        UnicontaOrders orders = new UnicontaOrders(settings, connection.api(), items);
        return BackOffice.named(name, SYSTEM).arithmetic(ARITHMETIC)
                .customers(new UnicontaCustomers(settings, connection.api()))
                .documents(orders)
                .inventory(new UnicontaInventory(settings, connection.api(), items, UnicontaInventory.PAGE))
                .catalogue(new UnicontaCatalog(settings, connection.api(), items, UnicontaCatalog.PAGE))
                .fulfilment(new UnicontaFulfilment(settings, connection.api(), orders, items, readPayments))
                .build();
    }
}
