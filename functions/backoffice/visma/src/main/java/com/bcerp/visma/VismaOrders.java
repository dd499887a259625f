package com.bcerp.visma;

import static com.bcerp.visma.VismaDto.decimal;
import static com.bcerp.visma.VismaDto.nested;
import static com.bcerp.visma.VismaDto.read;
import static com.bcerp.visma.VismaDto.text;

import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.SalesDocuments;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sales orders as Visma sales orders (erp-apis.md §10.1.3): {@code POST /v1/salesorder} with {@code customerRefNo} =
 * the store's reference, {@code customerOrder} = the store's order number, lines by {@code inventoryNumber}
 * (the store's line id in the line's {@code note}), freight as a line of the configured non-stock item (the order DTO
 * has no freight field), and each line's {@code taxCategory} the VAT category its store tax class maps to (core's tax
 * id is the Visma VAT category; an untaxed line the VAT-free category): Visma computes the VAT from the order's VAT
 * zone and the lines' categories, so the order's
 * {@code orderTotal} is read back and must equal the draft's to the cent, or the order is parked naming the
 * difference (it stays in Visma, to be checked there).
 *
 * <p>Idempotency: Visma cannot filter sales orders by {@code customerRefNo} (or anything of ours), so each order's
 * number is derived from the store's reference (prefix + a hash) and sent with {@code overrideNumberSeries}. Before
 * creating, {@code GET /v1/salesorder/{type}/{nbr}} looks for it: a retry after a lost answer finds the order instead
 * of making a second one, and a concurrent second create is refused by Visma ("already exists"). See the README.
 */
final class VismaOrders implements SalesDocuments {

    private static final Logger log = LoggerFactory.getLogger(VismaOrders.class);
    static final String FREIGHT_NOTE = "freight";
    /** Core's rounding line (the store's total against its lines). */
    static final String ROUNDING_NOTE = "rounding";
    /** The adapter's own rounding line, for Visma's VAT against the store's. */
    static final String VAT_ROUNDING_NOTE = "vat-rounding";

    private final VismaSettings settings;
    private final VismaApi api;
    private final VismaCredits credits;
    /** Set once Visma is seen to number an order itself despite {@code overrideNumberSeries}. */
    private volatile boolean overrideIgnored;

    VismaOrders(VismaSettings settings, VismaApi api) {
        this.settings = settings;
        this.api = api;
        this.credits = new VismaCredits(settings, api);
    }

    /** Sales as sales orders; credits and returns as customer credit notes ({@link VismaCredits}). */
    @Override
    public Set<DocumentKind> kinds() {
        return EnumSet.allOf(DocumentKind.class);
    }

    // ---- create ----

    @Override
    public DocumentRef createSalesOrder(SalesOrderDraft draft) {
        if (draft.kind() != DocumentKind.SALE) {
            Optional<JsonNode> original = draft.original() == null || draft.original().id().startsWith(VismaCredits.ID_PREFIX)
                    ? Optional.empty() : order(draft.original().id());
            return credits.create(draft, original);
        }
        String number = derivedNumbers() ? number(draft.externalRef()) : null;
        if (number != null) {
            Optional<JsonNode> existing = order(number);
            if (existing.isPresent()) {
                log.info("Visma order {} exists already for {}: not created again", number, draft.externalRef());
                return checkedTotal(draft, mine(existing.get(), draft.externalRef()));
            }
        }
        ApiResponse response = api.create("/v1/salesorder", dto(draft, number));
        if (!response.isSuccess()) {
            String message = VismaFailures.message(response);
            if (number != null && response.status() == 400 && message.contains("already exists")) {
                // written by a concurrent attempt (or one whose answer was lost) between the probe and the POST
                JsonNode found = order(number).orElseThrow(() -> VismaFailures.of(response,
                        "sales order " + draft.externalRef(), "orderNumber"));
                return checkedTotal(draft, mine(found, draft.externalRef()));
            }
            throw refusal(response, draft);
        }
        String created = VismaApi.created(response, "sales order " + draft.externalRef());
        if (number != null && !number.equals(created)) {
            overrideIgnored = true;
            log.error("Visma numbered order {} of {} itself ({}), ignoring overrideNumberSeries: an order whose answer"
                    + " is lost can no longer be found; set visma.order_numbering: series (core then parks such orders)",
                    created, draft.externalRef(), number);
        }
        JsonNode order = order(created).orElseThrow(() -> new TransientFailure("Visma order " + created + " of "
                + draft.externalRef() + " is gone right after it was written"));
        DocumentRef ref = checkedTotal(draft, order);
        log.info("created Visma order {} for {} (total {})", created, draft.externalRef(), ref.total());
        return ref;
    }

