package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;
import java.math.BigDecimal;

/**
 * One sales order line.
 *
 * @param itemId       the back-office item the line sells
 * @param storeLineRef the store's line id, so a back-office line can be traced back (e.g. to its order product)
 * @param source       which store field this line came from, named in errors ("line 3 (sku ABC)")
 */
public record DraftLine(
        String itemId, String description, BigDecimal quantity, Money unitPrice, Money discount, String storeLineRef,
        String source) {

    /** The line's amount as a back office with this arithmetic posts it. */
    public Money amount(LineArithmetic arithmetic) {
        return arithmetic.amount(unitPrice, quantity, discount);
    }
}
