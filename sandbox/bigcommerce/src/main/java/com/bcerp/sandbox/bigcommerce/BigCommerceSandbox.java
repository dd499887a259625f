package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import com.bcerp.sandbox.quota.RequestWindow;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A simulated BigCommerce store over real HTTP, in the JVM: Orders V2 (with taxes, coupons, fees and order edits),
 * V3 transactions, payment actions (capture, void, refund quotes and refunds), V3 webhooks, the Catalog V3 products,
 * options and variants, Customers V3 customers and addresses, Inventory V3 locations, items and adjustments, Price Lists V3 lists and
 * records, and V2 customer groups with their price-list rules, with the store's rate limit, signed webhook
 * deliveries with BigCommerce's retry schedule, store settings and fault knobs. Orders only a storefront checkout
 * makes (coupons, other currencies, bundles, gift certificates, several shipping addresses, card authorisations) are
 * placed through the sandbox's checkout, {@code POST /stores/{hash}/sandbox/checkouts}.
 *
 * <p>API at {@code baseUrl() + "/stores/" + storeHash() + "/v2/..."} and {@code .../v3/...}. Two API accounts:
 * the connector's (whose app's client secret signs its webhooks) and an admin one for seeding, each with its own
 * call counts and its own hooks; both share the store's one quota, as on BigCommerce.
 */
public final class BigCommerceSandbox implements AutoCloseable {

    /**
     * @param port                  0 picks a free port
     * @param quotaPerWindow        requests per window, shared by all accounts (150 on Standard and Plus plans)
     * @param windowMs              the quota window (30 s on BigCommerce)
     * @param webhookRetryTimeScale 1.0 is BigCommerce's real retry schedule; 0.001 in tests
     * @param taxRate               the store's one tax rate (a tax-exclusive store), e.g. 0.10
     */
    public record Settings(int port, String storeHash, int quotaPerWindow, long windowMs, double webhookRetryTimeScale,
            BigDecimal taxRate, String currency) {

        public static Settings defaults() {
            return new Settings(0, "sbx7k2m9q4", 150, 30_000, 1.0, new BigDecimal("0.10"), "USD");
        }

        public Settings withPort(int value) {
            return new Settings(value, storeHash, quotaPerWindow, windowMs, webhookRetryTimeScale, taxRate, currency);
        }

        public Settings withStoreHash(String value) {
            return new Settings(port, value, quotaPerWindow, windowMs, webhookRetryTimeScale, taxRate, currency);
        }

        public Settings withQuota(int perWindow, long windowMillis) {
            return new Settings(port, storeHash, perWindow, windowMillis, webhookRetryTimeScale, taxRate, currency);
        }

        public Settings withWebhookRetryTimeScale(double value) {
            return new Settings(port, storeHash, quotaPerWindow, windowMs, value, taxRate, currency);
        }
    }

    /** One request and the answer it got, as seen on the wire (for conformance checks and debugging). */
    public record Exchange(String method, String path, Map<String, List<String>> query, Map<String, String> requestHeaders,
            byte[] requestBody, int status, Map<String, String> responseHeaders, byte[] responseBody) {}

    private final Settings settings;
    private final SandboxCatalog catalog = SandboxCatalog.standard();
    private final StoreSettings store;
    private final Faults faults = new Faults();
    private final OrderBook orders;
    private final OAuthScopes scopes = new OAuthScopes();
    private final com.bcerp.sandbox.calls.CallLog log = new com.bcerp.sandbox.calls.CallLog(Clock.systemUTC(), 0);
    private final AccountCalls calls;
    private final RequestWindow quota;
    private final ApiAccount connector;
    private final ApiAccount admin;
    private final WebhookDispatcher dispatcher;
    private final Products products;
    private final Inventory inventory;
    private final List<Consumer<Exchange>> exchangeListeners = new CopyOnWriteArrayList<>();
    private final Router router;