    private boolean derivedNumbers() {
        return settings.orderNumbering() == VismaSettings.OrderNumbering.DERIVED;
    }

    /** The order number of a store reference: the prefix and the start of the reference's SHA-256, in hex. */
    String number(String externalRef) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(externalRef.getBytes(StandardCharsets.UTF_8));
            String prefix = settings.orderNumberPrefix();
            return prefix + HexFormat.of().withUpperCase().formatHex(hash)
                    .substring(0, VismaSettings.ORDER_NUMBER_LENGTH - prefix.length());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The order found under a derived number must carry the reference: another one is a hash collision. */
    private static JsonNode mine(JsonNode order, String externalRef) {
        String ref = read(order, "customerRefNo");
        if (!externalRef.equals(ref)) {
            throw new PermanentFailure("orderNumber", externalRef + ": Visma order " + read(order, "orderNo")
                    + " has the number derived from it but belongs to " + ref + "; change visma.order_number_prefix");
        }
        return order;
    }

    /**
     * A line's VAT category: the one its store tax class maps to, or the VAT-free one for an untaxed line. Visma takes
     * one category per line, so a line taxed under several tax ids is refused naming it.
     */
    static String vatCategory(VismaSettings settings, List<String> taxIds, String field, String source,
            SalesOrderDraft draft) {
        if (taxIds.size() > 1) {
            throw new PermanentFailure(field, draft.externalRef() + ": " + source + " is taxed under " + taxIds.size()
                    + " tax ids (" + String.join(", ", taxIds) + "); Visma takes one VAT category per line");
        }
        return taxIds.isEmpty() ? settings.vatFreeCategory() : taxIds.get(0);
    }

    /** The {@code SalesOrderUpdateDto}. */
    ObjectNode dto(SalesOrderDraft draft, String number) {
        ObjectNode dto = VismaDto.object();
        text(dto, "orderType", settings.orderType());
        if (number != null) {
            text(dto, "orderNumber", number);
            VismaDto.bool(dto, "overrideNumberSeries", true);
        }
        text(dto, "customer", draft.customerId());
        if (draft.date() != null) {
            text(dto, "date", draft.date().atStartOfDay() + ":00");
        }
        text(dto, "customerOrder", draft.customerOrder());
        text(dto, "customerRefNo", draft.externalRef());
        text(dto, "description", draft.description());
        text(dto, "currency", draft.currency());
        text(dto, "customerVATZone", settings.vatZone());
        text(dto, "preferredWarehouse", settings.warehouse());
        text(dto, "branchNumber", draft.branch());
        text(dto, "shipVia", draft.shipVia());
        text(dto, "paymentMethod", draft.paymentMethod());
        address(dto, "soBillingAddress", "soBillingContact", draft.billTo());
        address(dto, "soShippingAddress", "soShippingContact", draft.shipTo());
        ArrayNode lines = dto.putArray("lines");
        for (int i = 0; i < draft.lines().size(); i++) {
            DraftLine line = draft.lines().get(i);
            String category = vatCategory(settings, line.taxIds(), "lines[" + i + "].taxIds", line.source(), draft);
            ObjectNode row = line(lines, line.itemId(), line.quantity(), line.unitPrice().amount(), category, line.storeLineRef());
            VismaDto.number(row, "discountAmount", line.discount().toCents().amount());
            text(row, "lineDescription", line.description());
        }
        if (!draft.freight().isZero()) {
            String category = vatCategory(settings, draft.freightTaxIds(), "freightTaxIds", "the shipping", draft);
            text(line(lines, settings.shippingItem(), BigDecimal.ONE, draft.freight().amount(), category, FREIGHT_NOTE),
                    "lineDescription", "Shipping");
        }
        return dto;
    }

