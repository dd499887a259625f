package com.bcerp.core.stock;

/**
 * The store refused a whole adjustment because of some of its items: one is tracked another way than it was addressed
 * (BigCommerce's 422 "Item with variant_id 106 is tracked by product, please update stock by product id"), or was
 * deleted since the connector identified it ("Item with variant_id 106 not found"). The pipeline identifies the
 * batch's items afresh and isolates the ones still refused, so the others go through.
 */
public class StockItemsRefused extends RuntimeException {

    public StockItemsRefused(String message) {
        super(message);
    }
}
