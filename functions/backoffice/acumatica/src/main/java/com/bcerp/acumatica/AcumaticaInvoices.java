package com.bcerp.acumatica;

import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedInvoice;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.Invoices;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acumatica's SO invoices (SalesInvoice, SO303000) behind core's invoices port: {@code PrepareSalesInvoice} on the
 * sales order (an order type that invoices without a shipment, e.g. IN; an SO order's stock items must be shipped
 * first, which Acumatica's refusal says), its number read from the order's Shipments tab, the store's reference
 * written on it; invoices and credit memos entered directly with a PUT; {@code ReleaseSalesInvoice}; a payment applied
 * through its Documents to Apply and released ({@code ReleasePayment}), which lowers the invoice's balance. Preparing
 * moves the payments applied to the order onto the invoice, so an application already there is not added again.
 */
public final class AcumaticaInvoices implements Invoices {

    private static final Logger log = LoggerFactory.getLogger(AcumaticaInvoices.class);

    static final String INVOICE = "Invoice";
    static final String CREDIT_MEMO = "Credit Memo";
    private static final String EXPAND = "Details,ApplicationsInvoice";
    private static final Set<String> RELEASED = Set.of("Open", "Closed");

    private final AcumaticaApi api;

    public AcumaticaInvoices(AcumaticaConnection connection) {
        this.api = connection.api();
    }

    @Override
    public PostedInvoice invoiceSalesOrder(PostedDocument salesOrder) {
        AcumaticaKeys order = AcumaticaKeys.of(salesOrder.ref().id());
        Optional<String> number = invoiceNumber(order);
        if (number.isEmpty()) {
            finished(api.action("SalesOrder/PrepareSalesInvoice",
                    AcumaticaDocuments.action("OrderType", order.type(), "OrderNbr", order.nbr())),
                    "invoice of sales order " + salesOrder.ref().display());
            number = invoiceNumber(order);
        }
        String nbr = number.orElseThrow(() -> new TransientFailure("sales order " + salesOrder.ref().display()
                + " names no invoice yet after Prepare Invoice"));
        // the store's reference on the invoice, so it is found by it where the links cannot tell
        ApiResponse response = api.update("SalesInvoice", Map.of("$expand", EXPAND), AcumaticaDocuments.keysAnd("Type",
                new AcumaticaKeys(INVOICE, nbr), "ReferenceNbr", "ExternalRef", salesOrder.externalRef()));
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, "invoice " + nbr + " of " + salesOrder.externalRef(), null);
        }
        PostedInvoice invoice = invoice(response.json());
        log.info("prepared Acumatica invoice {} from {} for {} (total {})", invoice.display(), salesOrder.ref().display(),
                salesOrder.externalRef(), invoice.total());
        return invoice;
    }

    /** The SO invoice the order's Shipments tab names (a shipment's, or the order's own where it ships none). */
    private Optional<String> invoiceNumber(AcumaticaKeys order) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", OData.eq("OrderType", order.type()) + " and " + OData.eq("OrderNbr", order.nbr()));
        query.put("$expand", "Shipments");
        JsonNode found = Records.list(api.get("SalesOrder", query), "sales order " + AcumaticaKeys.id(order.type(), order.nbr()));
        for (JsonNode row : found.path(0).path("Shipments")) {
            String type = Records.text(row, "InvoiceType");
            String nbr = Records.text(row, "InvoiceNbr");
            if (nbr != null && !nbr.isEmpty() && (type == null || type.isEmpty() || INVOICE.equals(type))) {
                return Optional.of(nbr);
            }
        }
        return Optional.empty();
    }

    @Override
    public PostedInvoice postInvoice(SalesOrderDraft invoice) {
        return create(AcumaticaDocuments.salesInvoice(invoice, INVOICE, null), "invoice " + invoice.externalRef());
    }

    @Override
    public PostedInvoice postCreditMemo(SalesOrderDraft credit, PostedInvoice invoice) {
        return create(AcumaticaDocuments.salesInvoice(credit, CREDIT_MEMO, AcumaticaKeys.of(invoice.id())),
                "credit memo " + credit.externalRef() + " against " + invoice.display());
    }

    private PostedInvoice create(JsonNode body, String what) {
        ApiResponse response = api.put("SalesInvoice", Map.of("$expand", EXPAND), body, false);
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, what, null);
        }
        PostedInvoice created = invoice(response.json());
        log.info("entered Acumatica {} {} (total {})", what, created.display(), created.total());
        return created;
    }

    @Override
    public PostedInvoice release(PostedInvoice invoice) {
        AcumaticaKeys keys = AcumaticaKeys.of(invoice.id());
        finished(api.action("SalesInvoice/ReleaseSalesInvoice",
                AcumaticaDocuments.action("Type", keys.type(), "ReferenceNbr", keys.nbr())), "release of " + invoice.display());
        log.info("released Acumatica {}", invoice.display());
        return read(invoice.id());
    }

    @Override
    public PostedInvoice applyPayment(PostedInvoice invoice, PostedPayment payment, Money amount) {
        AcumaticaKeys document = AcumaticaKeys.of(invoice.id());
        AcumaticaKeys keys = AcumaticaKeys.of(payment.id());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", OData.eq("Type", keys.type()) + " and " + OData.eq("ReferenceNbr", keys.nbr()));
        query.put("$expand", "OrdersToApply,DocumentsToApply");
        JsonNode current = Records.list(api.get("Payment", query), "payment " + payment.display()).path(0);
        boolean listed = false;
        for (JsonNode row : current.path("DocumentsToApply")) {
            listed |= document.type().equals(Records.text(row, "DocType")) && document.nbr().equals(Records.text(row, "ReferenceNbr"));
        }
        if (!listed) {
            com.fasterxml.jackson.databind.node.ObjectNode change = AcumaticaDocuments.paymentApplication(keys, document, amount);
            // what the payment cannot spare is taken off its application to the sales order (an invoice entered
            // directly, beside its order): a payment applies no more than its amount
            BigDecimal short_ = amount.amount().subtract(decimal(current, "AvailableBalance")).max(BigDecimal.ZERO);
            for (JsonNode row : current.path("OrdersToApply")) {
                BigDecimal applied = decimal(row, "AppliedToOrder");
                if (short_.signum() > 0 && applied.signum() > 0 && row.hasNonNull("id")) {
                    BigDecimal moved = applied.min(short_);
                    com.fasterxml.jackson.databind.node.ObjectNode order = change.withArrayProperty("OrdersToApply").addObject();
                    order.put("id", row.get("id").asText());
                    order.putObject("AppliedToOrder").put("value", applied.subtract(moved));
                    short_ = short_.subtract(moved);
                }
            }
            ApiResponse response = api.update("Payment", Map.of(), change);
            if (!response.isSuccess()) {
                throw AcumaticaFailures.of(response, "application of payment " + payment.display() + " to " + invoice.display(), null);
            }
        }
        if ("Balanced".equals(Records.text(current, "Status"))) {
            finished(api.action("Payment/ReleasePayment",
                    AcumaticaDocuments.action("Type", keys.type(), "ReferenceNbr", keys.nbr())), "release of payment " + payment.display());
        }
        PostedInvoice paid = read(invoice.id());
        log.info("applied Acumatica payment {} to {} ({}): balance {}", payment.display(), invoice.display(), amount, paid.balance());
        return paid;
    }

    private PostedInvoice read(String id) {
        return readInvoices(List.of(id)).stream().findFirst()
                .orElseThrow(() -> new TransientFailure("Acumatica does not show " + id + " yet"));
    }

    @Override
    public List<PostedInvoice> readInvoices(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", String.join(" or ", ids.stream().map(AcumaticaKeys::of)
                .map(k -> "(" + OData.eq("Type", k.type()) + " and " + OData.eq("ReferenceNbr", k.nbr()) + ")").toList()));
        query.put("$expand", EXPAND);
        return each(Records.list(api.get("SalesInvoice", query), "invoices read by key"));
    }

    @Override
    public Optional<List<PostedInvoice>> findInvoices(String externalRef) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", OData.eq("ExternalRef", externalRef) + " or startswith(ExternalRef,"
                + OData.literal(externalRef + "-") + ")");
        query.put("$expand", EXPAND);
        return Optional.of(each(Records.list(api.get("SalesInvoice", query), "invoices look-up by ExternalRef")));
    }

    private static List<PostedInvoice> each(JsonNode list) {
        List<PostedInvoice> out = new ArrayList<>();
        list.forEach(i -> out.add(invoice(i)));
        return out;
    }

    private static PostedInvoice invoice(JsonNode i) {
        String type = Records.text(i, "Type");
        String currency = Optional.ofNullable(Records.text(i, "Currency")).filter(c -> !c.isEmpty()).orElse("USD");
        List<PostedDocument.PostedLine> lines = new ArrayList<>();
        String against = null;
        for (JsonNode line : i.path("Details")) {
            lines.add(new PostedDocument.PostedLine(Records.text(line, "InventoryID"), Records.text(line, "ExternalRef"),
                    decimal(line, "Qty"), new Money(decimal(line, "UnitPrice"), currency),
                    new Money(decimal(line, "DiscountAmount"), currency), new Money(decimal(line, "Amount"), currency)));
            String orig = Records.text(line, "OrigInvNbr");
            if (against == null && orig != null && !orig.isEmpty()) {
                String origType = Records.text(line, "OrigInvType");
                against = AcumaticaKeys.id(origType == null || origType.isEmpty() ? INVOICE : origType, orig);
            }
        }
        Set<String> applied = new HashSet<>();
        for (JsonNode row : i.path("ApplicationsInvoice")) {
            applied.add(AcumaticaKeys.id(Records.text(row, "DocType"), Records.text(row, "AdjustingDocReferenceNbr")));
        }
        String status = Records.text(i, "Status");
        String ref = Records.text(i, "ExternalRef");
        return new PostedInvoice(AcumaticaKeys.id(type, Records.text(i, "ReferenceNbr")), CREDIT_MEMO.equals(type),
                ref == null ? "" : ref, new Money(decimal(i, "Amount"), currency), new Money(decimal(i, "Balance"), currency),
                RELEASED.contains(status), lines, applied, against, status);
    }

    private static BigDecimal decimal(JsonNode entity, String field) {
        BigDecimal value = Records.decimal(entity, field);
        return value == null ? BigDecimal.ZERO : value;
    }

    /** An action's final answer: done, or the failure it means. */
    private static void finished(ApiResponse response, String what) {
        if (response.status() == 202) {
            throw new TransientFailure("Acumatica is still running the " + what);
        }
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, what, null);
        }
    }
}
