package com.bcerp.acumatica;

import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.port.BackOffice;

/** Acumatica as a back office: every port it offers, over one shared connection. */
public final class AcumaticaType {

    /** The registry's name for this kind of back office. */
    public static final String SYSTEM = "acumatica";

    /** Acumatica rounds the extended price and the discount to the cent, then subtracts (ExtendedPrice - DiscountAmount). */
    public static final LineArithmetic ARITHMETIC = LineArithmetic.ROUND_EACH_THEN_SUBTRACT;

    private AcumaticaType() {}

    /**
     * @param name               the deployment's name for this back office (state keys, logs)
     * @param concurrency        parallel requests of a stock read
     * @param baseCurrency       the currency of the catalogue's prices
     * @param salePriceAttribute the item attribute holding a sale price, or null
     * @param readPayments       fulfilment reads invoices' payments ({@code fulfilment.paid_status} is on)
     */
    public static BackOffice backOffice(String name, AcumaticaConnection connection, AcumaticaTaxZones taxZones,
            int concurrency, String baseCurrency, String salePriceAttribute, boolean readPayments) {
        AcumaticaBackOffice orders = new AcumaticaBackOffice(connection, taxZones);
        return BackOffice.named(name, SYSTEM).arithmetic(ARITHMETIC).customers(orders).documents(orders)
                .payments(orders).invoices(new AcumaticaInvoices(connection)).inventory(new AcumaticaInventory(connection, concurrency))
                .catalogue(new AcumaticaCatalog(connection, baseCurrency, salePriceAttribute))
                .fulfilment(new AcumaticaFulfilment(connection, readPayments))
                .codes(new AcumaticaReferenceCodes(connection, taxZones))
                .prices(new AcumaticaPrices(connection, java.time.Clock.systemUTC())).unitsOfMeasure()
                .onSignOut(connection::signOut).build();
    }
}
