package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * How the store prices an order, in one place for orders placed and orders edited. A tax-exclusive store takes
 * prices and discounts without tax and charges tax on what is left of each line after its discounts; a
 * tax-inclusive store takes them with tax and backs the tax out of what is left. Tax is rounded to the cent per line
 * and per charge; unit prices keep four decimals.
 */
final class Pricing {

    private final boolean taxInclusive;

    Pricing(boolean taxInclusive) {
        this.taxInclusive = taxInclusive;
    }

    boolean taxInclusive() {
        return taxInclusive;
    }

    /** Unit price without tax and the tax in it, from a price in the store's display basis. */
    BigDecimal[] unit(BigDecimal displayPrice, BigDecimal rate) {
        if (taxInclusive) {
            BigDecimal ex = Amounts.four(displayPrice.divide(BigDecimal.ONE.add(rate), MathContext.DECIMAL64));
            return new BigDecimal[] {ex, Amounts.four(displayPrice).subtract(ex)};
        }
        BigDecimal ex = Amounts.four(displayPrice);
        return new BigDecimal[] {ex, Amounts.four(ex.multiply(rate))};
    }

    /** The tax on what is left of the line after its discounts. */
    BigDecimal taxAfterDiscount(LineItem line) {
        if (taxInclusive) {
            BigDecimal left = line.totalIncTax().subtract(line.discount());
            return Amounts.cents(left.multiply(line.taxRate()).divide(BigDecimal.ONE.add(line.taxRate()), MathContext.DECIMAL64));
        }
        return Amounts.cents(line.totalExTax().subtract(line.discount()).multiply(line.taxRate()));
    }

    LineItem taxed(LineItem line) {
        return line.withDiscounts(line.discounts(), taxAfterDiscount(line));
    }

    /** A charge (shipping, handling, wrapping, a fee) from what a request gave, in the store's basis. */
    Charge charge(BigDecimal exTax, BigDecimal incTax, BigDecimal rate) {
        if (exTax == null && incTax == null) {
            return Charge.NONE;
        }
        if (exTax == null || (taxInclusive && incTax != null)) {
            exTax = incTax.divide(BigDecimal.ONE.add(rate), MathContext.DECIMAL64);
        }
        BigDecimal ex = Amounts.four(exTax);
        BigDecimal tax = incTax == null ? ex.multiply(rate) : incTax.subtract(ex);
        return new Charge(ex, Amounts.cents(tax));
    }

    /** What a line is worth before discounts, in the store's basis: what discounts are a share of. */
    BigDecimal worth(LineItem line) {
        return taxInclusive ? line.totalIncTax() : line.totalExTax();
    }

    /**
     * Spreads an order-level discount over the lines {@code eligible} picks, in proportion to their worth, in whole
     * cents (largest remainder first, so the shares add up to the discount exactly), and re-taxes every line.
     */
    List<LineItem> allocate(List<LineItem> lines, Predicate<LineItem> eligible, BigDecimal amount, Discount template) {
        List<Integer> targets = new ArrayList<>();
        BigDecimal base = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            if (eligible.test(lines.get(i)) && worth(lines.get(i)).signum() > 0) {
                targets.add(i);
                base = base.add(worth(lines.get(i)));
            }
        }
        amount = Amounts.cents(amount.min(base));
        if (targets.isEmpty() || amount.signum() <= 0) {
            return lines;
        }
        BigDecimal[] shares = new BigDecimal[targets.size()];
        BigDecimal[] floors = new BigDecimal[targets.size()];
        BigDecimal allocated = BigDecimal.ZERO;
        for (int k = 0; k < targets.size(); k++) {
            shares[k] = amount.multiply(worth(lines.get(targets.get(k)))).divide(base, 10, RoundingMode.HALF_UP);
            floors[k] = shares[k].setScale(2, RoundingMode.FLOOR);
            allocated = allocated.add(floors[k]);
        }
        int extraCents = amount.subtract(allocated).movePointRight(2).intValue();
        List<Integer> byRemainder = new ArrayList<>();
        for (int k = 0; k < targets.size(); k++) {
            byRemainder.add(k);
        }
        byRemainder.sort(Comparator.comparing((Integer k) -> shares[k].subtract(floors[k])).reversed());
        for (int e = 0; e < extraCents; e++) {
            int k = byRemainder.get(e % byRemainder.size());
            floors[k] = floors[k].add(new BigDecimal("0.01"));
        }
        List<LineItem> result = new ArrayList<>(lines);
        for (int k = 0; k < targets.size(); k++) {
            if (floors[k].signum() > 0) {
                LineItem line = result.get(targets.get(k));
                result.set(targets.get(k), withDiscount(line, new Discount(template.id(), template.name(), template.code(),
                        template.target(), floors[k])));
            }
        }
        return result;
    }

    LineItem withDiscount(LineItem line, Discount discount) {
        List<Discount> discounts = new ArrayList<>(line.discounts());
        discounts.add(discount);
        LineItem discounted = line.withDiscounts(discounts, line.discountedTax());
        return taxed(discounted);
    }
}
