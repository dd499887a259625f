package com.bcerp.core.fakes;

import com.bcerp.core.model.Address;
import com.bcerp.core.model.AppliedDiscount;
import com.bcerp.core.model.Buyer;
import com.bcerp.core.model.LineOption;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderFee;
import com.bcerp.core.model.OrderLine;
import com.bcerp.core.model.ShippingDestination;
import com.bcerp.core.model.StoreOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds consistent store orders for tests: totals are derived from the lines the way a tax-exclusive BigCommerce
 * store derives them (tax on the discounted line, rounded to the cent, plus tax on shipping).
 */
public final class StoreOrders {

    public static final String STORE = "abc123";

    private long id = 250;
    private int statusId = 11;
    private String email = "jane@example.com";
    private long customerId = 11;
    private String company = "";
    private String currency = "USD";
    private String storeCurrency = "USD";
    private BigDecimal exchangeRate = BigDecimal.ONE;
    private int channelId = 1;
    private Instant created = Instant.parse("2026-11-20T10:15:30Z");
    private BigDecimal taxRate = new BigDecimal("0.10");
    private BigDecimal shipping = new BigDecimal("10.00");
    private BigDecimal handling = BigDecimal.ZERO;
    private BigDecimal wrapping = BigDecimal.ZERO;
    private final List<OrderLine> lines = new ArrayList<>();
    private final List<OrderFee> fees = new ArrayList<>();
    private BigDecimal totalAdjustment = BigDecimal.ZERO;
    /** The consignment the next lines ship to: 5, or 6 once a second one is opened. */
    private long address = 5;
    private Address secondAddress;
    private String secondMethod;
    private Long pickupLocation;

    public static StoreOrders order() {
        return new StoreOrders();
    }

    private com.bcerp.core.model.PaymentStatus paymentStatus;

    public StoreOrders id(long id) {
        this.id = id;
        return this;
    }

