package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;
import java.math.BigDecimal;

/**
 * One sales order line.
 *
 * @param itemId       the back-office item (InventoryID) the line sells
 * @param storeLineRef the store's line id, so a back-office line can be traced back (e.g. to its order product)
 * @param source       which store field this line came from, named in errors ("line 3 (sku ABC)")
 */
public record DraftLine(
        String itemId, String description, BigDecimal quantity, Money unitPrice, Money discount, String storeLineRef,
        String source) {

    /**
     * The line's amount as the back office posts it: the extended price and the discount are each rounded to the
     * cent, then subtracted (Acumatica's ExtendedPrice - DiscountAmount).
     */
    public Money amount() {
        return unitPrice.times(quantity).toCents().minus(discount.toCents());
    }
}
