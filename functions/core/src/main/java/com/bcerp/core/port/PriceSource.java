package com.bcerp.core.port;

import com.bcerp.core.pricelist.BackOfficePrice;
import java.util.List;

/** A back office's price lists or customer price classes: the prices each gives its items today. */
public interface PriceSource {

    /** Every price effective today in the price class, each item and currency once (quantity breaks left out). */
    List<BackOfficePrice> prices(String priceClass);
}
