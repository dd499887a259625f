package com.bcerp.uniconta;

import static com.bcerp.uniconta.UnicontaCustomers.put;
import static com.bcerp.uniconta.UnicontaCustomers.text;

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
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sales orders, credit notes and returns as Uniconta orders: a {@code DebtorOrderClient} header carrying the store's
 * reference in {@code OurRef} (configurable), then its {@code DebtorOrderLineClient} lines in one {@code InsertList}
 * with the header's {@code OrderNumber} and fixed line numbers 1..n. Before inserting, the reference is looked up
 * (orders, and invoices for orders Uniconta deleted after invoicing), so a retry after a lost answer completes the
 * order it finds instead of making a second one: missing line numbers are inserted, present ones are kept.
 *
 * <p>Credits and returns are credit notes (negative quantities) whose {@code Settlements} is the original order's
 * invoice number. Freight is a line of the configured non-stock item. Taxes: Uniconta reckons VAT itself from each
 * line's VAT code, so each line takes the code its store tax class maps to (core's tax id is the Uniconta VAT code;
 * an untaxed line the VAT-free code), and the order's total ({@code OrderTotal} read back, plus the VAT Uniconta will
 * charge) must equal the draft's to the cent, or the order is parked naming the difference.
 */
final class UnicontaOrders implements SalesDocuments {

    private static final Logger log = LoggerFactory.getLogger(UnicontaOrders.class);
    private static final String ORDER = "DebtorOrderClient";
    private static final String LINE = "DebtorOrderLineClient";
    private static final String INVOICE = "DebtorInvoiceClient";
    private static final String FREIGHT_REF = "freight";
    private static final String ROUNDING_REF = "rounding";
    /** The adapter's own rounding line, for Uniconta's VAT against the store's; core's rounding line is {@code rounding}. */
    private static final String VAT_ROUNDING_REF = "vat-rounding";

    /** A line the connector added beside the store's goods: the freight on the shipping item, or a rounding line. */
    static boolean chargeLine(JsonNode line, UnicontaSettings settings) {
        String ref = text(line, "ReferenceNumber");
        String item = text(line, "Item");
        return settings.shippingItem().equals(item) && FREIGHT_REF.equals(ref)
                || item != null && item.equals(settings.roundingItem())
                        && (ROUNDING_REF.equals(ref) || VAT_ROUNDING_REF.equals(ref));
    }
    /** Order numbers per OData or-filter: keeps the query string short (IIS limits it). */
    private static final int IDS_PER_QUERY = 40;

    private final UnicontaSettings settings;
    private final UnicontaApi api;
    private final UnicontaItems items;
    private final Map<String, BigDecimal> vatRates = new ConcurrentHashMap<>();

    UnicontaOrders(UnicontaSettings settings, UnicontaApi api, UnicontaItems items) {
        this.settings = settings;
        this.api = api;
        this.items = items;
    }

    // ---- create ----

    @Override
    public DocumentRef createSalesOrder(SalesOrderDraft draft) {
        List<ObjectNode> lines = lines(draft);
        Optional<ObjectNode> existing = orderByRef(draft.externalRef());
        long number;
        if (existing.isPresent()) {
            number = existing.get().path("OrderNumber").asLong();
            log.info("Uniconta order {} exists already for {}: completing it", number, draft.externalRef());
        } else {
            ArrayNode invoices = invoicesByRef(draft.externalRef());
            Optional<JsonNode> invoiced = invoices.isEmpty() ? Optional.empty() : Optional.of(invoices.get(0));
            if (invoiced.isPresent()) {
                // Uniconta deleted the order after invoicing it (DeleteOrder): it was posted, nothing to add
                PostedDocument done = fromInvoices(List.of(invoiced.get()), List.of());
                log.info("{} was invoiced and deleted in Uniconta already as order {}", draft.externalRef(), done.ref().id());
                return done.ref();
            }
            number = insertHeader(draft);
        }
        insertMissingLines(number, lines, draft, existing.isEmpty());
        ObjectNode header = order(number).orElseThrow(() -> new TransientFailure("Uniconta order " + number
                + " of " + draft.externalRef() + " is gone right after it was written"));
        DocumentRef ref = checkedTotal(draft, header, lines);
        log.info("created Uniconta order {} for {} (total {})", number, draft.externalRef(), ref.total());
        return ref;
    }

