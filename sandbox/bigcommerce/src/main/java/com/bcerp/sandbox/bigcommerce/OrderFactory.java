package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.SandboxCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Turns a {@code POST /v2/orders} body into an order, priced the way a tax-exclusive BigCommerce store prices it:
 * catalogue prices unless the request overrides them, the manual {@code discount_amount} allocated to the lines
 * (as {@code manual-discount}), tax at the store's rate on what is left after the discount and on the charges.
 */
final class OrderFactory {

    /** Ids the store hands out as it creates records. */
    interface Ids {
        long nextLineId();

        long nextAddressId();

        long nextTransactionId();
    }

    private static final Set<String> UNSUPPORTED = Set.of("consignments", "fees");

    private final SandboxCatalog catalog;
    private final BigDecimal taxRate;
    private final String currency;

    OrderFactory(SandboxCatalog catalog, BigDecimal taxRate, String currency) {
        this.catalog = catalog;
        this.taxRate = taxRate;
        this.currency = currency;
    }

    SandboxOrder create(JsonNode body, long orderId, Ids ids, Instant now) {
        if (!body.isObject()) {
            throw BcErrors.v2(400, "The request body must be an order object.");
        }
        for (String field : UNSUPPORTED) {
            if (body.hasNonNull(field)) {
                throw BcErrors.v2(400, "The field '" + field + "' is not supported by this sandbox.");
            }
        }
        OrderAddress billing = OrderAddress.read(body.get("billing_address"), "billing_address");
        List<ShippingAddress> addresses = new ArrayList<>();
        JsonNode shippingNodes = body.path("shipping_addresses");
        if (!shippingNodes.isMissingNode() && !shippingNodes.isNull() && !shippingNodes.isArray()) {
            throw BcErrors.v2(400, "The field 'shipping_addresses' must be a list.");
        }
        for (int i = 0; i < shippingNodes.size(); i++) {
            JsonNode node = shippingNodes.get(i);
            OrderAddress address = OrderAddress.read(node, "shipping_addresses[" + i + "]");
            String method = node.path("shipping_method").asText("");
            addresses.add(new ShippingAddress(ids.nextAddressId(), address, method.isEmpty() ? "None" : method,
                    Charge.NONE, Charge.NONE));
        }
        // Lines ship to the first address; an order without one is digital (its lines are downloads).
        long shipTo = addresses.isEmpty() ? 0 : addresses.get(0).id();
        JsonNode products = body.path("products");
        if (!products.isArray() || products.isEmpty()) {
            throw BcErrors.v2(400, "The field 'products' must list at least one product.");
        }
        List<LineItem> lines = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            lines.add(line(products.get(i), "products[" + i + "].", ids.nextLineId(), shipTo));
        }

        Charge shipping = Charge.of(Amounts.read(body, "shipping_cost_ex_tax", ""),
                Amounts.read(body, "shipping_cost_inc_tax", ""), taxRate);
        Charge handling = Charge.of(Amounts.read(body, "handling_cost_ex_tax", ""),
                Amounts.read(body, "handling_cost_inc_tax", ""), taxRate);
        Charge wrapping = Charge.of(Amounts.read(body, "wrapping_cost_ex_tax", ""),
                Amounts.read(body, "wrapping_cost_inc_tax", ""), taxRate);
        if (!addresses.isEmpty()) {
            ShippingAddress first = addresses.get(0);
            addresses.set(0, new ShippingAddress(first.id(), first.address(), first.shippingMethod(), shipping, handling));
        }
        BigDecimal discount = Optional.ofNullable(Amounts.read(body, "discount_amount", "")).orElse(BigDecimal.ZERO);
        discount = Amounts.cents(discount);
        BigDecimal subtotal = lines.stream().map(LineItem::totalExTax).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (discount.signum() < 0 || discount.compareTo(subtotal) > 0) {
            throw BcErrors.v2(400, "The field 'discount_amount' must be between 0 and the products' subtotal "
                    + Amounts.str(subtotal) + ".");
        }
        lines = allocateDiscount(lines, discount);

        int statusId = intField(body, "status_id", 1);
        if (!OrderStatuses.exists(statusId)) {
            throw BcErrors.v2(400, "The field 'status_id' must be a known order status id (0 to 14).");
        }
        long customerId = intField(body, "customer_id", 0);
        if (customerId < 0) {
            throw BcErrors.v2(400, "The field 'customer_id' must be 0 (a guest) or a customer id.");
        }
        String paymentMethod = body.path("payment_method").asText("");
        Instant created = Optional.ofNullable(body.get("date_created")).filter(JsonNode::isTextual)
                .map(n -> BcDates.parseFilter(n.asText())).orElse(now);