    public StoreOrders paymentStatus(com.bcerp.core.model.PaymentStatus paymentStatus) {
        this.paymentStatus = paymentStatus;
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

    public StoreOrders customer(long storeCustomerId) {
        this.customerId = storeCustomerId;
        return this;
    }

    public StoreOrders company(String name) {
        this.company = name;
        return this;
    }

    /** The shopper paid in {@code currency}; one unit of the store's {@code storeCurrency} is {@code rate} of it. */
    public StoreOrders currency(String currency, String storeCurrency, String rate) {
        this.currency = currency;
        this.storeCurrency = storeCurrency;
        this.exchangeRate = new BigDecimal(rate);
        return this;
    }

    public StoreOrders channel(int channelId) {
        this.channelId = channelId;
        return this;
    }

    public StoreOrders created(String instant) {
        this.created = Instant.parse(instant);
        return this;
    }

    public StoreOrders taxRate(String rate) {
        this.taxRate = new BigDecimal(rate);
        return this;
    }

    public StoreOrders shipping(String exTax) {
        this.shipping = new BigDecimal(exTax);
        return this;
    }

    public StoreOrders handling(String exTax) {
        this.handling = new BigDecimal(exTax);
        return this;
    }

    public StoreOrders wrapping(String exTax) {
        this.wrapping = new BigDecimal(exTax);
        return this;
    }

    public StoreOrders fee(long feeId, String name, String exTax) {
        Money ex = money(exTax);
        fees.add(new OrderFee(feeId, name, ex, ex.times(taxRate).toCents(), 0));
        return this;
    }

    /** Shifts the store's total away from what its parts add up to (a charge the connector does not know). */
    public StoreOrders unexplainedTotalDifference(String amount) {
        this.totalAdjustment = new BigDecimal(amount);
        return this;
    }

    public StoreOrders line(String sku, int qty, String unitPriceExTax) {
        return line(sku, qty, unitPriceExTax, "0", List.of());
    }

    public StoreOrders line(String sku, int qty, String unitPriceExTax, String discount, List<LineOption> options) {
        return add(100 + lines.size(), 77 + lines.size(), sku, "physical", qty, unitPriceExTax, discount, options, null);
    }

    /** A line with its own id (e.g. to edit the same line in a later version of the order). */
    public StoreOrders lineWithId(long lineId, String sku, int qty, String unitPriceExTax, String discount) {
        return add(lineId, 77 + lineId, sku, "physical", qty, unitPriceExTax, discount, List.of(), null);
    }

    /** A download: it ships to no address. */
    public StoreOrders digitalLine(String sku, int qty, String unitPriceExTax) {
        return add(100 + lines.size(), 77 + lines.size(), sku, "digital", qty, unitPriceExTax, "0", List.of(), null);
    }

    /** A second shipping consignment (address 6, shipping free), to which the lines added after this ship. */
    public StoreOrders secondConsignment(String firstName, String street, String shippingMethod) {
        secondAddress = new Address(firstName, "Roe", "", street, "", "Boston", "Massachusetts", "02108", "US",
                "5550000000", firstName.toLowerCase(java.util.Locale.ROOT) + "@example.com");
        secondMethod = shippingMethod;
        address = 6;
        return this;
    }

    /** The lines added after this are a pickup consignment's at this store location (no shipping address). */
    public StoreOrders pickupAt(long locationId) {
        pickupLocation = locationId;
        return this;
    }

    public StoreOrders giftCertificate(String amount) {
        return add(100 + lines.size(), 0, null, OrderLine.GIFT_CERTIFICATE, 1, amount, "0", List.of(), null);
    }

    public StoreOrders customProduct(String sku, int qty, String unitPriceExTax) {
        return add(100 + lines.size(), 0, sku, "physical", qty, unitPriceExTax, "0", List.of(), null);
    }

    /** A product picked into the bundle on line {@code parentLineId}, priced at zero as BigCommerce prices it. */
    public StoreOrders bundleComponent(long parentLineId, String sku, int qty) {
        return add(100 + lines.size(), 500 + lines.size(), sku, "physical", qty, "0", "0", List.of(), parentLineId);
    }

    private StoreOrders add(long lineId, long productId, String sku, String type, int qty, String unitPriceExTax,
            String discount, List<LineOption> options, Long parent) {
        Money price = money(unitPriceExTax);
        Money total = price.times(BigDecimal.valueOf(qty));
        Money disc = money(discount);
        BigDecimal rate = OrderLine.GIFT_CERTIFICATE.equals(type) ? BigDecimal.ZERO : taxRate;
        Money tax = total.minus(disc).times(rate).toCents();
        List<AppliedDiscount> discounts = disc.isZero() ? List.of()
                : List.of(new AppliedDiscount("total-coupon", "Coupon", "SAVE", disc, "order"));
        lines.add(new OrderLine(lineId, productId, productId == 0 ? null : 1000L + lineId, sku, "Item " + sku, type,
                BigDecimal.valueOf(qty), price, price.plus(price.times(rate)), total, tax, discounts, options, parent,
                "digital".equals(type) || pickupLocation != null ? null : address, pickupLocation));
        return this;
    }

    public StoreOrder build() {
        Money subtotal = Money.zero(currency);
        Money discount = Money.zero(currency);
        Money lineTax = Money.zero(currency);
        for (OrderLine l : lines) {
            subtotal = subtotal.plus(l.totalExTax());
            discount = discount.plus(l.discountTotal());
            lineTax = lineTax.plus(l.totalTax());
        }
        Money feesEx = fees.stream().map(OrderFee::exTax).reduce(Money.zero(currency), Money::plus);
        Money feesTax = fees.stream().map(OrderFee::tax).reduce(Money.zero(currency), Money::plus);
        Money ship = money(shipping.toPlainString());
        Money shippingTax = ship.times(taxRate).toCents();
        Money handlingTax = money(handling.toPlainString()).times(taxRate).toCents();
        Money wrappingTax = money(wrapping.toPlainString()).times(taxRate).toCents();
        Money totalEx = subtotal.plus(ship).plus(money(handling.toPlainString())).plus(money(wrapping.toPlainString()))
                .plus(feesEx).minus(discount).plus(money(totalAdjustment.toPlainString()));
        Money totalTax = lineTax.plus(shippingTax).plus(handlingTax).plus(wrappingTax).plus(feesTax);
        Address billing = new Address("Jane", "Doe", company, "555 East Street", "", "Austin", "Texas", "78108", "US",
                "1234567890", email);
        ShippingDestination dest = new ShippingDestination(5, billing, "Flat Rate", ship, shippingTax);
        List<ShippingDestination> destinations = secondAddress == null ? List.of(dest)
                : List.of(dest, new ShippingDestination(6, secondAddress, secondMethod, Money.zero(currency),
                        Money.zero(currency)));
        return new StoreOrder(STORE, id, statusId, "Awaiting Fulfillment", created, created.plusSeconds(30), channelId,
                currency, storeCurrency, exchangeRate, false,
                new Buyer(customerId, email, "Jane", "Doe", company, "1234567890"), billing, destinations, lines, fees,
                subtotal, ship, shippingTax, money(handling.toPlainString()), handlingTax,
                money(wrapping.toPlainString()), wrappingTax, discount, totalEx, totalTax, totalEx.plus(totalTax),
                null, null, "Credit Card", "", paymentStatus);
    }

    private Money money(String amount) {
        return Money.of(amount, currency);
    }
}
