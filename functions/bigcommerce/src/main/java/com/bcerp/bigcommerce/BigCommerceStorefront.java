package com.bcerp.bigcommerce;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.port.Storefront;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The connector's view of a BigCommerce store. An order is one call (the order with its consignments, line items
 * and fees); its payment transactions are the second.
 */
public final class BigCommerceStorefront implements Storefront {

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
