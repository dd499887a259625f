package com.bcerp.core.order;

import com.bcerp.core.config.InvalidConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The merchant's choices for turning store orders into back-office documents.
 *
 * @param taxId               the back-office tax id the store's tax is posted under when {@code taxClasses} is empty
 * @param taxClasses          store tax class (its id, e.g. "0", or its name, e.g. "Default Tax Class") to back-office
 *                            tax id; when set, every class an order uses must be listed, or the order parks
 * @param handlingItem        non-stock item that carries the store's handling charge
 * @param wrappingItem        non-stock item that carries gift-wrapping charges
 * @param roundingItem        non-stock item that carries a rounding difference, so totals agree to the cent
 * @param customProductItem   non-stock item for custom products (typed into the order, with no catalogue SKU)
 * @param giftCertificateItem non-stock item for gift certificates sold (its sales account is the liability)
 * @param feeItem             non-stock item for the order's custom fees
 * @param refundItem          non-stock item for order-level refund amounts (neither items nor charges)
 * @param roundingTolerance   the largest difference treated as rounding; anything larger parks the order as a mismatch
 * @param unitPriceDecimals   the decimals the back office keeps on unit prices (Acumatica: the company's price
 *                            precision); store prices are rounded to it and any difference goes to the rounding line
 * @param shipVia             store shipping method name to back-office ship-via code; an unmapped method is not sent
 * @param paymentMethods      store payment method name to the sales order's payment method; an unmapped one is not sent
 * @param syncStartDate       orders created before this day (UTC, yyyy-mm-dd) are ignored, and so are their later
 *                            changes, refunds and payments; null imports every order
 * @param refundDocument      how refunded items post: {@code credit} (a credit memo, stock untouched) or
 *                            {@code return} (a return for credit, the items come back into stock)
 * @param ignoredChannels     store channels (storefronts) whose orders another integration imports (a POS's own
 *                            channel): their orders, and everything that happens to them, are left alone
 * @param lookUpBeforeCreate  when the import searches the back office by the order's reference before creating:
 *                            {@code when_uncertain} (an earlier attempt may have written, a create's answer never
 *                            came, or the order predates the sync state) or {@code always} (the back office also
 *                            takes orders from another writer of the same references, e.g. while migrating)
 */
public record OrderMappingSettings(
        String taxId, Map<String, String> taxClasses, String handlingItem, String wrappingItem, String roundingItem,
        String customProductItem, String giftCertificateItem, String feeItem, String refundItem,
        BigDecimal roundingTolerance, int unitPriceDecimals, Map<String, String> shipVia,
        Map<String, String> paymentMethods, String syncStartDate, String refundDocument, Set<Integer> ignoredChannels,
        String lookUpBeforeCreate) {

    public static final String CREDIT = "credit";
    public static final String RETURN = "return";
    public static final String WHEN_UNCERTAIN = "when_uncertain";
    public static final String ALWAYS = "always";

    public OrderMappingSettings {
        InvalidConfig.require(taxId != null && !taxId.isBlank(), "tax_id", "must name the back-office tax id");
        taxClasses = taxClasses == null ? Map.of() : Map.copyOf(taxClasses);
        taxClasses.forEach((storeClass, backOfficeId) -> InvalidConfig.require(backOfficeId != null
                && !backOfficeId.isBlank(), "tax_classes." + storeClass, "must name a back-office tax id"));
        requireItem(handlingItem, "handling_item");
        requireItem(wrappingItem, "wrapping_item");
        requireItem(roundingItem, "rounding_item");
        requireItem(customProductItem, "custom_product_item");
        requireItem(giftCertificateItem, "gift_certificate_item");
        requireItem(feeItem, "fee_item");
        requireItem(refundItem, "refund_item");
        InvalidConfig.require(roundingTolerance != null && roundingTolerance.signum() >= 0
                && roundingTolerance.compareTo(BigDecimal.ONE) <= 0, "rounding_tolerance", "must be between 0 and 1");
        InvalidConfig.require(unitPriceDecimals >= 2 && unitPriceDecimals <= 6, "unit_price_decimals",
                "must be between 2 and 6, was " + unitPriceDecimals);
        shipVia = shipVia == null ? Map.of() : Map.copyOf(shipVia);
        paymentMethods = paymentMethods == null ? Map.of() : Map.copyOf(paymentMethods);
        if (syncStartDate != null) {
            try {
                LocalDate.parse(syncStartDate);
            } catch (DateTimeParseException e) {
                throw new InvalidConfig("sync_start_date", "must be a date as yyyy-mm-dd, was '" + syncStartDate + "'");
            }
        }
        InvalidConfig.require(CREDIT.equals(refundDocument) || RETURN.equals(refundDocument), "refund_document",
                "must be credit or return, was '" + refundDocument + "'");
        ignoredChannels = ignoredChannels == null ? Set.of() : Set.copyOf(ignoredChannels);
        InvalidConfig.require(WHEN_UNCERTAIN.equals(lookUpBeforeCreate) || ALWAYS.equals(lookUpBeforeCreate),
                "look_up_before_create", "must be when_uncertain or always, was '" + lookUpBeforeCreate + "'");
    }

    public static OrderMappingSettings defaults() {
        return new OrderMappingSettings("BCTAX", Map.of(), "HANDLING", "GIFTWRAP", "ROUNDING", "NONSTOCK", "GIFTCERT",
                "FEES", "REFUND", new BigDecimal("0.05"), 4, Map.of(), Map.of(), null, CREDIT, Set.of(), WHEN_UNCERTAIN);
    }

    /** The first instant an order may have been created at to be synced; null when every order is. */
    public Instant syncStart() {
        return syncStartDate == null ? null : LocalDate.parse(syncStartDate).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The import searches the back office before every create, not only when an earlier write is possible. */
    public boolean alwaysLookUpBeforeCreate() {
        return ALWAYS.equals(lookUpBeforeCreate);
    }

    /** Refunded items come back into stock (a return) rather than being credited only. */
    public boolean refundsReturnItems() {
        return RETURN.equals(refundDocument);
    }

    private static void requireItem(String item, String field) {
        InvalidConfig.require(item != null && !item.isBlank(), field, "must name an item");
    }
}
