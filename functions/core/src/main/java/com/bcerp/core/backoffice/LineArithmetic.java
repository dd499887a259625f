package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;
import java.math.BigDecimal;

/**
 * How a back office computes a line's amount from quantity, price and discount: the adapter says which, so core's
 * totals are the back office's to the cent.
 */
public enum LineArithmetic {
    /** The extended price and the discount are each rounded to the cent, then subtracted (e.g. Acumatica). */
    ROUND_EACH_THEN_SUBTRACT,
    /** The discount is subtracted from the extended price, then the line is rounded to the cent once. */
    SUBTRACT_THEN_ROUND;

    public Money amount(Money unitPrice, BigDecimal quantity, Money discount) {
        return switch (this) {
            case ROUND_EACH_THEN_SUBTRACT -> unitPrice.times(quantity).toCents().minus(discount.toCents());
            case SUBTRACT_THEN_ROUND -> unitPrice.times(quantity).minus(discount).toCents();
        };
    }
}
