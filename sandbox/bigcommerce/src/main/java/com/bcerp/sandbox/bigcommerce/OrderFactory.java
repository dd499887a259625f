package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.SandboxCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an order request into an order, priced the way a BigCommerce store prices it (see {@link Pricing}):
 * catalogue prices unless the request overrides them, discounts on the lines, tax per line and per charge at each
 * tax class's rate.
 *
 * <p>Two doors. {@code POST /v2/orders} takes what the API takes: products (catalogue or custom), addresses, charges,
 * {@code fees}, a manual {@code discount_amount} (allocated to the lines as {@code manual-discount}) and a payment
 * method name (recorded as one purchase transaction). The sandbox's checkout ({@code POST /sandbox/checkouts}, not a
 * BigCommerce API) makes what only a storefront checkout makes: coupons and automatic promotions, another currency,
 * bundles (a product with picked products), gift certificates bought, digital products next to physical ones,
 * several shipping addresses, and payment by gift certificate, store credit and card (authorised or captured).
 */
final class OrderFactory {

    /** Ids the store hands out as it creates records. */
    interface Ids {
        long nextLineId();

        long nextAddressId();

        long nextTransactionId();

        long nextGiftCertificateId();
    }

    /** What a line is priced with: the order's pricing, currency and rate. */
    record Context(Pricing pricing, String currency, BigDecimal rate, StoreSettings settings) {}

    private static final Set<String> API_ONLY_REFUSED = Set.of("consignments");
    private static final Set<String> CHECKOUT_FIELDS = Set.of("currency", "coupons", "gift_certificates", "payment");

    private final SandboxCatalog catalog;
    private final StoreSettings settings;

