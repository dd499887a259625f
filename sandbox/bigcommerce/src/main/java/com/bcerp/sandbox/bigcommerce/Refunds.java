package com.bcerp.sandbox.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refund quotes and refunds ({@code payment_actions/refund_quotes}, {@code payment_actions/refunds}): what each item
 * comes to, checked against what is left to refund. A product refunds its quantity at what the shopper paid per
 * unit (its discounted price with tax) and that share of its tax; shipping, handling and fees refund an amount with
 * their tax in proportion; an order-level amount is tax exempt. The payments of a refund must add up to its total,
 * as the quote said.
 */
final class Refunds {

    /** What a request's items come to. */
    record Quote(BigDecimal total, BigDecimal tax, BigDecimal orderLevel, List<Refund.Item> items) {}

    private Refunds() {}

    static Quote quote(SandboxOrder order, JsonNode body) {
        JsonNode items = body.path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw BcErrors.v3(422, "The refund needs 'items'.", Map.of("items", "at least one item to refund"));
        }
        List<Refund.Item> quoted = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal orderLevel = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String path = "items[" + i + "]";
            String type = item.path("item_type").asText("").toUpperCase(Locale.ROOT);
            long id = item.path("item_id").asLong(-1);
            String reason = item.path("reason").asText(null);
            Refund.Item refunded = switch (type) {
                case "PRODUCT" -> product(order, quoted, item, id, path, reason);
                case "SHIPPING", "HANDLING" -> charge(order, quoted, type, id, amount(item, path), path, reason);
                case "FEE" -> fee(order, quoted, id, amount(item, path), path, reason);
                case "ORDER" -> new Refund.Item(type, id, null, amount(item, path), reason, amount(item, path), BigDecimal.ZERO);
                default -> throw BcErrors.v3(422, "The sandbox does not refund items of type '" + type + "'.",
                        Map.of(path + ".item_type", "PRODUCT, SHIPPING, HANDLING, FEE or ORDER"));
            };
            quoted.add(refunded);
            total = total.add(refunded.amount());
            tax = tax.add(refunded.tax());
            if (type.equals("ORDER")) {
                orderLevel = orderLevel.add(refunded.amount());
            }
        }
        BigDecimal left = Amounts.cents(order.totalIncTax()).subtract(order.refundedAmount());
        if (total.compareTo(left) > 0) {
            throw BcErrors.v3(422, "The refund of " + Amounts.cents(total) + " is more than the " + left
                    + " left to refund on the order.");
        }
        return new Quote(Amounts.cents(total), Amounts.cents(tax), Amounts.cents(orderLevel), quoted);
    }

    /** The refund, once its payments match the quote. */
    static Refund create(SandboxOrder order, JsonNode body, long refundId, long firstPaymentId, Instant now) {
        Quote quote = quote(order, body);
        JsonNode payments = body.path("payments");
        if (!payments.isArray() || payments.isEmpty()) {
            throw BcErrors.v3(422, "The refund needs 'payments'.", Map.of("payments", "how the refund is paid back"));
        }
        List<Refund.Payment> paid = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        long paymentId = firstPaymentId;
        for (int i = 0; i < payments.size(); i++) {
            JsonNode p = payments.get(i);
            BigDecimal amount = Amounts.read(p, "amount", "payments[" + i + "].");
            if (amount == null || amount.signum() <= 0) {
                throw BcErrors.v3(422, "Each refund payment needs a positive 'amount'.");
            }
            sum = sum.add(amount);
            paid.add(new Refund.Payment(paymentId++, p.path("provider_id").asText("custom"), Amounts.cents(amount),
                    p.path("offline").asBoolean(false), false));
        }
        if (Amounts.cents(sum).compareTo(quote.total()) != 0) {
            throw BcErrors.v3(422, "The refund payments total " + Amounts.cents(sum) + " but the refund comes to "
                    + quote.total() + "; take the amounts from a refund quote.");
        }
        return new Refund(refundId, order.id(), now, body.path("reason").asText(""), quote.total(), quote.tax(),
                quote.items(), paid);
    }

    private static Refund.Item product(SandboxOrder order, List<Refund.Item> earlier, JsonNode item, long id, String path,
            String reason) {
        LineItem line = order.line(id).orElseThrow(() -> BcErrors.v3(422, "Order product " + id + " is not on the order.",
                Map.of(path + ".item_id", "an order product id")));
        int quantity = item.path("quantity").asInt(0);
        int pending = earlier.stream().filter(e -> e.itemType().equals("PRODUCT") && e.itemId() == id)
                .mapToInt(Refund.Item::quantity).sum();
        if (quantity < 1 || quantity + pending > line.quantity() - line.quantityRefunded()) {
            throw BcErrors.v3(422, "Order product " + id + " has " + (line.quantity() - line.quantityRefunded() - pending)
                    + " units left to refund.", Map.of(path + ".quantity", "at most what is left to refund"));
        }
        BigDecimal amount = Amounts.cents(line.discountedTotalIncTax(order.taxInclusive())
                .multiply(BigDecimal.valueOf(quantity)).divide(BigDecimal.valueOf(line.quantity()), 10, RoundingMode.HALF_UP));
        BigDecimal tax = Amounts.cents(line.discountedTax().multiply(BigDecimal.valueOf(quantity))
                .divide(BigDecimal.valueOf(line.quantity()), 10, RoundingMode.HALF_UP));
        return new Refund.Item("PRODUCT", id, quantity, null, reason, amount, tax);
    }

    private static Refund.Item charge(SandboxOrder order, List<Refund.Item> earlier, String type, long addressId,
            BigDecimal amount, String path, String reason) {
        ShippingAddress address = order.shippingAddresses().stream().filter(a -> a.id() == addressId).findFirst()
                .orElseThrow(() -> BcErrors.v3(422, "Shipping address " + addressId + " is not on the order.",
                        Map.of(path + ".item_id", "an order address id")));
        Charge charge = type.equals("SHIPPING") ? address.cost() : address.handling();
        return amountOf(order, earlier, type, addressId, charge, amount, path, reason);
    }

    private static Refund.Item fee(SandboxOrder order, List<Refund.Item> earlier, long feeId, BigDecimal amount,
            String path, String reason) {
        Fee fee = order.fees().stream().filter(f -> f.id() == feeId).findFirst().orElseThrow(() -> BcErrors.v3(422,
                "Fee " + feeId + " is not on the order.", Map.of(path + ".item_id", "a fee id")));
        return amountOf(order, earlier, "FEE", feeId, new Charge(fee.exTax(), fee.tax()), amount, path, reason);
    }

    /** An amount of a charge, no more than is left of it, with its tax in proportion. */
    private static Refund.Item amountOf(SandboxOrder order, List<Refund.Item> earlier, String type, long id, Charge charge,
            BigDecimal amount, String path, String reason) {
        BigDecimal refunded = order.refunds().stream().flatMap(r -> r.items().stream())
                .filter(i -> i.itemType().equals(type) && i.itemId() == id).map(Refund.Item::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        refunded = refunded.add(earlier.stream().filter(i -> i.itemType().equals(type) && i.itemId() == id)
                .map(Refund.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal left = Amounts.cents(charge.incTax()).subtract(refunded);
        if (amount.compareTo(left) > 0) {
            throw BcErrors.v3(422, type + " " + id + " has " + left + " left to refund.",
                    Map.of(path + ".amount", "at most what is left to refund"));
        }
        BigDecimal tax = charge.incTax().signum() == 0 ? BigDecimal.ZERO
                : Amounts.cents(amount.multiply(charge.tax()).divide(charge.incTax(), 10, RoundingMode.HALF_UP));
        return new Refund.Item(type, id, null, amount, reason, amount, tax);
    }

    private static BigDecimal amount(JsonNode item, String path) {
        BigDecimal amount = Amounts.read(item, "amount", path + ".");
        if (amount == null || amount.signum() <= 0) {
            throw BcErrors.v3(422, "The item needs a positive 'amount'.", Map.of(path + ".amount", "a positive amount"));
        }
        return Amounts.cents(amount);
    }
}
