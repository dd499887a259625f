package com.bcerp.core.refund;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderFee;
import com.bcerp.core.model.OrderLine;
import com.bcerp.core.model.ShippingDestination;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.order.OrderDocuments;
import com.bcerp.core.order.SalesOrderMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store refund as a credit document linked to the order's sales order: what was refunded, at the prices it was
 * sold for, with the refund's own tax, totalling what the shopper got back to the cent.
 *
 * <ul>
 *   <li>a product: its item and quantity at the line's unit price, less the same share of its discount; a bundle
 *       refunded brings its components back with it (at their zero price), unless the refund lists them itself;</li>
 *   <li>shipping: freight; handling, gift wrapping and fees: their non-stock items; all without tax;</li>
 *   <li>an order-level amount (tax exempt in the store): the refund item;</li>
 *   <li>the refund's total tax as tax lines, split over the back-office tax ids as the refunded parts were taxed.</li>
 * </ul>
 * Refunded items that were shipped as goods make a return (they come back into stock) when
 * {@code orders.refund_document} is {@code return}; anything else is a credit.
 */
public final class RefundCreditMapper {

    private final SalesOrderMapper mapper;

    public RefundCreditMapper(SalesOrderMapper mapper) {
        this.mapper = mapper;
    }

    public SalesOrderDraft toCredit(StoreOrder order, List<StoreTax> taxes, StoreRefund refund, PostedDocument sale) {
        String record = "refund " + refund.id() + " of " + order.describe();
        String currency = order.currency();
        List<DraftLine> lines = new ArrayList<>();
        Money freight = Money.zero(currency);
        Map<String, Money> taxShares = new LinkedHashMap<>();
        boolean goods = false;
        for (int i = 0; i < refund.items().size(); i++) {
            StoreRefund.Item item = refund.items().get(i);
            String field = "items[" + i + "]";
            switch (item.type()) {
                case PRODUCT -> {
                    OrderLine line = line(order, item, record, field);
                    BigDecimal fraction = fraction(item.quantity(), line.quantity(), record, field);
                    lines.add(scaled(order, line, fraction, record));
                    shareTaxes(taxes, "item", line.id(), null, fraction, taxShares);
                    goods |= line.isPhysical();
                    for (OrderLine component : order.lines()) {
                        if (Long.valueOf(line.id()).equals(component.parentLineId()) && !lists(refund, component.id())) {
                            lines.add(scaled(order, component, fraction, record));
                        }
                    }
                }
                case GIFT_WRAPPING -> {
                    Money ex = exTax(item.amount(), order.wrappingExTax(), order.wrappingTax());
                    lines.add(charge(mapper.settings().wrappingItem(), "Gift wrapping refunded", ex,
                            SalesOrderMapper.WRAPPING_REF, record));
                    shareTaxes(taxes, "gift-wrapping", null, null, ratio(ex, order.wrappingExTax()), taxShares);
                }
                case SHIPPING -> {
                    ShippingDestination destination = order.shipping().stream().filter(s -> s.id() == item.itemId())
                            .findFirst().orElse(null);
                    Money costEx = destination == null ? order.shippingExTax() : destination.costExTax();
                    Money costTax = destination == null ? order.shippingTax() : destination.costTax();
                    Money ex = exTax(item.amount(), costEx, costTax);
                    freight = freight.plus(ex);
                    shareTaxes(taxes, "shipping", null, destination == null ? null : destination.id(), ratio(ex, costEx),
                            taxShares);
                }
                case HANDLING -> {
                    Money ex = exTax(item.amount(), order.handlingExTax(), order.handlingTax());
                    lines.add(charge(mapper.settings().handlingItem(), "Handling refunded", ex,
                            SalesOrderMapper.HANDLING_REF, record));
                    shareTaxes(taxes, "handling", null, null, ratio(ex, order.handlingExTax()), taxShares);
                }
                case FEE -> {
                    OrderFee fee = order.fees().stream().filter(f -> f.id() == item.itemId()).findFirst()
                            .orElseThrow(() -> new PermanentFailure(field + ".item_id", record + " refunds fee "
                                    + item.itemId() + ", which the order does not have"));
                    Money ex = exTax(item.amount(), fee.exTax(), fee.tax());
                    lines.add(charge(mapper.settings().feeItem(), fee.name() + " refunded", ex,
                            SalesOrderMapper.FEE_REF_PREFIX + fee.id(), record));
                }
                case ORDER -> lines.add(charge(mapper.settings().refundItem(),
                        "Order-level refund" + (item.reason() == null || item.reason().isBlank() ? "" : ": " + item.reason()),
                        required(item, record, field), null, record));
                case TAX -> { } // the refund's total tax carries it
            }
        }
        String ref = OrderDocuments.refundRef(sale.externalRef(), refund.id());
        String reason = refund.reason() == null || refund.reason().isBlank() ? "" : ": " + refund.reason();
        SalesOrderDraft draft = new SalesOrderDraft(
                goods && mapper.settings().refundsReturnItems() ? DocumentKind.RETURN : DocumentKind.CREDIT,
                ref,
                Long.toString(order.id()),
                sale.customerId(),
                (refund.createdAt() == null ? order.modifiedAt() : refund.createdAt()).atZone(ZoneOffset.UTC).toLocalDate(),
                currency,
                SalesOrderMapper.currencyRate(order),
                sale.branch(),
                abbreviate("Refund " + refund.id() + " of BigCommerce order " + order.id() + reason),
                lines,
                freight,
                taxLines(order, refund, taxShares, lines, freight),
                order.billingAddress(),
                order.shipping().isEmpty() ? order.billingAddress() : order.shipping().get(0).address(),
                null,
                null,
                sale.ref());
        return mapper.balance(mapper.withLineTaxes(draft, order, taxes), refund.totalAmount(), record + ": the credit",
                "refunds.total_amount");
    }

