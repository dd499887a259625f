package com.bcerp.visma;

import static com.bcerp.visma.VismaDto.decimal;
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
import com.bcerp.core.model.Money;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credits and returns as customer credit notes ({@code POST /v2/customerCreditNote}, erp-apis.md §10.1.5):
 * {@code externalReference} = the credit's own reference ({@code BC-{store}-{order}-R{refund}}), filterable, so it is
 * looked up before creating (a lost answer is found, not posted twice); {@code customerRefNumber} = the store order's
 * reference, so every credit of an order is found by one query. A credit note takes only non-stock items ("Only a
 * non-stock item can be selected"), so each line is the configured credit item with the store's line id and SKU in its
 * {@code note} ({@code 901|SKU-0100}); the header's {@code note} says {@code credit} or {@code return}. When the
 * original order is invoiced and its invoice released, an application line takes the credit off that invoice when a
 * Visma user releases the credit note; otherwise the credit note stands unapplied.
 */
final class VismaCredits {

    private static final Logger log = LoggerFactory.getLogger(VismaCredits.class);
    static final String ID_PREFIX = "CN/";
    private static final Pattern SUFFIX = Pattern.compile("^(.*)-[RE]\\d+$");

    private final VismaSettings settings;
    private final VismaApi api;

    VismaCredits(VismaSettings settings, VismaApi api) {
        this.settings = settings;
        this.api = api;
    }

    DocumentRef create(SalesOrderDraft draft, Optional<JsonNode> original) {
        Optional<JsonNode> existing = byExternalReference(draft.externalRef());
        if (existing.isPresent()) {
            log.info("Visma credit note {} exists already for {}", read(existing.get(), "referenceNumber"), draft.externalRef());
            return checked(draft, existing.get());
        }
        ObjectNode dto = VismaDto.object();
        text(dto, "customerNumber", draft.customerId());
        if (draft.date() != null) {
            text(dto, "documentDate", draft.date().atStartOfDay() + ":00");
        }
        text(dto, "currencyId", draft.currency());
        text(dto, "externalReference", draft.externalRef());
        text(dto, "customerRefNumber", orderRef(draft.externalRef()));
        text(dto, "invoiceText", draft.description());
        text(dto, "note", draft.kind().name().toLowerCase(Locale.ROOT));
        VismaDto.bool(dto, "hold", false);
        ArrayNode lines = dto.putArray("lines");
        for (int i = 0; i < draft.lines().size(); i++) {
            DraftLine line = draft.lines().get(i);
            String category = VismaOrders.vatCategory(settings, line.taxIds(), "lines[" + i + "].taxIds", line.source(),
                    draft);
            ObjectNode row = line(lines, line.description(), line.quantity(), line.unitPrice().amount(), category,
                    line.storeLineRef() + "|" + line.itemId());
            VismaDto.number(row, "discountAmountInCurrency", line.discount().toCents().amount());
        }
        if (!draft.freight().isZero()) {
            line(lines, "Shipping", BigDecimal.ONE, draft.freight().amount(), VismaOrders.vatCategory(settings,
                    draft.freightTaxIds(), "freightTaxIds", "the shipping", draft), VismaOrders.FREIGHT_NOTE);
        }
        String invoice = original.map(o -> read(o, "invoiceNbr")).orElse(null);
        if (invoice != null) {
            api.one("/v1/customerinvoice/" + VismaApi.encode(invoice), "invoice " + invoice)
                    .filter(i -> "Open".equals(read(i, "status")))
                    .ifPresent(i -> {
                        BigDecimal amount = draft.total(VismaType.ARITHMETIC).amount().min(decimal(i, "balanceInCurrency")
                                .signum() > 0 ? decimal(i, "balanceInCurrency") : decimal(i, "balance"));
                        ObjectNode app = dto.putArray("applicationLines").addObject().put("operation", "Insert");
                        text(app, "documentType", "Invoice");
                        text(app, "refNbr", invoice);
                        VismaDto.number(app, "amountPaid", amount);
                    });
        }
        ApiResponse response = api.create("/v2/customerCreditNote", dto);
        if (!response.isSuccess()) {
            RuntimeException failure = VismaFailures.of(response, "credit note " + draft.externalRef(), null);
            if (failure instanceof PermanentFailure p && VismaFailures.message(response).contains(settings.creditItem())) {
                throw new PermanentFailure("visma.credit_item", p.getMessage());
            }
            throw failure;
        }
        String number = VismaApi.created(response, "credit note " + draft.externalRef());
        JsonNode created = one(number).orElseThrow(() -> new TransientFailure("Visma credit note " + number + " of "
                + draft.externalRef() + " is gone right after it was written"));
        DocumentRef ref = checked(draft, created);
        log.info("created Visma credit note {} for {} (total {})", number, draft.externalRef(), ref.total());
        return ref;
    }

    private ObjectNode line(ArrayNode lines, String description, BigDecimal quantity, BigDecimal price, String category,
            String note) {
        ObjectNode row = lines.addObject().put("operation", "Insert");
        text(row, "inventoryNumber", settings.creditItem());
        text(row, "description", description);
        VismaDto.number(row, "quantity", quantity);
        VismaDto.number(row, "unitPriceInCurrency", price);
        text(row, "vatCodeId", category);
        text(row, "note", note);
        return row;
    }

    private DocumentRef checked(SalesOrderDraft draft, JsonNode note) {
        PostedDocument posted = document(note);
        Money expected = draft.total(VismaType.ARITHMETIC);
        if (!posted.ref().total().sameAs(expected)) {
            throw new PermanentFailure("total", draft.externalRef() + ": Visma totals credit note " + posted.ref().id()
                    + " at " + posted.ref().total() + " but the store's is " + expected + ": a difference of "
                    + posted.ref().total().minus(expected) + "; the credit note is in Visma, check it there");
        }
        return posted.ref();
    }

    /** The store order's reference of a credit's ({@code BC-s-1-R5} → {@code BC-s-1}). */
    static String orderRef(String externalRef) {
        Matcher m = SUFFIX.matcher(externalRef);
        return m.matches() ? m.group(1) : externalRef;
    }

    Optional<JsonNode> byExternalReference(String externalRef) {
        List<JsonNode> found = api.list("/v1/customerCreditNote", "externalReference=" + VismaApi.encode(externalRef),
                100, "credit note look-up by externalReference");
        return found.stream().filter(c -> externalRef.equals(read(c, "externalReference"))).findFirst();
    }

    /** Every credit note of the store order. */
    List<PostedDocument> ofOrder(String orderRef) {
        return api.list("/v1/customerCreditNote", "customerRefNumber=" + VismaApi.encode(orderRef), 100,
                "credit notes by customerRefNumber").stream()
                .filter(c -> orderRef.equals(read(c, "customerRefNumber"))).map(this::document).toList();
    }

    Optional<JsonNode> one(String number) {
        return api.one("/v1/customerCreditNote/" + VismaApi.encode(number), "credit note " + number);
    }

    PostedDocument document(JsonNode note) {
        String currency = read(note, "currencyId");
        Money freight = Money.zero(currency);
        List<PostedDocument.PostedLine> lines = new ArrayList<>();
        for (JsonNode line : note.path("lines")) {
            String n = read(line, "note");
            Money amount = new Money(VismaOrders.money(line, "amountInCurrency"), currency);
            if (VismaOrders.FREIGHT_NOTE.equals(n)) {
                freight = freight.plus(amount);
                continue;
            }
            String ref = n == null ? null : n.contains("|") ? n.substring(0, n.indexOf('|')) : n;
            String sku = n != null && n.contains("|") ? n.substring(n.indexOf('|') + 1) : read(line, "inventoryNumber");
            lines.add(new PostedDocument.PostedLine(sku, ref, decimal(line, "quantity"),
                    new Money(decimal(line, "unitPriceInCurrency"), currency),
                    new Money(decimal(line, "discountAmountInCurrency"), currency), amount,
                    line.path("vatCode").hasNonNull("id") ? List.of(line.path("vatCode").path("id").asText()) : List.of()));
        }
        List<TaxLine> taxes = new ArrayList<>();
        BigDecimal vat = decimal(note, "vatTotalInCurrency");
        if (vat.signum() != 0) {
            taxes.add(new TaxLine(null, null, new Money(decimal(note, "vatTaxableTotal"), currency), new Money(vat, currency)));
        }
        DocumentKind kind = "return".equals(read(note, "note")) ? DocumentKind.RETURN : DocumentKind.CREDIT;
        String status = read(note, "status");
        DocumentState state = switch (status == null ? "" : status) {
            case "Hold" -> DocumentState.ON_HOLD;
            case "Voided" -> DocumentState.CANCELLED;
            case "Closed" -> DocumentState.CLOSED;
            default -> DocumentState.OPEN;
        };
        return new PostedDocument(new DocumentRef(ID_PREFIX + read(note, "referenceNumber"),
                new Money(VismaOrders.money(note, "amountInCurrency"), currency)), kind, read(note, "externalReference"),
                note.path("customer").path("number").asText(null), null, state, status, lines, freight, taxes);
    }
}