    OrderFactory(SandboxCatalog catalog, StoreSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    StoreSettings settings() {
        return settings;
    }

    SandboxOrder create(JsonNode body, long orderId, Ids ids, Instant now, boolean checkout) {
        if (!body.isObject()) {
            throw BcErrors.v2(400, "The request body must be an order object.");
        }
        for (String field : API_ONLY_REFUSED) {
            if (body.hasNonNull(field)) {
                throw BcErrors.v2(400, "The field '" + field + "' is not supported by this sandbox.");
            }
        }
        if (!checkout) {
            for (String field : CHECKOUT_FIELDS) {
                if (body.has(field)) {
                    throw BcErrors.v2(400, "The field '" + field + "' is not an order field; a storefront checkout "
                            + "(the sandbox's /sandbox/checkouts) makes such orders.");
                }
            }
        }
        String currency = checkout ? body.path("currency").asText(settings.currency()) : settings.currency();
        BigDecimal rate = settings.rate(currency).orElseThrow(() -> BcErrors.v2(400, "The store does not sell in "
                + currency + "."));
        Context context = new Context(new Pricing(settings.taxInclusive()), currency, rate, settings);
        Pricing pricing = context.pricing();
        BigDecimal shippingRate = settings.taxClass(StoreSettings.SHIPPING).rate();

        OrderAddress billing = OrderAddress.read(body.get("billing_address"), "billing_address");
        List<ShippingAddress> addresses = new ArrayList<>();
        JsonNode shippingNodes = body.path("shipping_addresses");
        if (!shippingNodes.isMissingNode() && !shippingNodes.isNull() && !shippingNodes.isArray()) {
            throw BcErrors.v2(400, "The field 'shipping_addresses' must be a list.");
        }
        for (int i = 0; i < shippingNodes.size(); i++) {
            JsonNode node = shippingNodes.get(i);
            String path = "shipping_addresses[" + i + "].";
            OrderAddress address = OrderAddress.read(node, path.substring(0, path.length() - 1));
            String method = node.path("shipping_method").asText("");
            Charge cost = checkout ? pricing.charge(Amounts.read(node, "shipping_cost_ex_tax", path),
                    Amounts.read(node, "shipping_cost_inc_tax", path), shippingRate) : Charge.NONE;
            addresses.add(new ShippingAddress(ids.nextAddressId(), address, method.isEmpty() ? "None" : method, cost,
                    Charge.NONE));
        }
        if (!addresses.isEmpty() && !checkout) {
            // the API's order-level shipping and handling are the first address's
            ShippingAddress first = addresses.get(0);
            addresses.set(0, new ShippingAddress(first.id(), first.address(), first.shippingMethod(),
                    pricing.charge(Amounts.read(body, "shipping_cost_ex_tax", ""), Amounts.read(body, "shipping_cost_inc_tax", ""),
                            shippingRate),
                    pricing.charge(Amounts.read(body, "handling_cost_ex_tax", ""), Amounts.read(body, "handling_cost_inc_tax", ""),
                            shippingRate)));
        } else if (!addresses.isEmpty()) {
            ShippingAddress first = addresses.get(0);
            addresses.set(0, new ShippingAddress(first.id(), first.address(), first.shippingMethod(), first.cost(),
                    pricing.charge(Amounts.read(body, "handling_cost_ex_tax", ""), Amounts.read(body, "handling_cost_inc_tax", ""),
                            shippingRate)));
        }

        JsonNode products = body.path("products");
        JsonNode giftCertificates = body.path("gift_certificates");
        if ((!products.isArray() || products.isEmpty()) && (!giftCertificates.isArray() || giftCertificates.isEmpty())) {
            throw BcErrors.v2(400, "The field 'products' must list at least one product.");
        }
        List<LineItem> lines = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            JsonNode node = products.get(i);
            String path = "products[" + i + "].";
            long shipTo = shipTo(node, addresses, path, checkout);
            LineItem line = line(node, path, ids.nextLineId(), shipTo, context);
            lines.add(line);
            if (checkout) {
                lines.addAll(bundle(node.path("bundle"), path, line, ids, context));
            }
        }
        for (int i = 0; i < giftCertificates.size(); i++) {
            lines.add(giftCertificate(giftCertificates.get(i), "gift_certificates[" + i + "].", ids, context));
        }

        List<CouponUse> coupons = new ArrayList<>();
        if (checkout) {
            lines = promote(lines, pricing);
            DiscountResult result = coupons(body.path("coupons"), lines, addresses, pricing, shippingRate);
            lines = result.lines();
            addresses = result.addresses();
            coupons = result.uses();
        }
        BigDecimal manual = Optional.ofNullable(Amounts.read(body, "discount_amount", "")).orElse(BigDecimal.ZERO);
        manual = Amounts.cents(manual);
        BigDecimal base = lines.stream().filter(l -> !l.isGiftCertificate()).map(pricing::worth)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (manual.signum() < 0 || manual.compareTo(base) > 0) {
            throw BcErrors.v2(400, "The field 'discount_amount' must be between 0 and the products' subtotal "
                    + Amounts.str(base) + ".");
        }
        lines = pricing.allocate(lines, l -> !l.isGiftCertificate(), manual,
                new Discount("manual-discount", "Manual Discount", null, "order", BigDecimal.ZERO));

        Charge wrapping = pricing.charge(Amounts.read(body, "wrapping_cost_ex_tax", ""),
                Amounts.read(body, "wrapping_cost_inc_tax", ""), settings.taxClass(StoreSettings.GIFT_WRAPPING).rate());
        List<Fee> fees = fees(body.path("fees"), List.of(), context);

        int statusId = intField(body, "status_id", checkout ? 11 : 1);
        if (!OrderStatuses.exists(statusId)) {
            throw BcErrors.v2(400, "The field 'status_id' must be a known order status id (0 to 14).");
        }
        long customerId = intField(body, "customer_id", 0);
        if (customerId < 0) {
            throw BcErrors.v2(400, "The field 'customer_id' must be 0 (a guest) or a customer id.");
        }
        int channelId = intField(body, "channel_id", 1);
        Instant created = Optional.ofNullable(body.get("date_created")).filter(JsonNode::isTextual)
                .map(n -> BcDates.parseFilter(n.asText())).orElse(now);

        SandboxOrder order = new SandboxOrder(orderId, customerId, created, now, statusId, channelId, currency,
                settings.currency(), rate, settings.taxInclusive(), billing, addresses, lines, wrapping, fees, coupons,
                BigDecimal.ZERO, BigDecimal.ZERO, body.path("payment_method").asText(""), "",
                body.path("customer_message").asText(""), body.path("staff_notes").asText(""),
                body.path("external_source").asText(null), List.of(), List.of(), List.of());
        return checkout && body.has("payment") ? Payments.atCheckout(order, body.path("payment"), ids, now)
                : Payments.fromMethodName(order, ids, now);
    }

    /** Which address a product ships to: the one a checkout names, else the first; none makes it a download. */
    private static long shipTo(JsonNode node, List<ShippingAddress> addresses, String path, boolean checkout) {
        if (addresses.isEmpty() || checkout && node.path("digital").asBoolean(false)) {
            return 0;
        }
        int index = checkout ? node.path("shipping_address_index").asInt(0) : 0;
        if (index < 0 || index >= addresses.size()) {
            throw BcErrors.v2(400, "The field '" + path + "shipping_address_index' names no shipping address.");
        }
        return addresses.get(index).id();
    }

