package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.calls.CallLog;
import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.http.Router;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Acumatica instance over real HTTP, in the JVM: the contract-based REST API for Customer, SalesOrder
 * (with the CancelSalesOrder and PrepareSalesInvoice actions), Payment (with VoidPayment and ReleasePayment), Shipment
 * (with ConfirmShipment; packages carry TrackingNbr) and SalesInvoice (PUT for direct invoices and credit memos, with
 * ReleaseSalesInvoice; its Applications tab lists the payments applied; see {@link ShipmentBook}), whose
 * shipping, invoicing and payment the back office's staff make through {@link #createShipment},
 * {@link #confirmShipment}, {@link #invoiceOrder}, {@link #releaseInvoice}, {@link #payInvoice}, {@link #holdOrder}
 * and {@link #cancelOrder}; the stock items and inquiries of {@link ItemBook}, and the inventory documents that move
 * stock (InventoryReceipt, InventoryIssue, InventoryAdjustment, TransferOrder, KitAssembly; read-only, entered
 * released through {@link #receiveStock}, {@link #issueStock}, {@link #adjustStock}, {@link #transferStock} and
 * {@link #assembleKits}), sales price worksheets (with ReleaseSalesPriceWorksheet) and the Sales Prices inquiry of
 * {@link SalesPriceBook}, on one pinned
 * endpoint version ({@code /entity/Default/24.200.001}; any other answers 404), OAuth2 on
 * {@code /identity/connect/token}, and fault knobs. Requests are checked more strictly than a real instance does (see
 * {@link RequestEntities}); answers conform to the vendor's OpenAPI file for the endpoint (tests check both).
 *
 * <p>Known simplifications: one user and one connected application; order types {@value #ORDER_TYPES_TEXT}; tax ids
 * from {@link #TAX_IDS}; the setup records orders, payments and customers name are listed read-only ({@link SetupBook});
 * items are the shared catalogue plus the non-stock charge items; sales prices through {@code SalesPriceWorksheet}
 * and {@code SalesPricesInquiry}; no carrier rates or automatic discounts. GET by keys (or an action on) a record that
 * does not exist answers 500
 * {@code NoEntitySatisfiesTheConditionException}, as live instances do; an action its rules refuse answers 500
 * {@code PXException} with the rule in {@code exceptionMessage} (or, with {@link Faults#actionRefusalsAs422}, the
 * 422 echo the spec also lists).
 */
public final class AcumaticaSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AcumaticaSandbox.class);

    static final String ORDER_TYPES_TEXT = "SO, QT, CM, RC, CR, IN, RM, TR";

    /** Tax ids the sandbox knows (TaxDetails with another TaxID are a 422). */
    public static final Set<String> TAX_IDS = SalesOrderBook.TAX_IDS;

    /** Customer classes the sandbox knows (DEFAULT when none is sent). */
    public static final Set<String> CUSTOMER_CLASSES = CustomerBook.CLASSES;

    private static final String TOKEN_PATH = "/identity/connect/token";
    private static final String LOGOUT_PATH = "/entity/auth/logout";
    private static final Shape SUMMARY = EntityShapes.get("InventorySummaryInquiry");
    private static final Shape AVAILABLE = EntityShapes.get("InventoryQuantityAvailable");
    /** A filter that names nothing but InventoryID values, which the item book can answer from its index. */
    private static final java.util.regex.Pattern ONLY_ITEM_IDS = java.util.regex.Pattern.compile(
            "\\s*\\(?\\s*InventoryID eq '[^']*'(\\s+or\\s+InventoryID eq '[^']*')*\\s*\\)?\\s*");
    private static final java.util.regex.Pattern ITEM_ID = java.util.regex.Pattern.compile("InventoryID eq '([^']*)'");
    private static final ObjectWriter WRITER = Json.MAPPER.writer().with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);

    /**
     * How the instance is set up.
     *
     * @param port            0 picks a free port
     * @param endpointVersion the one version of the Default endpoint served, e.g. "24.200.001"
     * @param tokenLifetime   how long an access token works (Acumatica: 3600 s)
     * @param clientId        the connected application's id, with the tenant suffix ("guid@Company")
     */
    public record Settings(int port, String endpointVersion, Duration tokenLifetime, String username, String password,
            String clientId, String clientSecret) {

        public static Settings defaults() {
            return new Settings(0, "24.200.001", Duration.ofSeconds(3600), "admin", "sandbox-admin-password",
                    "3F2C9E1A-7B4D-4E8A-9C21-5D6F0A1B2C3D@Company", "sandbox-client-secret");
        }

        public Settings withPort(int newPort) {
            return new Settings(newPort, endpointVersion, tokenLifetime, username, password, clientId, clientSecret);
        }

        public Settings withTokenLifetime(Duration lifetime) {
            return new Settings(port, endpointVersion, lifetime, username, password, clientId, clientSecret);
        }

        @Override
        public String toString() {
            return "Settings[port=" + port + ", endpointVersion=" + endpointVersion + ", tokenLifetime=" + tokenLifetime
                    + ", username=" + username + ", clientId=" + clientId + ", password and clientSecret redacted]";
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final String base;
    private final SandboxCatalog catalog = SandboxCatalog.standard();
    private final CallLog calls;
    private final Faults faults;
    private final OAuthServer oauth;
    private final CustomerBook customers;
    private final SalesOrderBook salesOrders;
    private final TaxZones taxZones = new TaxZones();
    private final SetupBook setup = new SetupBook();
    private final PaymentBook payments;
    private final ShipmentBook shipments;
    private final ItemBook items;
    private final StockDocumentBook documents;
    private final SalesPriceBook salesPrices;
    private final LongOperations operations;
    private final Router router = new Router();

    private AcumaticaSandbox(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.base = "/entity/Default/" + settings.endpointVersion();
        this.calls = new CallLog(clock, CallLog.DEFAULT_KEPT_EXCHANGES);
        this.faults = new Faults(clock);
        this.oauth = new OAuthServer(settings, clock, faults);
        ReentrantLock lock = new ReentrantLock();
        this.customers = new CustomerBook(lock, clock);
        this.items = ItemBook.seeded(catalog, clock);
        this.salesOrders = new SalesOrderBook(lock, clock, customers, catalog, taxZones, items);
        this.payments = new PaymentBook(lock, clock, customers, salesOrders);
        this.shipments = new ShipmentBook(lock, clock, salesOrders, items);
        payments.invoices(shipments);
        this.documents = new StockDocumentBook(lock, clock, items);
        this.salesPrices = new SalesPriceBook(clock, items);
        this.operations = new LongOperations(clock);
        router.filter(calls.filter(this::route, r -> null, r -> r.path().equals(TOKEN_PATH)))
                .filter(this::injectFaults)
                .filter(oauth.tokens().requireBearer(r -> r.path().startsWith(base + "/"), AcumaticaErrors::notLoggedIn))
                .filter(this::sessionLock)
                .onNotFound(AcumaticaSandbox::notFound)
                .route("POST", TOKEN_PATH, oauth::token)
                .route("POST", LOGOUT_PATH, oauth::logout)
                .route("PUT", base + "/Customer", this::putCustomer)
                .route("GET", base + "/Customer", r -> list(r, CustomerBook.SHAPE, customers::list))
                .route("GET", base + "/Customer/{customerId}", r -> one(r, CustomerBook.SHAPE, customers.get(r.pathParam("customerId"))))
                .route("PUT", base + "/SalesOrder", this::putSalesOrder)
                .route("GET", base + "/SalesOrder", r -> list(r, SalesOrderBook.SHAPE, salesOrders::list))
                .route("GET", base + "/SalesOrder/{id}", this::getSalesOrderById)
                .route("GET", base + "/SalesOrder/{orderType}/{orderNbr}", r -> one(r, SalesOrderBook.SHAPE,
                        salesOrders.get(r.pathParam("orderType"), r.pathParam("orderNbr"))))
                .route("DELETE", base + "/SalesOrder/{orderType}/{orderNbr}", r -> {
                    salesOrders.delete(r.pathParam("orderType"), r.pathParam("orderNbr"));
                    return HttpResponse.empty(204);
                })
                .route("POST", base + "/SalesOrder/CancelSalesOrder", r -> action(r, SalesOrderBook.SHAPE, salesOrders::cancel))
                .route("POST", base + "/SalesOrder/PrepareSalesInvoice", r -> action(r, SalesOrderBook.SHAPE, this::prepareSalesInvoice))
                .route("PUT", base + "/Payment", this::putPayment)
                .route("GET", base + "/Payment", r -> list(r, PaymentBook.SHAPE, payments::list))
                .route("GET", base + "/Payment/{type}/{referenceNbr}", r -> one(r, PaymentBook.SHAPE,
                        payments.get(r.pathParam("type"), r.pathParam("referenceNbr"))))
                .route("POST", base + "/Payment/VoidPayment", r -> action(r, PaymentBook.SHAPE, payments::voidPayment))
                .route("POST", base + "/Payment/ReleasePayment", r -> action(r, PaymentBook.SHAPE, payments::release))
                .route("GET", base + "/TaxZone", r -> list(r, TaxZones.SHAPE, taxZones::list))
                .route("GET", base + "/TaxZone/{zoneId}", r -> one(r, TaxZones.SHAPE, taxZones.get(r.pathParam("zoneId"))))
                .route("GET", base + "/Tax", r -> list(r, SetupBook.TAX, setup::taxes))
                .route("GET", base + "/PaymentMethod", r -> list(r, SetupBook.PAYMENT_METHOD, setup::paymentMethods))
                .route("GET", base + "/ShipVia", r -> list(r, SetupBook.SHIP_VIA, setup::shipVias))
                .route("GET", base + "/CustomerClass", r -> list(r, SetupBook.CUSTOMER_CLASS, setup::customerClasses))
                .route("GET", base + "/CustomerPriceClass", r -> list(r, SetupBook.PRICE_CLASS, setup::priceClasses))
                .route("PUT", base + "/CompaniesStructure", r -> inquiry(r, SetupBook.COMPANIES, setup::companies))
                .route("GET", base + "/Shipment", r -> list(r, ShipmentBook.SHIPMENT, shipments::shipments))
                .route("GET", base + "/Shipment/{shipmentNbr}", r -> one(r, ShipmentBook.SHIPMENT,
                        shipments.shipment(r.pathParam("shipmentNbr"))))
                .route("POST", base + "/Shipment/ConfirmShipment", r -> action(r, ShipmentBook.SHIPMENT, shipments::confirm))
                .route("GET", base + "/SalesInvoice", r -> list(r, ShipmentBook.INVOICE, shipments::invoices))
                .route("GET", base + "/SalesInvoice/{type}/{referenceNbr}", r -> one(r, ShipmentBook.INVOICE,
                        shipments.invoiceRecord(r.pathParam("type"), r.pathParam("referenceNbr"))))
                .route("POST", base + "/SalesInvoice/ReleaseSalesInvoice", r -> action(r, ShipmentBook.INVOICE, this::releaseSalesInvoice))
                .route("PUT", base + "/SalesInvoice", this::putSalesInvoice)
                .route("GET", base + "/StockItem", r -> page(r, ItemBook.STOCK_ITEM))
                .route("GET", base + "/StockItem/{key}", r -> one(r, ItemBook.STOCK_ITEM, items.get(ItemBook.STOCK_ITEM.name(), r.pathParam("key"))))
                .route("GET", base + "/TemplateItems", r -> page(r, ItemBook.TEMPLATE))
                .route("GET", base + "/TemplateItems/{key}", r -> one(r, ItemBook.TEMPLATE, items.get(ItemBook.TEMPLATE.name(), r.pathParam("key"))))
                .route("GET", base + "/Warehouse", r -> page(r, ItemBook.WAREHOUSE))
                .route("GET", base + "/ItemWarehouse", r -> page(r, ItemBook.ITEM_WAREHOUSE))
                .route("GET", base + "/KitSpecification", r -> page(r, ItemBook.KIT))
                .route("PUT", base + "/InventorySummaryInquiry", r -> inquiry(r, SUMMARY, items::summary))
                .route("PUT", base + "/InventoryQuantityAvailable", r -> inquiry(r, AVAILABLE,
                        f -> items.available(f, faults.quantityInquiry())))
                .route("GET", base + "/InventoryReceipt", r -> documents(r, StockDocumentBook.Type.RECEIPT))
                .route("GET", base + "/InventoryIssue", r -> documents(r, StockDocumentBook.Type.ISSUE))
                .route("GET", base + "/InventoryAdjustment", r -> documents(r, StockDocumentBook.Type.ADJUSTMENT))
                .route("GET", base + "/TransferOrder", r -> documents(r, StockDocumentBook.Type.TRANSFER))
                .route("GET", base + "/KitAssembly", r -> documents(r, StockDocumentBook.Type.KIT_ASSEMBLY))
                .route("PUT", base + "/SalesPriceWorksheet", r -> {
                    ODataQuery query = query(r, SalesPriceBook.WORKSHEET);
                    return answer(salesPrices.putWorksheet(RequestEntities.read(r, SalesPriceBook.WORKSHEET)),
                            SalesPriceBook.WORKSHEET, query);
                })
                .route("GET", base + "/SalesPriceWorksheet", r -> list(r, SalesPriceBook.WORKSHEET, salesPrices::worksheets))
                .route("GET", base + "/SalesPriceWorksheet/{referenceNbr}", r -> one(r, SalesPriceBook.WORKSHEET,
                        salesPrices.worksheet(r.pathParam("referenceNbr"))))
                .route("POST", base + "/SalesPriceWorksheet/ReleaseSalesPriceWorksheet", r -> action(r,
                        SalesPriceBook.WORKSHEET, salesPrices::release))
                .route("PUT", base + "/SalesPricesInquiry", r -> inquiry(r, SalesPriceBook.INQUIRY, salesPrices::inquiry))
                .route("GET", base + "/{entity}/{action}/status/{id}", r -> HttpResponse.empty(operations.status(r.pathParam("id"))));
    }

    public static AcumaticaSandbox start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts with a clock of the caller's (token expiry, LastModified). */
    public static AcumaticaSandbox start(Settings settings, Clock clock) {
        AcumaticaSandbox sandbox = new AcumaticaSandbox(settings, clock);
        sandbox.router.start(settings.port());
        log.info("Acumatica sandbox serving {} at {}", sandbox.base, sandbox.baseUrl());
        return sandbox;
    }

    /** The instance root, e.g. {@code http://127.0.0.1:PORT} ({@code /identity/connect/token}, {@code /entity/...}). */
    public String baseUrl() {
        return router.baseUrl();
    }

    public String endpointUrl() {
        return baseUrl() + base;
    }

    public Settings settings() {
        return settings;
    }

    public SandboxCatalog catalog() {
        return catalog;
    }

    /** Every sales order, as {@code GET /SalesOrder?$expand=Details} answers. */
    public List<JsonNode> salesOrders() {
        return salesOrders(Set.of("Details"));
    }

    /** Every sales order with these linked entities expanded, e.g. {@code FinancialSettings} for a credit's original. */
    public List<JsonNode> salesOrders(Set<String> expand) {
        return render(salesOrders.list(o -> true), SalesOrderBook.SHAPE, expand);
    }

    /**
     * A warehouse user's shipment of a sales order: {@code quantities} maps order line numbers to quantities, one
     * package per tracking number. The shipment is Open until {@link #confirmShipment}; returns its ShipmentNbr.
     */
    public String createShipment(String orderType, String orderNbr, String shipVia, Map<Integer, java.math.BigDecimal> quantities,
            List<String> trackingNumbers) {
        return shipments.create(orderType, orderNbr, shipVia, quantities, trackingNumbers);
    }

    /** Confirms a shipment (as {@code POST /Shipment/ConfirmShipment} does): the sales order becomes Back Order or Completed. */
    public void confirmShipment(String shipmentNbr) {
        ObjectNode keys = Values.object();
        Values.set(keys, "ShipmentNbr", shipmentNbr);
        PutResult result = shipments.confirm(keys);
        if (result.rejected()) {
            throw new IllegalArgumentException("the sandbox refused to confirm " + shipmentNbr + ": " + result.entity());
        }
    }

    /** Prepares the SO invoice of the order's confirmed shipments; returns its ReferenceNbr. */
    public String invoiceOrder(String orderType, String orderNbr) {
        return shipments.prepareInvoice(orderType, orderNbr);
    }

    /** Releases a prepared SO invoice (as {@code POST /SalesInvoice/ReleaseSalesInvoice} does): it becomes Open. */
    public void releaseInvoice(String type, String referenceNbr) {
        ObjectNode keys = Values.object();
        Values.set(keys, "Type", type);
        Values.set(keys, "ReferenceNbr", referenceNbr);
        PutResult result = shipments.release(keys);
        if (result.rejected()) {
            throw new IllegalArgumentException("the sandbox refused to release " + referenceNbr + ": " + result.entity());
        }
    }

    /**
     * What the back office's accountant does when the customer pays a released invoice (B2B terms, a bank transfer):
     * enters a Payment of {@code amount} with the invoice in Documents to Apply and releases it. The invoice's balance
     * falls (Closed at zero) and its Applications tab lists the payment. Returns the payment's ReferenceNbr.
     */
    public String payInvoice(String type, String referenceNbr, String paymentMethod, String paymentRef,
            java.math.BigDecimal amount) {
        ObjectNode invoice = shipments.invoiceRecord(type, referenceNbr).orElseThrow(() -> new IllegalArgumentException(
                "the sandbox has no invoice " + type + " " + referenceNbr));
        if (!"Open".equals(Values.text(invoice, "Status").orElse(""))) {
            throw new IllegalArgumentException("invoice " + referenceNbr + " is " + Values.text(invoice, "Status").orElse("")
                    + "; only a released (Open) invoice takes payments");
        }
        java.math.BigDecimal balance = Values.decimal(invoice, "Balance").orElse(java.math.BigDecimal.ZERO);
        if (amount.signum() <= 0 || amount.compareTo(balance) > 0) {
            throw new IllegalArgumentException("invoice " + referenceNbr + " owes " + balance.toPlainString() + ", not "
                    + amount.toPlainString());
        }
        String payment = payments.recordInvoicePayment(Values.text(invoice, "CustomerID").orElseThrow(), paymentMethod,
                paymentRef, amount, type, referenceNbr);
        shipments.applyPayment(type, referenceNbr, "Payment", payment, paymentRef, amount);
        return payment;
    }

    /**
     * A sales order the back office's own staff enter (a phone order): {@code lines} maps items to quantities, each at
     * the item's default price. Returns its OrderNbr (type SO, Open).
     */
    public String enterOrder(String customerId, Map<String, java.math.BigDecimal> lines) {
        ObjectNode order = Values.object();
        Values.set(order, "OrderType", "SO");
        Values.set(order, "CustomerID", customerId);
        var details = order.putArray("Details");
        lines.forEach((item, qty) -> {
            ObjectNode line = details.addObject();
            Values.set(line, "InventoryID", item);
            Values.set(line, "OrderQty", qty);
        });
        PutResult result = salesOrders.put(order, Precondition.INSERT_ONLY);
        if (result.rejected()) {
            throw new IllegalArgumentException("the sandbox refused the order: " + result.entity());
        }
        return Values.text(result.entity(), "OrderNbr").orElseThrow();
    }

    /** A warehouse user's released inventory receipt of {@code lines} (item to quantity) into a warehouse; its ReferenceNbr. */
    public String receiveStock(String warehouseId, Map<String, java.math.BigDecimal> lines) {
        return documents.release(StockDocumentBook.Type.RECEIPT, warehouseId, null, lines, "Goods received");
    }

    /** A released inventory issue of {@code lines} out of a warehouse (goods used, scrapped or given away). */
    public String issueStock(String warehouseId, Map<String, java.math.BigDecimal> lines) {
        return documents.release(StockDocumentBook.Type.ISSUE, warehouseId, null, lines, "Goods issued");
    }

    /** A released inventory adjustment (a physical count's result): {@code lines} maps items to signed quantities. */
    public String adjustStock(String warehouseId, Map<String, java.math.BigDecimal> lines) {
        return documents.release(StockDocumentBook.Type.ADJUSTMENT, warehouseId, null, lines, "Count adjustment");
    }

    /** A released one-step transfer of {@code lines} from one warehouse to another. */
    public String transferStock(String fromWarehouseId, String toWarehouseId, Map<String, java.math.BigDecimal> lines) {
        return documents.release(StockDocumentBook.Type.TRANSFER, fromWarehouseId, toWarehouseId, lines, "Transfer");
    }

    /** A released kit assembly of {@code qty} kits in a warehouse, from the kit specification's stock components. */
    public String assembleKits(String kitId, String warehouseId, java.math.BigDecimal qty) {
        return documents.assemble(kitId, warehouseId, qty);
    }

    /** Puts an open sales order on hold. */
    public void holdOrder(String orderType, String orderNbr) {
        shipments.hold(orderType, orderNbr);
    }

    /** Deletes a sales order, as {@code DELETE /SalesOrder/{type}/{nbr}} (204) and the screen's Delete do. */
    public void deleteOrder(String orderType, String orderNbr) {
        salesOrders.delete(orderType, orderNbr);
    }

    /** Cancels an open sales order, as {@code POST /SalesOrder/CancelSalesOrder} does. */
    public void cancelOrder(String orderType, String orderNbr) {
        ObjectNode keys = Values.object();
        Values.set(keys, "OrderType", orderType);
        Values.set(keys, "OrderNbr", orderNbr);
        PutResult result = salesOrders.cancel(keys);
        if (result.rejected()) {
            throw new IllegalArgumentException("the sandbox refused to cancel " + orderNbr + ": " + result.entity());
        }
    }

    /** Every shipment, as {@code GET /Shipment?$expand=Details,Packages,Orders} answers. */
    public List<JsonNode> shipments() {
        return render(shipments.shipments(s -> true), ShipmentBook.SHIPMENT, Set.of("Details", "Packages", "Orders"));
    }

    /** Every SO invoice, as {@code GET /SalesInvoice?$expand=Details} answers. */
    public List<JsonNode> salesInvoices() {
        return render(shipments.invoices(i -> true), ShipmentBook.INVOICE, Set.of("Details"));
    }

    /** Every payment, as {@code GET /Payment?$expand=OrdersToApply} answers. */
    public List<JsonNode> payments() {
        return render(payments.list(p -> true), PaymentBook.SHAPE, Set.of("OrdersToApply"));
    }

    /** Adds an item to the instance (as the merchant's catalogue would have it), e.g. for a store's own SKUs. */
    public void addItem(String inventoryId, java.math.BigDecimal defaultPrice) {
        salesOrders.addItem(inventoryId, defaultPrice);
    }

    /**
     * Adds a customer the merchant already has (a generic guest customer, or one carrying a store's customer id in
     * AccountRef); returns its CustomerID.
     */
    public String addCustomer(String customerId, String name, String email, String accountRef) {
        ObjectNode customer = Values.object();
        Values.set(customer, "CustomerID", customerId);
        Values.set(customer, "CustomerName", name);
        if (email != null) {
            Values.set(customer, "Email", email);
        }
        if (accountRef != null) {
            Values.set(customer, "AccountRef", accountRef);
        }
        PutResult result = customers.put(customer, Precondition.INSERT_ONLY);
        if (result.rejected()) {
            throw new IllegalArgumentException("the sandbox refused customer " + customerId + ": " + result.entity());
        }
        return customerId;
    }

    /** Every customer, as {@code GET /Customer} answers. */
    public List<JsonNode> customers() {
        return customers(Set.of());
    }

    /** Every customer with these linked entities expanded, e.g. {@code BillingContact/Address}. */
    public List<JsonNode> customers(Set<String> expand) {
        return render(customers.list(c -> true), CustomerBook.SHAPE, expand);
    }

    public CallLog calls() {
        return calls;
    }

    /** Stock items, template items, warehouses, item-warehouse records, quantities and kits. */
    public ItemBook items() {
        return items;
    }

    /** The tax zones, their taxes and rates, and the branch's zone. */
    public TaxZones taxZones() {
        return taxZones;
    }

    public Faults faults() {
        return faults;
    }

    /** Ends every access token now, as an application-pool restart does; clients must refresh. */
    public void expireAccessTokens() {
        oauth.tokens().expireAccessTokens();
    }

    /**
     * What an administrator does to a compromised or departed integration: gives the API user a new password and
     * signs out its sessions (every access and refresh token stops working). Only the new password signs in.
     */
    public void changePasswordAndRevokeSessions(String newPassword) {
        oauth.changePasswordAndRevokeSessions(newPassword);
    }

    /**
     * The instance's session records: sessions open now, opened (password grants accepted) since it started, the most
     * open at once, and grants refused with "API Login Limit".
     */
    public record SessionRecords(int open, int opened, int mostOpenAtOnce, int refusedAtLimit) {}

    public SessionRecords sessionRecords() {
        return oauth.sessionRecords();
    }

    /** Sessions holding one of the licence's API-user slots now (signed in and neither signed out nor ended idle). */
    public int openSessions() {
        return oauth.openSessions();
    }

    /** Every access and refresh token the token endpoint has issued so far (to check that none reaches a log). */
    public java.util.Set<String> issuedTokens() {
        return oauth.tokens().issuedTokens();
    }

    /** Handles a request without a socket (unit tests). Headers are lower-case names. */
    public HttpResponse dispatch(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        return router.dispatch(method, rawPath, rawQuery, headers, body);
    }

    @Override
    public void close() {
        router.close();
    }

    private HttpResponse putCustomer(HttpRequest request) {
        ODataQuery query = query(request, CustomerBook.SHAPE);
        ObjectNode entity = RequestEntities.read(request, CustomerBook.SHAPE);
        return answer(customers.put(entity, Precondition.of(request)), CustomerBook.SHAPE, query);
    }

    private HttpResponse putSalesOrder(HttpRequest request) {
        ODataQuery query = query(request, SalesOrderBook.SHAPE);
        ObjectNode entity = RequestEntities.read(request, SalesOrderBook.SHAPE);
        return answer(salesOrders.put(entity, Precondition.of(request)), SalesOrderBook.SHAPE, query);
    }

    private HttpResponse putSalesInvoice(HttpRequest request) {
        ODataQuery query = query(request, ShipmentBook.INVOICE);
        ObjectNode entity = RequestEntities.read(request, ShipmentBook.INVOICE);
        return answer(shipments.putInvoice(entity, Precondition.of(request)), ShipmentBook.INVOICE, query);
    }

    /** The order's invoice, and its payments' applications moved onto it. */
    private PutResult prepareSalesInvoice(JsonNode keys) {
        PutResult result = shipments.prepareFromOrder(keys);
        if (!result.rejected()) {
            payments.transferToInvoice(Values.text(keys, "OrderType").orElse("SO"), Values.text(keys, "OrderNbr").orElse(""),
                    Values.text(result.entity(), "Type").orElseThrow(), Values.text(result.entity(), "ReferenceNbr").orElseThrow());
        }
        return result;
    }

    /** The invoice posted; released payments already applied to it take effect. */
    private PutResult releaseSalesInvoice(JsonNode keys) {
        PutResult result = shipments.release(keys);
        if (!result.rejected()) {
            payments.settleInvoice(Values.text(result.entity(), "Type").orElseThrow(),
                    Values.text(result.entity(), "ReferenceNbr").orElseThrow());
        }
        return result;
    }

    private HttpResponse putPayment(HttpRequest request) {
        ODataQuery query = query(request, PaymentBook.SHAPE);
        ObjectNode entity = RequestEntities.read(request, PaymentBook.SHAPE);
        return answer(payments.put(entity, Precondition.of(request)), PaymentBook.SHAPE, query);
    }

    /**
     * An action on one record: {@code {"entity": {keys}, "parameters": {...}}}; 204 when done (the sandbox finishes at
     * once, where Acumatica may answer 202 and a Location to poll). An action the document's state does not allow is a
     * business rule: 500 with the rule as {@code exceptionMessage}. GUESS: the spec lists both 422 and 500 for
     * actions and which one a given rule takes is unconfirmed, so the 422 echo is a knob and the connector takes both.
     * With {@link Faults#actionDuration} the action is a long-running operation: 202 and a status Location.
     */
    private HttpResponse action(HttpRequest request, Shape shape, Function<JsonNode, PutResult> perform) {
        JsonNode body;
        try {
            body = Values.readTree(request.body());
        } catch (java.io.IOException e) {
            throw AcumaticaErrors.of(400, "The request body is not valid JSON.");
        }
        if (body == null || !body.path("entity").isObject()) {
            throw AcumaticaErrors.of(400, "The body of an action must be {\"entity\": {...}} naming the record.");
        }
        ObjectNode keys = RequestEntities.read(body.get("entity"), shape);
        if (faults.actionDuration().isPositive()) {
            String id = operations.start(session(request), faults.actionDuration(), () -> perform.apply(keys));
            return HttpResponse.empty(202).withHeader("Location", baseUrl() + request.path() + "/status/" + id);
        }
        PutResult result = perform.apply(keys);
        if (result.rejected() && !faults.actionRefusalsAs422()) {
            throw AcumaticaErrors.businessRule(result.entity().path("error").asText("The action is not available."));
        }
        if (result.rejected()) {
            return json(422, EntityView.render(result.entity(), shape, ODataQuery.everything(result.entity(), shape), 1));
        }
        return HttpResponse.empty(204);
    }

    private HttpResponse getSalesOrderById(HttpRequest request) {
        UUID id;
        try {
            id = UUID.fromString(request.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw AcumaticaErrors.of(400, "'" + request.pathParam("id") + "' is not a record id; a sales order's keys are "
                    + "OrderType/OrderNbr, e.g. SalesOrder/SO/SO000001.");
        }
        return one(request, SalesOrderBook.SHAPE, salesOrders.get(id));
    }

    private HttpResponse list(HttpRequest request, Shape shape,
            Function<java.util.function.Predicate<JsonNode>, List<ObjectNode>> source) {
        ODataQuery query = query(request, shape);
        List<ObjectNode> matching = source.apply(query.filter());
        var rows = Values.NODES.arrayNode();
        query.slice().of(matching.stream())
                .forEach(e -> rows.add(EntityView.render(e, shape, query, rows.size() + 1)));
        return json(200, rows);
    }

    private HttpResponse documents(HttpRequest request, StockDocumentBook.Type type) {
        return list(request, type.shape, filter -> documents.list(type, filter));
    }

    /** A list of stock or catalogue records: filtered, then paged with $skip and $top, rendered as asked. */
    private HttpResponse page(HttpRequest request, Shape shape) {
        ODataQuery query = query(request, shape);
        Optional<String> filterText = request.queryParam("$filter").filter(f -> !f.isBlank());
        Optional<List<String>> onlyItems = filterText.filter(f -> ONLY_ITEM_IDS.matcher(f).matches())
                .map(f -> ITEM_ID.matcher(f).results().map(m -> m.group(1)).toList());
        List<ObjectNode> page = items.page(shape.name(), filterText.isPresent() ? query.filter() : null, query.slice(),
                onlyItems);
        var rows = Values.NODES.arrayNode();
        page.forEach(e -> rows.add(EntityView.render(e, shape, query, rows.size() + 1)));
        return json(200, rows);
    }

    /** One record by its keys: the query is checked first (a bad $expand is a 400 even for a missing record). */
    private HttpResponse one(HttpRequest request, Shape shape, Optional<ObjectNode> found) {
        ODataQuery query = query(request, shape);
        return json(200, EntityView.render(found.orElseThrow(AcumaticaErrors::noEntity), shape, query, 1));
    }

    private ODataQuery query(HttpRequest request, Shape shape) {
        return ODataQuery.of(request, shape, faults.strictNestedSelect());
    }

    /** An inquiry form: the filter goes in as a PUT body, the rows come back in Results. */
    private HttpResponse inquiry(HttpRequest request, Shape shape, Function<ObjectNode, PutResult> form) {
        ODataQuery query = query(request, shape);
        return answer(form.apply(RequestEntities.read(request, shape)), shape, query);
    }

    private HttpResponse answer(PutResult result, Shape shape, ODataQuery query) {
        if (result.rejected()) {
            return json(422, EntityView.render(result.entity(), shape, ODataQuery.everything(result.entity(), shape), 1));
        }
        return json(200, EntityView.render(result.entity(), shape, query, 1));
    }

    private static List<JsonNode> render(List<ObjectNode> entities, Shape shape, Set<String> expand) {
        ODataQuery query = new ODataQuery(e -> true, expand, Set.of(), com.bcerp.sandbox.paging.Slice.ALL);
        return entities.stream().map(e -> (JsonNode) EntityView.render(e, shape, query, 1)).toList();
    }

    /** While a long-running operation runs in a session, only its status can be asked for (see {@link LongOperations}). */
    private HttpResponse sessionLock(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        if (request.path().startsWith(base + "/")) {
            java.util.regex.Matcher status = STATUS_PATH.matcher(request.path());
            operations.requireIdle(session(request), status.find() ? status.group(1) : null);
        }
        return next.apply(request);
    }

    private static final java.util.regex.Pattern STATUS_PATH = java.util.regex.Pattern.compile("/status/([^/]+)$");

    /** The session a request belongs to (its grant's, kept across refreshes), marked as used. */
    private String session(HttpRequest request) {
        return oauth.useSession(request.header("authorization").orElse(null)).orElse("");
    }

    // Filters, in order: log every call, inject faults, require a valid token on the endpoint, the session's lock.

    /** Latency on every call; then, on entity calls: the outage, the licence's queue (not for a sign-out), a drawn timeout. */
    private HttpResponse injectFaults(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        FaultKnobs knobs = faults.knobs();
        FaultKnobs.pause(knobs.latency());
        if (!request.path().startsWith("/entity/")) {
            return next.apply(request);
        }
        if (knobs.inOutage()) {
            throw AcumaticaErrors.of(503, "The service is unavailable.");
        }
        if (!request.path().equals(LOGOUT_PATH)) {
            faults.awaitLicence(); // every request but a sign-out enters the licence's queue
        }
        return knobs.perform(knobs.draw(), request, next, FAULT_ANSWERS);
    }

    private static final FaultKnobs.Answers FAULT_ANSWERS = new FaultKnobs.Answers() {
        @Override
        public RuntimeException outage() {
            return AcumaticaErrors.of(503, "The service is unavailable.");
        }

        @Override
        public RuntimeException failure(int status) {
            return AcumaticaErrors.of(status, "An error has occurred."); // ASP.NET Web API's text for an unhandled error
        }

        @Override
        public RuntimeException timeout() {
            return AcumaticaErrors.of(504, "The request timed out.");
        }
    };

    private String route(HttpRequest request) {
        String path = request.path();
        if (!path.startsWith(base + "/")) {
            return request.method() + " " + path;
        }
        String rest = path.substring(base.length() + 1);
        int slash = rest.indexOf('/');
        // actions keep their name (POST /SalesOrder/CancelSalesOrder), as do their status polls; reads by key are counted together
        java.util.regex.Matcher status = STATUS_PATH.matcher(rest);
        return request.method() + " /" + (slash < 0 || request.method().equals("POST") ? rest
                : status.find() ? status.replaceFirst("/status/{id}") : rest.substring(0, slash) + "/{keys}");
    }

    /** Acumatica answers an unknown route (e.g. an endpoint version it does not publish) with an HttpError. */
    private static HttpResponse notFound(HttpResponse response) {
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            if (body.hasNonNull("message")) {
                return response;
            }
        } catch (java.io.IOException e) {
            // fall through to the generic answer
        }
        return json(404, Json.MAPPER.createObjectNode().put("message",
                "No HTTP resource was found that matches the request URI."));
    }

    private static HttpResponse json(int status, JsonNode body) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            return new HttpResponse(status, headers, WRITER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer", e);
        }
    }
}