    private ObjectNode line(ArrayNode lines, String item, BigDecimal quantity, BigDecimal price, String category, String note) {
        ObjectNode row = lines.addObject().put("operation", "Insert");
        text(row, "inventoryNumber", item);
        VismaDto.number(row, "quantity", quantity);
        VismaDto.number(row, "unitPrice", price);
        text(row, "taxCategory", category);
        text(row, "warehouse", settings.warehouse());
        text(row, "note", note);
        return row;
    }

    /** The order's own address and contact ({@code overrideAddress}), not the customer's. */
    private static void address(ObjectNode dto, String addressField, String contactField, Address a) {
        if (a == null) {
            return;
        }
        ObjectNode address = VismaCustomers.address(a);
        VismaDto.bool(address, "overrideAddress", true);
        nested(dto, addressField, address);
        String name = a.company() != null && !a.company().isBlank() ? a.company() : a.fullName();
        ObjectNode contact = VismaCustomers.contact(name, a.email(), a.phone());
        text(contact, "attention", a.fullName());
        VismaDto.bool(contact, "overrideContact", true);
        nested(dto, contactField, contact);
    }

    /**
     * A refusal as core's failure: an unknown item names {@code lines[i].itemId} of the line whose item Visma's text
     * names, with the line's source, so ops find the store record.
     */
    private RuntimeException refusal(ApiResponse response, SalesOrderDraft draft) {
        RuntimeException failure = VismaFailures.of(response, "sales order " + draft.externalRef(), null);
        if (!(failure instanceof PermanentFailure permanent)) {
            return failure;
        }
        String message = VismaFailures.message(response);
        String field = permanent.field();
        if ("itemId".equals(field) || "quantity".equals(field) || "uom".equals(field) || "warehouse".equals(field)) {
            for (int i = 0; i < draft.lines().size(); i++) {
                DraftLine line = draft.lines().get(i);
                if (message.contains(line.itemId())) {
                    return new PermanentFailure("lines[" + i + "]." + field, permanent.getMessage() + " (" + line.source() + ")");
                }
            }
            if (!draft.freight().isZero() && message.contains(settings.shippingItem())) {
                return new PermanentFailure("visma.shipping_item", permanent.getMessage());
            }
        }
        if ("taxes".equals(field)) {
            // an unknown VAT category: the first line that has it (its store tax class is mapped to it)
            for (int i = 0; i < draft.lines().size(); i++) {
                DraftLine line = draft.lines().get(i);
                if (line.taxIds().size() == 1 && message.contains(line.taxIds().get(0))) {
                    return new PermanentFailure("lines[" + i + "].taxIds", permanent.getMessage() + " (" + line.source() + ")");
                }
            }
            return new PermanentFailure(draft.freightTaxIds().isEmpty() ? "visma.vat_free_category" : "freightTaxIds",
                    permanent.getMessage());
        }
        return failure;
    }

