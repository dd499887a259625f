package com.bcerp.bigcommerce;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.AppliedDiscount;
import com.bcerp.core.model.Buyer;
import com.bcerp.core.model.LineOption;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderFee;
import com.bcerp.core.model.PaymentStatus;
import com.bcerp.core.model.OrderLine;
import com.bcerp.core.model.ShippingDestination;
import com.bcerp.core.model.StoreOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A V2 order fetched with {@code include=consignments.line_items,fees&consignment_structure=object} to core's
 * {@link StoreOrder}. The lines come from every consignment (shipping, pickups, downloads, email gift
 * certificates), so one call carries the whole order. A field that is missing or malformed is a
 * {@link PermanentFailure} naming the order and the field.
 */
final class OrderMapper {

    private final String storeHash;

    OrderMapper(String storeHash) {
        this.storeHash = storeHash;
    }

    StoreOrder map(JsonNode o) {
        long id = o.path("id").asLong(-1);
        Fields f = new Fields("order " + (id < 0 ? "?" : id));
        if (id < 0) {
            throw f.missing("id");
        }
        String currency = currency(o, f);
        JsonNode billingNode = f.object(o, "billing_address");
        Address billing = address(billingNode);
        Buyer buyer = new Buyer(o.path("customer_id").asLong(0), text(billingNode, "email"),
                text(billingNode, "first_name"), text(billingNode, "last_name"), text(billingNode, "company"),
                text(billingNode, "phone"));

        JsonNode consignments = o.path("consignments");
        if (!consignments.isObject() || !consignments.has("shipping")) {
            throw new PermanentFailure("consignments", f.record + ": the order came without its consignments; it must"
                    + " be fetched with include=consignments.line_items&consignment_structure=object");
        }
        List<ShippingDestination> shipping = new ArrayList<>();
        Map<Long, OrderLine> lines = new LinkedHashMap<>();
        JsonNode shippingNodes = consignments.path("shipping");
        for (int i = 0; i < shippingNodes.size(); i++) {
            JsonNode s = shippingNodes.get(i);
            String path = "consignments.shipping[" + i + "].";
            shipping.add(new ShippingDestination(s.path("id").asLong(), address(s), text(s, "shipping_method"),
                    f.money(s, "cost_ex_tax", path, currency), f.money(s, "cost_tax", path, currency)));
            addLines(lines, s.path("line_items"), path, f, currency);
        }
        JsonNode pickups = consignments.path("pickups");
        for (int i = 0; i < pickups.size(); i++) {
            // the pickup's store location is where its goods go from (a warehouse per location picks them there)
            long location = pickups.get(i).path("location").path("id").asLong(0);
            addLines(lines, pickups.get(i).path("line_items"), "consignments.pickups[" + i + "].", f, currency,
                    location == 0 ? null : location);
        }
        JsonNode downloads = consignments.path("downloads");
        for (int i = 0; i < downloads.size(); i++) {
            addLines(lines, downloads.get(i).path("line_items"), "consignments.downloads[" + i + "].", f, currency);
        }
        JsonNode giftCertificates = consignments.path("email").path("gift_certificates");
        for (int i = 0; i < giftCertificates.size(); i++) {
            addLines(lines, giftCertificates.get(i).path("line_items"),
                    "consignments.email.gift_certificates[" + i + "].", f, currency);
        }
        List<OrderLine> ordered = lines.values().stream().sorted(Comparator.comparingLong(OrderLine::id)).toList();
        Money discounts = ordered.stream().map(OrderLine::discountTotal).reduce(Money.zero(currency), Money::plus);
        String storeCurrency = text(o, "store_default_currency_code");

        return new StoreOrder(
                storeHash,
                id,
                o.path("status_id").asInt(),
                text(o, "status"),
                f.date(o, "date_created"),
                f.date(o, "date_modified"),
                o.path("channel_id").asInt(1),
                currency,
                storeCurrency.matches("[A-Z]{3}") ? storeCurrency : currency,
                f.decimalOrNull(o, "store_default_to_transactional_exchange_rate"),
                o.path("is_tax_inclusive_pricing").asBoolean(false),
                buyer,
                billing,
                shipping,
                ordered,
                fees(o.path("fees"), f, currency),
                f.money(o, "subtotal_ex_tax", "", currency),
                f.money(o, "shipping_cost_ex_tax", "", currency),
                f.money(o, "shipping_cost_tax", "", currency),
                f.moneyOrZero(o, "handling_cost_ex_tax", currency),
                f.moneyOrZero(o, "handling_cost_tax", currency),
                f.moneyOrZero(o, "wrapping_cost_ex_tax", currency),
                f.moneyOrZero(o, "wrapping_cost_tax", currency),
                discounts,
                f.money(o, "total_ex_tax", "", currency),
                f.money(o, "total_tax", "", currency),
                f.money(o, "total_inc_tax", "", currency),
                f.moneyOrZero(o, "gift_certificate_amount", currency),
                f.moneyOrZero(o, "store_credit_amount", currency),
                text(o, "payment_method"),
                text(o, "customer_message"),
                paymentStatus(text(o, "payment_status")));
    }

