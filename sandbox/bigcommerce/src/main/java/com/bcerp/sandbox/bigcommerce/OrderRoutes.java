package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.paging.Page;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Orders V2 (orders, products, shipping addresses, coupons, taxes, fees, shipments), V3 transactions, payment actions (capture,
 * void, refund quotes, refunds) and the sandbox's own checkout ({@code POST /sandbox/checkouts}, the door for orders
 * only a storefront makes: see {@link OrderFactory}).
 */
final class OrderRoutes {

    private static final Set<String> INCLUDES =
            Set.of(OrderJson.INCLUDE_CONSIGNMENTS, OrderJson.INCLUDE_LINE_ITEMS, OrderJson.INCLUDE_FEES);

    private final OrderBook book;
    private final OrderJson json;
    private final StoreSettings settings;

    OrderRoutes(OrderBook book, OrderJson json, StoreSettings settings) {
        this.book = book;
        this.json = json;
        this.settings = settings;
    }

    void register(Endpoints endpoints) {
        endpoints.route("GET", "/v2/orders", this::list)
                .route("POST", "/v2/orders", this::create)
                .route("GET", "/v2/orders/{order_id}", this::get)
                .route("PUT", "/v2/orders/{order_id}", this::update)
                .route("GET", "/v2/orders/{order_id}/products", r -> page(r, o -> o.lines().stream()
                        .map(l -> json.line(o, l)).toList()))
                .route("GET", "/v2/orders/{order_id}/shipping_addresses", r -> page(r, o -> o.shippingAddresses()
                        .stream().map(s -> json.shippingAddress(o, s)).toList()))
                .route("GET", "/v2/orders/{order_id}/coupons", r -> page(r, o -> o.coupons().stream()
                        .map(c -> json.coupon(o, c)).toList()))
                .route("GET", "/v2/orders/{order_id}/taxes", r -> page(r, o -> json.taxes(o, settings)))
                .route("GET", "/v2/orders/{order_id}/fees", r -> page(r, o -> o.fees().stream().map(json::fee).toList()))
                .route("GET", "/v2/orders/{order_id}/shipments", r -> page(r, o -> o.shipments().stream()
                        .map(s -> json.shipment(o, s)).toList()))
                .route("POST", "/v2/orders/{order_id}/shipments", this::ship)
                .route("GET", "/v2/orders/{order_id}/shipments/count", this::shipmentCount)
                .route("GET", "/v2/orders/{order_id}/shipments/{shipment_id}", this::shipment)
                .route("DELETE", "/v2/orders/{order_id}/shipments/{shipment_id}", this::deleteShipment)
                .route("GET", "/v3/orders/{order_id}/transactions", this::transactions)
                .route("POST", "/v3/orders/{order_id}/payment_actions/capture", r -> paymentAction(r, true))
                .route("POST", "/v3/orders/{order_id}/payment_actions/void", r -> paymentAction(r, false))
                .route("POST", "/v3/orders/{order_id}/payment_actions/refund_quotes", this::quote)
                .route("POST", "/v3/orders/{order_id}/payment_actions/refunds", this::refund)
                .route("GET", "/v3/orders/{order_id}/payment_actions/refunds", this::refunds)
                .route("POST", "/sandbox/checkouts", this::checkout);
    }