    /**
     * The total as Visma computed it, against the draft's. Visma reckons VAT once per VAT on the document, the store
     * per line, so the two may differ by a cent or so: within {@code orders.rounding_tolerance}, and once per order,
     * the difference goes on the rounding item (a VAT-free line, so it is exactly the difference) and the store's
     * total stands. Any other difference parks the order naming both totals.
     */
    private DocumentRef checkedTotal(SalesOrderDraft draft, JsonNode order) {
        PostedDocument posted = document(order);
        Money expected = draft.total(VismaType.ARITHMETIC);
        Money difference = expected.minus(posted.ref().total());
        if (!difference.isZero() && roundable(difference, order)) {
            String number = read(order, "orderNo");
            ObjectNode change = VismaDto.object();
            ArrayNode lines = change.putArray("lines");
            text(line(lines, settings.roundingItem(), BigDecimal.ONE, difference.amount(), settings.vatFreeCategory(),
                    VAT_ROUNDING_NOTE), "lineDescription", "Rounding");
            ApiResponse response = api.putOnce("/v1/salesorder/" + number, change);
            if (!response.isSuccess()) {
                throw VismaFailures.of(response, "rounding line of sales order " + draft.externalRef(),
                        "orders.rounding_item");
            }
            log.info("Visma order {} of {}: rounding line of {} (Visma's VAT reckoned per document)", number,
                    draft.externalRef(), difference);
            order = order(number).orElseThrow(() -> new TransientFailure("Visma order " + number + " of "
                    + draft.externalRef() + " is gone right after its rounding line was written"));
            posted = document(order);
        }
        if (!posted.ref().total().sameAs(expected)) {
            Money storeTax = draft.taxes().stream().map(t -> t.amount().toCents()).reduce(Money.zero(draft.currency()), Money::plus);
            throw new PermanentFailure("total", draft.externalRef() + ": Visma totals order " + posted.ref().id()
                    + " at " + posted.ref().total() + " (VAT " + money(order, "taxTotal") + ") but the store's is "
                    + expected + " (tax " + storeTax + "): a difference of " + posted.ref().total().minus(expected)
                    + "; the order is in Visma, check it there");
        }
        return posted.ref();
    }

    /** A rounding item is configured, the difference is within its tolerance and the order has no rounding line yet. */
    private boolean roundable(Money difference, JsonNode order) {
        if (settings.roundingItem() == null || difference.amount().abs().compareTo(settings.roundingTolerance()) > 0) {
            return false;
        }
        for (JsonNode line : order.path("lines")) {
            // core's own rounding line (the store's total against its lines) may be there; this one is added once
            if (VAT_ROUNDING_NOTE.equals(read(line, "note"))) {
                return false;
            }
        }
        return true;
    }

    // ---- cancel ----

    @Override
    public void cancelSalesOrder(DocumentRef ref) {
        String number = ref.id();
        if (number.startsWith(VismaCredits.ID_PREFIX)) {
            throw new PermanentFailure("order", ref.id() + " is a Visma credit note, not a sales order to cancel");
        }
        JsonNode order = order(number).orElseThrow(() -> new PermanentFailure("order", "Visma has no "
                + settings.orderType() + " order " + number + " to cancel"));
        if (state(order) == DocumentState.CANCELLED) {
            return;
        }
        ObjectNode body = VismaDto.object().put("orderType", settings.orderType());
        ApiResponse response = api.action("/v1/salesorder/" + VismaApi.encode(number) + "/action/cancelSalesOrder", body);
        if (!response.isSuccess()) {
            JsonNode now = order(number).orElse(order);
            if (state(now) == DocumentState.CANCELLED) {
                return;
            }
            if (response.status() == 400) {
                throw new PermanentFailure("order", "Visma refused to cancel order " + number + " (status "
                        + read(now, "status") + (now.path("shipments").isEmpty() ? "" : ", shipped in part or whole")
                        + "): " + VismaFailures.message(response));
            }
            throw VismaFailures.of(response, "cancel of order " + number, "order");
        }
        log.info("cancelled Visma order {}", number);
    }

    // ---- read ----

