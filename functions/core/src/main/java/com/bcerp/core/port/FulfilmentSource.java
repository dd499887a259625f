package com.bcerp.core.port;

import com.bcerp.core.fulfilment.BackOfficeOrder;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The back office's side of fulfilment: sales orders with their shipments, packages and invoices. */
public interface FulfilmentSource {

    /** A short name for shipment markers and audit, e.g. the back office's product name. */
    String name();

    /**
     * Every sales order whose external reference starts with {@code externalRefPrefix} that changed after
     * {@code since}, or one of whose shipments did, each with all its shipments and invoices.
     */
    List<BackOfficeOrder> changedSince(String externalRefPrefix, Instant since);

    /** These sales orders (by {@link BackOfficeOrder#id()}), as {@link #changedSince} reads them; unknown ones are left out. */
    List<BackOfficeOrder> orders(Collection<String> ids);
}
