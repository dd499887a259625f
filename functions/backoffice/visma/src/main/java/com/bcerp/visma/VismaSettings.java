package com.bcerp.visma;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the connector talks to one Visma.net ERP company. The client id and secret are not here: they come
 * from the secret named {@code secretName} (see {@link VismaCredentials}).
 *
 * @param baseUrl            the ERP Service API root, {@code https://integration.visma.net/API} (the sandbox's in tests);
 *                           paths {@code /v1/...} and {@code /v2/...} go under it
 * @param tokenUrl           Visma Connect's token endpoint, {@code https://connect.visma.com/connect/token}
 * @param tenantId           the company's tenant ("Customer TenantID", erp-apis.md §3.4): sent with every token request
 * @param requestTimeout     how long one request may take
 * @param orderType          the sales order type orders are created as
 * @param orderNumbering     how order numbers are chosen (see {@link OrderNumbering})
 * @param orderNumberPrefix  the start of derived order numbers (at most 7 characters; the rest is a hash)
 * @param customerRefAttribute the customer attribute holding the store's customer id ({@code BCID})
 * @param shippingItem       the non-stock item freight is posted as (the order DTO has no freight field)
 * @param vatFreeCategory    the VAT category of the lines of an untaxed order
 * @param vatZone            the VAT zone sent on every order; null: the customer's
 * @param warehouse          the warehouse order lines are taken from; null: the order's default
 * @param warehouses         the warehouses whose stock is read
 * @param roundingItem       the non-stock item that carries the cent Visma's VAT (reckoned once per document) differs
 *                           from the store's (reckoned per line); null: such an order is parked
 * @param roundingTolerance  the largest difference posted on it
 * @param creditItem         the non-stock item credit note lines are posted as (Visma takes only non-stock items on
 *                           credit notes)
 */
public record VismaSettings(URI baseUrl, URI tokenUrl, String tenantId, String secretName, Duration requestTimeout,
        String orderType, OrderNumbering orderNumbering, String orderNumberPrefix, String customerRefAttribute,
        String shippingItem, String vatFreeCategory, String vatZone, String warehouse, List<String> warehouses,
        String roundingItem, BigDecimal roundingTolerance, String creditItem) {

    /**
     * {@code DERIVED}: each order's number is the prefix and a hash of the store's reference, sent with
     * {@code overrideNumberSeries}, so the order is found again by {@code GET /v1/salesorder/{type}/{nbr}} (Visma cannot
     * filter orders by {@code customerRefNo}). {@code SERIES}: Visma numbers orders; the adapter cannot then find an
     * order whose create answer was lost, and core parks such an order for a person.
     */
    public enum OrderNumbering { DERIVED, SERIES }

    /** Order numbers are 15 characters at most (guess: Acumatica's OrderNbr, which Visma.net ERP is built on). */
    static final int ORDER_NUMBER_LENGTH = 15;

    public VismaSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(secretName, "secretName");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(orderType, "orderType");
        Objects.requireNonNull(orderNumbering, "orderNumbering");
        Objects.requireNonNull(orderNumberPrefix, "orderNumberPrefix");
        Objects.requireNonNull(customerRefAttribute, "customerRefAttribute");
        Objects.requireNonNull(shippingItem, "shippingItem");
        Objects.requireNonNull(vatFreeCategory, "vatFreeCategory");
        Objects.requireNonNull(roundingTolerance, "roundingTolerance");
        Objects.requireNonNull(creditItem, "creditItem");
        warehouses = List.copyOf(warehouses);
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must be the company's Visma tenant id");
        }
        if (orderNumberPrefix.length() > 7 || !orderNumberPrefix.matches("[A-Z0-9]*")) {
            throw new IllegalArgumentException("orderNumberPrefix must be at most 7 capital letters or digits, was '"
                    + orderNumberPrefix + "'");
        }
    }

    /**
     * SO orders, derived numbers BC..., attribute BCID, SHIPPING, EXEMPT, the customer's VAT zone, warehouse MAIN,
     * no rounding item (tolerance 0.05), credit item REFUND, 30-second requests: the one place these defaults live.
     */
    public static VismaSettings defaults(URI baseUrl, URI tokenUrl, String tenantId, String secretName) {
        return new VismaSettings(baseUrl, tokenUrl, tenantId, secretName, Duration.ofSeconds(30), "SO",
                OrderNumbering.DERIVED, "BC", "BCID", "SHIPPING", "EXEMPT", null, null, List.of("MAIN"), null,
                new BigDecimal("0.05"), "REFUND");
    }

    public VismaSettings withRequestTimeout(Duration value) {
        return new VismaSettings(baseUrl, tokenUrl, tenantId, secretName, value, orderType, orderNumbering,
                orderNumberPrefix, customerRefAttribute, shippingItem, vatFreeCategory, vatZone, warehouse, warehouses,
                roundingItem, roundingTolerance, creditItem);
    }

    public VismaSettings withOrderNumbering(OrderNumbering value, String prefix) {
        return new VismaSettings(baseUrl, tokenUrl, tenantId, secretName, requestTimeout, orderType, value, prefix,
                customerRefAttribute, shippingItem, vatFreeCategory, vatZone, warehouse, warehouses, roundingItem,
                roundingTolerance, creditItem);
    }

    public VismaSettings withItems(String shipping, String credit) {
        return new VismaSettings(baseUrl, tokenUrl, tenantId, secretName, requestTimeout, orderType, orderNumbering,
                orderNumberPrefix, customerRefAttribute, shipping, vatFreeCategory, vatZone, warehouse, warehouses,
                roundingItem, roundingTolerance, credit);
    }

    public VismaSettings withVat(String freeCategory, String zone) {
        return new VismaSettings(baseUrl, tokenUrl, tenantId, secretName, requestTimeout, orderType, orderNumbering,
                orderNumberPrefix, customerRefAttribute, shippingItem, freeCategory, zone, warehouse, warehouses,
                roundingItem, roundingTolerance, creditItem);
    }

    public VismaSettings withWarehouses(String lineWarehouse, List<String> read) {
        return new VismaSettings(baseUrl, tokenUrl, tenantId, secretName, requestTimeout, orderType, orderNumbering,
                orderNumberPrefix, customerRefAttribute, shippingItem, vatFreeCategory, vatZone, lineWarehouse, read,
                roundingItem, roundingTolerance, creditItem);
    }

    public VismaSettings withRounding(String item, BigDecimal tolerance) {
        return new VismaSettings(baseUrl, tokenUrl, tenantId, secretName, requestTimeout, orderType, orderNumbering,
                orderNumberPrefix, customerRefAttribute, shippingItem, vatFreeCategory, vatZone, warehouse, warehouses,
                item, tolerance, creditItem);
    }

    public VismaSettings withCustomerRefAttribute(String attribute) {
        return new VismaSettings(baseUrl, tokenUrl, tenantId, secretName, requestTimeout, orderType, orderNumbering,
                orderNumberPrefix, attribute, shippingItem, vatFreeCategory, vatZone, warehouse, warehouses,
                roundingItem, roundingTolerance, creditItem);
    }

    /** e.g. {@code https://integration.visma.net/API/v1/salesorder} */
    String url(String pathAndQuery) {
        String root = baseUrl.toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathAndQuery;
    }
}