    /**
     * A line's VAT code: the one its store tax class maps to, or the VAT-free code for an untaxed line. Uniconta takes
     * one code per line, so a line taxed under several tax ids is refused naming it.
     */
    private String vatCode(List<String> taxIds, String field, String source, SalesOrderDraft draft) {
        if (taxIds.size() > 1) {
            throw new PermanentFailure(field, draft.externalRef() + ": " + source + " is taxed under " + taxIds.size()
                    + " tax ids (" + String.join(", ", taxIds) + "); Uniconta takes one VAT code per line");
        }
        String code = taxIds.isEmpty() ? settings.vatFreeCode() : taxIds.get(0);
        if (code == null) {
            throw new PermanentFailure("uniconta.vat_free_code", draft.externalRef() + ": " + source
                    + " is untaxed and there is no Uniconta VAT code for it (set uniconta.vat_free_code)");
        }
        return code;
    }

    /** The lines as Uniconta takes them, numbered 1..n; the freight last. Unknown items are refused before anything is written. */
    List<ObjectNode> lines(SalesOrderDraft draft) {
        BigDecimal sign = BigDecimal.valueOf(draft.kind().sign());
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < draft.lines().size(); i++) {
            DraftLine line = draft.lines().get(i);
            int index = i;
            UnicontaItems.Resolved item = items.resolve(line.itemId()).orElseThrow(() -> new PermanentFailure(
                    "lines[" + index + "].itemId", "Uniconta has no item " + line.itemId() + " (" + line.source() + ")"));
            ObjectNode row = JsonSupport.MAPPER.createObjectNode();
            row.put("LineNumber", i + 1);
            row.put("Item", item.item());
            for (int v = 0; v < item.variants().size(); v++) {
                row.put("Variant" + (v + 1), item.variants().get(v));
            }
            put(row, "Text", line.description());
            row.put("Qty", line.quantity().multiply(sign));
            row.put("Price", line.unitPrice().amount());
            // Total = Qty * Price - Discount: a negative quantity takes the discount negated
            row.put("Discount", line.discount().amount().multiply(sign));
            row.put("Vat", vatCode(line.taxIds(), "lines[" + i + "].taxIds", line.source(), draft));
            put(row, "ReferenceNumber", line.storeLineRef());
            out.add(row);
        }
        if (!draft.freight().isZero()) {
            ObjectNode row = JsonSupport.MAPPER.createObjectNode();
            row.put("LineNumber", out.size() + 1);
            row.put("Item", settings.shippingItem());
            row.put("Text", "Shipping");
            row.put("Qty", sign);
            row.put("Price", draft.freight().amount());
            row.put("Vat", vatCode(draft.freightTaxIds(), "freightTaxIds", "the shipping", draft));
            row.put("ReferenceNumber", FREIGHT_REF);
            out.add(row);
        }
        return out;
    }

    private long insertHeader(SalesOrderDraft draft) {
        ObjectNode header = header(draft);
        ApiResponse response = api.insert(ORDER, header);
        if (!response.isSuccess()) {
            String message = response.body() == null ? "" : response.body();
            String field = message.contains("Account") || message.contains("Debtor") ? "customerId"
                    : message.contains("Settlements") || message.contains("invoice") ? "original" : "order";
            throw UnicontaFailures.of(response, "sales order " + draft.externalRef(), field);
        }
        long number = UnicontaApi.json(response, "sales order " + draft.externalRef()).path("OrderNumber").asLong(0);
        if (number == 0) {
            // an insert answered 204 without the row: the reference finds it
            number = orderByRef(draft.externalRef()).map(o -> o.path("OrderNumber").asLong())
                    .orElseThrow(() -> new TransientFailure("Uniconta accepted order " + draft.externalRef()
                            + " but does not find it by " + settings.externalRefField()));
        }
        return number;
    }

    ObjectNode header(SalesOrderDraft draft) {
        ObjectNode row = JsonSupport.MAPPER.createObjectNode();
        row.put("Account", draft.customerId());
        row.put(settings.externalRefField(), draft.externalRef());
        put(row, "YourRef", draft.customerOrder());
        put(row, "Remark", draft.description());
        if (!settings.baseCurrency().equals(draft.currency())) {
            row.put("Currency", draft.currency());
        }
        // core's drafts carry net prices with the taxes beside them
        row.put("PricesInclVat", false);
        put(row, settings.branchField(), draft.branch());
        put(row, "Payment", draft.paymentMethod());
        put(row, "Shipment", draft.shipVia());
        if (draft.shipTo() != null) {
            delivery(row, draft.shipTo());
        }
        if (draft.kind() != DocumentKind.SALE) {
            row.put(settings.kindField(), draft.kind().name().toLowerCase(java.util.Locale.ROOT));
            settlement(draft).ifPresent(invoice -> row.put("Settlements", invoice));
        }
        return row;
    }

    /** The original order's first invoice number, which a credit note settles. */
    private Optional<String> settlement(SalesOrderDraft draft) {
        if (draft.original() == null) {
            return Optional.empty();
        }
        ArrayNode invoices = api.read(INVOICE, "OrderNumber", draft.original().id(), "invoices of order " + draft.original().id());
        if (!invoices.isEmpty()) {
            return Optional.ofNullable(text(invoices.get(0), "InvoiceNum"));
        }
        if (settings.uninvoicedCredit() == UnicontaSettings.UninvoicedCredit.WAIT) {
            throw new TransientFailure(draft.externalRef() + ": Uniconta order " + draft.original().id()
                    + " is not invoiced yet; the credit note waits for the invoice to settle against");
        }
        return Optional.empty();
    }

    static void delivery(ObjectNode row, Address to) {
        String name = to.company() != null && !to.company().isBlank() ? to.company() : to.fullName();
        put(row, "DeliveryName", name);
        put(row, "DeliveryAddress1", to.street1());
        put(row, "DeliveryAddress2", to.street2());
        put(row, "DeliveryZipCode", to.postalCode());
        put(row, "DeliveryCity", to.city());
        put(row, "DeliveryCountry", to.countryIso2());
        put(row, "DeliveryContactPerson", to.fullName());
        put(row, "DeliveryPhone", to.phone());
        put(row, "DeliveryContactEmail", to.email());
    }

    /**
     * Inserts the lines the order lacks, by line number, in one InsertList. A refusal of a new order's lines deletes
     * the header again, so a rejected order leaves nothing behind.
     */
    private void insertMissingLines(long number, List<ObjectNode> lines, SalesOrderDraft draft, boolean fresh) {
        Set<Double> present = new HashSet<>();
        if (!fresh) {
            api.read(LINE, "OrderNumber", Long.toString(number), "lines of order " + number)
                    .forEach(l -> present.add(l.path("LineNumber").asDouble()));
        }
        ArrayNode missing = JsonSupport.MAPPER.createArrayNode();
        for (ObjectNode line : lines) {
            if (!present.contains(line.path("LineNumber").asDouble())) {
                missing.add(line.deepCopy().put("OrderNumber", number));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        ApiResponse response = api.insertList(LINE, missing);
        if (!response.isSuccess()) {
            RuntimeException failure = UnicontaFailures.of(response, "lines of sales order " + draft.externalRef(),
                    lineField(response, lines));
            if (failure instanceof PermanentFailure && fresh) {
                order(number).ifPresent(h -> api.delete(ORDER, h));
            }
            throw failure;
        }
    }

    /**
     * {@code lines[i]} of the line a refusal names: by its item and variant codes, else by one of its codes as
     * {@code Variant2 XL} (the sandbox's wording; Uniconta's is UNCONFIRMED), else by its item; {@code lines} otherwise.
     */
    private static String lineField(ApiResponse response, List<ObjectNode> lines) {
        String body = response.body() == null ? "" : response.body();
        List<java.util.function.Predicate<ObjectNode>> tests = List.of(
                l -> body.contains(l.path("Item").asText()) && UnicontaItems.variantsOf(l).stream().allMatch(body::contains),
                l -> { List<String> codes = UnicontaItems.variantsOf(l);
                    for (int k = 0; k < codes.size(); k++) {
                        if (!codes.get(k).isEmpty() && body.contains("Variant" + (k + 1) + " " + codes.get(k))) {
                            return true;
                        }
                    }
                    return false; },
                l -> body.contains(l.path("Item").asText()));
        for (var test : tests) {
            for (int i = 0; i < lines.size(); i++) {
                if (test.test(lines.get(i))) {
                    return "lines[" + i + "]";
                }
            }
        }
        return "lines";
    }

    /** The total as Uniconta will invoice it, checked against the draft's; a difference parks the order. */
    private DocumentRef checkedTotal(SalesOrderDraft draft, ObjectNode header, List<ObjectNode> lines) {
        long number = header.path("OrderNumber").asLong();
        PostedDocument posted = document(header, linesOf(number));
        Money expected = draft.total(UnicontaType.ARITHMETIC);
        Money difference = expected.minus(posted.ref().total());
        if (!difference.isZero() && roundable(difference, number)) {
            insertRounding(number, lines.size() + 1, difference, draft);
            header = order(number).orElseThrow(() -> new TransientFailure("Uniconta order " + number
                    + " of " + draft.externalRef() + " is gone right after it was written"));
            posted = document(header, linesOf(number));
        }
        if (!posted.ref().total().sameAs(expected)) {
            Money storeTax = draft.taxes().stream().map(t -> t.amount().toCents()).reduce(Money.zero(draft.currency()), Money::plus);
            String unicontaVat = posted.taxes().isEmpty() ? "no VAT" : posted.taxes().stream()
                    .map(t -> t.amount() + " at code " + t.taxId()).collect(Collectors.joining(", ", "VAT ", ""));
            throw new PermanentFailure("total", draft.externalRef() + ": Uniconta totals order " + posted.ref().id()
                    + " at " + posted.ref().total() + " (" + unicontaVat + ") but the store's is "
                    + expected + " (tax " + storeTax + "): a difference of " + posted.ref().total().minus(expected)
                    + "; the order is in Uniconta, check it there");
        }
        return posted.ref();
    }

    /**
     * Uniconta reckons VAT on each code's sum, the store per line, so the two may differ by a cent or so: within the
     * tolerance, and once per order, that difference goes on the rounding item (VAT-free, so it is exactly the
     * difference) and the store's total stands.
     */
    private boolean roundable(Money difference, long number) {
        if (settings.roundingItem() == null || settings.vatFreeCode() == null
                || difference.amount().abs().compareTo(settings.roundingTolerance()) > 0) {
            return false;
        }
        // core's own rounding line (the store's total against its lines) may be there; this one is added once
        return linesOf(number).stream().noneMatch(l -> VAT_ROUNDING_REF.equals(text(l, "ReferenceNumber")));
    }

    private void insertRounding(long number, int lineNumber, Money difference, SalesOrderDraft draft) {
        BigDecimal sign = BigDecimal.valueOf(draft.kind().sign());
        ObjectNode row = JsonSupport.MAPPER.createObjectNode();
        row.put("OrderNumber", number);
        row.put("LineNumber", lineNumber);
        row.put("Item", settings.roundingItem());
        row.put("Text", "Rounding");
        row.put("Qty", sign);
        // Total = Qty * Price: a credit note's negative quantity takes the price negated
        row.put("Price", difference.amount().multiply(sign));
        row.put("Vat", settings.vatFreeCode());
        row.put("ReferenceNumber", VAT_ROUNDING_REF);
        ApiResponse response = api.insert(LINE, row);
        if (!response.isSuccess()) {
            throw UnicontaFailures.of(response, "rounding line of sales order " + draft.externalRef(), "rounding_item");
        }
        log.info("Uniconta order {} of {}: {} of VAT rounding on {}", number, draft.externalRef(), difference,
                settings.roundingItem());
    }

    // ---- cancel ----

    @Override
    public void cancelSalesOrder(DocumentRef order) {
        ObjectNode header = order(number(order.id())).orElseThrow(() -> new PermanentFailure("order",
                "Uniconta has no open order " + order.id() + " to cancel (invoiced and deleted, or deleted)"));
        boolean invoiced = linesOf(number(order.id())).stream().anyMatch(l -> l.path("QtyInvoiced").asDouble() != 0);
        if (invoiced) {
            throw new PermanentFailure("order", "Uniconta order " + order.id() + " is invoiced (in part); a credit note,"
                    + " not a cancellation, undoes it");
        }
        ApiResponse response;
        if (settings.cancellation() == UnicontaSettings.Cancellation.DELETE) {
            response = api.delete(ORDER, header);
        } else {
            if (header.path("Blocked").asBoolean(false)) {
                return;
            }
            response = api.update(ORDER, header.put("Blocked", true));
        }
        if (!response.isSuccess() && !"CouldNotFind".equals(UnicontaFailures.code(response))) {
            throw UnicontaFailures.of(response, "cancel of order " + order.id(), "order");
        }
        log.info("cancelled Uniconta order {} ({})", order.id(), settings.cancellation().name().toLowerCase(java.util.Locale.ROOT));
    }

    // ---- read ----

    @Override
    public List<PostedDocument> readDocuments(Collection<String> ids) {
        List<String> numbers = ids.stream().filter(id -> id.matches("\\d{1,18}")).distinct().toList();
        if (numbers.isEmpty()) {
            return List.of();
        }
        List<PostedDocument> out = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (int i = 0; i < numbers.size(); i += IDS_PER_QUERY) {
            List<String> chunk = numbers.subList(i, Math.min(numbers.size(), i + IDS_PER_QUERY));
            String filter = chunk.stream().map(n -> "OrderNumber eq " + n).collect(Collectors.joining(" or "));
            for (PostedDocument d : documents(api.odata(ORDER, UnicontaApi.filter(filter), "orders by number"))) {
                out.add(d);
                found.add(d.ref().id());
            }
            List<String> gone = chunk.stream().filter(n -> !found.contains(n)).toList();
            if (!gone.isEmpty()) {
                String invoiceFilter = gone.stream().map(n -> "OrderNumber eq " + n).collect(Collectors.joining(" or "));
                out.addAll(invoiced(api.odata(INVOICE, UnicontaApi.filter(invoiceFilter), "invoices by order number")));
            }
        }
        return out;
    }

    /** One OData query on the reference field: equal, or continuing it with a dash ({@code ge 'R-' and lt 'R.'}). */
    @Override
    public Optional<List<PostedDocument>> findOrderDocuments(String externalRef) {
        String filter = refFilter(externalRef);
        List<PostedDocument> out = new ArrayList<>(documents(api.odata(ORDER, UnicontaApi.filter(filter),
                "orders by " + settings.externalRefField())));
        Set<String> found = out.stream().map(d -> d.ref().id()).collect(Collectors.toSet());
        ArrayNode invoices = api.odata(INVOICE, UnicontaApi.filter(filter), "invoices by " + settings.externalRefField());
        ArrayNode gone = JsonSupport.MAPPER.createArrayNode();
        invoices.forEach(i -> {
            if (!found.contains(i.path("OrderNumber").asText())) {
                gone.add(i);
            }
        });
        out.addAll(invoiced(gone));
        return Optional.of(out);
    }

    String refFilter(String externalRef) {
        String field = settings.externalRefField();
        // '.' follows '-' in every collation the sandbox and Uniconta's SQL use for these ASCII references (guess)
        return field + " eq " + UnicontaApi.literal(externalRef) + " or (" + field + " ge "
                + UnicontaApi.literal(externalRef + "-") + " and " + field + " lt " + UnicontaApi.literal(externalRef + ".") + ")";
    }

    private Optional<ObjectNode> orderByRef(String externalRef) {
        ArrayNode rows = api.read(ORDER, settings.externalRefField(), externalRef, "order look-up by " + settings.externalRefField());
        return rows.isEmpty() ? Optional.empty() : Optional.of((ObjectNode) rows.get(0));
    }

    private ArrayNode invoicesByRef(String externalRef) {
        return api.read(INVOICE, settings.externalRefField(), externalRef, "invoice look-up by " + settings.externalRefField());
    }

    Optional<ObjectNode> order(long number) {
        ArrayNode rows = api.read(ORDER, "OrderNumber", Long.toString(number), "order " + number);
        return rows.isEmpty() ? Optional.empty() : Optional.of((ObjectNode) rows.get(0));
    }

    private List<JsonNode> linesOf(long number) {
        List<JsonNode> out = new ArrayList<>();
        api.read(LINE, "OrderNumber", Long.toString(number), "lines of order " + number).forEach(out::add);
        return out;
    }

    /** Orders with their lines, read in one more query. */
    private List<PostedDocument> documents(ArrayNode headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        Map<Long, List<JsonNode>> lines = new LinkedHashMap<>();
        List<Long> numbers = new ArrayList<>();
        headers.forEach(h -> numbers.add(h.path("OrderNumber").asLong()));
        for (int i = 0; i < numbers.size(); i += IDS_PER_QUERY) {
            String filter = numbers.subList(i, Math.min(numbers.size(), i + IDS_PER_QUERY)).stream()
                    .map(n -> "OrderNumber eq " + n).collect(Collectors.joining(" or "));
            api.odata(LINE, UnicontaApi.filter(filter), "order lines").forEach(l ->
                    lines.computeIfAbsent(l.path("OrderNumber").asLong(), k -> new ArrayList<>()).add(l));
        }
        List<PostedDocument> out = new ArrayList<>();
        headers.forEach(h -> out.add(document(h, lines.getOrDefault(h.path("OrderNumber").asLong(), List.of()))));
        return out;
    }

    PostedDocument document(JsonNode header, List<JsonNode> lines) {
        String currency = currency(header);
        DocumentKind kind = kind(text(header, settings.kindField()));
        BigDecimal sign = BigDecimal.valueOf(kind.sign());
        List<PostedDocument.PostedLine> posted = new ArrayList<>();
        Money freight = Money.zero(currency);
        BigDecimal end = BigDecimal.ONE.subtract(decimal(header, "EndDiscountPct").movePointLeft(2));
        Map<String, BigDecimal> byVat = new LinkedHashMap<>();
        Map<String, BigDecimal> vatPerLine = new LinkedHashMap<>();
        for (JsonNode line : lines) {
            BigDecimal total = decimal(line, "Total");
            String vat = text(line, "Vat");
            byVat.merge(vat == null ? "" : vat, total, BigDecimal::add);
            if (settings.vatRounding() == UnicontaSettings.VatRounding.PER_LINE && vat != null) {
                vatPerLine.merge(vat, total.multiply(end).setScale(2, RoundingMode.HALF_UP).multiply(rate(vat))
                        .setScale(2, RoundingMode.HALF_UP), BigDecimal::add);
            }
            if (settings.shippingItem().equals(text(line, "Item")) && FREIGHT_REF.equals(text(line, "ReferenceNumber"))) {
                freight = freight.plus(new Money(total.multiply(sign), currency));
                continue;
            }
            String item = text(line, "Item");
            // to core both rounding lines are rounding, not a charge an edit could change
            String ref = VAT_ROUNDING_REF.equals(text(line, "ReferenceNumber")) ? ROUNDING_REF : text(line, "ReferenceNumber");
            posted.add(new PostedDocument.PostedLine(item == null ? null : items.sku(item, UnicontaItems.variantsOf(line)),
                    ref, decimal(line, "Qty").multiply(sign),
                    new Money(decimal(line, "Price"), currency), new Money(decimal(line, "Discount").multiply(sign), currency),
                    new Money(total.multiply(sign), currency), vat == null ? List.of() : List.of(vat)));
        }
        List<TaxLine> taxes = new ArrayList<>();
        Money vatTotal = Money.zero(currency);
        for (Map.Entry<String, BigDecimal> e : byVat.entrySet()) {
            BigDecimal rate = e.getKey().isEmpty() ? BigDecimal.ZERO : rate(e.getKey());
            if (rate.signum() == 0) {
                continue;
            }
            BigDecimal taxable = e.getValue().multiply(end).setScale(2, RoundingMode.HALF_UP);
            BigDecimal vat = settings.vatRounding() == UnicontaSettings.VatRounding.PER_LINE ? vatPerLine.get(e.getKey())
                    : taxable.multiply(rate).setScale(2, RoundingMode.HALF_UP);
            Money amount = new Money(vat.multiply(sign), currency);
            taxes.add(new TaxLine(e.getKey(), rate.movePointRight(2), new Money(taxable.multiply(sign), currency), amount));
            vatTotal = vatTotal.plus(amount);
        }
        Money total = new Money(decimal(header, "OrderTotal").multiply(sign), currency).plus(vatTotal);
        String id = header.path("OrderNumber").asText();
        DocumentState state = state(header, lines);
        return new PostedDocument(new DocumentRef(id, total), kind, text(header, settings.externalRefField()),
                text(header, "Account"), text(header, settings.branchField()), state, statusText(state), posted, freight, taxes);
    }

    /** Orders Uniconta deleted after invoicing, from their invoices (grouped by order number). */
    private List<PostedDocument> invoiced(ArrayNode invoices) {
        Map<String, List<JsonNode>> byOrder = new LinkedHashMap<>();
        invoices.forEach(i -> byOrder.computeIfAbsent(i.path("OrderNumber").asText(), k -> new ArrayList<>()).add(i));
        List<PostedDocument> out = new ArrayList<>();
        byOrder.values().forEach(group -> out.add(fromInvoices(group, List.of())));
        return out;
    }

    private PostedDocument fromInvoices(List<JsonNode> invoices, List<PostedDocument.PostedLine> lines) {
        JsonNode first = invoices.get(0);
        String currency = currency(first);
        Money total = Money.zero(currency);
        for (JsonNode invoice : invoices) {
            total = total.plus(new Money(decimal(invoice, "TotalAmount").abs(), currency));
        }
        DocumentKind kind = decimal(first, "TotalAmount").signum() < 0 ? DocumentKind.CREDIT : DocumentKind.SALE;
        return new PostedDocument(new DocumentRef(first.path("OrderNumber").asText(), total), kind,
                text(first, settings.externalRefField()), text(first, "Account"), null, DocumentState.INVOICED,
                "Invoiced (order deleted)", lines, Money.zero(currency), List.of());
    }

    private static DocumentState state(JsonNode header, List<JsonNode> lines) {
        if (header.path("Blocked").asBoolean(false)) {
            return DocumentState.CANCELLED;
        }
        if (lines.isEmpty()) {
            return DocumentState.OPEN;
        }
        boolean allInvoiced = lines.stream().allMatch(l -> decimal(l, "QtyInvoiced").compareTo(decimal(l, "Qty")) == 0);
        boolean allDelivered = lines.stream().allMatch(l -> decimal(l, "QtyDelivered").compareTo(decimal(l, "Qty")) == 0);
        boolean some = lines.stream().anyMatch(l -> decimal(l, "QtyDelivered").signum() != 0
                || decimal(l, "QtyInvoiced").signum() != 0);
        return allInvoiced ? DocumentState.INVOICED : allDelivered ? DocumentState.SHIPPED
                : some ? DocumentState.PARTLY_SHIPPED : DocumentState.OPEN;
    }

    private static String statusText(DocumentState state) {
        return switch (state) {
            case CANCELLED -> "Blocked";
            case INVOICED -> "Invoiced";
            case SHIPPED -> "Delivered";
            case PARTLY_SHIPPED -> "Partly delivered";
            default -> "Open";
        };
    }

    private DocumentKind kind(String marker) {
        if (marker == null) {
            return DocumentKind.SALE;
        }
        return switch (marker) {
            case "credit" -> DocumentKind.CREDIT;
            case "return" -> DocumentKind.RETURN;
            default -> DocumentKind.SALE;
        };
    }

    private String currency(JsonNode row) {
        String currency = text(row, "Currency");
        return currency == null ? settings.baseCurrency() : currency;
    }

    /** A VAT code's rate as a fraction, from GLVatClient (read once: codes and rates change rarely). */
    private BigDecimal rate(String code) {
        if (vatRates.isEmpty()) {
            api.read("GLVatClient", null, null, "VAT codes").forEach(v -> vatRates.put(v.path("Vat").asText(),
                    decimal(v, "Rate").movePointLeft(2)));
        }
        BigDecimal rate = vatRates.get(code);
        if (rate == null) {
            throw new PermanentFailure("taxes", "Uniconta has no VAT code " + code);
        }
        return rate;
    }

    static BigDecimal decimal(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || !v.isNumber() ? BigDecimal.ZERO : v.decimalValue();
    }

    private static long number(String id) {
        if (!id.matches("\\d{1,18}")) {
            throw new PermanentFailure("order", "'" + id + "' is not a Uniconta order number");
        }
        return Long.parseLong(id);
    }
}
