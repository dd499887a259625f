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
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Extensiv 3PL Warehouse Manager ({@code https://secure-wms.com}) over real HTTP, in the JVM: the token
 * service at {@code POST /AuthServer/api/Token}, bearer tokens on the API, HAL+JSON answers, and each customer's items
 * at {@code GET /customers/{id}/items}. There is no OpenAPI file; every shape comes from erp-apis.md section 4 and
 * 10.3, and each guess is named where it is made (see also README.md).
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
    private final Router router = new Router();

    private ExtensivSandbox(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.calls = new CallLog(clock, CallLog.DEFAULT_KEPT_EXCHANGES);
        this.faults = new Faults(clock);
        this.auth = new AuthServer(settings, clock, faults);
        ReentrantLock lock = new ReentrantLock();
        this.customers = new CustomerItems(lock, clock);
        seed();
        router.filter(calls.filter(ExtensivSandbox::route, this::caller, r -> r.path().equals(AuthServer.PATH)))
                .filter(this::injectFaults)
                .filter(auth.tokens().requireBearer(r -> !r.path().startsWith("/AuthServer/"), WmsErrors::unauthorized))
                .onNotFound(ExtensivSandbox::notFound)
                .route("POST", AuthServer.PATH, auth::token)
                .route("GET", "/customers/{customerId}/items", this::customerItems);
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
    }

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
        List<ObjectNode> all = customers.items(customerId).stream().filter(filter::test).sorted(order)
                .map(i -> self(i, "/customers/" + customerId + "/items/" + i.path("itemId").asInt())).toList();
        return Hal.answer(200, Hal.collection(request, page, all, Hal.CUSTOMER_ITEM));
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
