package com.bcerp.core.model;

/** A custom fee on an order (BigCommerce {@code fees[]}), e.g. a packaging or environmental fee. */
public record OrderFee(long id, String name, Money exTax, Money tax, Integer taxClassId) {}