    @Override
    public List<PostedDocument> readDocuments(Collection<String> ids) {
        List<PostedDocument> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (id.startsWith(VismaCredits.ID_PREFIX)) {
                credits.one(id.substring(VismaCredits.ID_PREFIX.length())).ifPresent(c -> out.add(credits.document(c)));
            } else if (!id.isBlank() && !id.contains("/")) {
                order(id).ifPresent(o -> out.add(document(o)));
            }
        }
        return out;
    }

    /**
     * With derived numbers, the store order's documents are found by probing: the sale at the number of its reference,
     * then the edits {@code -E1}, {@code -E2}, ... (core numbers them in turn) until one is missing, and the credit
     * notes by {@code customerRefNumber} (one query). Empty (core's link
     * table alone, and a person for an uncertain create) when Visma numbers orders itself.
     */
    @Override
    public Optional<List<PostedDocument>> findOrderDocuments(String externalRef) {
        if (!derivedNumbers() || overrideIgnored) {
            return Optional.empty();
        }
        List<PostedDocument> out = new ArrayList<>();
        Optional<JsonNode> sale = order(number(externalRef));
        if (sale.isEmpty()) {
            // a credit's own reference (…-R5, …-E2) names a credit note, found by its externalReference
            if (!VismaCredits.orderRef(externalRef).equals(externalRef)) {
                credits.byExternalReference(externalRef).ifPresent(c -> out.add(credits.document(c)));
            }
            return Optional.of(out);
        }
        out.add(document(mine(sale.get(), externalRef)));
        List<PostedDocument> credited = credits.ofOrder(externalRef);
        for (int n = 1; ; n++) {
            String edit = externalRef + "-E" + n;
            if (credited.stream().anyMatch(c -> edit.equals(c.externalRef()))) {
                continue;
            }
            Optional<JsonNode> found = order(number(edit));
            if (found.isEmpty()) {
                break;
            }
            out.add(document(mine(found.get(), edit)));
        }
        out.addAll(credited);
        return Optional.of(out);
    }

    Optional<JsonNode> order(String number) {
        return api.one("/v1/salesorder/" + VismaApi.encode(settings.orderType()) + "/" + VismaApi.encode(number),
                "sales order " + number);
    }

    PostedDocument document(JsonNode order) {
        String currency = read(order, "currency");
        Money freight = Money.zero(currency);
        List<PostedDocument.PostedLine> lines = new ArrayList<>();
        Set<String> categories = new LinkedHashSet<>();
        for (JsonNode line : order.path("lines")) {
            String item = line.path("inventory").path("number").asText(null);
            String note = read(line, "note");
            BigDecimal ext = decimal(line, "extPrice");
            BigDecimal discount = decimal(line, "discountAmount");
            Money amount = new Money(ext.subtract(discount), currency);
            String lineCategory = read(line, "taxCategory");
            if (lineCategory != null) {
                categories.add(lineCategory);
            }
            if (settings.shippingItem().equals(item) && FREIGHT_NOTE.equals(note)) {
                freight = freight.plus(amount);
                continue;
            }
            // to core both rounding lines are rounding, not a charge an edit could change
            String ref = VAT_ROUNDING_NOTE.equals(note) ? ROUNDING_NOTE : note;
            lines.add(new PostedDocument.PostedLine(item, ref, decimal(line, "quantity"),
                    new Money(decimal(line, "unitPrice"), currency), new Money(discount, currency), amount,
                    lineCategory == null ? List.of() : List.of(lineCategory)));
        }
        List<TaxLine> taxes = new ArrayList<>();
        BigDecimal tax = decimal(order, "taxTotal");
        if (tax.signum() != 0) {
            // the order's VAT in one line: under its category when every line shares one
            taxes.add(new TaxLine(categories.size() == 1 ? categories.iterator().next() : null, null,
                    new Money(decimal(order, "vatTaxableTotal"), currency),
                    new Money(tax, currency)));
        }
        DocumentState state = state(order);
        return new PostedDocument(new DocumentRef(read(order, "orderNo"), new Money(money(order, "orderTotal"), currency)),
                DocumentKind.SALE, read(order, "customerRefNo"), order.path("customer").path("number").asText(null),
                read(order, "branchNumber"), state, read(order, "status"), lines, freight, taxes);
    }

    /** An amount of a read DTO, to the cent (Visma writes 112.0 as 112). */
    static BigDecimal money(JsonNode row, String field) {
        return decimal(row, field).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** Visma's order statuses ([V-SPEC] SalesOrderDto.status) in core's words. */
    static DocumentState state(JsonNode order) {
        String status = order.path("status").asText("");
        return switch (status) {
            case "Hold", "CreditHold", "PendingApproval" -> DocumentState.ON_HOLD;
            case "BackOrder" -> DocumentState.PARTLY_SHIPPED;
            case "Completed" -> DocumentState.SHIPPED;
            case "Invoiced" -> DocumentState.INVOICED;
            case "Cancelled", "Voided" -> DocumentState.CANCELLED;
            case "Closed" -> DocumentState.CLOSED;
            default -> order.path("canceled").asBoolean(false) ? DocumentState.CANCELLED : DocumentState.OPEN;
        };
    }
}
