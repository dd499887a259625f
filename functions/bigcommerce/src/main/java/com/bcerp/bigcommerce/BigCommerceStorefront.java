package com.bcerp.bigcommerce;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderChange;
import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.model.StoreCustomer;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.port.OrderChangeFeed;
import com.bcerp.core.port.Storefront;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The connector's view of a BigCommerce store. An order is one call (the order with its consignments, line items
 * and fees); its payment transactions, refunds and per-class taxes are one call each, made only when a flow needs
 * them. The catch-up poll reads the order list by modification time.
 */
public final class BigCommerceStorefront implements Storefront, OrderChangeFeed {

    /** The V2 API's own date form, as its answers write dates; its filters also take it. */
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Everything the order import needs, in one response. */
    static final String ORDER_INCLUDES = "?include=consignments.line_items,fees&consignment_structure=object";
    /** The most taxes one page of {@code /taxes} may hold (the orders spec's largest page). */
    private static final int TAX_PAGE = 250;

    private final BigCommerceClient client;
    private final OrderMapper mapper;

    public BigCommerceStorefront(BigCommerceClient client) {
        this.client = client;
        this.mapper = new OrderMapper(client.settings().storeHash());
    }

    public static BigCommerceStorefront create(BigCommerceSettings settings) {
        return new BigCommerceStorefront(BigCommerceClient.create(settings));
    }

    @Override
    public Optional<StoreOrder> order(long orderId) {
        ApiResponse response = BigCommerceClient.expect(client.get("/v2/orders/" + orderId + ORDER_INCLUDES),
                "get order " + orderId, Set.of(200, 404));
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(mapper.map(response.json()));
    }

    @Override
    public List<OrderChange> ordersModifiedSince(Instant since, int page, int limit) {
        String query = "/v2/orders?min_date_modified=" + URLEncoder.encode(RFC_2822.format(since), StandardCharsets.UTF_8)
                + "&sort=date_modified:asc&page=" + page + "&limit=" + limit;
        ApiResponse response = BigCommerceClient.expect(client.get(query), "list orders modified since " + since,
                Set.of(200, 204));
        List<OrderChange> changes = new ArrayList<>();
        if (response.status() == 200) {
            for (JsonNode o : response.json()) {
                changes.add(change(o));
            }
        }
        return changes;
    }

