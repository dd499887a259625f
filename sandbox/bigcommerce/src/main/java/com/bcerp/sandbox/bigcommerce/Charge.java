package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;

/** An order-level charge (shipping, handling, wrapping): ex tax, and the tax on it rounded to the cent. */
record Charge(BigDecimal exTax, BigDecimal tax) {

    static final Charge NONE = new Charge(BigDecimal.ZERO, BigDecimal.ZERO);

    BigDecimal incTax() {
        return exTax.add(tax);
    }

    Charge plus(Charge other) {
        return new Charge(exTax.add(other.exTax), tax.add(other.tax));
    }
}
