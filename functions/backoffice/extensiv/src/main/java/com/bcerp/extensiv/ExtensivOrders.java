package com.bcerp.extensiv;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.SalesDocuments;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The store's orders as warehouse orders ({@code POST /orders}, erp-apis.md 10.3.2): {@code referenceNum} is the
 * store order's external reference, looked up by RQL before creating, so a lost answer or a second attempt never
 * makes a second order; the customer comes from the settings, the facility too: the one mapped to the store location
 * the draft names, else the default; the ship-to is the draft's (core makes
 * one draft per shipping consignment, with its goods only: {@link #shipsGoodsOnly()}); one order item per line, by
 * SKU, each carrying its store line id in its {@code notes} (Extensiv has no other per-line reference field in the
 * research). A warehouse keeps no prices, so documents read back carry quantities only ({@link #keepsAmounts()} is
 * false).
 *
 * <p>An edit of the store order changes the warehouse order's lines while the warehouse has not begun picking it
 * ({@link #updateSalesOrder}); after that it is refused for a person.
 *
 * <p>Status: {@code readOnly.isClosed} with {@code readOnly.status} 1 is shipped, 2 cancelled (inferred from
 * production code, UNCONFIRMED, 10.3.3); an open order's own status text names how far the warehouse got (allocated,
 * picked, packed).
 */
final class ExtensivOrders implements SalesDocuments {

    static final String LINE_NOTE = "store line ";
    private static final Pattern LINE_REF = Pattern.compile("store line (\\S+)");
    private static final int IDS_PER_QUERY = 100;
    private static final int STALE_RETRIES = 3;

    private final ExtensivSettings settings;
    private final ExtensivApi api;
    private final String currency;

    ExtensivOrders(ExtensivSettings settings, ExtensivApi api, String currency) {
        this.settings = settings;
        this.api = api;
        this.currency = currency;
    }

    @Override
    public Set<DocumentKind> kinds() {
        return EnumSet.of(DocumentKind.SALE);
    }

    @Override
    public boolean keepsAmounts() {
        return false;
    }

    @Override
    public boolean shipsGoodsOnly() {
        return true;
    }

    @Override
    public DocumentRef createSalesOrder(SalesOrderDraft draft) {
        String record = "warehouse order " + draft.externalRef();
        if (draft.kind() != DocumentKind.SALE || draft.original() != null) {
            throw new PermanentFailure("kind", record + ": Extensiv takes whole sales orders only (no credits, "
                    + "returns or added sales); change the warehouse order's lines in Extensiv by hand");
        }
        ObjectNode body = body(draft, record);
        Optional<JsonNode> existing = byReference(draft.externalRef());
        if (existing.isPresent()) {
            return ref(existing.get());
        }
        ApiResponse response = api.create("/orders", body);
        if (response.status() == 201 || response.isSuccess()) {
            return ref(ExtensivApi.json(response, record));
        }
        if (response.status() == 400) {
            // a create that raced a lost answer of our own: the order is there now
            Optional<JsonNode> raced = byReference(draft.externalRef());
            if (raced.isPresent()) {
                return ref(raced.get());
            }
            unknownItem(draft, record);
        }
        throw ExtensivFailures.of(response, record, null);
    }

    /** The create body (keys of [E-ODOO] and [E-SHARP] OrderCreate.cs). */
    private ObjectNode body(SalesOrderDraft draft, String record) {
        ObjectNode body = JsonSupport.MAPPER.createObjectNode();
        body.putObject("customerIdentifier").put("id", settings.customerId());
        body.putObject("facilityIdentifier").put("id", settings.facilityFor(draft.location()));
        body.put("referenceNum", draft.externalRef());
        if (draft.customerOrder() != null) {
            body.put("poNum", draft.customerOrder());
        }
        if (draft.description() != null) {
            body.put("notes", draft.description());
        }
        Address to = draft.shipTo() != null ? draft.shipTo() : draft.billTo();
        if (to == null) {
            throw new PermanentFailure("shipTo", record + ": the store order has no shipping or billing address");
        }
        ObjectNode shipTo = body.putObject("shipTo");
        String name = to.fullName();
        shipTo.put("companyName", blank(to.company()) ? name : to.company());
        shipTo.put("name", name);
        shipTo.put("address1", nullToEmpty(to.street1()));
        shipTo.put("address2", nullToEmpty(to.street2()));
        shipTo.put("city", nullToEmpty(to.city()));
        shipTo.put("state", nullToEmpty(to.state()));
        shipTo.put("zip", nullToEmpty(to.postalCode()));
        shipTo.put("country", nullToEmpty(to.countryIso2()));
        shipTo.put("phoneNumber", nullToEmpty(to.phone()));
        shipTo.put("emailAddress", nullToEmpty(to.email()));
        if (draft.shipVia() != null) {
            String[] carrierMode = carrier(draft.shipVia());
            body.putObject("routingInfo").put("carrier", carrierMode[0]).put("mode", carrierMode[1]);
        }
        ArrayNode items = body.putArray("orderItems");
        for (int i = 0; i < draft.lines().size(); i++) {
            items.add(item(draft.lines().get(i), i));
        }
        if (items.isEmpty()) {
            throw new PermanentFailure("orderItems", record + ": the order has no goods to ship");
        }
        return body;
    }

    /** An order item for the draft's {@code index}-th line: by SKU, its store line id in its notes. */
    private static ObjectNode item(DraftLine line, int index) {
        if (blank(line.itemId())) {
            throw new PermanentFailure(itemField(index), line.source() + ": the line has no SKU, so the warehouse "
                    + "cannot pick it");
        }
        if (line.quantity().signum() <= 0) {
            throw new PermanentFailure("orderItems[" + index + "].qty", line.source() + ": quantity "
                    + line.quantity().toPlainString() + " cannot be picked");
        }
        ObjectNode item = JsonSupport.MAPPER.createObjectNode();
        item.putObject("itemIdentifier").put("sku", line.itemId());
        item.put("qty", line.quantity());
        item.put("notes", LINE_NOTE + line.storeLineRef());
        return item;
    }

    private static String itemField(int draftIndex) {
        return "orderItems[" + draftIndex + "].itemIdentifier.sku";
    }

    /** The ship-via code as {@code [carrier, mode]}: the settings' table, else split at its first {@code /}. */
    String[] carrier(String shipVia) {
        String mapped = settings.carriers().getOrDefault(shipVia, shipVia);
        int slash = mapped.indexOf('/');
        return slash < 0 ? new String[] {mapped, ""} : new String[] {mapped.substring(0, slash), mapped.substring(slash + 1)};
    }

    /** After a 400: the first line whose SKU is not an item of the customer, named by its index, parks the order. */
    private void unknownItem(SalesOrderDraft draft, String record) {
        Set<String> skus = draft.lines().stream().map(DraftLine::itemId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> known = new HashSet<>();
        String in = skus.stream().map(ExtensivApi::rqlValue).collect(Collectors.joining(","));
        JsonNode page = api.read("/customers/" + settings.customerId() + "/items?pgsiz=1000&rql="
                + ExtensivApi.encode("sku=in=(" + in + ")"), "the items of " + record);
        ExtensivApi.embedded(page, "customers/item").forEach(i -> known.add(i.path("sku").asText().toLowerCase(Locale.ROOT)));
        for (int i = 0; i < draft.lines().size(); i++) {
            DraftLine line = draft.lines().get(i);
            if (!known.contains(line.itemId().toLowerCase(Locale.ROOT))) {
                throw new PermanentFailure(itemField(i), line.source() + ": SKU " + line.itemId()
                        + " is not an item of Extensiv customer " + settings.customerId());
            }
        }
    }

    /** The customer's order with this referenceNum, with its lines. */
    private Optional<JsonNode> byReference(String referenceNum) {
        List<JsonNode> found = query("referenceNum==" + ExtensivApi.rqlValue(referenceNum), "warehouse order " + referenceNum);
        return found.stream().filter(o -> o.path("referenceNum").asText().equalsIgnoreCase(referenceNum)).findFirst();
    }

    /** Every order of the customer matching {@code rql}, page by page, with lines. */
    List<JsonNode> query(String rql, String what) {
        return query(rql, "OrderItems", null, what);
    }

    List<JsonNode> query(String rql, String detail, String sort, String what) {
        String filter = rql + ";readOnly.customerIdentifier.id==" + settings.customerId();
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode json = api.read("/orders?pgsiz=" + 1000 + "&pgnum=" + page + "&detail=" + detail + "&rql="
                    + ExtensivApi.encode(filter) + (sort == null ? "" : "&sort=" + ExtensivApi.encode(sort)), what);
            List<JsonNode> orders = ExtensivApi.embedded(json, "orders/order");
            out.addAll(orders);
            if (orders.size() < 1000 || out.size() >= json.path("totalResults").asInt(0)) {
                return out;
            }
        }
    }

    private DocumentRef ref(JsonNode order) {
        return new DocumentRef(orderId(order), Money.zero(currency));
    }

    static String orderId(JsonNode order) {
        return order.path("readOnly").path("orderId").asText();
    }

    /**
     * Cancels the open warehouse order at its canceler with the ETag just read ({@code If-Match}; 428 without, 412 when
     * stale, 10.3.4): a 412 means the warehouse moved the order meanwhile, so it is read again and the cancel retried.
     * An order already cancelled is done; one already shipped cannot be cancelled, and says so.
     */
    @Override
    public void cancelSalesOrder(DocumentRef order) {
        String record = "warehouse order " + order.id();
        for (int attempt = 0; attempt <= STALE_RETRIES; attempt++) {
            ApiResponse read = api.get("/orders/" + order.id());
            if (read.status() == 404) {
                throw new PermanentFailure("orderId", record + " is not in Extensiv (deleted?): nothing to cancel");
            }
            if (!read.isSuccess()) {
                throw ExtensivFailures.of(read, record, null);
            }
            JsonNode json = ExtensivApi.json(read, record);
            if (closed(json)) {
                requireNotShipped(json, record);
                return;
            }
            String etag = read.headers().firstValue("ETag").orElseThrow(() ->
                    new TransientFailure(record + ": Extensiv answered without the ETag a cancel needs"));
            ApiResponse cancel = api.change("POST", "/orders/" + order.id() + "/canceler",
                    JsonSupport.MAPPER.createObjectNode().put("reason", settings.cancelReason()), etag);
            if (cancel.isSuccess()) {
                return;
            }
            if (cancel.status() != 412 && cancel.status() != 400) {
                throw ExtensivFailures.of(cancel, record, null);
            }
            // 412: changed since the read; 400: maybe closed meanwhile. Either way the next read decides.
            if (cancel.status() == 400 && attempt == STALE_RETRIES) {
                throw ExtensivFailures.of(cancel, record, null);
            }
        }
        throw new TransientFailure(record + " kept changing in the warehouse while it was being cancelled (412 "
                + (STALE_RETRIES + 1) + " times)");
    }

    @Override
    public boolean updatesOrderLines() {
        return true;
    }

    /**
     * Brings the open warehouse order's lines to the draft's through its item endpoints, each change with the ETag of
     * the order as last answered ({@code If-Match}; 10.3.4): a line's quantity by {@code PUT /orders/{id}/items/{itemId}}
     * (the line as read, {@code qty} changed: [E-SHARP]), a new line by {@code POST /orders/{id}/items} and a removed
     * one by {@code DELETE /orders/{id}/items/{itemId}} (both routes guessed: the research names only the item PUT),
     * additions before removals so the order never stands empty. Lines are matched by the store line id in their
     * notes; a line the warehouse's staff added (no such note) is left alone. What is already as the draft wants is
     * not written, so a replay writes nothing. A 412 (the warehouse moved the order meanwhile) reads it again and
     * retries once. An order the warehouse has started picking, packed, shipped or cancelled is not changed: the
     * edit is refused naming the order and how far it got, for a person.
     */
    @Override
    public void updateSalesOrder(DocumentRef order, SalesOrderDraft desired) {
        String record = "warehouse order " + order.id() + " (" + desired.externalRef() + ")";
        List<ObjectNode> wanted = new ArrayList<>();
        for (int i = 0; i < desired.lines().size(); i++) {
            wanted.add(item(desired.lines().get(i), i));
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            ApiResponse read = api.get("/orders/" + order.id() + "?detail=OrderItems");
            if (read.status() == 404) {
                throw new PermanentFailure("orderId", record + " is not in Extensiv (deleted?): the store's edit "
                        + "cannot be made there");
            }
            if (!read.isSuccess()) {
                throw ExtensivFailures.of(read, record, null);
            }
            JsonNode current = ExtensivApi.json(read, record);
            requireUnpicked(current, record);
            if (linesTo(order.id(), current, etag(read, record), wanted, desired, record)) {
                return;
            }
        }
        throw new TransientFailure(record + " kept changing in the warehouse while its lines were being changed "
                + "(412 twice)");
    }

    /** The changes that make the order's lines {@code wanted}; false when an ETag went stale (412) on the way. */
    private boolean linesTo(String id, JsonNode current, String etag, List<ObjectNode> wanted, SalesOrderDraft desired,
            String record) {
        Map<String, JsonNode> have = new LinkedHashMap<>();
        ExtensivApi.embedded(current, "orders/item").stream().filter(i -> storeLineRef(i) != null)
                .forEach(i -> have.put(storeLineRef(i), i));
        List<String> removals = new ArrayList<>();
        String tag = etag;
        for (ObjectNode want : wanted) {
            String ref = storeLineRef(want);
            JsonNode item = have.remove(ref);
            if (item != null && sameSku(item, want)) {
                if (new BigDecimal(item.path("qty").asText("0")).compareTo(want.path("qty").decimalValue()) != 0) {
                    ObjectNode changed = item.deepCopy();
                    changed.put("qty", want.path("qty").decimalValue());
                    tag = send("PUT", "/orders/" + id + "/items/" + itemId(item), changed, tag, desired, record);
                }
            } else {
                if (item != null) {
                    // another SKU under the same store line (a variant changed): a new line, the old one removed
                    removals.add(itemId(item));
                }
                tag = send("POST", "/orders/" + id + "/items", want, tag, desired, record);
            }
            if (tag == null) {
                return false;
            }
        }
        have.values().forEach(item -> removals.add(itemId(item)));
        for (String removal : removals) {
            tag = send("DELETE", "/orders/" + id + "/items/" + removal, null, tag, desired, record);
            if (tag == null) {
                return false;
            }
        }
        return true;
    }

    /** One guarded change; the order's new ETag, or null after a 412. */
    private String send(String method, String path, JsonNode body, String etag, SalesOrderDraft desired, String record) {
        ApiResponse answer = api.change(method, path, body, etag);
        if (answer.status() == 412) {
            return null;
        }
        if (answer.status() == 400) {
            // picked meanwhile, or an SKU the customer does not have: the order as it is now says which
            JsonNode now = api.read(path.substring(0, path.indexOf("/items")), record);
            requireUnpicked(now, record);
            if ("POST".equals(method)) {
                unknownItem(desired, record);
            }
        }
        if (!answer.isSuccess()) {
            throw ExtensivFailures.of(answer, record, null);
        }
        // guess: each line change answers the order's new ETag, as the lines' GET carries it; read it when absent
        return answer.headers().firstValue("ETag").orElseGet(() -> etag(api.get(path.substring(0,
                path.indexOf("/items"))), record));
    }

    private static String etag(ApiResponse read, String record) {
        return read.headers().firstValue("ETag").orElseThrow(() ->
                new TransientFailure(record + ": Extensiv answered without the ETag a change needs"));
    }

    private static boolean sameSku(JsonNode item, JsonNode want) {
        return item.path("itemIdentifier").path("sku").asText().equalsIgnoreCase(want.path("itemIdentifier")
                .path("sku").asText());
    }

    private static String itemId(JsonNode item) {
        return item.path("readOnly").path("orderItemId").asText();
    }

    /**
     * The warehouse has begun fulfilling the order: closed (shipped or cancelled), packed, picked, or picking started
     * ({@code readOnly.pickStarted}, listed in [E-TAP] with its type UNCONFIRMED: true or a date counts). Its lines are
     * then a person's to change.
     */
    private static void requireUnpicked(JsonNode order, String record) {
        JsonNode ro = order.path("readOnly");
        JsonNode pickStarted = ro.path("pickStarted");
        boolean picking = pickStarted.asBoolean(false) || pickStarted.isTextual() && !pickStarted.asText().isBlank()
                && !"false".equalsIgnoreCase(pickStarted.asText());
        String state = statusText(order);
        if (closed(order) || state.equals("packed") || state.equals("picked") || picking) {
            String when = closed(order) ? ro.path("processDate").asText("") : state.equals("packed")
                    ? ro.path("packDoneDate").asText("") : ro.path("pickDoneDate").asText("");
            throw new PermanentFailure("status", record + " is " + (state.equals("open") || state.equals("allocated")
                    ? "being picked" : state) + " in the warehouse" + (when.isBlank() || when.equals("null") ? ""
                    : " (" + when + ")") + ", so the store's edit is not made there: change the warehouse order by "
                    + "hand, or ship it as it is and settle the difference with the customer");
        }
    }

    private static void requireNotShipped(JsonNode order, String record) {
        if (status(order) == 1) {
            throw new PermanentFailure("status", record + " (" + order.path("referenceNum").asText()
                    + ") has already shipped (" + order.path("readOnly").path("processDate").asText("") + "): the "
                    + "warehouse cannot cancel it; the store order needs a return instead");
        }
    }

    static boolean closed(JsonNode order) {
        return order.path("readOnly").path("isClosed").asBoolean(false);
    }

    static int status(JsonNode order) {
        return order.path("readOnly").path("status").asInt(0);
    }

    @Override
    public List<PostedDocument> readDocuments(Collection<String> ids) {
        List<String> numbers = ids.stream().filter(id -> id.matches("\\d{1,9}")).distinct().toList();
        List<PostedDocument> out = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += IDS_PER_QUERY) {
            String in = String.join(",", numbers.subList(i, Math.min(numbers.size(), i + IDS_PER_QUERY)));
            query("readOnly.orderId=in=(" + in + ")", "warehouse orders " + in).forEach(o -> out.add(document(o)));
        }
        return out;
    }

    /** The order and its edits are one warehouse order: found by its referenceNum, or one that starts with it and a dash. */
    @Override
    public Optional<List<PostedDocument>> findOrderDocuments(String externalRef) {
        String ref = ExtensivApi.rqlValue(externalRef);
        String dashed = ExtensivApi.rqlValue(externalRef + "-*");
        return Optional.of(query("(referenceNum==" + ref + ",referenceNum==" + dashed + ")", "warehouse orders of "
                + externalRef).stream().map(this::document).filter(d -> d.externalRef().equalsIgnoreCase(externalRef)
                || d.externalRef().toLowerCase(Locale.ROOT).startsWith(externalRef.toLowerCase(Locale.ROOT) + "-"))
                .toList());
    }

    PostedDocument document(JsonNode order) {
        List<PostedDocument.PostedLine> lines = new ArrayList<>();
        Money zero = Money.zero(currency);
        for (JsonNode item : ExtensivApi.embedded(order, "orders/item")) {
            lines.add(new PostedDocument.PostedLine(item.path("itemIdentifier").path("sku").asText(), storeLineRef(item),
                    new BigDecimal(item.path("qty").asText("0")), zero, zero, zero));
        }
        return new PostedDocument(ref(order), DocumentKind.SALE, order.path("referenceNum").asText(), null, null,
                state(order), statusText(order), lines, zero, List.of());
    }

    /** The store line id the create wrote to the item's notes, or null for a line the connector did not write. */
    static String storeLineRef(JsonNode item) {
        Matcher m = LINE_REF.matcher(item.path("notes").asText(""));
        return m.find() ? m.group(1) : null;
    }

    static DocumentState state(JsonNode order) {
        if (!closed(order)) {
            return DocumentState.OPEN;
        }
        return switch (status(order)) {
            case 1 -> DocumentState.SHIPPED;
            case 2 -> DocumentState.CANCELLED;
            default -> DocumentState.CLOSED;
        };
    }

    /** How far the warehouse got, for people: cancelled, shipped, packed, picked, allocated or open. */
    static String statusText(JsonNode order) {
        JsonNode ro = order.path("readOnly");
        if (closed(order)) {
            return switch (status(order)) {
                case 1 -> "shipped";
                case 2 -> "cancelled";
                default -> "closed";
            };
        }
        if (!ro.path("packDoneDate").isNull() && !ro.path("packDoneDate").isMissingNode()) {
            return "packed";
        }
        if (!ro.path("pickDoneDate").isNull() && !ro.path("pickDoneDate").isMissingNode()) {
            return "picked";
        }
        return ro.path("fullyAllocated").asBoolean(false) ? "allocated" : "open";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
