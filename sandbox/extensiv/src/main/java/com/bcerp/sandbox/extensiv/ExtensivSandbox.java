package com.bcerp.sandbox.extensiv;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.calls.CallLog;
import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.http.Router;
import com.bcerp.sandbox.paging.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Extensiv 3PL Warehouse Manager ({@code https://secure-wms.com}) over real HTTP, in the JVM: the token
 * service at {@code POST /AuthServer/api/Token}, bearer tokens on the API, HAL+JSON answers, and each customer's items
 * at {@code GET /customers/{id}/items}, orders ({@code POST /orders}, {@code GET /orders}, {@code GET /orders/{id}},
 * {@code POST /orders/{id}/canceler}, {@code GET /orders/{id}/packages}) and stock summaries
 * ({@code GET /inventory/stocksummaries}); the warehouse's own work (receipts, adjustments, allocate, pick, pack,
 * confirm) through seeding methods. There is no OpenAPI file; every shape comes from erp-apis.md section 4 and 10.3,
 * and each guess is named where it is made (see also README.md).
 *
 * <p>Known simplifications: one 3PL, one API user; customers, facilities and items are set up by {@link Settings}
 * and the seeding methods, not over the API.
 */
public final class ExtensivSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExtensivSandbox.class);

    private static final Pattern NUMBER_SEGMENT = Pattern.compile("/\\d+(?=/|$)");

    /** A warehouse (Extensiv: facility). */
    public record Facility(int id, String name) {}

    /**
     * How the sandbox is set up.
     *
     * @param port           0 picks a free port
     * @param tokenLifetime  how long an access token works (Extensiv: 3600 s, "typically between 30 and 60 minutes")
     * @param userLogin      the API user's login name ({@code user_login})
     * @param userLoginId    the same user's id ({@code user_login_id})
     * @param tpl            the 3PL's key GUID, checked when a token request sends {@code tpl}
     * @param customerId     the merchant's customer id (its items are the shared catalogue's back-office SKUs)
     * @param otherCustomerId a second customer of the warehouse, with SKUs of its own ({@link #OTHER_SKUS})
     */
    public record Settings(int port, Duration tokenLifetime, String clientId, String clientSecret, String userLogin,
            int userLoginId, String tpl, int customerId, String customerName, int otherCustomerId,
            List<Facility> facilities) {

        public static Settings defaults() {
            return new Settings(0, Duration.ofSeconds(3600), "3b2f6c1e-sandbox-client", "sandbox-client-secret",
                    "sandbox-api-user", 4242, "{7C1A9B3E-2D4F-4E8A-9B21-0F6E5D4C3B2A}", 12, "Sandbox Merchant", 13,
                    List.of(new Facility(3, "Main Warehouse"), new Facility(4, "West Warehouse")));
        }

        public Settings withPort(int newPort) {
            return new Settings(newPort, tokenLifetime, clientId, clientSecret, userLogin, userLoginId, tpl, customerId,
                    customerName, otherCustomerId, facilities);
        }

        public Settings withTokenLifetime(Duration lifetime) {
            return new Settings(port, lifetime, clientId, clientSecret, userLogin, userLoginId, tpl, customerId,
                    customerName, otherCustomerId, facilities);
        }

        @Override
        public String toString() {
            return "Settings[port=" + port + ", tokenLifetime=" + tokenLifetime + ", clientId=" + clientId + ", userLogin="
                    + userLogin + ", customerId=" + customerId + ", facilities=" + facilities
                    + ", clientSecret and tpl redacted]";
        }
    }

    /** The second customer's SKUs: items of the warehouse, but not of the merchant. */
    public static final List<String> OTHER_SKUS = List.of("OTHER-0001", "OTHER-0002", "OTHER-0003");

    private final Settings settings;
    private final Clock clock;
    private final SandboxCatalog catalog = SandboxCatalog.standard();
    private final CallLog calls;
    private final Faults faults;
    private final AuthServer auth;
    private final CustomerItems customers;
    private final Stock stock;
    private final Orders orders;
    private volatile boolean weakEtags;
    private final Router router = new Router();

    private ExtensivSandbox(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.calls = new CallLog(clock, CallLog.DEFAULT_KEPT_EXCHANGES);
        this.faults = new Faults(clock);
        this.auth = new AuthServer(settings, clock, faults);
        ReentrantLock lock = new ReentrantLock();
        this.customers = new CustomerItems(lock, clock);
        this.stock = new Stock(lock);
        this.orders = new Orders(lock, clock, customers, stock, settings.facilities());
        seed();
        router.filter(calls.filter(ExtensivSandbox::route, this::caller, r -> r.path().equals(AuthServer.PATH)))
                .filter(this::injectFaults)
                .filter(auth.tokens().requireBearer(r -> !r.path().startsWith("/AuthServer/"), WmsErrors::unauthorized))
                .onNotFound(ExtensivSandbox::notFound)
                .route("POST", AuthServer.PATH, auth::token)
                .route("GET", "/customers/{customerId}/items", this::customerItems)
                .route("POST", "/orders", this::createOrder)
                .route("GET", "/orders", this::listOrders)
                .route("GET", "/orders/{orderId}", this::getOrder)
                .route("PUT", "/orders/{orderId}", this::updateOrder)
                .route("GET", "/orders/{orderId}/items", this::orderItems)
                .route("POST", "/orders/{orderId}/items", this::addOrderItem)
                .route("PUT", "/orders/{orderId}/items/{itemId}", this::updateOrderItem)
                .route("DELETE", "/orders/{orderId}/items/{itemId}", this::removeOrderItem)
                .route("POST", "/orders/{orderId}/canceler", this::cancelOrder)
                .route("GET", "/orders/{orderId}/packages", this::orderPackages)
                .route("GET", "/inventory/stocksummaries", this::stockSummaries);
    }

    public static ExtensivSandbox start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts with a clock of the caller's (token expiry, creation and modification dates, throttling minutes). */
    public static ExtensivSandbox start(Settings settings, Clock clock) {
        ExtensivSandbox sandbox = new ExtensivSandbox(settings, clock);
        sandbox.router.start(settings.port());
        log.info("Extensiv sandbox serving at {}", sandbox.baseUrl());
        return sandbox;
    }

    /** The API root, e.g. {@code http://127.0.0.1:PORT} (the live one is {@code https://secure-wms.com}). */
    public String baseUrl() {
        return router.baseUrl();
    }

    public Settings settings() {
        return settings;
    }

    public SandboxCatalog catalog() {
        return catalog;
    }

    public CallLog calls() {
        return calls;
    }

    public Faults faults() {
        return faults;
    }

    /** Adds an item (SKU) to a customer, as the 3PL's staff would; returns its item id. */
    public int addItem(int customerId, String sku, String description) {
        return customers.addItem(customerId, sku, description);
    }

    // ---- knobs ----

    /**
     * Whether a customer may use a {@code referenceNum} twice. Off by default: a duplicate is refused with 400 (the
     * research marks uniqueness UNCONFIRMED, erp-apis.md 10.3.2); on, the harsher case, the warehouse takes it and a
     * client that does not look the reference up first creates the order twice.
     */
    public ExtensivSandbox duplicateReferenceNumsAllowed(boolean allowed) {
        orders.duplicateReferenceNumsAllowed(allowed);
        return this;
    }

    /**
     * Whether ETags are sent weak ({@code W/"..."}); off by default. The research knows a client that sends them back
     * weak and marks the server's form UNCONFIRMED (10.3.4); If-Match accepts either form either way.
     */
    public ExtensivSandbox weakEtags(boolean on) {
        this.weakEtags = on;
        return this;
    }

    // ---- the warehouse's side (seeding methods: no API path does these) ----

    /** A receipt of {@code qty} of the merchant's SKU into a facility ({@code totalReceived} and {@code onHand}). */
    public void receive(int facilityId, String sku, double qty) {
        receive(settings.customerId(), facilityId, sku, qty);
    }

    public void receive(int customerId, int facilityId, String sku, double qty) {
        ObjectNode item = stockItem(customerId, facilityId, sku);
        stock.receive(customerId, facilityId, item.path("itemId").asInt(), sku, qty);
    }

    /** An adjustment of on hand (a count, damage), positive or negative; never below what is allocated. */
    public void adjust(int facilityId, String sku, double delta) {
        ObjectNode item = stockItem(settings.customerId(), facilityId, sku);
        stock.adjust(settings.customerId(), facilityId, item.path("itemId").asInt(), sku, delta);
    }

    /** Puts {@code qty} of the merchant's SKU on hold in a facility (negative: releases it). */
    public void hold(int facilityId, String sku, double qty) {
        ObjectNode item = stockItem(settings.customerId(), facilityId, sku);
        stock.hold(settings.customerId(), facilityId, item.path("itemId").asInt(), sku, qty);
    }

    /** Allocates what is available now to an open order's short lines (orders allocate when created too). */
    public void allocate(int orderId) {
        orders.allocate(orderId);
    }

    /** The warehouse picks a fully allocated open order ({@code readOnly.pickDoneDate}). */
    public void pick(int orderId) {
        orders.pick(orderId);
    }

    /** The warehouse packs a package of a picked order: its tracking number and contents (quantity by SKU). */
    public void pack(int orderId, String trackingNumber, Map<String, Double> contents) {
        orders.pack(orderId, new Orders.Parcel(trackingNumber, Map.copyOf(contents)));
    }

    /** The warehouse confirms (ships and closes) the order: status 1; what is packed leaves on hand. */
    public void confirm(int orderId) {
        orders.confirm(orderId);
    }

    /** The warehouse's staff cancel an open order (no If-Match: this is not the API). */
    public void cancel(int orderId, String reason) {
        orders.cancel(orderId, reason, s -> { });
    }

    /**
     * The warehouse sets the carrier and mode an open order ships with ({@code routingInfo.carrier}, {@code .mode}),
     * as its staff choose them before confirming; the order as created keeps what the client sent.
     */
    public void route(int orderId, String carrier, String mode) {
        orders.route(orderId, carrier, mode);
    }

    // ---- the warehouse's screens (reads of its own data, not API calls: nothing is logged) ----

    /** The merchant's SKU at a facility as its stock summary shows it, or empty before it had stock there. */
    public java.util.Optional<JsonNode> stockSummary(int facilityId, String sku) {
        ObjectNode item = stockItem(settings.customerId(), facilityId, sku);
        return stock.summary(settings.customerId(), facilityId, item.path("itemId").asInt()).map(s -> (JsonNode) s);
    }

    /** Every stock summary (each customer's, by facility then item id), as {@code GET /inventory/stocksummaries} lists them. */
    public List<JsonNode> stockSummaries() {
        return List.copyOf(stock.summaries(null));
    }

    /** The warehouse's orders with their lines and packages, as {@code GET /orders?detail=All} renders them. */
    public List<JsonNode> orders() {
        return orders.list().stream().map(o -> (JsonNode) Orders.render(o, Set.of("all"))).toList();
    }

    /** One order with its lines and packages, as {@code GET /orders/{id}?detail=All} renders it. */
    public java.util.Optional<JsonNode> order(int orderId) {
        return orders.get(orderId).map(o -> (JsonNode) Orders.render(o, Set.of("all")));
    }

    /** Picks, packs everything allocated into one package with this tracking number, and confirms. */
    public void shipInFull(int orderId, String trackingNumber) {
        orders.pick(orderId);
        Map<String, Double> contents = new LinkedHashMap<>();
        orders.get(orderId).orElseThrow().items.forEach(i -> contents.merge(i.path("itemIdentifier").path("sku").asText(),
                i.path("readOnly").path("allocatedQty").asDouble(), Double::sum));
        contents.values().removeIf(q -> q <= 0);
        orders.pack(orderId, new Orders.Parcel(trackingNumber, contents));
        orders.confirm(orderId);
    }

    private ObjectNode stockItem(int customerId, int facilityId, String sku) {
        orders.facility(facilityId).orElseThrow(() -> new IllegalArgumentException("no facility " + facilityId));
        return customers.item(customerId, sku)
                .orElseThrow(() -> new IllegalArgumentException("customer " + customerId + " has no item " + sku));
    }

    /** Ends every access token now; clients must ask for a new one. */
    public void expireTokens() {
        auth.tokens().expireAccessTokens();
    }

    /** Every access token issued so far (to check that none reaches a log). */
    public java.util.Set<String> issuedTokens() {
        return auth.tokens().issuedTokens();
    }

    @Override
    public void close() {
        router.close();
    }

    private void seed() {
        customers.addCustomer(new CustomerItems.Customer(settings.customerId(), settings.customerName(), "BC-STORE"));
        customers.addCustomer(new CustomerItems.Customer(settings.otherCustomerId(), "Other Merchant", "OTHER"));
        catalog.sharedItems().forEach(i -> customers.addItem(settings.customerId(), i.sku(), i.name()));
        OTHER_SKUS.forEach(sku -> customers.addItem(settings.otherCustomerId(), sku, "Other merchant's " + sku));
        // seed stock (the sandbox's own choice): 50 of every shared SKU at the first facility, none elsewhere
        int first = settings.facilities().get(0).id();
        catalog.sharedItems().forEach(i -> receive(first, i.sku(), SEEDED_STOCK));
    }

    /** What the seed receives of every shared SKU at the first facility. */
    public static final double SEEDED_STOCK = 50;

    // ---- routes ----

    /** {@code GET /customers/{id}/items{?pgsiz,pgnum,rql,sort}} ([E-TAP], [E-SHARP] GET_Items.cs). */
    private HttpResponse customerItems(HttpRequest request) {
        int customerId = wholeId(request.pathParam("customerId"), "customer");
        customers.customer(customerId).orElseThrow(() -> WmsErrors.notFound("No customer with id " + customerId + "."));
        JsonNode template = customers.template();
        var filter = Rql.filter(request.queryParam("rql").orElse(null), template);
        var order = Rql.sort(request.queryParam("sort").orElse(null), template,
                Comparator.comparingInt(i -> i.path("itemId").asInt()));
        // pgsiz: default 100 and at most 1000 as on orders (guess: the research gives limits for orders only)
        Page page = Hal.page(request, 100, 1000);
        CustomerItems.Found found = customers.items(customerId, filter, order, page);
        ObjectNode body = Hal.NODES.objectNode();
        body.put("totalResults", found.total());
        body.set("_links", Hal.pageLinks(request, page, found.total()));
        return Hal.answer(200, Hal.embed(body, Hal.CUSTOMER_ITEM, found.page().stream()
                .map(i -> self(i, "/customers/" + customerId + "/items/" + i.path("itemId").asInt())).toList()));
    }

    /** {@code POST /orders} → 201 with the order (lines embedded) and its ETag ([E-ODOO], [E-SHARP] POST_Order.cs). */
    private HttpResponse createOrder(HttpRequest request) {
        Orders.Stored created = orders.create(Hal.body(request));
        // guess: the created order is answered with its lines, as with detail=OrderItems
        return withEtag(Hal.answer(201, Orders.render(created, Set.of("orderitems"))), created);
    }

    /**
     * {@code GET /orders{?pgsiz,pgnum,rql,sort,detail}} ([E-ORDERS]): every customer's orders the API user may see
     * (all, in the sandbox), by {@code orderId} unless sorted; {@code pgsiz} default 100, at most 1000. Guess:
     * {@code itemdetail} and other parameters are accepted and ignored (lines carry all their fields).
     */
    private HttpResponse listOrders(HttpRequest request) {
        JsonNode template = orders.template();
        var filter = Rql.filter(request.queryParam("rql").orElse(null), template);
        var sort = Rql.sort(request.queryParam("sort").orElse(null), template,
                Comparator.comparingInt(o -> o.path("readOnly").path("orderId").asInt()));
        Set<String> detail = Orders.detail(request.queryParam("detail"));
        Page page = Hal.page(request, 100, 1000);
        List<ObjectNode> all = orders.list().stream().map(o -> Orders.render(o, detail)).filter(filter::test)
                .sorted(sort).toList();
        return Hal.answer(200, Hal.collection(request, page, all, Hal.ORDER));
    }

    /** {@code GET /orders/{id}{?detail}} → 200 with the ETag a cancel or update sends back in If-Match. */
    private HttpResponse getOrder(HttpRequest request) {
        Orders.Stored order = order(request);
        return withEtag(Hal.answer(200, Orders.render(order, Orders.detail(request.queryParam("detail")))), order);
    }

    /**
     * {@code POST /orders/{id}/canceler} with {@code If-Match} and {@code {"reason": ...}} → 204 ([E-CANCEL]; the
     * method is UNCONFIRMED, POST assumed). Without If-Match 428, with a stale one 412 ([E-TAP] client.py). Guesses:
     * the checks run in this order: 404, 428, a body that is not JSON (400/415), 412, a blank {@code reason} (400),
     * a closed order (400); {@code If-Match: *} matches; the 204 carries no ETag.
     */
    private HttpResponse cancelOrder(HttpRequest request) {
        int id = order(request).id();
        String ifMatch = request.header("If-Match").filter(h -> !h.isBlank())
                .orElseThrow(WmsErrors::preconditionRequired);
        JsonNode body = Hal.body(request);
        orders.cancel(id, body.path("reason").asText(""), s -> {
            if (!matches(ifMatch, s)) {
                throw WmsErrors.preconditionFailed();
            }
            if (body.path("reason").asText("").isBlank()) {
                throw WmsErrors.invalid("reason is required.");
            }
        });
        return HttpResponse.empty(204);
    }

    /**
     * {@code PUT /orders/{id}} with {@code If-Match} and the order as read, changed → 200 with the order and its new
     * ETag ([E-SHARP] PUT_Order.cs); 428 without If-Match, 412 when stale. Guess: the same check order as the cancel.
     */
    private HttpResponse updateOrder(HttpRequest request) {
        int id = order(request).id();
        String ifMatch = request.header("If-Match").filter(h -> !h.isBlank())
                .orElseThrow(WmsErrors::preconditionRequired);
        JsonNode body = Hal.body(request);
        Orders.Stored updated = orders.update(id, body, s -> {
            if (!matches(ifMatch, s)) {
                throw WmsErrors.preconditionFailed();
            }
        });
        return withEtag(Hal.answer(200, Orders.render(updated, Set.of())), updated);
    }

    /** {@code GET /orders/{id}/items} → the order's lines under {@code _embedded[.../rels/orders/item]} ([E-ODOO]). */
    private HttpResponse orderItems(HttpRequest request) {
        Orders.Stored order = order(request);
        ObjectNode body = Hal.NODES.objectNode();
        body.put("totalResults", order.items.size());
        body.putObject("_links").set("self", Hal.link("/orders/" + order.id() + "/items"));
        // guess: the lines answer carries the order's ETag, as the packages answer does
        return withEtag(Hal.answer(200, Hal.embed(body, Hal.ITEM, order.items)), order);
    }

    /**
     * {@code PUT /orders/{id}/items/{itemId}} with {@code If-Match} of the order's ETag and the line as read, changed
     * → 200 with the line and the order's new ETag ([E-SHARP]: the item PUT takes If-Match as the order's does; that
     * the tag is the order's, as the lines answer carries it, is a guess). 428 without If-Match, 412 when stale; a
     * closed, picked or packed order is refused with 400 ({@link Orders#updateItem}).
     */
    private HttpResponse updateOrderItem(HttpRequest request) {
        int id = order(request).id();
        int itemId = wholeId(request.pathParam("itemId"), "item");
        String ifMatch = ifMatch(request);
        JsonNode body = Hal.body(request);
        Orders.Stored updated = orders.updateItem(id, itemId, body, precondition(ifMatch));
        return withEtag(Hal.answer(200, itemOf(updated, itemId)), updated);
    }

    /**
     * {@code POST /orders/{id}/items} with {@code If-Match} and a line as the create takes one → 201 with the line and
     * the order's new ETag. The route, its status and its guard are guesses (the research names only the item PUT).
     */
    private HttpResponse addOrderItem(HttpRequest request) {
        int id = order(request).id();
        String ifMatch = ifMatch(request);
        JsonNode body = Hal.body(request);
        Orders.Stored updated = orders.addItem(id, body, precondition(ifMatch));
        ObjectNode added = updated.items.get(updated.items.size() - 1);
        return withEtag(Hal.answer(201, added), updated);
    }

    /** {@code DELETE /orders/{id}/items/{itemId}} with {@code If-Match} → 204 with the order's new ETag (all a guess). */
    private HttpResponse removeOrderItem(HttpRequest request) {
        int id = order(request).id();
        int itemId = wholeId(request.pathParam("itemId"), "item");
        Orders.Stored updated = orders.removeItem(id, itemId, precondition(ifMatch(request)));
        return withEtag(HttpResponse.empty(204), updated);
    }

    private static String ifMatch(HttpRequest request) {
        return request.header("If-Match").filter(h -> !h.isBlank()).orElseThrow(WmsErrors::preconditionRequired);
    }

    private static java.util.function.Consumer<Orders.Stored> precondition(String ifMatch) {
        return s -> {
            if (!matches(ifMatch, s)) {
                throw WmsErrors.preconditionFailed();
            }
        };
    }

    private static ObjectNode itemOf(Orders.Stored order, int itemId) {
        return order.items.stream().filter(i -> i.path("readOnly").path("orderItemId").asInt() == itemId).findFirst()
                .orElseThrow();
    }

    /** {@code GET /orders/{id}/packages} → 200 with the order's ETag and its packages with contents ([E-PKG]). */
    private HttpResponse orderPackages(HttpRequest request) {
        Orders.Stored order = order(request);
        ObjectNode body = Hal.NODES.objectNode();
        body.put("totalResults", order.packages.size());
        body.putObject("_links").set("self", Hal.link("/orders/" + order.id() + "/packages"));
        // guess: the packages answer carries the order's ETag (the research says "200 + ETag")
        return withEtag(Hal.answer(200, Hal.embed(body, Hal.PACKAGE, order.packages)), order);
    }

    /**
     * {@code GET /inventory/stocksummaries{?pgsiz,pgnum,rql,orderednotallocated}} → {@code {"totalResults",
     * "summaries": [...]}} ([E-STOCKSUM], section 7.10: a plain list, not under {@code _embedded}); {@code pgsiz} at
     * most 500. Guesses: default page 100; RQL names are the summary's own fields (UNCONFIRMED); the API user sees
     * every customer's stock (a summary names no customer, only its item id); a row exists once an item has had stock
     * at a facility.
     */
    private HttpResponse stockSummaries(HttpRequest request) {
        boolean withOrdered = request.queryParam("orderednotallocated").filter(v -> v.equalsIgnoreCase("true")).isPresent();
        var filter = Rql.filter(request.queryParam("rql").orElse(null), Stock.template());
        Page page = Hal.page(request, 100, 500);
        List<ObjectNode> all = stock.summaries(withOrdered ? orders.orderedNotAllocated() : null, filter::test);
        ObjectNode body = Hal.NODES.objectNode();
        body.put("totalResults", all.size());
        body.set("_links", Hal.pageLinks(request, page, all.size()));
        ArrayNode summaries = body.putArray("summaries");
        page.of(all).forEach(summaries::add);
        return Hal.answer(200, body);
    }

    private Orders.Stored order(HttpRequest request) {
        int id = wholeId(request.pathParam("orderId"), "order");
        return orders.get(id).orElseThrow(() -> WmsErrors.notFound("No order with id " + id + "."));
    }

    /** Guess: an opaque quoted tag of the order's id and revision; every change of the order makes a new one. */
    private String etag(Orders.Stored order) {
        return (weakEtags ? "W/" : "") + "\"" + order.id() + "-" + order.revision + "\"";
    }

    private HttpResponse withEtag(HttpResponse response, Orders.Stored order) {
        return response.withHeader("ETag", etag(order));
    }

    /** If-Match (a comma list, weak or strong, or {@code *}) against the order's current tag. */
    private static boolean matches(String ifMatch, Orders.Stored order) {
        String current = order.id() + "-" + order.revision;
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            t = t.startsWith("W/") ? t.substring(2) : t;
            if (t.equals("\"" + current + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode self(ObjectNode resource, String href) {
        resource.putObject("_links").set("self", Hal.link(href));
        return resource;
    }

    static int wholeId(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw WmsErrors.notFound("'" + text + "' is not a " + what + " id.");
        }
    }

    // ---- filters: log every call, inject faults, require a bearer token on the API ----

    /** Latency on every call; on API calls then the outage, the throttle and one drawn fault. */
    private HttpResponse injectFaults(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        FaultKnobs knobs = faults.knobs();
        FaultKnobs.pause(knobs.latency());
        if (request.path().startsWith("/AuthServer/")) {
            return next.apply(request);
        }
        if (knobs.inOutage()) {
            throw FAULT_ANSWERS.outage();
        }
        OptionalLong retryAfter = faults.overThrottle();
        if (retryAfter.isPresent()) {
            HttpResponse refused = HttpResponse.json(429, WmsErrors.of(429, "TooManyRequests",
                    "Too many requests; slow down.").body());
            return faults.throttleRetryAfter() ? refused.withHeader("Retry-After", Long.toString(retryAfter.getAsLong()))
                    : refused;
        }
        return knobs.perform(knobs.draw(), request, next, FAULT_ANSWERS);
    }

    private static final FaultKnobs.Answers FAULT_ANSWERS = new FaultKnobs.Answers() {
        @Override
        public RuntimeException outage() {
            return WmsErrors.of(503, "ServiceUnavailable", "The service is unavailable.");
        }

        @Override
        public RuntimeException failure(int status) {
            return WmsErrors.of(status, "InternalServerError", "An error has occurred.");
        }

        @Override
        public RuntimeException timeout() {
            return WmsErrors.of(504, "GatewayTimeout", "The request timed out.");
        }
    };

    /** Routes by template: {@code GET /orders/{id}}, {@code POST /orders/{id}/canceler}, ... */
    private static String route(HttpRequest request) {
        return request.method() + " " + NUMBER_SEGMENT.matcher(request.path()).replaceAll("/{id}");
    }

    /** The API user a call's token was issued for (a login name, never the token). */
    private String caller(HttpRequest request) {
        return auth.tokens().authorise(request.header("Authorization").orElse(null))
                .map(g -> g.subject()).orElse(null);
    }

    /** A path the API does not serve: 404 in the error shape the rest of the API uses. */
    private static HttpResponse notFound(HttpResponse response) {
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            if (body.has("ErrorCode")) {
                return response;
            }
        } catch (java.io.IOException e) {
            // fall through to the generic answer
        }
        HttpError e = WmsErrors.notFound("No resource matches the request URI.");
        return HttpResponse.json(404, e.body());
    }
}