    private BigCommerceSandbox(Settings settings) {
        this.settings = settings;
        this.store = new StoreSettings(settings.currency(), settings.taxRate());
        Clock clock = Clock.systemUTC();
        this.connector = new ApiAccount("connector", "bcsbx_" + random(16), "connector-app-" + random(4), random(24));
        this.admin = new ApiAccount("admin", "bcsbx_" + random(16), "admin-app-" + random(4), random(24));
        Map<String, ApiAccount> byToken = Map.of(connector.accessToken(), connector, admin.accessToken(), admin);
        this.calls = new AccountCalls(log, byToken);
        Map<String, String> secretsByClient = Map.of(connector.clientId(), connector.clientSecret(),
                admin.clientId(), admin.clientSecret());

        HookRegistry hooks = new HookRegistry(clock);
        this.dispatcher = new WebhookDispatcher(settings.storeHash(), storeId(settings.storeHash()), hooks,
                secretsByClient::get, faults, settings.webhookRetryTimeScale(), clock);
        this.router = new Router();
        Endpoints endpoints = new Endpoints(router);
        router.filter(this::recordExchange);
        this.quota = RequestWindow.fixed(settings.quotaPerWindow(), Duration.ofMillis(settings.windowMs()), clock);
        router.filter(new ApiGateway(settings.storeHash(), byToken, scopes, quota, faults, log, endpoints));
        OrderBook book = new OrderBook(new OrderFactory(catalog, store), dispatcher, clock, faults);
        this.orders = book;
        // links in answers name the port, which is known once the router listens
        new OrderRoutes(book, new OrderJson(() -> router.baseUrl() + "/stores/" + settings.storeHash()), store)
                .register(endpoints);
        new HookRoutes(hooks, byToken, settings.storeHash(), dispatcher.domains(), settings.webhookRetryTimeScale())
                .register(endpoints);
        this.products = Products.seeded(catalog, clock);
        this.inventory = new Inventory(products);
        new CatalogRoutes(products, inventory, faults).register(endpoints);
        new InventoryRoutes(products, inventory).register(endpoints);
        PriceListRoutes priceLists = new PriceListRoutes(products, clock);
        priceLists.register(endpoints);
        new CustomerGroupRoutes(products.lock, priceLists::exists).register(endpoints);
        new CustomerRoutes(dispatcher, clock).register(endpoints);
        router.start(settings.port());
    }

    /**
     * The connector's API account has only these OAuth scopes (e.g. {@code store_v2_orders},
     * {@code store_v2_products_read_only}); requests that need another answer 403. By default it has every modify scope.
     */
    public void connectorScopes(java.util.Set<String> granted) {
        scopes.set(connector.name(), granted);
    }

    /** The payment provider declines refund {@code refundId} of the order after it was made (see {@link OrderBook#declineRefund}). */
    public void declineRefund(long orderId, long refundId) {
        orders.declineRefund(orderId, refundId);
    }

    /** The payment provider settles the order's pending capture (see {@link Faults#capturesStayPending()}). */
    public void settleCapture(long orderId) {
        orders.settleCapture(orderId);
    }

    public static BigCommerceSandbox start(Settings settings) {
        return new BigCommerceSandbox(settings);
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return router.baseUrl();
    }

    public String storeHash() {
        return settings.storeHash();
    }

    public Settings settings() {
        return settings;
    }

    /** The connector's API account (send as {@code X-Auth-Token}). */
    public String connectorAccessToken() {
        return connector.accessToken();
    }

    /** A second API account, e.g. for seeding orders, with separate call counts and hooks. */
    public String adminAccessToken() {
        return admin.accessToken();
    }

    /** The connector app's client secret: it signs the webhooks of hooks the connector's token created. */
    public String clientSecret() {
        return connector.clientSecret();
    }

    public SandboxCatalog catalog() {
        return catalog;
    }

    /** The store's settings: tax-inclusive pricing, tax classes, currencies, coupons, promotions. */
    public StoreSettings store() {
        return store;
    }

    public Faults faults() {
        return faults;
    }

    /** The store's catalogue (Catalog V3), seeded with the shared catalogue; add to it directly for large tests. */
    public Products products() {
        return products;
    }

    /** The store's locations and stock levels (Inventory V3). */
    public Inventory inventory() {
        return inventory;
    }

    /** The store's quota as it stands (spending nothing): what is left of this window and when it resets. */
    public RequestWindow.Reading quota() {
        return quota.peek();
    }

    /** The store's plan changed: this many requests per window from now on (Standard and Plus 150, Pro 450). */
    public void quotaPerWindow(int requests) {
        quota.quota(requests);
    }

    public AccountCalls calls() {
        return calls;
    }

    public Deliveries deliveries() {
        return dispatcher.stats();
    }

    /** True once no webhook delivery is in flight and none is due within the timeout. */
    public boolean awaitDeliveriesIdle(Duration timeout) {
        return dispatcher.awaitIdle(timeout);
    }

    /** Calls {@code listener} with every request the API answers, after it is answered. */
    public void onExchange(Consumer<Exchange> listener) {
        exchangeListeners.add(listener);
    }

    @Override
    public void close() {
        router.close();
        dispatcher.close();
    }

    private HttpResponse recordExchange(com.bcerp.sandbox.http.HttpRequest request,
            Function<com.bcerp.sandbox.http.HttpRequest, HttpResponse> next) {
        HttpResponse response;
        try {
            response = next.apply(request);
        } catch (HttpError e) {
            response = HttpResponse.json(e.status(), e.body());
        }
        if (!exchangeListeners.isEmpty()) {
            Exchange exchange = new Exchange(request.method(), request.path(), request.query(), request.headers(),
                    request.body(), response.status(), response.headers(), response.body());
            exchangeListeners.forEach(l -> l.accept(exchange));
        }
        return response;
    }

    /** BigCommerce's numeric store id (sent as a string in webhooks), derived from the hash so it is stable. */
    private static String storeId(String storeHash) {
        return Long.toString(1_000_000 + Math.floorMod(storeHash.hashCode(), 9_000_000));
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
