package com.bcerp.bigcommerce;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.OrderChange;
import com.bcerp.core.model.StoreOrder;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The connector's view of a BigCommerce store. An order is one call (the order with its consignments, line items
 * and fees); its payment transactions are the second. The catch-up poll reads the order list by modification time.
 */
public final class BigCommerceStorefront implements Storefront, OrderChangeFeed {

    /** The V2 API's own date form, as its answers write dates; its filters also take it. */
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Everything the order import needs, in one response. */
    static final String ORDER_INCLUDES = "?include=consignments.line_items,fees&consignment_structure=object";

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

    /**
     * The order's payment transactions, oldest first; empty when it has none (or there is no such order). The
     * endpoint takes no paging parameters; an order's transactions fit in its one answer.
     */
    public List<StoreTransaction> transactions(long orderId) {
        ApiResponse response = BigCommerceClient.expect(client.get("/v3/orders/" + orderId + "/transactions"),
                "get transactions of order " + orderId, Set.of(200, 204, 404));
        List<StoreTransaction> all = new ArrayList<>();
        if (response.status() == 200) {
            for (JsonNode t : response.json().path("data")) {
                all.add(transaction(orderId, t));
            }
        }
        return all;
    }

    private static StoreTransaction transaction(long orderId, JsonNode t) {
        String record = "transaction " + t.path("id").asText("?") + " of order " + orderId;
        JsonNode amount = t.path("amount");
        String currency = t.path("currency").asText("");
        if (!amount.isNumber() || !currency.matches("[A-Z]{3}")) {
            throw new PermanentFailure(amount.isNumber() ? "currency" : "amount",
                    record + ": amount and currency must be a number and an ISO 4217 code");
        }
        Instant created = null;
        if (t.hasNonNull("date_created")) {
            try {
                created = OffsetDateTime.parse(t.get("date_created").asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new PermanentFailure("date_created", record + ": date_created is not an ISO-8601 date");
            }
        }
        BigDecimal value = amount.decimalValue();
        return new StoreTransaction(t.path("id").asLong(), orderId, t.path("event").asText(), t.path("method").asText(),
                new Money(value, currency), t.path("gateway").asText(), t.path("gateway_transaction_id").asText(""),
                t.path("payment_method_id").asText(""), t.path("status").asText(), t.path("test").asBoolean(false),
                created);
    }
}
