package com.bcerp.core.fakes;

import com.bcerp.core.model.Address;
import com.bcerp.core.model.AppliedDiscount;
import com.bcerp.core.model.Buyer;
import com.bcerp.core.model.LineOption;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderLine;
import com.bcerp.core.model.ShippingDestination;
import com.bcerp.core.model.StoreOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds consistent store orders for tests: totals are derived from the lines the way BigCommerce derives them
 * (tax on the discounted line, rounded to the cent, plus tax on shipping).
 */
public final class StoreOrders {

    public static final String STORE = "abc123";
    private static final String USD = "USD";

    private long id = 250;
    private int statusId = 11;
    private String email = "jane@example.com";
    private long customerId = 11;
    private BigDecimal taxRate = new BigDecimal("0.10");
    private Money shipping = Money.of("10.00", USD);
    private Money handling = Money.zero(USD);
    private Money wrapping = Money.zero(USD);
    private final List<OrderLine> lines = new ArrayList<>();
    private Money totalAdjustment = Money.zero(USD);

    public static StoreOrders order() {
        return new StoreOrders();
    }

    public StoreOrders id(long id) {
        this.id = id;
        return this;
    }

    public StoreOrders status(int statusId) {
        this.statusId = statusId;
        return this;
    }

    public StoreOrders email(String email) {
        this.email = email;
        return this;
    }

    public StoreOrders guest() {
        this.customerId = 0;
        return this;
    }

    public StoreOrders taxRate(String rate) {
        this.taxRate = new BigDecimal(rate);
        return this;
    }

    public StoreOrders shipping(String exTax) {
        this.shipping = Money.of(exTax, USD);
        return this;
    }

    public StoreOrders handling(String exTax) {
        this.handling = Money.of(exTax, USD);
        return this;
    }

    public StoreOrders wrapping(String exTax) {
        this.wrapping = Money.of(exTax, USD);
        return this;
    }

    /** Shifts the store's total away from what its parts add up to (a charge the connector does not know). */
    public StoreOrders unexplainedTotalDifference(String amount) {
        this.totalAdjustment = Money.of(amount, USD);
        return this;
    }

    public StoreOrders line(String sku, int qty, String unitPriceExTax) {
        return line(sku, qty, unitPriceExTax, "0", List.of());
    }

    public StoreOrders line(String sku, int qty, String unitPriceExTax, String discount, List<LineOption> options) {
        Money price = Money.of(unitPriceExTax, USD);
        Money total = price.times(BigDecimal.valueOf(qty));
        Money disc = Money.of(discount, USD);
        Money tax = total.minus(disc).times(taxRate).toCents();
        List<AppliedDiscount> discounts = disc.isZero() ? List.of()
                : List.of(new AppliedDiscount("total-coupon", "Coupon", "SAVE", disc, "order"));
        long lineId = 100 + lines.size();
        lines.add(new OrderLine(lineId, 77 + lines.size(), 1000L + lines.size(), sku, "Item " + sku, "physical",
                BigDecimal.valueOf(qty), price, price.plus(price.times(taxRate)), total, tax, discounts, options,
                null, 5L));
        return this;
    }

    public StoreOrder build() {
        Money subtotal = Money.zero(USD);
        Money discount = Money.zero(USD);
        Money lineTax = Money.zero(USD);
        for (OrderLine l : lines) {
            subtotal = subtotal.plus(l.totalExTax());
            discount = discount.plus(l.discountTotal());
            lineTax = lineTax.plus(l.totalTax());
        }
        Money shippingTax = shipping.times(taxRate).toCents();
        Money handlingTax = handling.times(taxRate).toCents();
        Money wrappingTax = wrapping.times(taxRate).toCents();
        Money totalEx = subtotal.plus(shipping).plus(handling).plus(wrapping).minus(discount).plus(totalAdjustment);
        Money totalTax = lineTax.plus(shippingTax).plus(handlingTax).plus(wrappingTax);
        Address billing = new Address("Jane", "Doe", "", "555 East Street", "", "Austin", "Texas", "78108", "US",
                "1234567890", email);
        ShippingDestination dest = new ShippingDestination(5, billing, "Flat Rate", shipping, shippingTax);
        return new StoreOrder(STORE, id, statusId, "Awaiting Fulfillment", Instant.parse("2026-11-20T10:15:30Z"),
                Instant.parse("2026-11-20T10:16:00Z"), 1, USD, false,
                new Buyer(customerId, email, "Jane", "Doe", "", "1234567890"), billing, List.of(dest), lines,
                subtotal, shipping, shippingTax, handling, handlingTax, wrapping, wrappingTax, discount, totalEx,
                totalTax, totalEx.plus(totalTax), "Credit Card", "");
    }

}
