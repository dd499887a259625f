package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;

/** A custom fee on an order ({@code fees[]}): ex tax, and the tax on it at its tax class's rate. */
record Fee(long id, String type, String displayNameCustomer, String displayNameMerchant, String source,
        BigDecimal exTax, BigDecimal tax, Integer taxClassId) {

    BigDecimal incTax() {
        return exTax.add(tax);
    }
}