    /** A catalogue product (by variant, by options, or its only variant) or a custom one (name and both prices). */
    LineItem line(JsonNode node, String path, long lineId, long shipTo, Context context) {
        if (!node.isObject()) {
            throw BcErrors.v2(400, "The field '" + path.substring(0, path.length() - 1) + "' must be a product object.");
        }
        int quantity = intField(node, "quantity", -1, path);
        if (quantity < 1) {
            throw BcErrors.v2(400, "The field '" + path + "quantity' must be a whole number of at least 1.");
        }
        BigDecimal priceEx = Amounts.read(node, "price_ex_tax", path);
        BigDecimal priceInc = Amounts.read(node, "price_inc_tax", path);
        String type = shipTo == 0 ? "digital" : "physical";
        Pricing pricing = context.pricing();
        if (!node.hasNonNull("product_id")) {
            String name = node.path("name").asText("");
            if (name.isBlank() || priceEx == null || priceInc == null) {
                throw BcErrors.v2(400, "A custom product (" + path.substring(0, path.length() - 1)
                        + ") needs 'name', 'quantity', 'price_ex_tax' and 'price_inc_tax'.");
            }
            BigDecimal ex = Amounts.four(priceEx);
            BigDecimal tax = Amounts.four(priceInc.subtract(priceEx));
            BigDecimal rate = ex.signum() == 0 ? BigDecimal.ZERO : tax.divide(ex, 6, RoundingMode.HALF_UP);
            return pricing.taxed(new LineItem(lineId, 0, null, shipTo, name, node.path("sku").asText(""), type, quantity,
                    ex, tax, StoreSettings.DEFAULT_CLASS, rate, List.of(), BigDecimal.ZERO, null, null, 0, List.of()));
        }
        SandboxCatalog.Item item = catalogItem(node, path);
        int taxClass = context.settings().taxClassOf(item.productId());
        BigDecimal rate = context.settings().taxClass(taxClass).rate();
        BigDecimal[] unit;
        if (priceEx != null && priceInc != null) {
            unit = new BigDecimal[] {Amounts.four(priceEx), Amounts.four(priceInc.subtract(priceEx))};
        } else if (priceEx != null) {
            unit = new Pricing(false).unit(priceEx, rate);
        } else if (priceInc != null) {
            unit = new Pricing(true).unit(priceInc, rate);
        } else {
            unit = pricing.unit(inCurrency(item.price(), context), rate);
        }
        List<LineItem.SelectedOption> options = new ArrayList<>();
        for (SandboxCatalog.Option o : item.options()) {
            options.add(new LineItem.SelectedOption(lineId * 10 + options.size() + 1, o.optionId(), o.name(), o.value(),
                    o.valueId()));
        }
        return pricing.taxed(new LineItem(lineId, item.productId(), item.variantId(), shipTo,
                node.path("name").asText(item.name()), item.sku(), type, quantity, unit[0], unit[1], taxClass, rate,
                List.of(), BigDecimal.ZERO, null, null, 0, options));
    }

    /** The products picked into a bundle: their own lines, priced at zero (the bundle carries the price). */
    private List<LineItem> bundle(JsonNode picks, String path, LineItem parent, Ids ids, Context context) {
        List<LineItem> components = new ArrayList<>();
        for (int i = 0; i < picks.size(); i++) {
            String at = path + "bundle[" + i + "].";
            LineItem picked = line(picks.get(i), at, ids.nextLineId(), parent.orderAddressId(), context);
            components.add(new LineItem(picked.id(), picked.productId(), picked.variantId(), picked.orderAddressId(),
                    picked.name(), picked.sku(), picked.type(), picked.quantity() * parent.quantity(), BigDecimal.ZERO.setScale(4),
                    BigDecimal.ZERO.setScale(4), picked.taxClassId(), picked.taxRate(), List.of(), BigDecimal.ZERO,
                    parent.id(), null, 0, picked.options()));
        }
        return components;
    }

    /** A gift certificate bought: never taxed, sent by email. */
    private static LineItem giftCertificate(JsonNode node, String path, Ids ids, Context context) {
        BigDecimal amount = Amounts.read(node, "amount", path);
        if (amount == null || amount.signum() <= 0) {
            throw BcErrors.v2(400, "The field '" + path + "amount' must be a positive amount.");
        }
        return new LineItem(ids.nextLineId(), 0, null, 0, Amounts.str(amount) + " " + context.currency() + " Gift Certificate",
                "", "giftcertificate", 1, Amounts.four(amount), BigDecimal.ZERO.setScale(4), StoreSettings.NON_TAXABLE,
                BigDecimal.ZERO, List.of(), BigDecimal.ZERO, null, ids.nextGiftCertificateId(), 0, List.of());
    }

