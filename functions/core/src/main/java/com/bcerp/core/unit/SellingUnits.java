package com.bcerp.core.unit;

import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's selling units against the back office's units of measure, keyed by store SKU ({@code units:} in the
 * config file). A SKU not listed is sold in the item's own unit, one for one.
 *
 * <ul>
 *   <li>a document line goes to the back office in its unit: quantity times {@link SellingUnit#quantity}, and a unit
 *       price derived so that the line's amount stays the store's to the cent (a sub-cent excess of the derived price
 *       is taken off as discount);</li>
 *   <li>stock comes back in store units: base units divided by {@link SellingUnit#baseUnits}, rounded down, so a
 *       part pack is never offered.</li>
 * </ul>
 */
public final class SellingUnits {

    private static final SellingUnits NONE = new SellingUnits(Map.of());

    private final Map<String, SellingUnit> bySku;

    public SellingUnits(Map<String, SellingUnit> bySku) {
        this.bySku = bySku == null ? Map.of() : Map.copyOf(bySku);
    }

    public static SellingUnits none() {
        return NONE;
    }

    public boolean isEmpty() {
        return bySku.isEmpty();
    }

    public Optional<SellingUnit> of(String sku) {
        return sku == null ? Optional.empty() : Optional.ofNullable(bySku.get(sku));
    }

    /** The back-office unit a SKU's lines post in; null for the item's own unit. */
    public String unitOf(String sku) {
        return of(sku).map(SellingUnit::unit).orElse(null);
    }

    /**
     * A line in store units as the back office takes it: in the SKU's unit, with the quantity converted and the unit
     * price derived, its amount (under the back office's arithmetic) the store line's. A line whose SKU is not listed
     * is returned as it is.
     *
     * @param unitPriceDecimals the decimals the back office keeps on unit prices
     */
    public DraftLine toBackOffice(DraftLine line, String sku, LineArithmetic arithmetic, int unitPriceDecimals) {
        Optional<SellingUnit> found = of(sku);
        if (found.isEmpty()) {
            return line;
        }
        SellingUnit unit = found.get();
        BigDecimal quantity = line.quantity().multiply(unit.quantity()).stripTrailingZeros();
        quantity = quantity.scale() < 0 ? quantity.setScale(0) : quantity;
        String currency = line.unitPrice().currency();
        Money discount = line.discount() == null ? Money.zero(currency) : line.discount();
        Money target = arithmetic.amount(line.unitPrice(), line.quantity(), discount);
        Money storeGross = line.unitPrice().times(line.quantity());
        BigDecimal perUnit = line.unitPrice().amount().divide(unit.quantity(), 12, RoundingMode.HALF_UP);
        Money nearest = new Money(perUnit.setScale(unitPriceDecimals, RoundingMode.HALF_UP), currency);
        Money above = new Money(perUnit.setScale(unitPriceDecimals, RoundingMode.CEILING), currency);
        Money excessInCents = above.times(quantity).toCents().minus(storeGross.toCents());
        Money excess = above.times(quantity).minus(storeGross).toCents();
        List<DraftLine> candidates = List.of(
                converted(line, unit, quantity, nearest, discount),
                converted(line, unit, quantity, above, discount.plus(excessInCents)),
                converted(line, unit, quantity, above, discount.plus(excess)));
        // the first whose amount is the store's; otherwise the nearest price, and the document's rounding line
        // settles the cent
        return candidates.stream().filter(c -> c.amount(arithmetic).sameAs(target)).findFirst()
                .orElse(candidates.get(0));
    }

    /** Whole store units in a quantity of base units, rounded down (never a part pack). */
    public BigDecimal storeUnits(String sku, BigDecimal baseQuantity) {
        return of(sku).map(u -> baseQuantity.divide(u.baseUnits(), 0, RoundingMode.FLOOR)).orElse(baseQuantity);
    }

    private static DraftLine converted(DraftLine line, SellingUnit unit, BigDecimal quantity, Money price,
            Money discount) {
        return new DraftLine(line.itemId(), line.description(), quantity, price, discount, line.storeLineRef(),
                line.source(), line.taxIds(), unit.unit());
    }
}
