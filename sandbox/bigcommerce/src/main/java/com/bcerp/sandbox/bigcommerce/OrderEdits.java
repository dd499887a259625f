package com.bcerp.sandbox.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code products} and {@code fees} of a {@code PUT /v2/orders/{id}}, as BigCommerce applies them: a product with
 * an {@code id} changes that line's quantity (0 removes it, with a bundle's picked products), and its discounts are
 * dropped; one without an {@code id} is added; {@code fees} replace the order's fees (a fee without an id is new).
 * Taxes and totals follow.
 */
final class OrderEdits {

    private static final Set<String> LINE_FIELDS = Set.of("id", "quantity", "product_id");

    private OrderEdits() {}

    static SandboxOrder apply(SandboxOrder order, JsonNode body, OrderFactory factory, OrderFactory.Ids ids, Instant now) {
        OrderFactory.Context context = new OrderFactory.Context(new Pricing(order.taxInclusive()), order.currency(),
                order.exchangeRate(), factory.settings());
        List<LineItem> lines = new ArrayList<>(order.lines());
        JsonNode products = body.path("products");
        if (!products.isMissingNode() && !products.isArray()) {
            throw BcErrors.v2(400, "The field 'products' must be a list.");
        }
        for (int i = 0; i < products.size(); i++) {
            JsonNode p = products.get(i);
            String path = "products[" + i + "].";
            if (!p.hasNonNull("id")) {
                long shipTo = order.shippingAddresses().isEmpty() ? 0 : order.shippingAddresses().get(0).id();
                lines.add(factory.line(p, path, ids.nextLineId(), shipTo, context));
                continue;
            }
            p.fieldNames().forEachRemaining(f -> {
                if (!LINE_FIELDS.contains(f)) {
                    throw BcErrors.v2(400, "The field '" + path + f + "' cannot be changed in this sandbox (a line's "
                            + "quantity can; 0 removes the line).");
                }
            });
            long id = p.get("id").asLong();
            int index = indexOf(lines, id);
            if (index < 0) {
                throw BcErrors.v2(400, "The field '" + path + "id' names no line of this order.");
            }
            int quantity = OrderFactory.intField(p, "quantity", -1, path);
            if (quantity < 0) {
                throw BcErrors.v2(400, "The field '" + path + "quantity' must be a whole number of at least 0.");
            }
            LineItem line = lines.get(index);
            if (quantity < line.quantityRefunded()) {
                throw BcErrors.v2(400, "Line " + id + " has " + line.quantityRefunded() + " units refunded; its quantity"
                        + " cannot go below that.");
            }
            for (int c = 0; c < lines.size(); c++) {
                LineItem child = lines.get(c);
                if (Long.valueOf(id).equals(child.parentLineId())) {
                    int each = child.quantity() / Math.max(1, line.quantity());
                    lines.set(c, child.withQuantity(each * quantity));
                }
            }
            if (quantity == 0) {
                lines.remove(index);
                lines.removeIf(l -> l.quantity() == 0 && Long.valueOf(id).equals(l.parentLineId()));
            } else {
                lines.set(index, context.pricing().taxed(line.withQuantity(quantity)));
            }
        }
        if (lines.isEmpty()) {
            throw BcErrors.v2(400, "An order must keep at least one product.");
        }
        List<Fee> fees = factory.fees(body.path("fees"), order.fees(), context);
        return order.withLines(lines, fees, now);
    }

    private static int indexOf(List<LineItem> lines, long id) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }
}