    private static OrderLine line(StoreOrder order, StoreRefund.Item item, String record, String field) {
        return order.line(item.itemId()).orElseThrow(() -> new PermanentFailure(field + ".item_id", record
                + " refunds order line " + item.itemId() + ", which the order does not have"));
    }

    private static BigDecimal fraction(BigDecimal quantity, BigDecimal of, String record, String field) {
        if (quantity == null || quantity.signum() <= 0 || quantity.compareTo(of) > 0) {
            throw new PermanentFailure(field + ".quantity", record + " refunds a quantity of " + quantity
                    + " of a line of " + of);
        }
        return quantity.divide(of, 12, RoundingMode.HALF_UP);
    }

    /** A share of a sold line, at its price, with the same share of its discount. */
    private DraftLine scaled(StoreOrder order, OrderLine line, BigDecimal fraction, String record) {
        DraftLine sold = mapper.productLineInStoreUnits(order, order.lines().indexOf(line));
        BigDecimal quantity = line.quantity().multiply(fraction).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        // the share in store units first, then converted, so its amount is the store's for that share
        return mapper.inBackOfficeUnits(new DraftLine(sold.itemId(), sold.description(), quantity, sold.unitPrice(),
                sold.discount().times(fraction).toCents(), sold.storeLineRef(), record + ", " + sold.source()), line.sku());
    }

    private static DraftLine charge(String item, String description, Money amount, String ref, String record) {
        return new DraftLine(item, description, BigDecimal.ONE, amount, Money.zero(amount.currency()), ref, record);
    }

    private static boolean lists(StoreRefund refund, long lineId) {
        return refund.items().stream().anyMatch(i -> i.type() == StoreRefund.ItemType.PRODUCT && i.itemId() == lineId);
    }

