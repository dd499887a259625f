package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;
import java.math.BigDecimal;

/** A tax the store charged, carried over as-is (the back office must not recalculate it). */
public record TaxLine(String taxId, BigDecimal rate, Money taxable, Money amount) {}