    private static BigDecimal inCurrency(BigDecimal storePrice, Context context) {
        return context.rate().compareTo(BigDecimal.ONE) == 0 ? storePrice : Amounts.cents(storePrice.multiply(context.rate()));
    }

    /** The store's automatic promotion, on every line that qualifies. */
    private List<LineItem> promote(List<LineItem> lines, Pricing pricing) {
        Optional<StoreSettings.Promotion> promotion = settings.promotion();
        if (promotion.isEmpty()) {
            return lines;
        }
        StoreSettings.Promotion p = promotion.get();
        List<LineItem> result = new ArrayList<>();
        for (LineItem line : lines) {
            boolean qualifies = !line.isGiftCertificate() && line.parentLineId() == null && line.quantity() >= p.minimumQuantity();
            BigDecimal off = Amounts.cents(pricing.worth(line).multiply(p.percent()).movePointLeft(2));
            result.add(qualifies && off.signum() > 0
                    ? pricing.withDiscount(line, new Discount("promotion-1", p.name(), null, "product", off)) : line);
        }
        return result;
    }

    private record DiscountResult(List<LineItem> lines, List<ShippingAddress> addresses, List<CouponUse> uses) {}

    private DiscountResult coupons(JsonNode codes, List<LineItem> lines, List<ShippingAddress> addresses, Pricing pricing,
            BigDecimal shippingRate) {
        List<CouponUse> uses = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i).asText();
            StoreSettings.Coupon coupon = settings.coupon(code).orElseThrow(() -> BcErrors.v2(400,
                    "The coupon code '" + code + "' is not valid."));
            BigDecimal before = total(lines, addresses, pricing);
            Discount template = new Discount(Long.toString(coupon.id()), code, code,
                    coupon.type() == 0 ? "product" : "order", BigDecimal.ZERO);
            switch (coupon.type()) {
                case 0 -> {
                    List<LineItem> next = new ArrayList<>();
                    for (LineItem line : lines) {
                        boolean applies = !line.isGiftCertificate() && line.parentLineId() == null
                                && (coupon.productIds().isEmpty() || coupon.productIds().contains(line.productId()));
                        BigDecimal off = coupon.amount().multiply(BigDecimal.valueOf(line.quantity())).min(pricing.worth(line)
                                .subtract(line.discount()));
                        next.add(applies && off.signum() > 0 ? pricing.withDiscount(line, new Discount(template.id(),
                                code, code, "product", Amounts.cents(off))) : line);
                    }
                    lines = next;
                }
                case 1 -> {
                    BigDecimal base = lines.stream().filter(l -> !l.isGiftCertificate()).map(pricing::worth)
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    lines = pricing.allocate(lines, l -> !l.isGiftCertificate(),
                            Amounts.cents(base.multiply(coupon.amount()).movePointLeft(2)), template);
                }
                case 2 -> lines = pricing.allocate(lines, l -> !l.isGiftCertificate(), coupon.amount(), template);
                case 3, 4 -> {
                    List<ShippingAddress> next = new ArrayList<>();
                    BigDecimal left = coupon.type() == 4 ? null : coupon.amount();
                    for (ShippingAddress a : addresses) {
                        BigDecimal base = pricing.taxInclusive() ? a.cost().incTax() : a.cost().exTax();
                        BigDecimal off = left == null ? base : left.min(base);
                        if (left != null) {
                            left = left.subtract(off);
                        }
                        BigDecimal rest = base.subtract(off);
                        next.add(a.withCost(pricing.taxInclusive() ? pricing.charge(null, rest, shippingRate)
                                : pricing.charge(rest, null, shippingRate)));
                    }
                    addresses = next;
                }
                default -> throw BcErrors.v2(400, "The coupon '" + code + "' has an unknown type.");
            }
            uses.add(new CouponUse(i + 1, coupon.id(), code, coupon.type(), coupon.amount(),
                    Amounts.cents(before.subtract(total(lines, addresses, pricing)))));
        }
        return new DiscountResult(lines, addresses, uses);
    }

    /** What the lines and shipping come to, for measuring what a coupon took off. */
    private static BigDecimal total(List<LineItem> lines, List<ShippingAddress> addresses, Pricing pricing) {
        BigDecimal sum = addresses.stream().map(a -> a.cost().incTax()).reduce(BigDecimal.ZERO, BigDecimal::add);
        for (LineItem l : lines) {
            sum = sum.add(l.discountedTotalIncTax(pricing.taxInclusive()));
        }
        return sum;
    }

    /** An order's fees: those of the request, each with its id (kept) or a new one. */
    List<Fee> fees(JsonNode nodes, List<Fee> existing, Context context) {
        List<Fee> fees = new ArrayList<>();
        if (nodes.isMissingNode() || nodes.isNull()) {
            return existing;
        }
        if (!nodes.isArray()) {
            throw BcErrors.v2(400, "The field 'fees' must be a list.");
        }
        long nextId = existing.stream().mapToLong(Fee::id).max().orElse(0) + 1;
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode f = nodes.get(i);
            String path = "fees[" + i + "].";
            Integer taxClass = f.hasNonNull("tax_class_id") ? f.get("tax_class_id").asInt() : null;
            BigDecimal rate = context.settings().taxClass(taxClass == null ? StoreSettings.DEFAULT_CLASS : taxClass).rate();
            BigDecimal ex = Amounts.read(f, "cost_ex_tax", path);
            if (ex == null) {
                ex = Amounts.read(f, "cost_exc_tax", path);
            }
            Charge cost = context.pricing().charge(ex, Amounts.read(f, "cost_inc_tax", path), rate);
            if (cost == Charge.NONE) {
                throw BcErrors.v2(400, "The fee '" + path.substring(0, path.length() - 1) + "' needs cost_ex_tax or cost_inc_tax.");
            }
            long id = f.hasNonNull("id") ? f.get("id").asLong() : nextId++;
            String name = f.path("display_name_customer").asText(f.path("display_name_merchant").asText("Fee"));
            fees.add(new Fee(id, f.path("type").asText("custom_fee"), name, f.path("display_name_merchant").asText(name),
                    f.path("source").asText(""), cost.exTax(), cost.tax(), taxClass));
        }
        return fees;
    }

    /** The catalogue variant a product line names: by variant_id, by product_options, or the product's only variant. */
    private SandboxCatalog.Item catalogItem(JsonNode node, String path) {
        long productId = node.path("product_id").asLong();
        List<SandboxCatalog.Item> variants = catalog.items().stream().filter(i -> i.productId() == productId).toList();
        if (variants.isEmpty()) {
            throw BcErrors.v2(400, "The field '" + path + "product_id' names product " + productId
                    + ", which does not exist.");
        }
        if (node.hasNonNull("variant_id")) {
            long variantId = node.path("variant_id").asLong();
            return variants.stream().filter(v -> v.variantId() == variantId).findFirst().orElseThrow(() -> BcErrors.v2(
                    400, "The field '" + path + "variant_id' names variant " + variantId + ", which is not a variant of product "
                            + productId + "."));
        }
        JsonNode chosen = node.path("product_options");
        if (chosen.isArray() && !chosen.isEmpty()) {
            return variants.stream().filter(v -> matches(v, chosen)).findFirst().orElseThrow(() -> BcErrors.v2(400,
                    "The field '" + path + "product_options' does not name a variant of product " + productId + "."));
        }
        if (variants.size() > 1) {
            throw BcErrors.v2(400, "Product " + productId + " has options: '" + path
                    + "product_options' or 'variant_id' is required.");
        }
        return variants.get(0);
    }

    private static boolean matches(SandboxCatalog.Item variant, JsonNode chosen) {
        if (chosen.size() != variant.options().size()) {
            return false;
        }
        for (JsonNode c : chosen) {
            long optionId = c.path("id").asLong(-1);
            String value = c.path("value").asText("");
            boolean found = variant.options().stream()
                    .anyMatch(o -> o.optionId() == optionId && Long.toString(o.valueId()).equals(value));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    static int intField(JsonNode node, String field, int absent) {
        return intField(node, field, absent, "");
    }

    static int intField(JsonNode node, String field, int absent, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw BcErrors.v2(400, "The field '" + path + field + "' must be a whole number.");
        }
        return value.intValue();
    }

    static String gatewayOf(String paymentMethod) {
        String name = paymentMethod.toLowerCase(Locale.ROOT);
        if (name.contains("card") || name.contains("test payment")) {
            return "testgateway";
        } else if (name.contains("cash") || name.contains("cod")) {
            return "cod";
        } else if (name.contains("cheque") || name.contains("check")) {
            return "cheque";
        } else if (name.contains("bank")) {
            return "bankdeposit";
        }
        return "custom";
    }
}