    private static Money required(StoreRefund.Item item, String record, String field) {
        if (item.amount() == null) {
            throw new PermanentFailure(field + ".requested_amount", record + ": a " + item.type() + " refund without an amount");
        }
        return item.amount();
    }

    /** An amount refunded with tax, without it, in the proportion the charge was taxed. */
    private static Money exTax(Money refunded, Money chargeEx, Money chargeTax) {
        if (refunded == null) {
            return chargeEx;
        }
        Money chargeInc = chargeEx.plus(chargeTax);
        if (chargeInc.isZero() || chargeTax.isZero()) {
            return refunded;
        }
        return refunded.times(chargeEx.amount().divide(chargeInc.amount(), 12, RoundingMode.HALF_UP)).toCents();
    }

    private static BigDecimal ratio(Money part, Money whole) {
        return whole.isZero() ? BigDecimal.ONE : part.amount().divide(whole.amount(), 12, RoundingMode.HALF_UP);
    }

    /** Adds to each tax id the share of the store's taxes on one refunded part. */
    private void shareTaxes(List<StoreTax> taxes, String appliesTo, Long lineId, Long addressId, BigDecimal fraction,
            Map<String, Money> shares) {
        for (StoreTax tax : taxes) {
            boolean sameLine = lineId == null || lineId.equals(tax.lineId());
            boolean sameAddress = addressId == null || tax.addressId() == null || addressId.equals(tax.addressId());
            if (appliesTo.equals(tax.appliesTo() == null ? "item" : tax.appliesTo()) && sameLine && sameAddress) {
                mapper.taxIdFor(tax).ifPresent(id -> shares.merge(id, tax.amount().times(fraction), Money::plus));
            }
        }
    }

    /**
     * The refund's tax (the store's figure) on the tax ids the refunded parts were taxed under: one line under
     * {@code tax_id} without tax classes; with them, split in proportion to those parts' taxes, the last cent going
     * to the largest share.
     */
    private List<TaxLine> taxLines(StoreOrder order, StoreRefund refund, Map<String, Money> shares,
            List<DraftLine> lines, Money freight) {
        if (refund.totalTax().isZero()) {
            return List.of();
        }
        Money taxable = lines.stream().filter(l -> l.storeLineRef() != null).map(l -> l.amount(mapper.arithmetic()))
                .reduce(freight.toCents(), Money::plus);
        if (mapper.settings().taxClasses().isEmpty() || shares.isEmpty()) {
            String taxId = mapper.settings().taxClasses().isEmpty() ? mapper.settings().taxId()
                    : mapper.settings().taxClasses().values().iterator().next();
            return List.of(new TaxLine(taxId, null, taxable, refund.totalTax()));
        }
        Money sharesTotal = shares.values().stream().reduce(Money.zero(order.currency()), Money::plus);
        List<TaxLine> result = new ArrayList<>();
        Money allocated = Money.zero(order.currency());
        for (Map.Entry<String, Money> share : shares.entrySet()) {
            BigDecimal part = sharesTotal.isZero() ? BigDecimal.ONE.divide(BigDecimal.valueOf(shares.size()), 12,
                    RoundingMode.HALF_UP) : share.getValue().amount().divide(sharesTotal.amount(), 12, RoundingMode.HALF_UP);
            Money amount = refund.totalTax().times(part).toCents();
            allocated = allocated.plus(amount);
            result.add(new TaxLine(share.getKey(), null, taxable.times(part).toCents(), amount));
        }
        Money rest = refund.totalTax().minus(allocated);
        if (!rest.isZero()) {
            TaxLine largest = result.stream().max(Comparator.comparing(t -> t.amount().amount())).orElseThrow();
            result.set(result.indexOf(largest), new TaxLine(largest.taxId(), null, largest.taxable(),
                    largest.amount().plus(rest)));
        }
        return result;
    }

    private static String abbreviate(String text) {
        return text.length() <= 255 ? text : text.substring(0, 252) + "...";
    }
}