    private HttpResponse list(HttpRequest r) {
        Set<String> include = include(r);
        List<SandboxOrder> orders = book.query(OrderQuery.from(r));
        if (orders.isEmpty()) {
            return HttpResponse.empty(204);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        orders.forEach(o -> out.add(json.order(o, include)));
        return HttpResponse.json(200, out);
    }

    /** BigCommerce answers 201 Created (the spec says 200; see the conformance tests). */
    private HttpResponse create(HttpRequest r) {
        Set<String> include = include(r);
        return HttpResponse.json(201, json.order(book.create(r.json(), false), include));
    }

    /** The sandbox's checkout: answers as {@code POST /v2/orders} does, with the order's line items. */
    private HttpResponse checkout(HttpRequest r) {
        return HttpResponse.json(201, json.order(book.create(r.json(), true),
                Set.of(OrderJson.INCLUDE_LINE_ITEMS, OrderJson.INCLUDE_FEES)));
    }

    private HttpResponse ship(HttpRequest r) {
        long id = orderId(r);
        Shipment shipment = book.ship(id, r.json());
        return HttpResponse.json(201, json.shipment(book.get(id).orElseThrow(), shipment));
    }

    private HttpResponse shipmentCount(HttpRequest r) {
        return HttpResponse.json(200, Json.MAPPER.createObjectNode().put("count", order(r).shipments().size()));
    }

    private HttpResponse shipment(HttpRequest r) {
        SandboxOrder order = order(r);
        return order.shipments().stream().filter(s -> Long.toString(s.id()).equals(r.pathParam("shipment_id")))
                .findFirst().map(s -> HttpResponse.json(200, json.shipment(order, s))).orElseThrow(OrderRoutes::notFound);
    }

    private HttpResponse deleteShipment(HttpRequest r) {
        long shipmentId;
        try {
            shipmentId = Long.parseLong(r.pathParam("shipment_id"));
        } catch (NumberFormatException e) {
            throw notFound();
        }
        if (!book.deleteShipment(orderId(r), shipmentId)) {
            throw notFound();
        }
        return HttpResponse.empty(204);
    }

    /** Capture and void answer 201 with an empty object (the payment request runs in the background). */
    private HttpResponse paymentAction(HttpRequest r, boolean capture) {
        book.paymentAction(v3OrderId(r), capture);
        return HttpResponse.json(201, Json.MAPPER.createObjectNode());
    }

    private HttpResponse quote(HttpRequest r) {
        long id = v3OrderId(r);
        Refunds.Quote quote = book.quote(id, r.json());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("data", json.quote(book.get(id).orElseThrow(), quote));
        out.putObject("meta");
        return HttpResponse.json(201, out);
    }

    private HttpResponse refund(HttpRequest r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("data", json.refund(book.refund(v3OrderId(r), r.json())));
        out.putObject("meta");
        return HttpResponse.json(201, out);
    }

    private HttpResponse refunds(HttpRequest r) {
        SandboxOrder order = book.get(v3OrderId(r)).orElseThrow(() -> BcErrors.v3(404, "Order not found"));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode data = out.putArray("data");
        order.refunds().forEach(refund -> data.add(json.refund(refund)));
        out.putObject("meta");
        return HttpResponse.json(200, out);
    }

    private static long v3OrderId(HttpRequest r) {
        try {
            return Long.parseLong(r.pathParam("order_id"));
        } catch (NumberFormatException e) {
            throw BcErrors.v3(404, "Order not found");
        }
    }

    private HttpResponse get(HttpRequest r) {
        return HttpResponse.json(200, json.order(order(r), include(r)));
    }

    private HttpResponse update(HttpRequest r) {
        SandboxOrder updated = book.update(orderId(r), r.json()).orElseThrow(OrderRoutes::notFound);
        return HttpResponse.json(200, json.order(updated, Set.of()));
    }

    /** V2 sub-collections: {@code page} and {@code limit}, 204 when the page is empty. */
    private HttpResponse page(HttpRequest r, Function<SandboxOrder, List<ObjectNode>> items) {
        SandboxOrder order = order(r);
        Page page = Page.from(r, "page", "limit", OrderQuery.DEFAULT_LIMIT, OrderQuery.MAX_LIMIT, (name, value) ->
                BcErrors.v2(400, "The query parameter '" + name + "' must be a whole number."));
        List<ObjectNode> slice = page.of(items.apply(order));
        if (slice.isEmpty()) {
            return HttpResponse.empty(204);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        slice.forEach(out::add);
        return HttpResponse.json(200, out);
    }

    private HttpResponse transactions(HttpRequest r) {
        SandboxOrder order = book.get(orderId(r)).orElseThrow(() -> BcErrors.v3(404, "Order not found"));
        if (order.transactions().isEmpty()) {
            return HttpResponse.empty(204);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode data = out.putArray("data");
        order.transactions().forEach(t -> data.add(json.transaction(order, t)));
        int n = order.transactions().size();
        out.putObject("meta").putObject("pagination").put("total", n).put("count", n).put("per_page", 50)
                .put("current_page", 1).put("total_pages", 1).putObject("links").put("current", "?page=1&limit=50");
        return HttpResponse.json(200, out);
    }

    private SandboxOrder order(HttpRequest r) {
        return book.get(orderId(r)).orElseThrow(OrderRoutes::notFound);
    }

    private static long orderId(HttpRequest r) {
        try {
            return Long.parseLong(r.pathParam("order_id"));
        } catch (NumberFormatException e) {
            throw notFound();
        }
    }

    private static com.bcerp.sandbox.http.HttpError notFound() {
        return BcErrors.v2(404, "The requested resource was not found.");
    }

    /** {@code include=consignments.line_items,fees}; the object consignment structure is the only one served. */
    private static Set<String> include(HttpRequest r) {
        Set<String> include = r.queryParam("include").map(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet())).orElse(Set.of());
        for (String value : include) {
            if (!INCLUDES.contains(value)) {
                throw BcErrors.v2(400, "The include '" + value + "' is not valid: use consignments, "
                        + "consignments.line_items or fees.");
            }
        }
        return include;
    }
}
