package com.bcerp.core.order;

import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderLine;
import com.bcerp.core.model.StoreOrder;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Store order to back-office sales order. Prices go over ex-tax and the store's tax is carried as its own line, so
 * the back office posts exactly what the shopper paid instead of recalculating it.
 */
public final class SalesOrderMapper {

    private final OrderMappingSettings settings;

    public SalesOrderMapper(OrderMappingSettings settings) {
        this.settings = settings;
    }

    /** The unique reference of a store order in the back office (fits Acumatica's 40-character ExternalRef). */
    public static String externalRef(String storeHash, long orderId) {
        return "BC-" + storeHash + "-" + orderId;
    }

    public SalesOrderDraft toDraft(StoreOrder order) {
        String currency = order.currency();
        List<DraftLine> lines = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            lines.add(productLine(order, i));
        }
        addCharge(lines, settings.handlingItem(), "Handling", order.handlingExTax(), "handling_cost_ex_tax");
        addCharge(lines, settings.wrappingItem(), "Gift wrapping", order.wrappingExTax(), "wrapping_cost_ex_tax");

        List<TaxLine> taxes = new ArrayList<>();
        if (!order.totalTax().isZero()) {
            taxes.add(new TaxLine(settings.taxId(), null, order.totalExTax(), order.totalTax()));
        }
        Address shipTo = order.shipping().isEmpty() ? order.billingAddress() : order.shipping().get(0).address();
        String shipVia = order.shipping().isEmpty() ? null : settings.shipVia().get(order.shipping().get(0).shippingMethod());

        SalesOrderDraft draft = new SalesOrderDraft(
                externalRef(order.storeHash(), order.id()),
                Long.toString(order.id()),
                null,
                order.createdAt().atZone(ZoneOffset.UTC).toLocalDate(),
                currency,
                "BigCommerce order " + order.id(),
                lines,
                order.shippingExTax(),
                taxes,
                order.billingAddress(),
                shipTo,
                shipVia,
                order.paymentMethod() == null ? null : settings.paymentMethods().get(order.paymentMethod()));
        return withRounding(order, draft);
    }

    private DraftLine productLine(StoreOrder order, int index) {
        OrderLine line = order.lines().get(index);
        String source = "order " + order.id() + " line " + (index + 1) + " (product " + line.productId() + ")";
        if (line.sku() == null || line.sku().isBlank()) {
            throw new PermanentFailure("products[" + index + "].sku",
                    source + ": the line has no SKU, so no back-office item can be matched");
        }
        String description = line.name();
        if (!line.options().isEmpty()) {
            description += " (" + String.join(", ", line.options().stream().map(o -> o.name() + ": " + o.value()).toList()) + ")";
        }
        Money unitPrice = new Money(line.unitPriceExTax().amount().setScale(settings.unitPriceDecimals(),
                java.math.RoundingMode.HALF_UP), line.unitPriceExTax().currency());
        return new DraftLine(line.sku(), description, line.quantity(), unitPrice, line.discountTotal().toCents(),
                Long.toString(line.id()), source.replace(")", ", sku " + line.sku() + ")"));
    }

    private static void addCharge(List<DraftLine> lines, String item, String description, Money amount, String field) {
        if (amount != null && !amount.isZero()) {
            lines.add(new DraftLine(item, description, BigDecimal.ONE, amount, Money.zero(amount.currency()), null, field));
        }
    }

    /**
     * The back office rounds each line to the cent; the store keeps four decimals. A difference within tolerance is
     * posted as an explicit rounding line; a larger one means something was not mapped, and the order parks.
     */
    private SalesOrderDraft withRounding(StoreOrder order, SalesOrderDraft draft) {
        Money expected = order.totalIncTax().toCents();
        Money difference = expected.minus(draft.total());
        if (difference.isZero()) {
            return draft;
        }
        if (difference.amount().abs().compareTo(settings.roundingTolerance()) > 0) {
            throw new PermanentFailure("total_inc_tax", "order " + order.id() + ": the sales order would total "
                    + draft.total() + " but the store's total is " + expected + " (difference " + difference
                    + "); a charge or discount on this order is not mapped");
        }
        List<DraftLine> lines = new ArrayList<>(draft.lines());
        lines.add(new DraftLine(settings.roundingItem(), "Rounding difference", BigDecimal.ONE, difference,
                Money.zero(difference.currency()), null, "rounding"));
        return new SalesOrderDraft(draft.externalRef(), draft.customerOrder(), draft.customerId(), draft.date(),
                draft.currency(), draft.description(), lines, draft.freight(), draft.taxes(), draft.billTo(),
                draft.shipTo(), draft.shipVia(), draft.paymentMethod());
    }

}
