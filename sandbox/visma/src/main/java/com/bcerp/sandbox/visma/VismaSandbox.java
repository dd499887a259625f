package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.calls.CallLog;
import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.http.Router;
import com.bcerp.sandbox.oauth.OAuthError;
import com.bcerp.sandbox.oauth.TokenIssuer;
import com.bcerp.sandbox.oauth.TokenRequest;
import com.bcerp.sandbox.paging.Page;
import com.bcerp.sandbox.quota.RequestWindow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Visma.net ERP (Financials) company over real HTTP, in the JVM: the Visma.net ERP Service API
 * ({@code /v1}, {@code /v2}) as erp-apis.md §3 and §10.1 and the vendor's OpenAPI file describe it, with Visma
 * Connect's token endpoint ({@code POST /connect/token}, {@code client_credentials} with {@code tenant_id}) served by
 * the same server, the rate-limit policy's headers and 429, and fault knobs ({@link Faults}). See the module's README
 * for what is modelled and every guess.
 *
 * <pre>{@code
 * VismaSandbox visma = VismaSandbox.start(VismaSandbox.Settings.defaults());
 * // POST {tokenUrl} grant_type=client_credentials&client_id=..&client_secret=..&tenant_id=..&scope=vismanet_erp_service_api:read ...
 * // GET  {apiUrl}/v1/customer?email=ada@example.com&pageNumber=1&pageSize=100     (Authorization: Bearer ...)
 * }</pre>
 */
