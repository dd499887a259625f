package com.bcerp.acumatica;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.SalesOrderRef;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.SecretSource;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acumatica behind the {@link BackOffice} port, over the contract-based REST API (Customer AR303000, SalesOrder
 * SO301000). Look-ups are OData queries with quoted literals; creates are PUTs without keys, sent once (a timeout is
 * not retried here: the caller's retry looks the document up by its external reference first).
 */
public final class AcumaticaBackOffice implements BackOffice {

    private static final Logger log = LoggerFactory.getLogger(AcumaticaBackOffice.class);

    private final AcumaticaSettings settings;
    private final AcumaticaApi api;

    public AcumaticaBackOffice(AcumaticaSettings settings, SecretSource secrets, HttpClient http, RetryPolicy retry,
            Clock clock) {
        this(new AcumaticaConnection(settings, secrets, http, retry, clock));
    }

    /** Over a connection the process's other Acumatica adapters share. */
    public AcumaticaBackOffice(AcumaticaConnection connection) {
        this.settings = connection.settings();
        this.api = connection.api();
    }

    /** With the JDK's HttpClient, the standard retry policy and the system clock. */
    public static AcumaticaBackOffice create(AcumaticaSettings settings, SecretSource secrets) {
        return new AcumaticaBackOffice(AcumaticaConnection.create(settings, secrets));
    }

    @Override
    public String name() {
        return "acumatica";
    }

    @Override
    public Optional<String> findCustomerByEmail(String email) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", OData.eq("Email", email));
        query.put("$select", "CustomerID");
        query.put("$top", "1");
        JsonNode found = Records.list(api.get("Customer", query), "customer look-up by email");
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

    @Override
    public Optional<SalesOrderRef> findSalesOrder(String externalRef) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", OData.eq("OrderType", settings.orderType()) + " and " + OData.eq("ExternalRef", externalRef));
        query.put("$select", "OrderType,OrderNbr,OrderTotal,CurrencyID");
        query.put("$top", "1");
        JsonNode found = Records.list(api.get("SalesOrder", query), "sales order look-up by ExternalRef");
        return found.isEmpty() ? Optional.empty() : Optional.of(ref(found.get(0)));
    }

    @Override
    public SalesOrderRef createSalesOrder(SalesOrderDraft order) {
        ApiResponse response = api.put("SalesOrder", Map.of("$expand", "Details"),
                AcumaticaDocuments.salesOrder(order, settings.orderType()), false);
        if (!response.isSuccess()) {
            throw AcumaticaFailures.of(response, "sales order " + order.externalRef(),
                    i -> i < order.lines().size() ? order.lines().get(i).source() : null);
        }
        SalesOrderRef ref = ref(response.json());
        log.info("created Acumatica sales order {} for {} (total {})", ref.display(), order.externalRef(), ref.total());
        if (!ref.total().sameAs(order.total())) {
            log.warn("Acumatica totals sales order {} at {} but the draft for {} totals {}", ref.display(), ref.total(),
                    order.externalRef(), order.total());
        }
        return ref;
    }

    private static SalesOrderRef ref(JsonNode order) {
        return new SalesOrderRef(value(order, "OrderType"), value(order, "OrderNbr"),
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