    /** BigCommerce's {@code payment_status}: a capture is asynchronous ("capture pending" until the provider answers). */
    private static PaymentStatus paymentStatus(String bigCommerceStatus) {
        return switch (bigCommerceStatus == null ? "" : bigCommerceStatus) {
            case "capture pending" -> PaymentStatus.CAPTURE_PENDING;
            case "declined" -> PaymentStatus.DECLINED;
            default -> PaymentStatus.SETTLED;
        };
    }

    /**
     * The order's custom fees ({@code include=fees}). The spec's own example spells the ex-tax cost both
     * {@code cost_ex_tax} and {@code cost_exc_tax}; either is read, and the tax is {@code cost_tax}, else the
     * difference to {@code cost_inc_tax}.
     */
    private static List<OrderFee> fees(JsonNode fees, Fields f, String currency) {
        List<OrderFee> result = new ArrayList<>();
        if (!fees.isArray()) {
            return result;
        }
        for (int i = 0; i < fees.size(); i++) {
            JsonNode fee = fees.get(i);
            String path = "fees[" + i + "].";
            String exField = fee.hasNonNull("cost_ex_tax") ? "cost_ex_tax" : "cost_exc_tax";
            Money ex = f.money(fee, exField, path, currency);
            Money tax = fee.hasNonNull("cost_tax") ? f.money(fee, "cost_tax", path, currency)
                    : f.money(fee, "cost_inc_tax", path, currency).minus(ex);
            String name = text(fee, "display_name_merchant");
            result.add(new OrderFee(fee.path("id").asLong(), name.isEmpty() ? text(fee, "display_name_customer") : name,
                    ex, tax, fee.hasNonNull("tax_class_id") ? fee.get("tax_class_id").asInt() : null));
        }
        return result;
    }

    private void addLines(Map<Long, OrderLine> lines, JsonNode items, String path, Fields f, String currency) {
        addLines(lines, items, path, f, currency, null);
    }