    private static OrderChange change(JsonNode o) {
        String record = "order " + o.path("id").asText("?") + " in the order list";
        if (!o.path("id").canConvertToLong() || !o.path("status_id").canConvertToInt()) {
            throw new PermanentFailure("id", record + ": id and status_id must be whole numbers");
        }
        try {
            return new OrderChange(o.path("id").asLong(), o.path("status_id").asInt(),
                    ZonedDateTime.parse(o.path("date_modified").asText(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw new PermanentFailure("date_modified", record + ": date_modified is not an RFC-2822 date");
        }
    }

    /** {@code GET /v3/customers?id:in={id}&include=addresses}: one call, the customer with its address book. */
    @Override
    public Optional<StoreCustomer> customer(long customerId) {
        ApiResponse response = BigCommerceClient.expect(client.get("/v3/customers?id:in=" + customerId
                + "&include=addresses"), "get customer " + customerId, Set.of(200));
        JsonNode found = response.json().path("data");
        return found.isEmpty() ? Optional.empty() : Optional.of(customer(found.get(0)));
    }

    private static StoreCustomer customer(JsonNode c) {
        String record = "customer " + c.path("id").asText("?");
        List<JsonNode> book = new ArrayList<>();
        c.path("addresses").forEach(book::add);
        book.sort(Comparator.comparingLong(a -> a.path("id").asLong()));
        List<Address> addresses = book.stream().map(a -> new Address(nonEmpty(a, "first_name"),
                nonEmpty(a, "last_name"), nonEmpty(a, "company"), nonEmpty(a, "address1"), nonEmpty(a, "address2"),
                nonEmpty(a, "city"), nonEmpty(a, "state_or_province"), nonEmpty(a, "postal_code"),
                nonEmpty(a, "country_code"), nonEmpty(a, "phone"), null)).toList();
        Instant modified = null;
        if (c.hasNonNull("date_modified")) {
            try {
                modified = OffsetDateTime.parse(c.get("date_modified").asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new PermanentFailure("date_modified", record + ": date_modified '"
                        + c.get("date_modified").asText() + "' is not an ISO 8601 date");
            }
        }
        return new StoreCustomer(c.path("id").asLong(), nonEmpty(c, "email"), nonEmpty(c, "first_name"),
                nonEmpty(c, "last_name"), nonEmpty(c, "company"), nonEmpty(c, "phone"),
                c.path("customer_group_id").asLong(0), modified, addresses);
    }

    private static String nonEmpty(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** {@code GET /v2/orders/{id}/taxes?details=true}, every page (204 ends the list). */
    @Override
    public List<StoreTax> taxes(StoreOrder order) {
        long orderId = order.id();
        List<StoreTax> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            ApiResponse response = BigCommerceClient.expect(client.get("/v2/orders/" + orderId + "/taxes?details=true&page="
                    + page + "&limit=" + TAX_PAGE), "get taxes of order " + orderId, Set.of(200, 204, 404));
            if (response.status() != 200) {
                return all;
            }
            JsonNode taxes = response.json();
            for (int i = 0; i < taxes.size(); i++) {
                all.add(tax(order, taxes.get(i), "taxes[" + ((page - 1) * TAX_PAGE + i) + "]"));
            }
            if (taxes.size() < TAX_PAGE) {
                return all;
            }
        }
    }

    /**
     * The order's payment transactions, oldest first; empty when it has none (or there is no such order). The
     * endpoint takes no paging parameters; an order's transactions fit in its one answer.
     */
    @Override
    public List<PaymentTransaction> transactions(long orderId) {
        ApiResponse response = BigCommerceClient.expect(client.get("/v3/orders/" + orderId + "/transactions"),
                "get transactions of order " + orderId, Set.of(200, 204, 404));
        List<PaymentTransaction> all = new ArrayList<>();
        if (response.status() == 200) {
            for (JsonNode t : response.json().path("data")) {
                all.add(transaction(orderId, t));
            }
        }
        return all;
    }

    /** {@code GET /v3/orders/{id}/payment_actions/refunds}: the order's refunds, by id ascending. */
    @Override
    public List<StoreRefund> refunds(StoreOrder order) {
        ApiResponse response = BigCommerceClient.expect(client.get("/v3/orders/" + order.id()
                + "/payment_actions/refunds"), "get refunds of order " + order.id(), Set.of(200, 204, 404));
        List<StoreRefund> all = new ArrayList<>();
        if (response.status() == 200) {
            for (JsonNode r : response.json().path("data")) {
                // a refund is in its order's currency; the refund object does not repeat it
                all.add(refund(order.id(), r, order.currency()));
            }
        }
        return all;
    }

    private static StoreTax tax(StoreOrder order, JsonNode t, String path) {
        String record = order.describe() + " " + path;
        BigDecimal amount = decimal(t, "line_amount", record);
        if (amount == null) {
            amount = decimal(t, "priority_amount", record);
        }
        if (amount == null) {
            throw new PermanentFailure(path + ".line_amount", record + ": the tax has no amount");
        }
        Long line = longOrNull(t, "order_product_id");
        Long address = longOrNull(t, "order_address_id");
        return new StoreTax(t.path("id").asLong(), t.hasNonNull("tax_class_id") ? t.get("tax_class_id").asInt() : null,
                t.path("class").asText(null), t.path("name").asText(null), decimal(t, "rate", record),
                new Money(amount, order.currency()), t.path("line_item_type").asText("item"),
                line, address);
    }

    private static PaymentTransaction transaction(long orderId, JsonNode t) {
        String record = "transaction " + t.path("id").asText("?") + " of order " + orderId;
        JsonNode amount = t.path("amount");
        String currency = t.path("currency").asText("");
        if (!amount.isNumber() || !currency.matches("[A-Z]{3}")) {
            throw new PermanentFailure(amount.isNumber() ? "currency" : "amount",
                    record + ": amount and currency must be a number and an ISO 4217 code");
        }
        JsonNode reference = t.path("reference_transaction_id");
        return new PaymentTransaction(t.path("id").asLong(), orderId, t.path("event").asText(), t.path("method").asText(),
                new Money(amount.decimalValue(), currency), t.path("gateway").asText(), t.path("gateway_transaction_id").asText(""),
                t.path("payment_method_id").asText(""), t.path("status").asText(), t.path("test").asBoolean(false),
                instant(t, "date_created", record), reference.canConvertToLong() && reference.isIntegralNumber()
                        ? reference.asLong() : null);
    }

    private static StoreRefund refund(long orderId, JsonNode r, String currency) {
        String record = "refund " + r.path("id").asText("?") + " of order " + orderId;
        List<StoreRefund.Item> items = new ArrayList<>();
        JsonNode itemNodes = r.path("items");
        for (int i = 0; i < itemNodes.size(); i++) {
            JsonNode item = itemNodes.get(i);
            String type = item.path("item_type").asText("");
            StoreRefund.ItemType itemType;
            try {
                itemType = StoreRefund.ItemType.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PermanentFailure("items[" + i + "].item_type", record + ": item type '" + type + "' is unknown");
            }
            BigDecimal requested = decimal(item, "requested_amount", record);
            items.add(new StoreRefund.Item(itemType, item.path("item_id").asLong(),
                    item.hasNonNull("quantity") ? item.get("quantity").decimalValue() : null,
                    requested == null ? null : new Money(requested, currency), item.path("reason").asText(null)));
        }
        List<StoreRefund.Payment> payments = new ArrayList<>();
        for (JsonNode p : r.path("payments")) {
            BigDecimal amount = decimal(p, "amount", record);
            payments.add(new StoreRefund.Payment(p.path("provider_id").asText(), new Money(amount == null ? BigDecimal.ZERO
                    : amount, currency), p.path("offline").asBoolean(false), p.path("is_declined").asBoolean(false)));
        }
        BigDecimal total = decimal(r, "total_amount", record);
        if (total == null) {
            throw new PermanentFailure("total_amount", record + ": total_amount is missing");
        }
        BigDecimal tax = decimal(r, "total_tax", record);
        return new StoreRefund(r.path("id").asLong(), orderId, instant(r, "created", record), r.path("reason").asText(null),
                new Money(total, currency), new Money(tax == null ? BigDecimal.ZERO : tax, currency), items, payments);
    }

    /** A number the API writes as a number or a numeric string; null when absent. */
    private static BigDecimal decimal(JsonNode node, String field, String record) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual() && !value.asText().isBlank()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new PermanentFailure(field, record + ": " + field + " is not a number");
            }
        }
        return null;
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber()) {
            return value.asLong() == 0 ? null : value.asLong();
        }
        if (value.isTextual() && value.asText().matches("\\d+")) {
            long v = Long.parseLong(value.asText());
            return v == 0 ? null : v;
        }
        return null;
    }

    private static Instant instant(JsonNode node, String field, String record) {
        if (!node.hasNonNull(field) || node.get(field).asText().isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.get(field).asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new PermanentFailure(field, record + ": " + field + " is not an ISO-8601 date");
        }
    }
}
