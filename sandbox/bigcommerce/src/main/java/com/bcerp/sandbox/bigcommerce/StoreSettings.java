package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's own settings, as a merchant sets them in the control panel, changeable while the sandbox runs (each
 * order keeps what applied when it was placed): tax-inclusive pricing, tax classes and which products are in
 * which, the currencies shoppers may pay in, and the coupons and automatic promotions checkouts apply.
 *
 * <p>Tax classes are BigCommerce's built-in ones (0 Default Tax Class, 1 Non-Taxable Products, 2 Shipping, 3 Gift
 * Wrapping) plus 4 Reduced Rate at half the store's rate. Gift certificates are never taxed.
 */
public final class StoreSettings {

    /** A tax class and its rate (e.g. 0.10). */
    public record TaxClass(int id, String name, BigDecimal rate) {}

    /**
     * A coupon code a checkout may use.
     *
     * @param type       0 per item (amount off each unit of {@code productIds}, or of every product when empty),
     *                   1 percentage (of the products' subtotal), 2 per total (amount off the order), 3 shipping
     *                   discount (amount off shipping), 4 free shipping
     */
    public record Coupon(long id, String code, int type, BigDecimal amount, List<Long> productIds) {}

    /** An automatic promotion: {@code percent} off every line of at least {@code minimumQuantity} units. */
    public record Promotion(String name, int minimumQuantity, BigDecimal percent) {}

    public static final int DEFAULT_CLASS = 0;
    public static final int NON_TAXABLE = 1;
    public static final int SHIPPING = 2;
    public static final int GIFT_WRAPPING = 3;
    public static final int REDUCED = 4;

    private final String currency;
    private volatile boolean taxInclusive;
    private final Map<Integer, TaxClass> taxClasses = new ConcurrentHashMap<>();
    private final Map<Long, Integer> productTaxClasses = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> currencies = new ConcurrentHashMap<>();
    private final Map<String, Coupon> coupons = new ConcurrentHashMap<>();
    private volatile Promotion promotion;

    StoreSettings(String currency, BigDecimal rate) {
        this.currency = currency;
        taxClasses.put(DEFAULT_CLASS, new TaxClass(DEFAULT_CLASS, "Default Tax Class", rate));
        taxClasses.put(NON_TAXABLE, new TaxClass(NON_TAXABLE, "Non-Taxable Products", BigDecimal.ZERO));
        taxClasses.put(SHIPPING, new TaxClass(SHIPPING, "Shipping", rate));
        taxClasses.put(GIFT_WRAPPING, new TaxClass(GIFT_WRAPPING, "Gift Wrapping", rate));
        taxClasses.put(REDUCED, new TaxClass(REDUCED, "Reduced Rate", rate.divide(BigDecimal.TWO, 6, RoundingMode.HALF_UP)
                .stripTrailingZeros()));
        currencies.put("EUR", new BigDecimal("0.92"));
        currencies.put("GBP", new BigDecimal("0.79"));
        currencies.put("CAD", new BigDecimal("1.36"));
        coupon(new Coupon(1, "SAVE10", 1, new BigDecimal("10"), List.of()));
        coupon(new Coupon(2, "TAKE5", 2, new BigDecimal("5.00"), List.of()));
        coupon(new Coupon(3, "ITEM2", 0, new BigDecimal("2.00"), List.of()));
        coupon(new Coupon(4, "SHIP5", 3, new BigDecimal("5.00"), List.of()));
        coupon(new Coupon(5, "FREESHIP", 4, BigDecimal.ZERO, List.of()));
        promotion = new Promotion("Buy 3, save 10%", 3, new BigDecimal("10"));
    }

    /** The store's default currency. */
    public String currency() {
        return currency;
    }

    public boolean taxInclusive() {
        return taxInclusive;
    }

    /** Prices entered with tax (tax-inclusive pricing), or without. Applies to orders placed from now on. */
    public StoreSettings taxInclusive(boolean on) {
        this.taxInclusive = on;
        return this;
    }

    public TaxClass taxClass(int id) {
        TaxClass c = taxClasses.get(id);
        if (c == null) {
            throw BcErrors.v2(400, "The tax class " + id + " does not exist.");
        }
        return c;
    }

    /** Puts a catalogue product in a tax class (e.g. {@link #REDUCED}). */
    public StoreSettings productTaxClass(long productId, int taxClassId) {
        taxClass(taxClassId);
        productTaxClasses.put(productId, taxClassId);
        return this;
    }

    int taxClassOf(long productId) {
        return productTaxClasses.getOrDefault(productId, DEFAULT_CLASS);
    }

    /** Store-default to {@code code} rate, for a currency shoppers may pay in. */
    public Optional<BigDecimal> rate(String code) {
        return code.equals(currency) ? Optional.of(BigDecimal.ONE) : Optional.ofNullable(currencies.get(code));
    }

    public StoreSettings currency(String code, BigDecimal rate) {
        currencies.put(code, rate);
        return this;
    }

    public StoreSettings coupon(Coupon coupon) {
        coupons.put(coupon.code(), coupon);
        return this;
    }

    Optional<Coupon> coupon(String code) {
        return Optional.ofNullable(coupons.get(code));
    }

    public Optional<Promotion> promotion() {
        return Optional.ofNullable(promotion);
    }

    /** The automatic promotion checkouts apply; null for none. */
    public StoreSettings promotion(Promotion value) {
        this.promotion = value;
        return this;
    }
}