    private void addLines(Map<Long, OrderLine> lines, JsonNode items, String path, Fields f, String currency,
            Long location) {
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String itemPath = path + "line_items[" + i + "].";
            if (!item.has("quantity")) {
                throw new PermanentFailure(itemPath + "quantity", f.record + ": the consignment lists its line items"
                        + " as links only; the order must be fetched with include=consignments.line_items");
            }
            OrderLine line = line(item, itemPath, f, currency, location);
            lines.putIfAbsent(line.id(), line);
        }
    }

    private OrderLine line(JsonNode l, String path, Fields f, String currency, Long location) {
        List<AppliedDiscount> discounts = new ArrayList<>();
        JsonNode applied = l.path("applied_discounts");
        for (int i = 0; i < applied.size(); i++) {
            JsonNode d = applied.get(i);
            discounts.add(new AppliedDiscount(text(d, "id"), text(d, "name"), nullableText(d, "code"),
                    f.money(d, "amount", path + "applied_discounts[" + i + "].", currency), text(d, "target")));
        }
        List<LineOption> options = new ArrayList<>();
        for (JsonNode option : l.path("product_options")) {
            String name = text(option, "display_name");
            options.add(new LineOption(name.isEmpty() ? text(option, "name") : name, text(option, "display_value")));
        }
        long variantId = l.path("variant_id").asLong(0);
        long parent = l.path("parent_order_product_id").asLong(0);
        long address = l.path("order_address_id").asLong(0);
        return new OrderLine(
                l.path("id").asLong(),
                l.path("product_id").asLong(0),
                variantId == 0 ? null : variantId,
                nullableText(l, "sku"),
                text(l, "name"),
                text(l, "type"),
                f.decimal(l, "quantity", path),
                f.money(l, "price_ex_tax", path, currency),
                f.money(l, "price_inc_tax", path, currency),
                f.money(l, "total_ex_tax", path, currency),
                f.money(l, "total_tax", path, currency),
                discounts,
                options,
                parent == 0 ? null : parent,
                address == 0 ? null : address,
                location);
    }

    /** The currency the shopper paid in: the transactional ({@code default_}) currency, else the display one. */
    private static String currency(JsonNode o, Fields f) {
        String code = text(o, "default_currency_code");
        if (code.isEmpty()) {
            code = text(o, "currency_code");
        }
        if (!code.matches("[A-Z]{3}")) {
            throw new PermanentFailure("default_currency_code", f.record + ": no ISO 4217 currency code on the order");
        }
        return code;
    }

    private static Address address(JsonNode a) {
        return new Address(text(a, "first_name"), text(a, "last_name"), text(a, "company"), text(a, "street_1"),
                text(a, "street_2"), text(a, "city"), text(a, "state"), text(a, "zip"), text(a, "country_iso2"),
                text(a, "phone"), text(a, "email"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() || value.isContainerNode() ? "" : value.asText();
    }

    private static String nullableText(JsonNode node, String field) {
        String value = text(node, field);
        return value.isEmpty() ? null : value;
    }

    /** Reads typed fields of one order, naming the order and the field when one is missing or malformed. */
    private record Fields(String record) {

        private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

        /** V2 writes amounts as strings ("12.5000"); consignments and V3 as numbers. */
        Money money(JsonNode node, String field, String path, String currency) {
            return new Money(decimal(node, field, path), currency);
        }

        BigDecimal decimalOrNull(JsonNode node, String field) {
            return node.hasNonNull(field) && !text(node, field).isEmpty() ? decimal(node, field, "") : null;
        }

        Money moneyOrZero(JsonNode node, String field, String currency) {
            return node.hasNonNull(field) ? money(node, field, "", currency) : Money.zero(currency);
        }

        BigDecimal decimal(JsonNode node, String field, String path) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw missing(path + field);
            }
            try {
                if (value.isNumber()) {
                    return value.decimalValue();
                }
                if (value.isTextual()) {
                    return new BigDecimal(value.asText().trim());
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new PermanentFailure(path + field, record + ": " + path + field + " is not a number");
        }

        Instant date(JsonNode node, String field) {
            String value = text(node, field);
            if (value.isEmpty()) {
                throw missing(field);
            }
            try {
                return ZonedDateTime.parse(value, RFC_2822).toInstant();
            } catch (DateTimeParseException e) {
                throw new PermanentFailure(field, record + ": " + field + " is not an RFC-2822 date");
            }
        }

        JsonNode object(JsonNode node, String field) {
            JsonNode value = node.path(field);
            if (!value.isObject()) {
                throw missing(field);
            }
            return value;
        }

        PermanentFailure missing(String field) {
            return new PermanentFailure(field, record + ": " + field + " is missing");
        }
    }
}
