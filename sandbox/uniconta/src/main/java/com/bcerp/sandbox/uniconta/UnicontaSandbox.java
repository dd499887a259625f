package com.bcerp.sandbox.uniconta;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.calls.CallLog;
import com.bcerp.sandbox.faults.FaultKnobs;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.http.Router;
import com.bcerp.sandbox.uniconta.UnicontaErrors.Code;
import com.bcerp.sandbox.uniconta.UnicontaErrors.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Uniconta company over real HTTP, in the JVM: the REST "Entities" API ({@code
 * /api/Entities/{Read|Insert|InsertList|Update|Delete}/<Class>}, erp-apis.md §2.1 and §10.2.1 item 3) with HTTP Basic
 * as {@code 00<CompanyId>/<user>}, the daily call allowance and its delay ({@link CallBudget}), fault knobs ({@link
 * Faults}), the OData read API ({@code /odata/<CompanyId>/<Class>}, {@link ODataReads}), Change URL notifications ({@link ChangeNotifier}), and the merchant's side (invoicing, pack notes, stock
 * counts) as methods. See the module's README for what is modelled and every guess.
 *
 * <p>Classes served: DebtorClient, DebtorOrderClient, DebtorOrderLineClient, InvItemClient, InvItemStorageClient,
 * InvVariant1Client..InvVariant5Client, InvStandardVariantClient, InvStandardVariantCombiClient, DebtorInvoiceClient,
 * DebtorInvoiceLines, GLVatClient, DebtorTransClient, GLDailyJournalLineClient; each also with the suffix {@code User}
 * (the company's user-defined fields added).
 */
public final class UnicontaSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnicontaSandbox.class);
    private static final String ENTITIES = "/api/Entities";

    /**
     * How the company is set up.
     *
     * @param companyId   the company's id; the Basic user name is {@code "00" + companyId + "/" + user}
     * @param zone        the company's zone: its dates, times and the midnight of the call count
     * @param userFields  user-defined fields per client class (e.g. DebtorClient: StoreCustomerId), shown through the
     *                    class name with the suffix {@code User}
     */
    public record Settings(int port, long companyId, String user, String password, ZoneId zone, long firstOrderNumber,
            long firstInvoiceNumber, Map<String, Map<String, FieldType>> userFields) {

        public static Settings defaults() {
            Map<String, Map<String, FieldType>> fields = new LinkedHashMap<>();
            fields.put("DebtorClient", Map.of("StoreCustomerId", FieldType.TEXT));
            fields.put("DebtorOrderClient", Map.of("TrackingNumber", FieldType.TEXT));
            fields.put("DebtorInvoiceClient", Map.of("TrackingNumber", FieldType.TEXT));
            return new Settings(0, 123456, "api-user", "sandbox-api-password", ZoneId.of("Europe/Copenhagen"), 1, 1,
                    fields);
        }

        public Settings withPort(int newPort) {
            return new Settings(newPort, companyId, user, password, zone, firstOrderNumber, firstInvoiceNumber, userFields);
        }

        /** Adds a user-defined field to a client class (e.g. "DebtorClient", "WebCustomerId", TEXT). */
        public Settings withUserField(String className, String field, FieldType type) {
            Map<String, Map<String, FieldType>> fields = new LinkedHashMap<>();
            userFields.forEach((k, v) -> fields.put(k, new LinkedHashMap<>(v)));
            fields.computeIfAbsent(className, k -> new LinkedHashMap<>()).put(field, type);
            return new Settings(port, companyId, user, password, zone, firstOrderNumber, firstInvoiceNumber, fields);
        }

        /** The Basic-auth user name: two zeros mark a company id ([U-POSTMAN]). */
        public String loginName() {
            return "00" + companyId + "/" + user;
        }

        @Override
        public String toString() {
            return "Settings[port=" + port + ", companyId=" + companyId + ", user=" + user + ", zone=" + zone
                    + ", userFields=" + userFields + ", password redacted]";
        }
    }

    /** What the merchant's invoicing run is asked to post. */
    public record Invoicing(Map<Double, Double> quantities, Map<String, Object> userFields, String shipmentText) {

        /** Every line's remainder, no user fields. */
        public static Invoicing all() {
            return new Invoicing(null, Map.of(), null);
        }

        /** These quantities by LineNumber (others not now). */
        public static Invoicing lines(Map<Double, Double> quantities) {
            return new Invoicing(Map.copyOf(quantities), Map.of(), null);
        }

        /** Also sets a user field on the invoice (e.g. the merchant's flow writes a tracking number there). */
        public Invoicing withUserField(String field, Object value) {
            Map<String, Object> fields = new LinkedHashMap<>(userFields);
            fields.put(field, value);
            return new Invoicing(quantities, fields, shipmentText);
        }

        public Invoicing withShipmentText(String text) {
            return new Invoicing(quantities, userFields, text);
        }
    }

    /** A class the API serves and what may be done to it (null: refused as read-only). */
    private record Entity(Table table, UnaryOperator<ObjectNode> insert, BiFunction<ObjectNode, Boolean, ObjectNode> update,
            Consumer<ObjectNode> delete) {}

    private final Settings settings;
    private final CallLog calls;
    private final Faults faults;
    private final CallBudget budget;
    private final ChangeNotifier changes;
    private final Company company;
    private final Stock stock;
    private final Sales sales;
    private final Map<String, Entity> entities = new LinkedHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final SandboxCatalog catalog = SandboxCatalog.standard();
    private final Router router = new Router();
    private final ODataReads odata;

    private UnicontaSandbox(Settings settings, Clock clock) {
        this.settings = settings;
        this.calls = new CallLog(clock, CallLog.DEFAULT_KEPT_EXCHANGES);
        this.faults = new Faults(clock);
        this.budget = new CallBudget(clock);
        this.changes = new ChangeNotifier(settings.companyId());
        this.company = new Company(clock, settings.zone(), changes::publish);
        this.stock = new Stock(company);
        this.sales = new Sales(company, stock, settings.firstOrderNumber(), settings.firstInvoiceNumber());
        passwords.put(settings.user(), settings.password());

        serve(new Entity(sales.debtors, sales::insertDebtor, sales::updateDebtor, sales::deleteDebtor));
        serve(new Entity(sales.orders, sales::insertOrder, sales::updateOrder, sales::deleteOrder));
        serve(new Entity(sales.lines, sales::insertLine, sales::updateLine, sales::deleteLine));
        serve(new Entity(stock.items, stock::insertItem, stock::updateItem, stock::deleteItem));
        serve(new Entity(stock.storage, null, null, null));
        stock.variants.forEach(v -> serve(new Entity(v, null, null, null)));
        serve(new Entity(stock.standardVariants, null, null, null));
        serve(new Entity(stock.combis, null, null, null));
        serve(new Entity(sales.invoices, null, null, null));
        serve(new Entity(sales.invoiceLines, null, null, null));
        serve(new Entity(sales.vats, null, null, null));
        serve(new Entity(sales.ledger.transactions, null, null, null));
        serve(new Entity(sales.ledger.journalLines, sales.ledger::insertLine, sales.ledger::updateLine,
                sales.ledger::deleteLine));
        settings.userFields().forEach((className, fields) -> {
            Entity e = entities.get(className);
            if (e == null) {
                throw new IllegalArgumentException("no client class " + className + " to add user fields to");
            }
            fields.forEach(e.table()::addUserField);
        });
        seed();
        List<String> classNames = new ArrayList<>();
        entities.keySet().forEach(n -> {
            classNames.add(n);
            classNames.add(n + "User");
        });
        this.odata = new ODataReads(settings.companyId(), company, faults, this::source, List.copyOf(classNames));

        router.filter(calls.filter(this::route, this::caller, r -> false))
                .filter(this::injectFaults)
                .filter(this::authenticate)
                .onNotFound(r -> json(404, UnicontaErrors.body(Code.CouldNotFind, "No such resource")))
                .route("GET", ENTITIES + "/{entity}", this::read)
                .route("GET", ENTITIES + "/Read/{entity}", this::read)
                .route("POST", ENTITIES + "/Insert/{entity}", this::insert)
                .route("POST", ENTITIES + "/InsertList/{entity}", this::insertList)
                .route("PUT", ENTITIES + "/Update/{entity}", this::update)
                .route("DELETE", ENTITIES + "/Delete/{entity}", this::delete)
                .route("GET", "/odata/{companyId}", r -> refusing(() -> odata.index(r)))
                .route("GET", "/odata/{companyId}/{entity}", r -> refusing(() -> odata.read(r, baseUrl())));
    }

    public static UnicontaSandbox start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts with a clock of the caller's (times written, the call count's day). */
    public static UnicontaSandbox start(Settings settings, Clock clock) {
        UnicontaSandbox sandbox = new UnicontaSandbox(settings, clock);
        sandbox.router.start(settings.port());
        log.info("Uniconta sandbox for company {} at {}", settings.companyId(), sandbox.baseUrl());
        return sandbox;
    }

    /** E.g. {@code http://127.0.0.1:PORT}; the Entities API is under {@code /api/Entities}. */
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

    public CallBudget callBudget() {
        return budget;
    }

    /** The company's Change URLs (none until added). */
    public ChangeNotifier changeUrls() {
        return changes;
    }

    /** Another API user of the company (each has its own call count). */
    public void addUser(String user, String password) {
        passwords.put(user, password);
    }

    // ---- the merchant's side ----

    /** Posts an invoice for every line's remainder; returns the InvoiceNumber. */
    public long invoice(long orderNumber) {
        return invoice(orderNumber, Invoicing.all());
    }

    /** Posts an invoice as asked; returns the InvoiceNumber. Refused (IllegalStateException) when Uniconta would. */
    public long invoice(long orderNumber, Invoicing invoicing) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        invoicing.userFields().forEach((k, v) -> fields.put(k, Json.MAPPER.valueToTree(v)));
        return merchant(() -> sales.invoice(orderNumber, invoicing.quantities(), fields, invoicing.shipmentText()));
    }

    /**
     * The bookkeeper posts a daily journal whose lines were inserted through the API ({@code GLDailyJournalLineClient}):
     * Uniconta posts journals through its .NET PostingAPI ({@code PostDailyJournal}) only, so this is the merchant's
     * side, as invoicing is. Returns the vouchers posted. Refused (IllegalStateException) when Uniconta would.
     */
    public List<Long> postJournal(String journal) {
        return merchant(() -> sales.ledger.post(journal));
    }

    /**
     * The bookkeeper marks an invoice paid by a bank transfer, on Uniconta's "mark invoice paid" screen: a journal line
     * settling the invoice, posted at once; returns the payment's voucher.
     */
    public long payInvoice(String invoiceNum, double amount, String text) {
        return merchant(() -> sales.ledger.pay(invoiceNum, amount, text));
    }

    /** The merchant edits an order's header fields, as on Uniconta's order screen: {@code Blocked}, {@code Shipment}, ... */
    public void editOrder(long orderNumber, Map<String, Object> fields) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        fields.forEach((k, v) -> values.put(k, Json.MAPPER.valueToTree(v)));
        merchant(() -> {
            sales.editOrder(orderNumber, values);
            return null;
        });
    }

    /** A pack note: QtyDelivered grows by these quantities (LineNumber to quantity). */
    public void deliver(long orderNumber, Map<Double, Double> quantities) {
        merchant(() -> {
            sales.deliver(orderNumber, quantities);
            return null;
        });
    }

    /** A stock count: the quantity on hand of an item (variant codes, or an empty list) in a warehouse. */
    public void setStock(String item, List<String> variants, String warehouse, double qty) {
        merchant(() -> {
            stock.count(place(item, variants, warehouse), qty, null);
            return null;
        });
    }

    /** A stock count with the quantity on purchase orders too. */
    public void setStock(String item, List<String> variants, String warehouse, double qty, double qtyOrdered) {
        merchant(() -> {
            stock.count(place(item, variants, warehouse), qty, qtyOrdered);
            return null;
        });
    }

    /** Adds a customer; {@code userFields} as DebtorClientUser has them (e.g. StoreCustomerId). */
    public String addDebtor(String account, String name, String email, Map<String, Object> userFields) {
        ObjectNode row = Table.NODES.objectNode().put("Account", account).put("Name", name).put("ContactEmail", email);
        userFields.forEach((k, v) -> row.set(k, Json.MAPPER.valueToTree(v)));
        merchant(() -> sales.insertDebtor(sales.debtors.read(row, true)));
        return account;
    }

    /** Adds an item: a stock item ({@code useStorage}) or a service/charge item. */
    public void addItem(String item, String name, double salesPrice, boolean useStorage) {
        ObjectNode row = Table.NODES.objectNode().put("Item", item).put("Name", name).put("SalesPrice1", salesPrice)
                .put("UseStorage", useStorage);
        merchant(() -> stock.insertItem(row));
    }

    public void addWarehouse(String code) {
        stock.addWarehouse(code);
    }

    public void addVat(String code, String name, double ratePct) {
        merchant(() -> {
            sales.addVat(code, name, ratePct);
            return null;
        });
    }

    /**
     * Whether an invoice's VAT is rounded to cents once per VAT code (its rate on the code's sum) or on each line and
     * then summed. UNCONFIRMED: the research does not say which Uniconta does, so this is a knob, per code by default;
     * the adapter's {@code UNICONTA_VAT_ROUNDING} must name the same.
     */
    public enum VatRounding { PER_CODE, PER_LINE }

    public void vatRounding(VatRounding rounding) {
        merchant(() -> {
            sales.vatRounding = rounding;
            return null;
        });
    }

    /** Every row of a class, with its user fields, as {@code Read/<Class>User} renders it (for demos and checks). */
    public List<JsonNode> rows(String className) {
        Entity e = Optional.ofNullable(entities.get(className))
                .orElseThrow(() -> new IllegalArgumentException("no client class " + className));
        return company.list(e.table(), r -> true).stream().map(r -> (JsonNode) e.table().render(r, true)).toList();
    }

    /** Handles a request without a socket (unit tests). Headers are lower-case names. */
    public HttpResponse dispatch(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        return router.dispatch(method, rawPath, rawQuery, headers, body);
    }

    @Override
    public void close() {
        router.close();
        changes.close();
    }

    private <T> T merchant(java.util.function.Supplier<T> work) {
        try {
            return company.atomically(work);
        } catch (Refusal r) {
            throw new IllegalStateException(r.code() + ": " + r.getMessage(), r);
        }
    }

    private Stock.Place place(String item, List<String> variants, String warehouse) {
        ObjectNode row = stock.item(item).orElseThrow(() -> new IllegalArgumentException("no item " + item));
        if (warehouse != null) {
            stock.checkWarehouse(warehouse);
        }
        return new Stock.Place(item, variants, warehouse, Company.text(row, "Location"));
    }

    // ---- the Entities API ----

    private void serve(Entity entity) {
        entities.put(entity.table().name(), entity);
    }

    /** The class a path names; the suffix {@code User} adds the user fields. */
    private record Named(Entity entity, boolean withUserFields) {}

    private Named named(HttpRequest request) {
        String name = request.pathParam("entity");
        ODataReads.Source source = source(name);
        if (source == null) {
            throw UnicontaErrors.error(404, Code.CouldNotFind, "No entity named " + name);
        }
        return new Named(entities.get(source.table().name()), source.withUserFields());
    }

    private ODataReads.Source source(String name) {
        Entity e = entities.get(name);
        if (e != null) {
            return new ODataReads.Source(e.table(), false);
        }
        if (name.endsWith("User") && entities.containsKey(name.substring(0, name.length() - 4))) {
            return new ODataReads.Source(entities.get(name.substring(0, name.length() - 4)).table(), true);
        }
        return null;
    }

    private HttpResponse read(HttpRequest request) {
        return refusing(() -> {
            Named n = named(request);
            EntityFilter filter = EntityFilter.of(request, n.entity().table(), n.withUserFields());
            ArrayNode rows = Table.NODES.arrayNode();
            company.list(n.entity().table(), filter::matches)
                    .forEach(r -> rows.add(n.entity().table().render(r, n.withUserFields())));
            return json(200, rows);
        });
    }

    private HttpResponse insert(HttpRequest request) {
        return refusing(() -> {
            Named n = named(request);
            UnaryOperator<ObjectNode> insert = writable(n, n.entity().insert());
            ObjectNode row = n.entity().table().read(body(request), n.withUserFields());
            ObjectNode stored = company.atomically(() -> insert.apply(row));
            return faults.insertWithoutBody() ? HttpResponse.empty(204)
                    : json(200, n.entity().table().render(stored, n.withUserFields()));
        });
    }

    private HttpResponse insertList(HttpRequest request) {
        return refusing(() -> {
            Named n = named(request);
            UnaryOperator<ObjectNode> insert = writable(n, n.entity().insert());
            JsonNode body = body(request);
            if (!body.isArray()) {
                throw UnicontaErrors.refuse(Code.NoSucces, "InsertList takes a JSON array of " + n.entity().table().name());
            }
            List<ObjectNode> rows = new ArrayList<>();
            body.forEach(e -> rows.add(n.entity().table().read(e, n.withUserFields())));
            List<ObjectNode> stored = new ArrayList<>();
            if (faults.insertListStopsAtFirstError()) {
                rows.forEach(r -> stored.add(company.atomically(() -> insert.apply(r))));
            } else {
                company.atomically(() -> rows.forEach(r -> stored.add(insert.apply(r))));
            }
            if (faults.insertWithoutBody()) {
                return HttpResponse.empty(204);
            }
            ArrayNode out = Table.NODES.arrayNode();
            stored.forEach(s -> out.add(n.entity().table().render(s, n.withUserFields())));
            return json(200, out);
        });
    }

    /** Update answers 200 with the stored row (one client expects the row back, [U-PHP-UPD]; UNCONFIRMED). */
    private HttpResponse update(HttpRequest request) {
        return refusing(() -> {
            Named n = named(request);
            BiFunction<ObjectNode, Boolean, ObjectNode> update = writable(n, n.entity().update());
            ObjectNode row = n.entity().table().read(body(request), n.withUserFields());
            ObjectNode stored = company.atomically(() -> update.apply(row, n.withUserFields()));
            return json(200, n.entity().table().render(stored, n.withUserFields()));
        });
    }

    /** Delete takes the row (as read) in the body ([U-POSTMAN]: "we must first get the entity"); 200 without a body (guess). */
    private HttpResponse delete(HttpRequest request) {
        return refusing(() -> {
            Named n = named(request);
            Consumer<ObjectNode> delete = writable(n, n.entity().delete());
            ObjectNode row = n.entity().table().read(body(request), n.withUserFields());
            company.atomically(() -> delete.accept(row));
            return HttpResponse.empty(200);
        });
    }

    private static <T> T writable(Named n, T operation) {
        if (operation == null) {
            throw UnicontaErrors.refuse(Code.NoRights, n.entity().table().name() + " cannot be changed through the API");
        }
        return operation;
    }

    private static JsonNode body(HttpRequest request) {
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            if (body == null || body.isMissingNode()) {
                throw UnicontaErrors.refuse(Code.NoSucces, "The request has no body");
            }
            return body;
        } catch (java.io.IOException e) {
            throw UnicontaErrors.refuse(Code.NoSucces, "The body is not JSON");
        }
    }

    private HttpResponse refusing(java.util.function.Supplier<HttpResponse> work) {
        try {
            return work.get();
        } catch (Refusal r) {
            return json(faults.refusalStatus(), UnicontaErrors.body(r.code(), r.getMessage()));
        }
    }

    // ---- filters, in order: log, faults, authentication and the call count ----

    /** Thrown by the fault answers so the filter can render them as plain text. */
    private static final class ServerFault extends RuntimeException {
        private final int status;

        ServerFault(int status, String text) {
            super(text, null, false, false);
            this.status = status;
        }
    }

    private static final FaultKnobs.Answers FAULT_ANSWERS = new FaultKnobs.Answers() {
        @Override
        public RuntimeException outage() {
            return new ServerFault(503, "Service Unavailable");
        }

        @Override
        public RuntimeException failure(int status) {
            return new ServerFault(status, "Internal Server Error");
        }

        @Override
        public RuntimeException timeout() {
            return new ServerFault(504, "Gateway Timeout");
        }
    };

    private HttpResponse injectFaults(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        try {
            return faults.knobs().run(request, next, FAULT_ANSWERS);
        } catch (ServerFault f) {
            return UnicontaErrors.serverText(f.status, f.getMessage());
        }
    }

    /**
     * HTTP Basic with {@code 00<CompanyId>/<user>} ([U-POSTMAN]). Other user-name forms seen in clients (a 7-digit
     * zero-padded id, a bare id; §10.2.1) are refused: only the documented form is served. Wrong user or password:
     * 401; a company id that is not this company: 403 NoRights. Then the call counts against the user's day.
     */
    private HttpResponse authenticate(HttpRequest request, Function<HttpRequest, HttpResponse> next) {
        Optional<String[]> login = credentials(request);
        if (login.isEmpty()) {
            return json(401, UnicontaErrors.body(Code.NoSucces, "Login failed: wrong user name or password."))
                    .withHeader("WWW-Authenticate", "Basic realm=\"Uniconta\"");
        }
        String name = login.get()[0];
        int slash = name.indexOf('/');
        String companyPart = slash < 0 ? "" : name.substring(0, slash);
        String user = slash < 0 ? "" : name.substring(slash + 1);
        String expected = passwords.get(user);
        if (!companyPart.startsWith("00") || companyPart.length() < 3 || !companyPart.substring(2).chars().allMatch(Character::isDigit)
                || expected == null || !expected.equals(login.get()[1])) {
            return json(401, UnicontaErrors.body(Code.NoSucces, "Login failed: wrong user name or password."))
                    .withHeader("WWW-Authenticate", "Basic realm=\"Uniconta\"");
        }
        if (Long.parseLong(companyPart.substring(2)) != settings.companyId()) {
            return json(403, UnicontaErrors.body(Code.NoRights, "The user has no rights in company " + companyPart.substring(2)));
        }
        FaultKnobs.pause(budget.spend(user));
        return next.apply(request);
    }

    /** [user name, password] from a Basic header, if it is one. */
    private static Optional<String[]> credentials(HttpRequest request) {
        return request.header("Authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).flatMap(h -> {
            try {
                String pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** The caller the call log counts: the user part of the login name, never the password. */
    private String caller(HttpRequest request) {
        return credentials(request).map(c -> c[0].substring(c[0].indexOf('/') + 1)).orElse(null);
    }

    /** Routes by class, the GET alias counted as Read: {@code "POST /api/Entities/Insert/DebtorOrderClient"}. */
    private String route(HttpRequest request) {
        String path = request.path();
        if (path.startsWith(ENTITIES + "/") && path.indexOf('/', ENTITIES.length() + 1) < 0) {
            return request.method() + " " + ENTITIES + "/Read/" + path.substring(ENTITIES.length() + 1);
        }
        return request.method() + " " + path;
    }

    private static HttpResponse json(int status, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return new HttpResponse(status, headers, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    // ---- the company's starting data ----

    /**
     * VAT codes, two warehouses, the shared catalogue: simple products as stock items; option products TEE-200 and
     * TEE-201 as items with variants (colour in Variant1, size in Variant2, standard variant COLSIZE allowing every
     * combination), TEE-202 and TEE-203 with each variant SKU as an item of its own; the charge items as non-stock
     * items; 100 on hand in MAIN for every stock SKU.
     */
    private void seed() {
        company.atomically(() -> {
            sales.addVat("U25", "Udgående moms 25%", 25);
            sales.addVat("U0", "Momsfri", 0);
            stock.addWarehouse("MAIN");
            stock.addWarehouse("WEST");
            seedVariants();
            for (SandboxCatalog.Item i : catalog.sharedItems()) {
                boolean variantItem = i.isVariantOfOptionProduct() && i.productId() < 202;
                String item = variantItem ? "TEE-" + i.productId() : i.sku();
                if (stock.item(item).isEmpty()) {
                    ObjectNode row = Table.NODES.objectNode().put("Item", item).put("Name", i.name())
                            .put("SalesPrice1", i.price().doubleValue()).put("UseStorage", true).put("Warehouse", "MAIN")
                            .put("Unit", "Pcs");
                    if (variantItem) {
                        row.put("UseVariants", true).put("StandardVariant", "COLSIZE");
                    }
                    stock.insertItem(row);
                }
                List<String> codes = variantItem ? variantCodes(i.sku()) : List.of();
                stock.count(new Stock.Place(item, codes, "MAIN", null), 100, null);
            }
            for (String charge : SandboxCatalog.CHARGE_ITEMS) {
                stock.insertItem(Table.NODES.objectNode().put("Item", charge).put("Name", charge).put("UseStorage", false));
            }
            stock.insertItem(Table.NODES.objectNode().put("Item", "SHIPPING").put("Name", "Shipping").put("UseStorage", false));
        });
    }

    private static final String[][] COLOURS = {{"RED", "Red"}, {"BLUE", "Blue"}, {"GREEN", "Green"}};
    private static final String[][] SIZES = {{"S", "Small"}, {"M", "Medium"}, {"L", "Large"}};

    private void seedVariants() {
        for (String[] c : COLOURS) {
            company.put(stock.variants.get(0), Table.NODES.objectNode().put("Number", c[0]).put("Name", c[1]));
        }
        for (String[] s : SIZES) {
            company.put(stock.variants.get(1), Table.NODES.objectNode().put("Number", s[0]).put("Name", s[1]));
        }
        company.put(stock.standardVariants, Table.NODES.objectNode().put("Number", "COLSIZE").put("Name", "Colour and size")
                .put("AllCombinations", true));
        for (String[] c : COLOURS) {
            for (String[] s : SIZES) {
                company.put(stock.combis, Table.NODES.objectNode().put("StandardVariant", "COLSIZE").put("Variant1", c[0])
                        .put("Variant2", s[0]));
            }
        }
    }

    /** TEE-200-RED-M: colour RED, size M. */
    private static List<String> variantCodes(String sku) {
        String[] parts = sku.split("-");
        return List.of(parts[2], parts[3]);
    }
}
