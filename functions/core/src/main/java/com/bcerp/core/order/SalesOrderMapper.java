package com.bcerp.core.order;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.LineArithmetic;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderFee;
import com.bcerp.core.model.OrderLine;
import com.bcerp.core.model.ShippingDestination;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.unit.SellingUnits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Store order to back-office sales order. Prices go over ex-tax and the store's taxes are carried as tax lines, so
 * the back office posts exactly what the shopper paid instead of recalculating it.
 *
 * <p>How each shape posts:
 * <ul>
 *   <li>catalogue products and variants: the line's SKU is the back-office item, its options in the description;</li>
 *   <li>bundles: the bundle's line and each picked product's line post as the store priced them (BigCommerce puts
 *       the price on the bundle and zero on its components), so every physical item is its own line and leaves
 *       stock once, and the total is counted once;</li>
 *   <li>custom products (typed into the order, no catalogue SKU), gift certificates sold, handling, gift wrapping
 *       and custom fees: the configured non-stock items;</li>
 *   <li>discounts of every kind (coupons, automatic promotions, manual; order- or line-level): BigCommerce allocates
 *       them to lines, so each line carries its share, without tax;</li>
 *   <li>gift certificates and store credit used to pay: payments, not discounts; the total is unchanged;</li>
 *   <li>several shipping consignments: one sales order, shipped to the first address; lines for another address
 *       name it, and the freight is every consignment's shipping (a warehouse gets one order per consignment,
 *       {@link #warehouseOrders});</li>
 *   <li>taxes: one line under {@code tax_id}, or, with {@code tax_classes}, one per back-office tax id;</li>
 *   <li>another currency than the store's: the document is in the shopper's currency, with the store's rate.</li>
 * </ul>
 * Each line's amount is rounded to the cent as the back office posts it; what is left against the store's total is
 * an explicit rounding line, within the tolerance, or the order parks as a mismatch.
 */
public final class SalesOrderMapper {

    /** storeLineRef of the charge and adjustment lines (product lines carry the store's line id). */
    public static final String HANDLING_REF = "handling";
    public static final String WRAPPING_REF = "wrapping";
    public static final String ROUNDING_REF = "rounding";
    public static final String FEE_REF_PREFIX = "fee-";

    private static final int DESCRIPTION_LIMIT = 255;

    private final OrderMappingSettings settings;
    private final RoutingSettings routing;
    private final LineArithmetic arithmetic;
    private final Predicate<String> backOfficeItem;
    private final SellingUnits units;

    /** A mapper that posts every custom product to the configured non-stock item. */
    public SalesOrderMapper(OrderMappingSettings settings, RoutingSettings routing, LineArithmetic arithmetic) {
        this(settings, routing, arithmetic, sku -> false);
    }

    /**
     * @param arithmetic     how the back office computes line amounts, so totals compare to the cent
     * @param backOfficeItem whether the back office has an item of this id: a custom product whose SKU is one is
     *                       posted to it (its stock and revenue where they belong), any other to the non-stock item
     */
    public SalesOrderMapper(OrderMappingSettings settings, RoutingSettings routing, LineArithmetic arithmetic,
            Predicate<String> backOfficeItem) {
        this(settings, routing, arithmetic, backOfficeItem, SellingUnits.none());
    }

    /** @param units the store's selling units: a SKU listed posts in its back-office unit ({@link SellingUnits}) */
    public SalesOrderMapper(OrderMappingSettings settings, RoutingSettings routing, LineArithmetic arithmetic,
            Predicate<String> backOfficeItem, SellingUnits units) {
        this.units = units;
        this.arithmetic = arithmetic;
        this.settings = settings;
        this.routing = routing;
        this.backOfficeItem = backOfficeItem;
    }

    public LineArithmetic arithmetic() {
        return arithmetic;
    }

    public OrderMappingSettings settings() {
        return settings;
    }

    public SellingUnits units() {
        return units;
    }

    /** The unique reference of a store order in the back office (fits Acumatica's 40-character ExternalRef). */
    public static String externalRef(String storeHash, long orderId) {
        return "BC-" + storeHash + "-" + orderId;
    }

    /** Whether mapping this order needs the store's per-class tax detail (a second call to the store). */
    public boolean needsTaxDetail(StoreOrder order) {
        return !settings.taxClasses().isEmpty() && !order.totalTax().isZero();
    }

    public SalesOrderDraft toDraft(StoreOrder order, List<StoreTax> taxes) {
        List<DraftLine> lines = new ArrayList<>(productLines(order));
        lines.addAll(chargeLines(order));
        ShippingDestination first = order.shipping().isEmpty() ? null : order.shipping().get(0);
        Address shipTo = first == null ? order.billingAddress() : first.address();
        String shipVia = first == null ? null : settings.shipVia().get(first.shippingMethod());
        SalesOrderDraft draft = new SalesOrderDraft(
                DocumentKind.SALE,
                externalRef(order.storeHash(), order.id()),
                Long.toString(order.id()),
                null,
                order.createdAt().atZone(ZoneOffset.UTC).toLocalDate(),
                order.currency(),
                currencyRate(order),
                branch(order),
                "BigCommerce order " + order.id(),
                lines,
                order.shippingExTax(),
                taxLines(order, taxes),
                order.billingAddress(),
                shipTo,
                shipVia,
                order.paymentMethod() == null ? null : settings.paymentMethods().get(order.paymentMethod()),
                null);
        return balance(withLineTaxes(draft, order, taxes), order.totalIncTax(), order.describe() + ": the sales order",
                "total_inc_tax");
    }

    /**
     * The draft with each line's and the freight's back-office tax ids, for a back office that takes a VAT code per
     * line: with {@code tax_classes}, the ids the store's taxes on that part map to (the taxes list says which line,
     * shipping, handling or wrapping each is on; a fee carries its own class); without, {@code tax_id} where the store
     * charged tax on the part. Rounding lines and order-level refund amounts carry none.
     */
    public SalesOrderDraft withLineTaxes(SalesOrderDraft draft, StoreOrder order, List<StoreTax> taxes) {
        List<DraftLine> lines = new ArrayList<>();
        for (DraftLine line : draft.lines()) {
            lines.add(line.withTaxIds(lineTaxIds(line.storeLineRef(), order, taxes)));
        }
        return draft.withTaxIds(lines, partTaxIds("shipping", null, order.shippingTax(), order, taxes));
    }

    private List<String> lineTaxIds(String ref, StoreOrder order, List<StoreTax> taxes) {
        if (ref == null || ROUNDING_REF.equals(ref)) {
            return List.of();
        }
        if (HANDLING_REF.equals(ref)) {
            return partTaxIds("handling", null, order.handlingTax(), order, taxes);
        }
        if (WRAPPING_REF.equals(ref)) {
            return partTaxIds("gift-wrapping", null, order.wrappingTax(), order, taxes);
        }
        if (ref.startsWith(FEE_REF_PREFIX)) {
            Optional<OrderFee> fee = order.fees().stream().filter(f -> ref.equals(FEE_REF_PREFIX + f.id())).findFirst();
            if (fee.isEmpty() || fee.get().tax().isZero()) {
                return List.of();
            }
            if (settings.taxClasses().isEmpty() || fee.get().taxClassId() == null) {
                return List.of(settings.taxId());
            }
            return List.of(Optional.ofNullable(settings.taxClasses().get(fee.get().taxClassId().toString()))
                    .orElseThrow(() -> unmappedFeeClass(order, fee.get())));
        }
        if (!ref.matches("\\d{1,18}")) {
            return List.of();
        }
        long id = Long.parseLong(ref);
        Money lineTax = order.line(id).map(OrderLine::totalTax).orElse(Money.zero(order.currency()));
        return partTaxIds("item", id, lineTax, order, taxes);
    }

    /** The tax ids of one part of the order (a line by its id, or a charge): see {@link #withLineTaxes}. */
    private List<String> partTaxIds(String appliesTo, Long lineId, Money partTax, StoreOrder order, List<StoreTax> taxes) {
        if (settings.taxClasses().isEmpty()) {
            return partTax.isZero() ? List.of() : List.of(settings.taxId());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (StoreTax tax : taxes) {
            String type = tax.appliesTo() == null ? "item" : tax.appliesTo();
            if (type.equals(appliesTo) && (lineId == null || lineId.equals(tax.lineId()))) {
                ids.add(taxIdFor(tax).orElseThrow(() -> unmappedTaxClass(order, tax)));
            }
        }
        // a taxed part the store's taxes do not attribute (no line id) gets none: a back office that reckons VAT per
        // line then totals it differently and parks the order naming the difference
        return List.copyOf(ids);
    }

    /** A part of the order as a person finds it: "line 2 (product 900, sku SKU-9)", "shipping". */
    private static String partName(StoreOrder order, String appliesTo, Long lineId) {
        if (!"item".equals(appliesTo)) {
            return "gift-wrapping".equals(appliesTo) ? "gift wrapping" : appliesTo;
        }
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            if (lineId != null && line.id() == lineId) {
                return "line " + (i + 1) + " (product " + line.productId() + (line.sku() == null ? "" : ", sku "
                        + line.sku()) + ")";
            }
        }
        return "order line " + lineId;
    }

    /**
     * The sales order as a warehouse takes it: the physical goods only, one order per shipping consignment, each with
     * its own ship-to, ship-via and lines ({@link OrderDocuments#consignmentRef}), and per store location where the
     * order names one for its lines (a pickup consignment's), so each goes to that location's warehouse. Downloads,
     * gift certificates, custom products on the non-stock item and the charges are nothing to pick. Empty when
     * nothing ships.
     */
    public List<SalesOrderDraft> warehouseOrders(StoreOrder order, SalesOrderDraft sale) {
        record Consignment(long address, Long location) {}
        Map<Consignment, List<DraftLine>> byAddress = new LinkedHashMap<>();
        order.shipping().forEach(s -> byAddress.put(new Consignment(s.id(), null), new ArrayList<>()));
        long first = order.shipping().isEmpty() ? 0 : order.shipping().get(0).id();
        Set<Long> addresses = order.shipping().stream().map(ShippingDestination::id).collect(Collectors.toSet());
        for (DraftLine line : sale.lines()) {
            Optional<OrderLine> product = isProductRef(line.storeLineRef())
                    ? order.line(Long.parseLong(line.storeLineRef())) : Optional.empty();
            if (product.isEmpty() || !product.get().isPhysical()
                    || product.get().isCustomProduct() && line.itemId().equals(settings.customProductItem())) {
                continue;
            }
            Long address = product.get().shippingAddressId();
            byAddress.computeIfAbsent(new Consignment(address != null && addresses.contains(address) ? address : first,
                    product.get().locationId()), a -> new ArrayList<>()).add(line);
        }
        List<SalesOrderDraft> orders = new ArrayList<>();
        for (Map.Entry<Consignment, List<DraftLine>> consignment : byAddress.entrySet()) {
            if (consignment.getValue().isEmpty()) {
                continue;
            }
            Optional<ShippingDestination> to = order.shipping().stream()
                    .filter(s -> s.id() == consignment.getKey().address()).findFirst();
            String ref = OrderDocuments.consignmentRef(sale.externalRef(), orders.size() + 1);
            orders.add(new SalesOrderDraft(DocumentKind.SALE, ref, sale.customerOrder(), null, sale.date(),
                    sale.currency(), sale.currencyRate(), sale.branch(), sale.description(), consignment.getValue(),
                    Money.zero(sale.currency()), List.of(), sale.billTo(),
                    to.map(ShippingDestination::address).orElse(sale.shipTo()),
                    to.map(s -> settings.shipVia().get(s.shippingMethod())).orElse(sale.shipVia()), null, null,
                    List.of(), consignment.getKey().location()));
        }
        return orders;
    }

    /** Whether a line reference is a store order product's id (charges and rounding have words). */
    public static boolean isProductRef(String ref) {
        return ref != null && !ref.isEmpty() && ref.chars().allMatch(Character::isDigit);
    }

    /** Every product line of the order, in the store's order. */
    public List<DraftLine> productLines(StoreOrder order) {
        List<DraftLine> lines = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            lines.add(productLine(order, i));
        }
        return lines;
    }

    /** Handling, gift wrapping and custom fees, each on its non-stock item. */
    public List<DraftLine> chargeLines(StoreOrder order) {
        List<DraftLine> lines = new ArrayList<>();
        addCharge(lines, settings.handlingItem(), "Handling", order.handlingExTax(), HANDLING_REF, "handling_cost_ex_tax");
        addCharge(lines, settings.wrappingItem(), "Gift wrapping", order.wrappingExTax(), WRAPPING_REF,
                "wrapping_cost_ex_tax");
        for (int i = 0; i < order.fees().size(); i++) {
            OrderFee fee = order.fees().get(i);
            addCharge(lines, settings.feeItem(), fee.name() == null || fee.name().isBlank() ? "Fee" : fee.name(),
                    fee.exTax(), FEE_REF_PREFIX + fee.id(), "fees[" + i + "].cost_ex_tax");
        }
        return lines;
    }

    /**
     * One order line as a document line: which item, what it is, how many, at what price, less what discount; in the
     * back-office unit when the SKU is sold as a pack or case ({@code units:}).
     */
    public DraftLine productLine(StoreOrder order, int index) {
        return inBackOfficeUnits(productLineInStoreUnits(order, index), order.lines().get(index).sku());
    }

    /**
     * A line of store units (a share of a sold line, say) in the back office's: only a line on the SKU's own item
     * converts; a gift certificate or a custom product on the non-stock item keeps its quantity.
     */
    public DraftLine inBackOfficeUnits(DraftLine line, String sku) {
        return sku != null && sku.equals(line.itemId())
                ? units.toBackOffice(line, sku, arithmetic, settings.unitPriceDecimals()) : line;
    }

    /** {@link #productLine} as the store counts it: the store's quantity and unit price. */
    public DraftLine productLineInStoreUnits(StoreOrder order, int index) {
        OrderLine line = order.lines().get(index);
        String source = order.describe() + " line " + (index + 1) + " (product " + line.productId()
                + (line.sku() == null ? "" : ", sku " + line.sku()) + ")";
        String item;
        StringBuilder description = new StringBuilder(line.name() == null ? "" : line.name());
        if (line.isGiftCertificate()) {
            item = settings.giftCertificateItem();
            description.insert(0, "Gift certificate: ");
        } else if (line.isCustomProduct() && line.sku() != null && !line.sku().isBlank()
                && backOfficeItem.test(line.sku())) {
            item = line.sku();
            description.append(" (custom product)");
        } else if (line.isCustomProduct()) {
            item = settings.customProductItem();
            description.append(line.sku() == null ? " (custom product)" : " (custom product, sku " + line.sku() + ")");
        } else if (line.sku() == null || line.sku().isBlank()) {
            throw new PermanentFailure("products[" + index + "].sku",
                    source + ": the line has no SKU, so no back-office item can be matched");
        } else {
            item = line.sku();
        }
        if (!line.options().isEmpty()) {
            description.append(line.options().stream().map(o -> o.name() + ": " + o.value())
                    .collect(Collectors.joining(", ", " (", ")")));
        }
        if (line.isBundleComponent()) {
            description.append(" [part of bundle line ").append(line.parentLineId()).append("]");
        }
        destinationNote(order, line).ifPresent(note -> description.append(" -> ship to ").append(note));
        return new DraftLine(item, abbreviate(description.toString()), line.quantity(), unitPrice(line.unitPriceExTax()),
                line.discountExTax(order.taxInclusive()), Long.toString(line.id()), source);
    }

    /** The store's unit price at the back office's price precision. */
    public Money unitPrice(Money price) {
        return new Money(price.amount().setScale(settings.unitPriceDecimals(), RoundingMode.HALF_UP), price.currency());
    }

    /**
     * The store's taxes as tax lines: one under {@code tax_id}, or one per back-office tax id the store's tax
     * classes map to. Their sum is the order's {@code total_tax}: a cent or two of rounding between the per-class
     * detail and the total goes to the largest line; more parks the order.
     */
    public List<TaxLine> taxLines(StoreOrder order, List<StoreTax> taxes) {
        if (order.totalTax().isZero()) {
            return List.of();
        }
        if (settings.taxClasses().isEmpty()) {
            return List.of(new TaxLine(settings.taxId(), null, order.totalExTax(), order.totalTax()));
        }
        if (taxes.isEmpty()) {
            throw new PermanentFailure("taxes", order.describe() + ": the order charged " + order.totalTax()
                    + " of tax but the store lists no taxes for it, so its tax classes cannot be mapped");
        }
        Map<String, TaxGroup> byTaxId = new LinkedHashMap<>();
        for (int i = 0; i < taxes.size(); i++) {
            StoreTax tax = taxes.get(i);
            String taxId = taxIdFor(tax).orElseThrow(() -> unmappedTaxClass(order, tax));
            byTaxId.computeIfAbsent(taxId, id -> new TaxGroup(order.currency())).add(order, tax);
        }
        // fees are not in the store's tax list (its line item types are items, shipping, handling and wrapping);
        // each carries its own tax and class: a fee without a class is in the store's default fee class, tax_id
        for (int i = 0; i < order.fees().size(); i++) {
            OrderFee fee = order.fees().get(i);
            if (!fee.tax().isZero()) {
                String taxId = fee.taxClassId() == null ? settings.taxId()
                        : Optional.ofNullable(settings.taxClasses().get(fee.taxClassId().toString()))
                                .orElseThrow(() -> unmappedFeeClass(order, fee));
                byTaxId.computeIfAbsent(taxId, id -> new TaxGroup(order.currency())).addFee(fee);
            }
        }
        List<TaxLine> lines = new ArrayList<>();
        byTaxId.forEach((taxId, group) -> lines.add(new TaxLine(taxId, group.rate(), group.taxable, group.amount)));
        Money sum = lines.stream().map(TaxLine::amount).reduce(Money.zero(order.currency()), Money::plus);
        Money difference = order.totalTax().minus(sum);
        if (difference.isZero()) {
            return lines;
        }
        if (difference.amount().abs().compareTo(settings.roundingTolerance()) > 0) {
            throw new PermanentFailure("taxes", order.describe() + ": the store's taxes add up to " + sum
                    + " but the order's total_tax is " + order.totalTax());
        }
        TaxLine largest = lines.stream().max(Comparator.comparing(t -> t.amount().amount())).orElseThrow();
        lines.set(lines.indexOf(largest), new TaxLine(largest.taxId(), largest.rate(), largest.taxable(),
                largest.amount().plus(difference)));
        return lines;
    }

    /** The back-office tax id a store tax maps to: by its class id, else by its class name. */
    public Optional<String> taxIdFor(StoreTax tax) {
        if (tax.taxClassId() != null && settings.taxClasses().containsKey(tax.taxClassId().toString())) {
            return Optional.of(settings.taxClasses().get(tax.taxClassId().toString()));
        }
        return Optional.ofNullable(tax.className() == null ? null : settings.taxClasses().get(tax.className()));
    }

    private static PermanentFailure unmappedTaxClass(StoreOrder order, StoreTax tax) {
        return new PermanentFailure("taxes.tax_class_id", order.describe() + ": tax class "
                + (tax.taxClassId() == null ? "" : tax.taxClassId() + " ") + "(" + tax.className() + ", " + tax.name()
                + ") on " + partName(order, tax.appliesTo() == null ? "item" : tax.appliesTo(), tax.lineId())
                + " is not mapped to a back-office tax id; add it to orders.tax_classes");
    }

    private static PermanentFailure unmappedFeeClass(StoreOrder order, OrderFee fee) {
        return new PermanentFailure("fees.tax_class_id", order.describe() + ": fee " + fee.id() + " (" + fee.name()
                + ") is in tax class " + fee.taxClassId() + ", which is not mapped to a back-office tax id; add it to"
                + " orders.tax_classes");
    }

    /** Base-currency units per unit of the order's currency, when the shopper paid in another currency. */
    public static BigDecimal currencyRate(StoreOrder order) {
        return order.isForeignCurrency() ? BigDecimal.ONE.divide(order.exchangeRate(), 8, RoundingMode.HALF_UP) : null;
    }

    /** The branch the order's storefront, else its currency, else the default routes it to. */
    public String branch(StoreOrder order) {
        String byChannel = routing.channels().get(Integer.toString(order.channelId()));
        if (byChannel != null) {
            return byChannel;
        }
        if (!routing.channels().isEmpty() && routing.defaultBranch() == null
                && !routing.currencies().containsKey(order.currency())) {
            throw new PermanentFailure("channel_id", order.describe() + " comes from storefront (channel) "
                    + order.channelId() + ", which routing.channels does not list, and there is no routing.default_branch");
        }
        return routing.currencies().getOrDefault(order.currency(), routing.defaultBranch());
    }

    /**
     * Makes the document total {@code expected} to the cent: a difference within the tolerance becomes an explicit
     * rounding line; a larger one means something was not mapped, and the record parks.
     *
     * @param what what is being posted, for the message, e.g. "order 250: the sales order"
     */
    public SalesOrderDraft balance(SalesOrderDraft draft, Money expected, String what, String field) {
        Money difference = expected.toCents().minus(draft.total(arithmetic));
        if (difference.isZero()) {
            return draft;
        }
        if (difference.amount().abs().compareTo(settings.roundingTolerance()) > 0) {
            throw new PermanentFailure(field, what + " would total " + draft.total(arithmetic) + " but the store's total is "
                    + expected.toCents() + " (difference " + difference + "); a charge or discount is not mapped");
        }
        List<DraftLine> lines = new ArrayList<>(draft.lines());
        lines.add(roundingLine(difference));
        return draft.withLines(lines);
    }

    public DraftLine roundingLine(Money difference) {
        return new DraftLine(settings.roundingItem(), "Rounding difference", BigDecimal.ONE, difference,
                Money.zero(difference.currency()), ROUNDING_REF, "rounding");
    }

    /** For an order with several consignments, where a line not going to the first address goes. */
    private static Optional<String> destinationNote(StoreOrder order, OrderLine line) {
        if (order.shipping().size() < 2 || line.shippingAddressId() == null
                || line.shippingAddressId() == order.shipping().get(0).id()) {
            return Optional.empty();
        }
        return order.shipping().stream().filter(s -> s.id() == line.shippingAddressId()).findFirst().map(s -> {
            Address a = s.address();
            return String.join(", ", List.of(a.fullName(), nullToEmpty(a.street1()), (nullToEmpty(a.city()) + " "
                    + nullToEmpty(a.postalCode())).trim()).stream().filter(p -> !p.isBlank()).toList());
        });
    }

    private static void addCharge(List<DraftLine> lines, String item, String description, Money amount, String ref,
            String field) {
        if (amount != null && !amount.isZero()) {
            lines.add(new DraftLine(item, description, BigDecimal.ONE, amount, Money.zero(amount.currency()), ref, field));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= DESCRIPTION_LIMIT ? text : text.substring(0, DESCRIPTION_LIMIT - 3) + "...";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * The taxes that map to one back-office tax id: their sum, and what they were charged on (each part of the order
     * counted once, however many of the id's rates applied to it).
     */
    private static final class TaxGroup {
        private Money amount;
        private Money taxable;
        private final Set<String> parts = new LinkedHashSet<>();
        private final Set<BigDecimal> rates = new LinkedHashSet<>();

        TaxGroup(String currency) {
            amount = Money.zero(currency);
            taxable = Money.zero(currency);
        }

        void add(StoreOrder order, StoreTax tax) {
            amount = amount.plus(tax.amount());
            if (tax.rate() != null) {
                rates.add(tax.rate().stripTrailingZeros());
            }
            String part = tax.appliesTo() + ":" + (tax.lineId() != null ? tax.lineId() : tax.addressId());
            if (parts.add(part)) {
                taxable = taxable.plus(base(order, tax));
            }
        }

        void addFee(OrderFee fee) {
            amount = amount.plus(fee.tax());
            taxable = taxable.plus(fee.exTax());
            if (!fee.exTax().isZero()) {
                rates.add(fee.tax().amount().movePointRight(2).divide(fee.exTax().amount(), 4, RoundingMode.HALF_UP)
                        .stripTrailingZeros());
            }
        }

        BigDecimal rate() {
            return rates.size() == 1 ? rates.iterator().next() : null;
        }

        /** What a tax was charged on: the line after its discount, or the charge, without tax. */
        private static Money base(StoreOrder order, StoreTax tax) {
            String type = tax.appliesTo() == null ? "item" : tax.appliesTo();
            return switch (type) {
                case "shipping" -> order.shipping().stream().filter(s -> tax.addressId() != null && s.id() == tax.addressId())
                        .map(ShippingDestination::costExTax).findFirst().orElse(order.shippingExTax());
                case "handling" -> order.handlingExTax();
                case "gift-wrapping" -> order.wrappingExTax();
                default -> tax.lineId() == null ? Money.zero(order.currency()) : order.line(tax.lineId())
                        .map(l -> l.totalExTax().minus(l.discountExTax(order.taxInclusive())))
                        .orElse(Money.zero(order.currency()));
            };
        }
    }
}
