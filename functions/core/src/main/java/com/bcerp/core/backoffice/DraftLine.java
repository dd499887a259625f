package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;
import java.math.BigDecimal;
import java.util.List;

/**
 * One sales order line.
 *
 * @param itemId       the back-office item the line sells
 * @param storeLineRef the store's line id, so a back-office line can be traced back (e.g. to its order product)
 * @param source       which store field this line came from, named in errors ("line 3 (sku ABC)")
 * @param taxIds       the back-office tax ids the store's taxes on this line map to (its tax class's); empty for an
 *                     untaxed line (a rounding line, a refund amount, a line the store charged no tax on)
 * @param unit         the back-office unit of measure the quantity and unit price are in; null for the item's own
 *                     (its sales unit), as every line is unless {@code units:} names the SKU
 */
public record DraftLine(
        String itemId, String description, BigDecimal quantity, Money unitPrice, Money discount, String storeLineRef,
        String source, List<String> taxIds, String unit) {

    public DraftLine {
        taxIds = taxIds == null ? List.of() : List.copyOf(taxIds);
    }

    /** A line in the item's own unit. */
    public DraftLine(String itemId, String description, BigDecimal quantity, Money unitPrice, Money discount,
            String storeLineRef, String source, List<String> taxIds) {
        this(itemId, description, quantity, unitPrice, discount, storeLineRef, source, taxIds, null);
    }

    /** An untaxed line. */
    public DraftLine(String itemId, String description, BigDecimal quantity, Money unitPrice, Money discount,
            String storeLineRef, String source) {
        this(itemId, description, quantity, unitPrice, discount, storeLineRef, source, List.of());
    }

    public DraftLine withTaxIds(List<String> ids) {
        return new DraftLine(itemId, description, quantity, unitPrice, discount, storeLineRef, source, ids, unit);
    }

    /** The line's amount as a back office with this arithmetic posts it. */
    public Money amount(LineArithmetic arithmetic) {
        return arithmetic.amount(unitPrice, quantity, discount);
    }
}
