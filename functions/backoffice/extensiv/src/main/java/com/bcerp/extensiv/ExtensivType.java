package com.bcerp.extensiv;

import com.bcerp.core.port.BackOffice;

/**
 * Extensiv 3PL Warehouse Manager as a back office: a warehouse (WMS). It takes sales orders, ships them and keeps the
 * stock; it has no customers, payments, credit notes or catalogue, so config asking it for those is refused.
 */
public final class ExtensivType {

    /** The registry's name for this kind of back office. */
    public static final String SYSTEM = "extensiv";

    private ExtensivType() {}

    /**
     * @param name     the deployment's name for this back office (state keys, logs)
     * @param currency the store's currency (a warehouse keeps no money; documents read back carry zero in it)
     */
    public static BackOffice backOffice(String name, ExtensivConnection connection, String currency) {
        ExtensivSettings settings = connection.settings();
        ExtensivOrders orders = new ExtensivOrders(settings, connection.api(), currency);
        return BackOffice.named(name, SYSTEM)
                .documents(orders)
                .importStatuses(settings.importStatuses())
                .inventory(new ExtensivInventory(settings, connection.api()))
                .fulfilment(new ExtensivFulfilment(orders))
                .build();
    }
}