        SandboxOrder order = new SandboxOrder(orderId, customerId, created, now, statusId, currency, billing, addresses,
                lines, shipping, handling, wrapping, discount, paymentMethod, body.path("customer_message").asText(""),
                body.path("staff_notes").asText(""), body.path("external_source").asText(null), List.of());
        if (paymentMethod.isBlank()) {
            return order;
        }
        Transaction payment = payment(ids.nextTransactionId(), paymentMethod, order.totalIncTax(), now);
        return new SandboxOrder(orderId, customerId, created, now, statusId, currency, billing, addresses, lines,
                shipping, handling, wrapping, discount, paymentMethod, order.customerMessage(), order.staffNotes(),
                order.externalSource(), List.of(payment));
    }

    private LineItem line(JsonNode node, String path, long lineId, long shipTo) {
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
        if (!node.hasNonNull("product_id")) {
            // a custom product: name, quantity and both prices, as the spec requires
            String name = node.path("name").asText("");
            if (name.isBlank() || priceEx == null || priceInc == null) {
                throw BcErrors.v2(400, "A custom product (" + path.substring(0, path.length() - 1)
                        + ") needs 'name', 'quantity', 'price_ex_tax' and 'price_inc_tax'.");
            }
            return new LineItem(lineId, 0, null, shipTo, name, node.path("sku").asText(""), type, quantity,
                    Amounts.four(priceEx), Amounts.four(priceInc.subtract(priceEx)), BigDecimal.ZERO, BigDecimal.ZERO,
                    List.of());
        }
        SandboxCatalog.Item item = catalogItem(node, path);
        String name = node.path("name").asText(item.name());
        BigDecimal ex = priceEx != null ? priceEx
                : priceInc != null ? priceInc.divide(BigDecimal.ONE.add(taxRate), MathContext.DECIMAL64) : item.price();
        ex = Amounts.four(ex);
        BigDecimal unitTax = Amounts.four(priceInc != null ? priceInc.subtract(ex) : ex.multiply(taxRate));
        List<LineItem.SelectedOption> options = new ArrayList<>();
        for (SandboxCatalog.Option o : item.options()) {
            options.add(new LineItem.SelectedOption(lineId * 10 + options.size() + 1, o.optionId(), o.name(), o.value(),
                    o.valueId()));
        }
        return new LineItem(lineId, item.productId(), item.variantId(), shipTo, name, item.sku(), type, quantity, ex,
                unitTax, BigDecimal.ZERO, BigDecimal.ZERO, options);
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

    /**
     * Spreads the discount over the lines in proportion to their ex-tax totals, in whole cents (largest remainder
     * first, so the shares add up to the discount exactly), and taxes what is left of each line.
     */
    private List<LineItem> allocateDiscount(List<LineItem> lines, BigDecimal discount) {
        BigDecimal subtotal = lines.stream().map(LineItem::totalExTax).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal[] shares = new BigDecimal[lines.size()];
        BigDecimal[] floors = new BigDecimal[lines.size()];
        BigDecimal allocated = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            shares[i] = subtotal.signum() == 0 ? BigDecimal.ZERO
                    : discount.multiply(lines.get(i).totalExTax()).divide(subtotal, 10, RoundingMode.HALF_UP);
            floors[i] = shares[i].setScale(2, RoundingMode.FLOOR);
            allocated = allocated.add(floors[i]);
        }
        int extraCents = discount.subtract(allocated).movePointRight(2).intValue();
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byRemainder.add(i);
        }
        byRemainder.sort(Comparator.comparing((Integer i) -> shares[i].subtract(floors[i])).reversed());
        for (int k = 0; k < extraCents; k++) {
            int i = byRemainder.get(k % byRemainder.size());
            floors[i] = floors[i].add(new BigDecimal("0.01"));
        }
        List<LineItem> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            LineItem line = lines.get(i);
            BigDecimal left = line.totalExTax().subtract(floors[i]);
            BigDecimal tax = line.totalExTax().signum() == 0 ? line.totalTax()
                    : line.totalTax().multiply(left).divide(line.totalExTax(), 10, RoundingMode.HALF_UP);
            result.add(line.withDiscount(floors[i], Amounts.cents(tax)));
        }
        return result;
    }

    private Transaction payment(long id, String paymentMethod, BigDecimal amount, Instant now) {
        String name = paymentMethod.toLowerCase(Locale.ROOT);
        String method;
        String gateway;
        if (name.contains("card") || name.contains("test payment")) {
            method = "credit_card";
            gateway = "testgateway";
        } else if (name.contains("cash") || name.contains("cod")) {
            method = "offline";
            gateway = "cod";
        } else if (name.contains("cheque") || name.contains("check")) {
            method = "offline";
            gateway = "cheque";
        } else if (name.contains("bank")) {
            method = "offline";
            gateway = "bankdeposit";
        } else {
            method = "custom";
            gateway = "custom";
        }
        return new Transaction(id, "purchase", method, Amounts.cents(amount), currency, gateway, "sbx-" + id,
                paymentMethod, now);
    }

    private static int intField(JsonNode node, String field, int absent) {
        return intField(node, field, absent, "");
    }

    private static int intField(JsonNode node, String field, int absent, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw BcErrors.v2(400, "The field '" + path + field + "' must be a whole number.");
        }
        return value.intValue();
    }
}
