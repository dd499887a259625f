package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.math.MathContext;

/** An order-level charge (shipping, handling, wrapping): ex tax, and the tax on it rounded to the cent. */
record Charge(BigDecimal exTax, BigDecimal tax) {

    static final Charge NONE = new Charge(BigDecimal.ZERO, BigDecimal.ZERO);

    BigDecimal incTax() {
        return exTax.add(tax);
    }

    /**
     * From what a create-order request gave: both amounts (the tax is their difference), only ex tax (taxed at the
     * store's rate) or only inc tax (the ex-tax part backed out at the store's rate).
     */
    static Charge of(BigDecimal exTax, BigDecimal incTax, BigDecimal rate) {
        if (exTax == null && incTax == null) {
            return NONE;
        }
        if (exTax == null) {
            exTax = Amounts.four(incTax.divide(BigDecimal.ONE.add(rate), MathContext.DECIMAL64));
        }
        BigDecimal tax = incTax == null ? exTax.multiply(rate) : incTax.subtract(exTax);
        return new Charge(Amounts.four(exTax), Amounts.cents(tax));
    }
}