public final class VismaSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VismaSandbox.class);

    static final String TOKEN_PATH = "/connect/token";

    /** The scopes of the ERP Service API ([V-SDK]). */
    public static final Set<String> SCOPES = Set.of("vismanet_erp_service_api:read", "vismanet_erp_service_api:create",
            "vismanet_erp_service_api:update", "vismanet_erp_service_api:delete");

    private static final ObjectWriter WRITER = Json.MAPPER.writer().with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);

    /**
     * How the company is set up.
     *
     * @param port          0 picks a free port
     * @param tenantId      the "Customer TenantID" that holds the licence ([V-KB-12027]); a token for another tenant
     *                      is refused by the API with IPPException 12027
     * @param tokenLifetime how long an access token works (Visma Connect examples show 3600 s; UNCONFIRMED for ERP)
     * @param baseCurrency  the company's currency
     */
    public record Settings(int port, String tenantId, String clientId, String clientSecret, Duration tokenLifetime,
            String baseCurrency) {

        public static Settings defaults() {
            return new Settings(0, "4f1c2b7e-9a3d-4c5e-8b21-6d7f0e1a2b3c", "isv_bc_erp_connector",
                    "sandbox-visma-client-secret", Duration.ofSeconds(3600), "NOK");
        }

        public Settings withPort(int newPort) {
            return new Settings(newPort, tenantId, clientId, clientSecret, tokenLifetime, baseCurrency);
        }

        public Settings withTokenLifetime(Duration lifetime) {
            return new Settings(port, tenantId, clientId, clientSecret, lifetime, baseCurrency);
        }

        @Override
        public String toString() {
            return "Settings[port=" + port + ", tenantId=" + tenantId + ", clientId=" + clientId + ", tokenLifetime="
                    + tokenLifetime + ", baseCurrency=" + baseCurrency + ", clientSecret redacted]";
        }
    }

    private record Template(String method, Pattern pattern, String name) {}

    private final Settings settings;
    private final Clock clock;
    private final SandboxCatalog catalog = SandboxCatalog.standard();
    private final CallLog calls;
    private final Faults faults;
    private final TokenIssuer tokens;
    private final Vat vat;
    private final Customers customers;
    private final Inventory inventory;
    private final SalesOrders orders;
    private final Shipments shipments;
    private final Invoices invoices;
    private final CreditNotes creditNotes;
    private final Payments payments;
    private final SalesPrices salesPrices;
    private final ReentrantLock lock = new ReentrantLock();
    /** Releases queued by {@link Faults#releaseInBackground}, by the time they are due (under the lock). */
    private final List<Map.Entry<java.time.Instant, Runnable>> queued = new ArrayList<>();
    private final Router router = new Router();
    private final List<Template> templates = new ArrayList<>();

    private VismaSandbox(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.calls = new CallLog(clock, CallLog.DEFAULT_KEPT_EXCHANGES);
        this.faults = new Faults(clock);
        this.tokens = new TokenIssuer(clock, settings.tokenLifetime());
        this.vat = new Vat(clock.instant());
        Addresses addresses = new Addresses();
        this.customers = new Customers(lock, clock, vat, addresses, faults, settings.baseCurrency(), Set.of("BCID"));
        this.inventory = new Inventory(lock, clock, faults, vat);
        this.orders = new SalesOrders(lock, clock, customers, inventory, vat, addresses, faults);
        this.shipments = new Shipments(lock, clock, orders, inventory);
        this.invoices = new Invoices(lock, clock, orders, shipments, inventory, vat);
        this.creditNotes = new CreditNotes(lock, clock, customers, inventory, invoices, vat);
        this.payments = new Payments(lock, clock, customers, orders, invoices);
        this.salesPrices = new SalesPrices(lock, clock);
        seed();
        router.filter(calls.filter(this::routeOf, r -> settings.clientId(), r -> r.path().equals(TOKEN_PATH)))
                .filter(this::knownRoute)
                .filter(this::runQueued)
                .filter(this::injectFaults)
                .filter(this::authorise)
                .filter(this::rateLimit);
        route("POST", TOKEN_PATH, this::token);
        route("GET", "/v1/customer", r -> list(r, Listing.MAX_PAGE_SIZE, customers.list(r), c -> c));
        route("POST", "/v1/customer", r -> created("/v1/customer/", customers.create(
                Wire.of(r.body(), new Wire.Dto("inserting the customer", "CustomerUpdateDto")))));
        route("GET", "/v1/customer/{customerCd}", r -> one(customers.get(r.pathParam("customerCd")),
                "Customer " + r.pathParam("customerCd") + " not found."));
        route("PUT", "/v1/customer/{customerCd}", r -> updated(customers.update(r.pathParam("customerCd"),
                Wire.of(r.body(), new Wire.Dto("updating the customer", "CustomerUpdateDto"))),
                "Customer " + r.pathParam("customerCd") + " not found."));
        route("GET", "/v1/customer/{customerCd}/salesorder", r -> {
            String customer = r.pathParam("customerCd");
            if (customers.get(customer).isEmpty()) {
                throw VismaErrors.notFound("Customer " + customer + " not found.");
            }
            return list(r, Listing.MAX_PAGE_SIZE, orders.list(r, Optional.of(customer)), o -> SalesOrders.listed(o, r));
        });
        // the v2 paths take the same DTOs and answer the same way ([V-SPEC]); GUESS: v2's Location names v2
        for (String v : List.of("/v1", "/v2")) {
            route("GET", v + "/salesorder", r -> list(r, Listing.MAX_PAGE_SIZE, orders.list(r, Optional.empty()),
                    o -> SalesOrders.listed(o, r)));
            route("POST", v + "/salesorder", r -> created(v + "/salesorder/", orders.create(
                    Wire.of(r.body(), new Wire.Dto("creating salesOrder", "SalesOrderUpdateDto")))));
            route("GET", v + "/salesorder/{orderNbr}", r -> one(orders.get(r.pathParam("orderNbr")),
                    "Sales order " + r.pathParam("orderNbr") + " not found."));
            route("POST", v + "/salesorder/{saleOrderNumber}/action/cancelSalesOrder", this::cancelSalesOrder);
            route("POST", v + "/salesorder/{saleOrderNumber}/action/createShipment", this::createShipment);
        }
        route("PUT", "/v1/salesorder/{orderNbr}", r -> updated(orders.update(r.pathParam("orderNbr"),
                Wire.of(r.body(), new Wire.Dto("updating salesOrder", "SalesOrderUpdateDto"))),
                "Sales order " + r.pathParam("orderNbr") + " not found."));
        route("GET", "/v1/salesorder/{orderType}/{orderNbr}", r -> one(orders.get(r.pathParam("orderType"),
                r.pathParam("orderNbr")), "Sales order " + r.pathParam("orderType") + " " + r.pathParam("orderNbr")
                + " not found."));
        route("POST", "/v2/salesorder/{orderType}/{orderNumber}/action/prepareInvoice", r -> {
            atomically(() -> invoices.prepare(r.pathParam("orderType"), r.pathParam("orderNumber")));
            return HttpResponse.empty(204);
        });
        route("GET", "/v1/shipment", r -> list(r, Listing.MAX_PAGE_SIZE, shipments.list(r), s -> s));
        route("GET", "/v1/shipment/{shipmentNbr}", r -> {
            ObjectNode s = shipments.get(r.pathParam("shipmentNbr")).orElseThrow(() -> VismaErrors.notFound(
                    "Shipment " + r.pathParam("shipmentNbr") + " not found."));
            return json(200, s).withHeader("ETag", Shipments.etag(s));
        });
        route("PUT", "/v1/shipment/{shipmentNbr}", r -> updated(shipments.update(r.pathParam("shipmentNbr"),
                Wire.of(r.body(), new Wire.Dto("updating shipment", "ShipmentUpdateDto")), r.header("If-Match")),
                "Shipment " + r.pathParam("shipmentNbr") + " not found."));
        route("POST", "/v1/shipment/{shipmentNumber}/action/confirmShipment", r -> {
            atomically(() -> {
                shipments.confirm(r.pathParam("shipmentNumber"));
                return null;
            });
            return actionDone();
        });
        route("GET", "/v1/customerinvoice", r -> list(r, Listing.MAX_PAGE_SIZE, invoices.list(r), i -> i));
        route("GET", "/v1/customerinvoice/{invoiceNumber}", r -> one(invoices.get(r.pathParam("invoiceNumber")),
                "Invoice " + r.pathParam("invoiceNumber") + " not found."));
        route("POST", "/v1/customerinvoice/{invoiceNumber}/action/release", r -> {
            String number = r.pathParam("invoiceNumber");
            return release(() -> invoices.get(number).orElseThrow(() -> VismaErrors.notFound("Invoice " + number
                    + " not found.")), () -> releaseInvoice(number));
        });
        route("POST", "/v1/customerPayment", r -> created("/v1/customerPayment/", payments.create(
                Wire.of(r.body(), new Wire.Dto("creating customer payment", "PaymentUpdateDto")))));
        route("GET", "/v1/customerPayment", r -> list(r, Listing.MAX_PAGE_SIZE, payments.list(r), p -> p));
        route("GET", "/v1/customerPayment/{paymentNumber}", r -> one(payments.get(r.pathParam("paymentNumber")),
                "Payment " + r.pathParam("paymentNumber") + " not found."));
        route("POST", "/v1/customerPayment/{paymentNumber}/action/release", r -> {
            Wire body = Wire.of(r.body(), new Wire.Dto("releasing the payment", "ReleasePaymentActionDto"));
            String type = body.text("type").orElseThrow(() -> required("releasing the payment", "Type"));
            atomically(() -> {
                payments.release(r.pathParam("paymentNumber"), type);
                return null;
            });
            return actionDone();
        });
        route("POST", "/v1/customerPayment/{paymentNumber}/action/void", r -> {
            Wire body = Wire.of(r.body(), new Wire.Dto("voiding the payment", "VoidPaymentActionDto"));
            String type = body.plainText("type").orElseThrow(() -> required("voiding the payment", "Type"));
            atomically(() -> {
                payments.voidPayment(r.pathParam("paymentNumber"), type);
                return null;
            });
            return json(200, Wire.object().put("type", "VoidPayment").put("refNbr", r.pathParam("paymentNumber"))
                    .put("actionId", java.util.UUID.randomUUID().toString()).put("actionResult", "Done"));
        });
        route("POST", "/v2/customerCreditNote", r -> created("/v1/customerCreditNote/", creditNotes.create(
                Wire.of(r.body(), new Wire.Dto("creating customer credit note", "CustomerCreditNoteUpdateDto")))));
        route("GET", "/v1/customerCreditNote", r -> list(r, Listing.MAX_PAGE_SIZE, creditNotes.list(r), c -> c));
        route("GET", "/v1/customerCreditNote/{creditNoteNumber}", r -> one(creditNotes.get(r.pathParam("creditNoteNumber")),
                "Credit note " + r.pathParam("creditNoteNumber") + " not found."));
        route("POST", "/v1/customerCreditNote/{creditNoteNumber}/action/release", r -> {
            String number = r.pathParam("creditNoteNumber");
            return release(() -> creditNotes.get(number).orElseThrow(() -> VismaErrors.notFound("Credit note " + number
                    + " not found.")), () -> {
                        creditNotes.release(number);
                        return null;
                    });
        });
        route("GET", "/v1/inventory", r -> list(r, Listing.INVENTORY_MAX_PAGE_SIZE, inventory.list(r), i -> i));
        route("GET", "/v1/inventory/{inventoryNumber}", r -> one(inventory.get(r.pathParam("inventoryNumber")),
                "Inventory item " + r.pathParam("inventoryNumber") + " not found."));
        route("PUT", "/v1/inventory/{inventoryNumber}", r -> updated(atomically(() -> inventory.update(
                r.pathParam("inventoryNumber"), Wire.of(r.body(), new Wire.Dto("updating the inventory item",
                        "InventoryUpdateDto")))), "Inventory item " + r.pathParam("inventoryNumber") + " not found."));
        route("GET", "/v1/inventorysummary/{inventoryNumber}", r -> json(200, array(inventory.summary(
                r.pathParam("inventoryNumber"), r.queryParam("warehouse").filter(w -> !w.isBlank()))
                .orElseThrow(() -> VismaErrors.notFound("Inventory item " + r.pathParam("inventoryNumber") + " not found.")))));
        route("GET", "/v1/customerSalesPrice", r -> list(r, Listing.MAX_PAGE_SIZE, salesPrices.list(r), p -> p));
        route("GET", "/v1/warehouse", r -> json(200, array(Inventory.warehouses())));
        route("GET", "/v1/warehouse/{warehouseID}", r -> one(Inventory.warehouse(r.pathParam("warehouseID")),
                "Warehouse " + r.pathParam("warehouseID") + " not found."));
        route("GET", "/v1/vat", r -> json(200, array(vat.vatInformation())));
        route("GET", "/v1/vat/{vatId}", r -> one(vat.vatInformation(r.pathParam("vatId")), "VAT " + r.pathParam("vatId") + " not found."));
        route("GET", "/v1/vatCategory", r -> json(200, array(vat.categoryDtos())));
        route("GET", "/v1/vatCategory/{taxCategoryId}", r -> one(vat.category(r.pathParam("taxCategoryId")).map(vat::categoryDto),
                "VAT category " + r.pathParam("taxCategoryId") + " not found."));
        route("GET", "/v1/vatZone", r -> list(r, Listing.MAX_PAGE_SIZE, vat.zoneDtos(), z -> z));
        route("GET", "/v1/vatZone/{vatZoneId}", r -> one(vat.zone(r.pathParam("vatZoneId")).map(vat::zoneDto),
                "VAT zone " + r.pathParam("vatZoneId") + " not found."));
    }

    public static VismaSandbox start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts with a clock of the caller's (token expiry, rate-limit windows, modification times). */
    public static VismaSandbox start(Settings settings, Clock clock) {
        VismaSandbox sandbox = new VismaSandbox(settings, clock);
        sandbox.router.start(settings.port());
        log.info("Visma.net ERP sandbox serving the ERP Service API at {} (tenant {})", sandbox.baseUrl(), settings.tenantId());
        return sandbox;
    }

    /** The API root, e.g. {@code http://127.0.0.1:PORT} (paths {@code /v1/...}, {@code /v2/...}). */
    public String baseUrl() {
        return router.baseUrl();
    }

    /** Visma Connect's token endpoint as this sandbox serves it. */
    public String tokenUrl() {
        return baseUrl() + TOKEN_PATH;
    }

    public Settings settings() {
        return settings;
    }

    public Faults faults() {
        return faults;
    }

    public CallLog calls() {
        return calls;
    }

    public SandboxCatalog catalog() {
        return catalog;
    }

    /** Ends every access token now: each client must request a new one. */
    public void expireTokens() {
        tokens.expireAccessTokens();
    }

    /** Every access token issued so far (to check that none reaches a log). */
    public Set<String> issuedTokens() {
        return tokens.issuedTokens();
    }

    /** Adds a customer the merchant already has; returns its number. {@code vatZone}: DOMESTIC or EXPORT. */
    public String addCustomer(String name, String email, String vatZone) {
        return customers.seed(name, email, vatZone);
    }

    /**
     * The merchant sets up a VAT as a Visma user does in the UI (VAT, VAT category, VAT zone windows): {@code vatId}
     * at {@code percent}, in the VAT category {@code category} (made when new) and in the VAT zone {@code zone}.
     */
    public void addVat(String vatId, String description, BigDecimal percent, String category, String zone) {
        merchant(() -> {
            vat.addVat(vatId, description, percent, category, zone);
            return null;
        });
    }

    /**
     * Whether a VAT is rounded to cents once per document (its rate times the sum it applies to) or on each line and
     * then summed. UNCONFIRMED: the research does not say which Visma.net ERP does, so this is a knob, per document by
     * default; the connector must post the store's total under either (its rounding line).
     */
    public enum VatRounding { PER_DOCUMENT, PER_LINE }

    public void vatRounding(VatRounding rounding) {
        merchant(() -> {
            vat.rounding(rounding);
            return null;
        });
    }

    /** Every customer, as {@code GET /v1/customer/{number}} answers each. */
    public List<JsonNode> customers() {
        return List.copyOf(customers.all());
    }

    /** The merchant adds a stock item (VAT category HIGH, stocked in every warehouse, none on hand yet). */
    public void addStockItem(String inventoryNumber, String description, BigDecimal price) {
        merchant(() -> {
            inventory.addItem(inventoryNumber, description, price, "HIGH", true);
            return null;
        });
    }

    /**
     * Each stock item's {@code available} quantity per warehouse, as {@code GET /v1/inventory} with
     * {@code expandWarehouseDetail} shows it (on hand less what open orders booked and shipments took).
     */
    public Map<String, Map<String, BigDecimal>> availableByWarehouse() {
        return merchant(inventory::availableByWarehouse);
    }

    /** The merchant counts stock: the quantity on hand of an item in a warehouse becomes {@code onHand}. */
    public void setStock(String inventoryNumber, String warehouse, BigDecimal onHand) {
        merchant(() -> {
            inventory.setStock(inventoryNumber, warehouse, onHand);
            return null;
        });
    }

    /**
     * The merchant adds a sales price: {@code priceType} Base (no {@code priceCode}), Customer (the customer's number)
     * or CustomerPriceClass (the class); effective from today, no expiration. Returns its {@code recordId}.
     */
    public int addSalesPrice(String priceType, String priceCode, String inventoryNumber, BigDecimal breakQty,
            BigDecimal price) {
        return merchant(() -> salesPrices.add(priceType, priceCode, inventory.item(inventoryNumber).orElseThrow(() ->
                new IllegalArgumentException("no item " + inventoryNumber)), breakQty, price, settings.baseCurrency(),
                clock.instant(), null));
    }

    /** The merchant's warehouse ships every open stock line of an SO order from MAIN; see the full form. */
    public String ship(String orderNbr, String trackingNumber) {
        return ship(orderNbr, "MAIN", null, trackingNumber);
    }

    /**
     * The merchant's warehouse ships an SO order as a user of Visma would: a shipment of {@code quantities} (order line
     * number to quantity; null for every open stock line in {@code warehouse}), one package {@code BOX} with the
     * tracking number (none when null), confirmed. Returns the shipment's number; refused (IllegalStateException with
     * Visma's text) when Visma would refuse it.
     */
    public String ship(String orderNbr, String warehouse, Map<Integer, BigDecimal> quantities, String trackingNumber) {
        return ship(orderNbr, warehouse, quantities, null, trackingNumber == null ? List.of() : List.of(trackingNumber));
    }

    /**
     * As {@link #ship(String, String, Map, String)}, with the shipment's {@code shipVia} (none when null, the order's
     * then) and a package {@code BOX} per tracking number.
     */
    public String ship(String orderNbr, String warehouse, Map<Integer, BigDecimal> quantities, String shipVia,
            List<String> trackingNumbers) {
        return merchant(() -> {
            String number = shipments.create(orderNbr, "SO", warehouse, clock.instant(), quantities);
            if (shipVia != null || !trackingNumbers.isEmpty()) {
                ObjectNode body = Wire.object();
                if (shipVia != null) {
                    body.putObject("shipVia").put("value", shipVia);
                }
                var packages = body.putArray("shipmentPackageLines");
                for (String tracking : trackingNumbers) {
                    ObjectNode box = packages.addObject().put("operation", "Insert");
                    box.putObject("boxId").put("value", "BOX");
                    box.putObject("trackingNumber").put("value", tracking);
                }
                shipments.update(number, Wire.of(body, new Wire.Dto("updating shipment", "ShipmentUpdateDto")),
                        Optional.empty());
            }
            shipments.confirm(number);
            return number;
        });
    }

    /** The merchant cancels an SO order, as the cancelSalesOrder action does (refused once it has shipments). */
    public void cancel(String orderNbr) {
        merchant(() -> {
            orders.cancel(orderNbr, "SO");
            return null;
        });
    }

    /** The merchant puts an Open SO order on hold. */
    public void hold(String orderNbr) {
        merchant(() -> {
            orders.hold(orderNbr, "SO");
            return null;
        });
    }

    /** The merchant invoices an SO order's confirmed shipments and releases the invoice; returns its number. */
    public String invoice(String orderNbr) {
        return merchant(() -> {
            String number = invoices.prepare("SO", orderNbr);
            releaseInvoice(number);
            return number;
        });
    }

    /**
     * The bookkeeper records a customer's bank transfer against a released invoice, on Visma's payment screen: a
     * payment ({@code BANK}, cash account {@code 1920}) with the invoice on a line, released; returns its number.
     * Clients do the same through {@code POST /v1/customerPayment} and its release action.
     */
    public String payInvoice(String invoiceNbr, BigDecimal amount, String paymentRef) {
        return merchant(() -> {
            ObjectNode invoice = invoices.get(invoiceNbr).orElseThrow(() -> VismaErrors.notFound("Invoice " + invoiceNbr
                    + " not found."));
            ObjectNode body = Wire.object();
            body.set("type", Wire.object().put("value", "Payment"));
            body.set("customer", Wire.object().put("value", invoice.path("customer").path("number").asText()));
            body.set("applicationDate", Wire.object().put("value", Wire.time(clock.instant())));
            body.set("cashAccount", Wire.object().put("value", "1920"));
            body.set("paymentMethod", Wire.object().put("value", "BANK"));
            body.set("currency", Wire.object().put("value", invoice.path("currencyId").asText()));
            body.set("paymentAmount", Wire.object().put("value", amount));
            body.set("paymentRef", Wire.object().put("value", paymentRef));
            ObjectNode line = body.putArray("paymentLines").addObject().put("operation", "Insert");
            line.set("documentType", Wire.object().put("value", "Invoice"));
            line.set("refNbr", Wire.object().put("value", invoiceNbr));
            line.set("amountPaid", Wire.object().put("value", amount));
            String number = payments.create(Wire.of(body, new Wire.Dto("creating customer payment", "PaymentUpdateDto")));
            payments.release(number, "Payment");
            return number;
        });
    }

    /** Every sales order, as {@code GET /v1/salesorder/{orderType}/{orderNbr}} answers each. */
    public List<JsonNode> salesOrders() {
        return List.copyOf(orders.all());
    }

    /** Every customer credit note, as {@code GET /v1/customerCreditNote/{creditNoteNumber}} answers each. */
    public List<JsonNode> creditNotes() {
        return List.copyOf(creditNotes.all());
    }

    /** Every shipment, as {@code GET /v1/shipment/{shipmentNbr}} answers each. */
    public List<JsonNode> shipments() {
        return List.copyOf(shipments.all());
    }

    /** Every customer invoice, as {@code GET /v1/customerinvoice/{invoiceNumber}} answers each. */
    public List<JsonNode> invoices() {
        return List.copyOf(invoices.all());
    }

    @Override
    public void close() {
        router.close();
    }

    /** Work of several records at once (an action), under the company's lock. */
    private <T> T atomically(java.util.function.Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Releases an invoice; what payments reserved for its orders is then applied to it. */
    private Void releaseInvoice(String number) {
        invoices.release(number);
        ObjectNode invoice = invoices.get(number).orElseThrow();
        Set<String> done = new LinkedHashSet<>();
        for (JsonNode line : invoice.path("invoiceLines")) {
            String type = line.path("soOrderType").asText();
            String nbr = line.path("soOrderNbr").asText();
            if (!nbr.isEmpty() && done.add(type + "/" + nbr)) {
                payments.transfer(type, nbr, number);
            }
        }
        return null;
    }

    /** The merchant's own work in Visma's UI: what the API would refuse is an IllegalStateException. */
    private <T> T merchant(java.util.function.Supplier<T> work) {
        runDue();
        try {
            return atomically(work);
        } catch (HttpError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** cancelSalesOrder: the plain {@code CancelSalesOrderActionDto} ({@code orderType} required, [V-SPEC]). */
    private HttpResponse cancelSalesOrder(HttpRequest r) {
        Wire body = Wire.of(r.body(), new Wire.Dto("cancelling salesOrder", "CancelSalesOrderActionDto"));
        String type = body.plainText("orderType").orElseThrow(() -> required("cancelling salesOrder", "OrderType"));
        atomically(() -> {
            orders.cancel(r.pathParam("saleOrderNumber"), type);
            return null;
        });
        return actionDone();
    }

    /**
     * createShipment: the plain {@code CreateShipmentActionDto} ({@code orderType}, {@code shipmentDate},
     * {@code shipmentWarehouse} required, [V-SPEC]) ships the order's open stock lines of that warehouse; 200
     * {@code CreateShipmentActionResultDto} with the shipment's number, the shipment itself with
     * {@code returnShipmentDto: true}. GUESS: {@code operation} R (a receipt) is not modelled and refused.
     */
    private HttpResponse createShipment(HttpRequest r) {
        Wire body = Wire.of(r.body(), new Wire.Dto("creating shipment", "CreateShipmentActionDto"));
        String type = body.plainText("orderType").orElseThrow(() -> required("creating shipment", "OrderType"));
        java.time.Instant date = Wire.parseTime(body.plainText("shipmentDate")
                .orElseThrow(() -> required("creating shipment", "ShipmentDate")))
                .orElseThrow(() -> body.dto().wrong("shipmentDate", "a date-time"));
        String warehouse = body.plainText("shipmentWarehouse").orElseThrow(() -> required("creating shipment",
                "ShipmentWarehouse"));
        if (!body.plainText("operation").orElse("I").equals("I")) {
            throw VismaErrors.message(400, "Error creating shipment. Only operation I (Issue) is modelled by this sandbox.");
        }
        boolean returnDto = body.plainBool("returnShipmentDto").orElse(false);
        String number = atomically(() -> shipments.create(r.pathParam("saleOrderNumber"), type, warehouse, date, null));
        ObjectNode answer = Wire.object().put("referenceNumber", number);
        if (returnDto) {
            answer.set("shipmentDto", shipments.get(number).orElseThrow());
        }
        answer.put("actionId", java.util.UUID.randomUUID().toString()).put("actionResult", "Done");
        return json(200, answer);
    }

    /**
     * A customer document's release: done at once ({@code Done}), or with {@link Faults#releaseInBackground} queued
     * ({@code Queued}) once the document is known to exist, and done when due; a queued release that fails then is
     * dropped, as Visma sends no notification.
     */
    private HttpResponse release(java.util.function.Supplier<ObjectNode> document, java.util.function.Supplier<Void> work) {
        Optional<Duration> delay = faults.releaseInBackground();
        if (delay.isEmpty()) {
            atomically(work);
            return actionDone();
        }
        atomically(() -> {
            document.get();
            queued.add(Map.entry(clock.instant().plus(delay.get()), () -> work.get()));
            return null;
        });
        return json(200, Wire.object().put("actionId", java.util.UUID.randomUUID().toString()).put("actionResult", "Queued"));
    }

    /** Runs the queued releases that are due, before the request is handled. */
    private HttpResponse runQueued(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        runDue();
        return next.apply(request);
    }

    private void runDue() {
        atomically(() -> {
            java.time.Instant now = clock.instant();
            for (java.util.Iterator<Map.Entry<java.time.Instant, Runnable>> it = queued.iterator(); it.hasNext();) {
                Map.Entry<java.time.Instant, Runnable> task = it.next();
                if (!task.getKey().isAfter(now)) {
                    it.remove();
                    try {
                        task.getValue().run();
                    } catch (HttpError e) {
                        log.info("a queued release was dropped: {}", e.getMessage());
                    }
                }
            }
            return null;
        });
    }

    private static HttpError required(String operation, String field) {
        return VismaErrors.message(400, "Error " + operation + ". The " + field + " field is required.");
    }

    // ---- seeds ----

    private void seed() {
        inventory.seed(catalog);
        for (SandboxCatalog.Item item : catalog.sharedItems().subList(0, 5)) {
            Inventory.Item i = inventory.item(item.sku()).orElseThrow();
            salesPrices.add("Base", null, i, BigDecimal.ZERO, i.defaultPrice, settings.baseCurrency(), clock.instant(), null);
            salesPrices.add("CustomerPriceClass", "WHOLESALE", i, new BigDecimal("10"),
                    i.defaultPrice.multiply(new BigDecimal("0.8")).setScale(2, java.math.RoundingMode.HALF_UP),
                    settings.baseCurrency(), clock.instant(), null);
        }
        customers.seed("Fjord Outfitters AS", "post@fjord-outfitters.example", "DOMESTIC");
        customers.seed("Ada Lovelace", "ada@example.com", "DOMESTIC");
        customers.seed("Harbour Trading Ltd", "orders@harbour-trading.example", "EXPORT");
    }

    // ---- token endpoint (Visma Connect) ----

    /**
     * {@code client_credentials} with {@code tenant_id} ([V-SVC]): the client authenticates in the form (or with
     * Basic); {@code tenant_id} is required (GUESS: its absence is an invalid_request); the scopes asked must be the
     * API's ([V-SDK]), none asked gives all of them (GUESS, IdentityServer's behaviour). Connect does not know the
     * ERP's licences: a token for any tenant is issued, and the API refuses the wrong one ([V-KB-12027]).
     */
    private HttpResponse token(HttpRequest request) {
        TokenRequest t = TokenRequest.read(request);
        t.requireClientBasicOrForm(settings.clientId(), settings.clientSecret());
        if (!t.grantType().equals("client_credentials")) {
            throw OAuthError.unsupportedGrantType();
        }
        String tenant = t.param("tenant_id").filter(v -> !v.isBlank())
                .orElseThrow(() -> OAuthError.invalidRequest("tenant_id is required"));
        Set<String> scopes = t.scopes().isEmpty() ? new LinkedHashSet<>(List.of(
                "vismanet_erp_service_api:create", "vismanet_erp_service_api:delete", "vismanet_erp_service_api:read",
                "vismanet_erp_service_api:update")) : t.scopes();
        if (!SCOPES.containsAll(scopes)) {
            throw OAuthError.invalidScope();
        }
        return tokens.issue(new TokenIssuer.Grant(settings.clientId(), tenant, scopes), false).answer();
    }

    // ---- filters, in order: log, faults, authorisation, rate limit ----

    private static boolean isApi(HttpRequest request) {
        return request.path().startsWith("/v1/") || request.path().startsWith("/v2/");
    }

    /**
     * GUESS: a path the API does not serve answers the gateway's {@code {"statusCode": 404, "message": "Resource not
     * found"}} (Azure API Management's text), a known path with another method 405 in the same shape.
     */
    private HttpResponse knownRoute(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        boolean path = false;
        for (Template t : templates) {
            if (t.pattern().matcher(request.path()).matches()) {
                if (t.method().equals(request.method())) {
                    return next.apply(request);
                }
                path = true;
            }
        }
        int status = path ? 405 : 404;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", status);
        body.put("message", path ? "Method not allowed" : "Resource not found");
        throw new HttpError(status, (String) body.get("message"), body);
    }

    private HttpResponse injectFaults(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        FaultKnobs knobs = faults.knobs();
        if (!isApi(request)) {
            FaultKnobs.pause(knobs.latency());
            return next.apply(request);
        }
        return knobs.run(request, next, FAULT_ANSWERS);
    }

    /** GUESS: the 5xx bodies are the message shape (§10.1.1 names no body for them). */
    private static final FaultKnobs.Answers FAULT_ANSWERS = new FaultKnobs.Answers() {
        @Override
        public RuntimeException outage() {
            return VismaErrors.message(503, "The service is unavailable.");
        }

        @Override
        public RuntimeException failure(int status) {
            return VismaErrors.message(status, "An error has occurred.");
        }

        @Override
        public RuntimeException timeout() {
            return VismaErrors.message(504, "The request timed out.");
        }
    };

    /**
     * A live bearer token on every API call; its tenant must hold the licence (IPPException 12027 otherwise). GUESSES
     * (UNCONFIRMED): the 401 body is the gateway's {@code {"statusCode": 401, "message": ...}}; a token without the
     * scope the method needs (GET read, POST create, PUT update, DELETE delete; an action POST create or update) is a
     * 403 in the message shape.
     */
    private HttpResponse authorise(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        if (!isApi(request)) {
            return next.apply(request);
        }
        Optional<TokenIssuer.Grant> grant = tokens.authorise(request.header("Authorization").orElse(null));
        if (grant.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("statusCode", 401);
            body.put("message", "Unauthorized. Access token is missing, invalid or expired.");
            throw new HttpError(401, "Unauthorized", body);
        }
        if (!grant.get().subject().equals(settings.tenantId())) {
            throw VismaErrors.noLicence();
        }
        String method = request.method();
        boolean action = request.path().contains("/action/");
        boolean allowed = switch (method) {
            case "GET" -> grant.get().hasScope("vismanet_erp_service_api:read");
            case "POST" -> grant.get().hasScope("vismanet_erp_service_api:create")
                    || action && grant.get().hasScope("vismanet_erp_service_api:update");
            case "PUT" -> grant.get().hasScope("vismanet_erp_service_api:update");
            case "DELETE" -> grant.get().hasScope("vismanet_erp_service_api:delete");
            default -> true;
        };
        if (!allowed) {
            throw VismaErrors.message(403, "The access token does not grant " + method + " " + request.path() + ".");
        }
        if (request.header("erp-api-background").isPresent()) {
            throw VismaErrors.message(400, "erp-api-background is not modelled by this sandbox.");
        }
        return next.apply(request);
    }

    /**
     * The rate-limit policy ([V-RATE]): {@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset} (seconds) and
     * {@code -Policy} on every API answer, 429 with {@code Retry-After} (seconds) beyond the quota. GUESSES: the
     * policy header's value, and the 429 body (the gateway's {@code {"statusCode": 429, "message": ...}}).
     */
    private HttpResponse rateLimit(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        if (!isApi(request)) {
            return next.apply(request);
        }
        RequestWindow.Reading reading = faults.window().acquire();
        HttpResponse response;
        if (reading.granted()) {
            response = answerOf(request, next);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("statusCode", 429);
            body.put("message", "Rate limit is exceeded. Try again in " + reading.retryAfterSeconds() + " seconds.");
            response = json(429, Json.MAPPER.valueToTree(body))
                    .withHeader("Retry-After", Long.toString(reading.retryAfterSeconds()));
        }
        return response.withHeader("X-RateLimit-Limit", Integer.toString(reading.quota()))
                .withHeader("X-RateLimit-Remaining", Integer.toString(reading.remaining()))
                .withHeader("X-RateLimit-Reset", Long.toString(reading.retryAfterSeconds()))
                .withHeader("X-RateLimit-Policy", "4-fixed-window");
    }

    /** The route's answer, with an error thrown by it rendered here so that it carries the rate-limit headers too. */
    private static HttpResponse answerOf(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        try {
            return next.apply(request);
        } catch (HttpError e) {
            return json(e.status(), Json.MAPPER.valueToTree(e.body()));
        }
    }

    // ---- routes ----

    private void route(String method, String template, Function<HttpRequest, HttpResponse> handler) {
        router.route(method, template, handler);
        templates.add(new Template(method, Pattern.compile(template.replaceAll("\\{[^}/]+}", "[^/]+")), template));
    }

    /** The call log's route name: the template the request matched, e.g. {@code "GET /v1/salesorder/{orderType}/{orderNbr}"}. */
    private String routeOf(HttpRequest request) {
        for (Template t : templates) {
            if (t.method().equals(request.method()) && t.pattern().matcher(request.path()).matches()) {
                return t.method() + " " + t.name();
            }
        }
        return request.method() + " " + request.path();
    }

    /** 201 Created, no body, the new record's URL in {@code Location} ([V-SPEC], [V-KB-LOCATION]; URL form GUESSED). */
    private HttpResponse created(String collectionPath, String key) {
        return HttpResponse.empty(201).withHeader("Location", baseUrl() + collectionPath + key);
    }

    /**
     * An action's answer: 200 {@code {"actionId", "actionResult": "Done"}} ([V-SPEC] ...ActionResultDto). GUESS: the
     * sandbox does every action at once, never {@code Queued} (whether these actions can queue is UNCONFIRMED, §10.1.4).
     */
    private static HttpResponse actionDone() {
        return json(200, Wire.object().put("actionId", java.util.UUID.randomUUID().toString()).put("actionResult", "Done"));
    }

    private static HttpResponse updated(boolean found, String notFound) {
        if (!found) {
            throw VismaErrors.notFound(notFound);
        }
        return HttpResponse.empty(204);
    }

    private static HttpResponse one(Optional<ObjectNode> record, String notFound) {
        return json(200, record.orElseThrow(() -> VismaErrors.notFound(notFound)));
    }

    private static <T> HttpResponse list(HttpRequest request, int maxPageSize, List<T> all, Function<T, ObjectNode> render) {
        Page page = Listing.page(request, maxPageSize);
        return json(200, Listing.answer(all, page, maxPageSize, render));
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode array(List<ObjectNode> rows) {
        com.fasterxml.jackson.databind.node.ArrayNode array = Wire.array();
        rows.forEach(array::add);
        return array;
    }

    static HttpResponse json(int status, JsonNode body) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            return new HttpResponse(status, headers, WRITER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer", e);
        }
    }
}
