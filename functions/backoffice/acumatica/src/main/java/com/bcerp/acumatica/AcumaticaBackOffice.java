package com.bcerp.acumatica;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedDocument;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.TaxLine;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.Customers;
import com.bcerp.core.port.Payments;
import com.bcerp.core.port.SalesDocuments;
import com.bcerp.core.port.SecretSource;
import com.bcerp.http.ApiClient;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acumatica's customers, sales documents and payments behind core's ports, over the contract-based REST API (Customer AR303000, SalesOrder
 * SO301000 of the sale, credit and return order types, Payment AR302000, and the CancelSalesOrder and VoidPayment
 * actions). Look-ups are OData queries with quoted literals; creates are PUTs without keys, sent once (a timeout is
 * not retried here: the caller's retry looks the document up by its external reference first).
 */
public final class AcumaticaBackOffice implements Customers, SalesDocuments, Payments {

    private static final Logger log = LoggerFactory.getLogger(AcumaticaBackOffice.class);

    private static final String DOCUMENT_EXPAND = "Details,TaxDetails,ShippingSettings";
    private static final String PAYMENT_FIELDS = "Type,ReferenceNbr,ExternalRef,PaymentAmount,CurrencyID,Hold,Status";

    /** How long a tax zone's taxes are trusted before they are read again. */
    private static final java.time.Duration ZONE_READ_AGAIN = java.time.Duration.ofMinutes(15);

    private final AcumaticaSettings settings;
    private final AcumaticaApi api;
    private final AcumaticaTaxZones taxZones;
    private final Map<String, ZoneTaxes> zoneTaxes = new java.util.concurrent.ConcurrentHashMap<>();

    private record ZoneTaxes(java.util.Set<String> taxIds, long readAtNanos) {}

    public AcumaticaBackOffice(AcumaticaSettings settings, SecretSource secrets, HttpClient http, RetryPolicy retry,
            Clock clock) {
        this(settings, secrets, http, retry, ApiClient.Pacer.NONE, clock);
    }

    /** @param pacer paces every request to the instance, token requests included (they count against the licence) */
    public AcumaticaBackOffice(AcumaticaSettings settings, SecretSource secrets, HttpClient http, RetryPolicy retry,
            ApiClient.Pacer pacer, Clock clock) {
        this(new AcumaticaConnection(settings, secrets, http, retry, pacer, clock));
    }

    /** Over a connection the process's other Acumatica adapters share. */
    public AcumaticaBackOffice(AcumaticaConnection connection) {
        this(connection, AcumaticaTaxZones.NONE);
    }

    /** @param taxZones the tax zone each sales order names */
    public AcumaticaBackOffice(AcumaticaConnection connection, AcumaticaTaxZones taxZones) {
        this.settings = connection.settings();
        this.api = connection.api();
        this.taxZones = taxZones;
    }

    /** With the JDK's HttpClient, the standard retry policy and the system clock. */
    public static AcumaticaBackOffice create(AcumaticaSettings settings, SecretSource secrets) {
        return new AcumaticaBackOffice(AcumaticaConnection.create(settings, secrets));
    }

    @Override
    public Optional<String> findCustomerByEmail(String email) {
        return findCustomer("Email", email);
    }

    /** The store's customer id is carried in AccountRef, which the connector sets on the customers it creates. */
    @Override
    public Optional<String> findCustomerByExternalRef(String externalRef) {
        return findCustomer("AccountRef", externalRef);
    }

    @Override
    public boolean customerExists(String customerId) {
        return findCustomer("CustomerID", customerId).isPresent();
    }

    private Optional<String> findCustomer(String field, String value) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", OData.eq(field, value));
        query.put("$select", "CustomerID");
        query.put("$top", "1");
        JsonNode found = Records.list(api.get("Customer", query), "customer look-up by " + field);
        return found.isEmpty() ? Optional.empty() : Optional.of(value(found.get(0), "CustomerID"));
    }

    @Override
    public String createCustomer(CustomerDraft customer) {
        ApiResponse response = api.put("Customer", Map.of(), AcumaticaDocuments.customer(customer, settings.customerClass()), false);
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, "customer " + describe(customer), null);
        }
        String id = value(response.json(), "CustomerID");
        log.info("created Acumatica customer {} for {}", id, describe(customer));
        return id;
    }

    /** A PUT by CustomerID that only updates: a customer deleted in Acumatica parks instead of coming back. */
    @Override
    public void updateCustomer(String customerId, CustomerDraft customer) {
        ApiResponse response = api.update("Customer", Map.of("$select", "CustomerID"),
                AcumaticaDocuments.customerChange(customerId, customer));
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, "customer " + customerId + " (" + describe(customer) + ")", null);
        }
        log.info("updated Acumatica customer {} for {}", customerId, describe(customer));
    }

    /** One query: the document with this ExternalRef and those whose ExternalRef continues it with a dash. */
    @Override
    public Optional<List<PostedDocument>> findOrderDocuments(String externalRef) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", OData.eq("ExternalRef", externalRef) + " or startswith(ExternalRef," + OData.literal(externalRef + "-")
                + ")");
        query.put("$expand", DOCUMENT_EXPAND);
        return Optional.of(each(Records.list(api.get("SalesOrder", query), "order documents look-up by ExternalRef"),
                this::document));
    }

    /** One query for all of them: an OData filter of their keys. */
    @Override
    public List<PostedDocument> readDocuments(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", keysFilter(ids, "OrderType", "OrderNbr"));
        query.put("$expand", DOCUMENT_EXPAND);
        return each(Records.list(api.get("SalesOrder", query), "order documents read by key"), this::document);
    }

    @Override
    public DocumentRef createSalesOrder(SalesOrderDraft order) {
        Optional<String> zone = taxZones.zoneFor(order.currency());
        zone.ifPresent(z -> requireZoneApplies(z, order));
        ApiResponse response = api.put("SalesOrder", Map.of("$expand", "Details"),
                AcumaticaDocuments.salesOrder(order, settings.orderType(order.kind()), zone.orElse(null)), false);
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, "sales order " + order.externalRef(),
                    i -> i < order.lines().size() ? order.lines().get(i).source() : null);
        }
        DocumentRef ref = ref(response.json());
        log.info("created Acumatica order {} for {} (total {})", ref.display(), order.externalRef(), ref.total());
        return ref;
    }

    /**
     * The zone must apply every tax the order carries: Acumatica would otherwise drop the store's taxes for its own
     * calculation and post another total, so the order parks naming the tax and the zone instead.
     */
    private void requireZoneApplies(String zone, SalesOrderDraft order) {
        ZoneTaxes known = zoneTaxes.get(zone);
        if (known == null || System.nanoTime() - known.readAtNanos() > ZONE_READ_AGAIN.toNanos()) {
            ApiResponse response = api.get("TaxZone/" + zone, Map.of("$expand", "ApplicableTaxes"));
            if (AcumaticaFailures.isMissing(response)) {
                throw new PermanentFailure("FinancialSettings.CustomerTaxZone", "Acumatica has no tax zone " + zone
                        + ", the zone configured for " + order.currency() + " orders (tax_zone, tax_zones_by_currency)");
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            Records.one(response, "tax zone " + zone).path("ApplicableTaxes").forEach(t -> ids.add(text(t, "TaxID")));
            known = new ZoneTaxes(Set.copyOf(ids), System.nanoTime());
            zoneTaxes.put(zone, known);
        }
        List<TaxLine> taxes = order.taxes();
        for (int i = 0; i < taxes.size(); i++) {
            if (!known.taxIds().contains(taxes.get(i).taxId())) {
                throw new PermanentFailure("TaxDetails[" + i + "].TaxID", order.externalRef() + ": tax "
                        + taxes.get(i).taxId() + " is not one of tax zone " + zone + "'s taxes "
                        + known.taxIds().stream().sorted().toList() + ", so Acumatica would replace the store's taxes "
                        + "with its own calculation; add the tax to the zone, or map the store's tax to one of its taxes");
            }
        }
    }

    @Override
    public void cancelSalesOrder(DocumentRef order) {
        AcumaticaKeys keys = AcumaticaKeys.of(order.id());
        ApiResponse response = api.action("SalesOrder/CancelSalesOrder",
                AcumaticaDocuments.action("OrderType", keys.type(), "OrderNbr", keys.nbr()));
        finished(response, "cancel of sales order " + order.display());
        log.info("cancelled Acumatica sales order {}", order.display());
    }

    @Override
    public Optional<List<PostedPayment>> findPayments(String externalRefPrefix) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", "startswith(ExternalRef," + OData.literal(externalRefPrefix) + ")");
        query.put("$select", PAYMENT_FIELDS);
        return Optional.of(each(Records.list(api.get("Payment", query), "payment look-up by ExternalRef"),
                AcumaticaBackOffice::payment));
    }

    @Override
    public List<PostedPayment> readPayments(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", keysFilter(ids, "Type", "ReferenceNbr"));
        query.put("$select", PAYMENT_FIELDS);
        return each(Records.list(api.get("Payment", query), "payments read by key"), AcumaticaBackOffice::payment);
    }

    /** {@code (OrderType eq 'SO' and OrderNbr eq 'SO000123') or ...} for these ids. */
    private static String keysFilter(Collection<String> ids, String typeField, String nbrField) {
        return String.join(" or ", ids.stream().map(AcumaticaKeys::of)
                .map(k -> "(" + OData.eq(typeField, k.type()) + " and " + OData.eq(nbrField, k.nbr()) + ")").toList());
    }

    @Override
    public PostedPayment createPayment(PaymentDraft payment) {
        ApiResponse response = api.put("Payment", Map.of(), AcumaticaDocuments.payment(payment), false);
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, "payment " + payment.externalRef(), null);
        }
        PostedPayment posted = payment(response.json());
        log.info("created Acumatica payment {} for {} ({}{})", posted.display(), payment.externalRef(), posted.amount(),
                posted.onHold() ? ", on hold" : "");
        return posted;
    }

    /** Reads the payment's application to the order first: changing it needs the row's id. */
    @Override
    public PostedPayment updatePayment(PostedPayment existing, PaymentDraft desired) {
        ApiResponse current = api.get("Payment/" + existing.id(),
                Map.of("$expand", "OrdersToApply"));
        if (!current.isSuccess()) {
            throw AcumaticaFailures.of(current, "payment " + existing.display(), null);
        }
        String rowId = null;
        for (JsonNode row : current.json().path("OrdersToApply")) {
            if (AcumaticaKeys.of(desired.appliesTo().id()).nbr().equals(row.path("OrderNbr").path("value").asText())) {
                rowId = row.path("id").asText(null);
            }
        }
        ApiResponse response = api.put("Payment", Map.of(), AcumaticaDocuments.paymentChange(existing, desired, rowId), true);
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, "payment " + existing.display(), null);
        }
        PostedPayment updated = payment(response.json());
        log.info("updated Acumatica payment {} ({}{})", updated.display(), updated.amount(),
                updated.onHold() ? ", on hold" : ", released");
        return updated;
    }

    @Override
    public void voidPayment(PostedPayment payment) {
        AcumaticaKeys keys = AcumaticaKeys.of(payment.id());
        ApiResponse response = api.action("Payment/VoidPayment",
                AcumaticaDocuments.action("Type", keys.type(), "ReferenceNbr", keys.nbr()));
        finished(response, "void of payment " + payment.display());
        log.info("voided Acumatica payment {}", payment.display());
    }

    /** An action's final answer: done (204 or 200), or the failure it means. */
    private static void finished(ApiResponse response, String what) {
        if (response.status() == 202) {
            throw new TransientFailure("Acumatica is still running the " + what);
        }
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, what, null);
        }
    }

    private PostedDocument document(JsonNode order) {
        DocumentRef ref = ref(order);
        String currency = ref.total().currency();
        List<PostedDocument.PostedLine> lines = new ArrayList<>();
        for (JsonNode line : order.path("Details")) {
            lines.add(new PostedDocument.PostedLine(text(line, "InventoryID"), text(line, "ExternalRef"),
                    decimal(line, "OrderQty"), new Money(decimal(line, "UnitPrice"), currency),
                    new Money(decimal(line, "DiscountAmount"), currency), new Money(decimal(line, "Amount"), currency)));
        }
        List<TaxLine> taxes = new ArrayList<>();
        for (JsonNode tax : order.path("TaxDetails")) {
            BigDecimal rate = tax.path("TaxRate").path("value").isNumber() ? tax.path("TaxRate").path("value").decimalValue() : null;
            taxes.add(new TaxLine(text(tax, "TaxID"), rate, new Money(decimal(tax, "TaxableAmount"), currency),
                    new Money(decimal(tax, "TaxAmount"), currency)));
        }
        String status = text(order, "Status");
        return new PostedDocument(ref, settings.kindOf(value(order, "OrderType")), text(order, "ExternalRef"),
                text(order, "CustomerID"), text(order, "Branch"), AcumaticaStates.order(status), status, lines,
                new Money(decimal(order.path("ShippingSettings"), "FreightPrice"), currency), taxes);
    }

    private static PostedPayment payment(JsonNode p) {
        String status = text(p, "Status");
        return new PostedPayment(AcumaticaKeys.id(value(p, "Type"), value(p, "ReferenceNbr")), text(p, "ExternalRef"),
                new Money(decimal(p, "PaymentAmount"), value(p, "CurrencyID")), p.path("Hold").path("value").asBoolean(false),
                "Voided".equalsIgnoreCase(status), status);
    }

    /** A text field's value, or null when Acumatica left it out or empty. */
    private static String text(JsonNode entity, String field) {
        String text = Records.text(entity, field);
        return text == null || text.isEmpty() ? null : text;
    }

    /** A decimal field's value; zero when Acumatica left it out. */
    private static BigDecimal decimal(JsonNode entity, String field) {
        BigDecimal value = Records.decimal(entity, field);
        return value == null ? BigDecimal.ZERO : value;
    }

    private static <T> List<T> each(JsonNode list, java.util.function.Function<JsonNode, T> read) {
        List<T> out = new ArrayList<>();
        list.forEach(entity -> out.add(read.apply(entity)));
        return out;
    }

    private static DocumentRef ref(JsonNode order) {
        return new DocumentRef(AcumaticaKeys.id(value(order, "OrderType"), value(order, "OrderNbr")),
                new Money(order.path("OrderTotal").path("value").decimalValue(), value(order, "CurrencyID")));
    }

    private static String value(JsonNode entity, String field) {
        JsonNode value = entity.path(field).path("value");
        if (!value.isValueNode() || value.isNull()) {
            throw new TransientFailure("Acumatica's answer lacks " + field);
        }
        return value.asText();
    }

    private static String describe(CustomerDraft customer) {
        return customer.externalRef() != null ? customer.externalRef() : customer.name();
    }
}
