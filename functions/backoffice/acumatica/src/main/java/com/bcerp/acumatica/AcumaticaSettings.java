package com.bcerp.acumatica;

import com.bcerp.core.backoffice.DocumentKind;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the connector talks to one Acumatica instance. Credentials are not here: they come from the secret
 * named {@code secretName} (see {@link AcumaticaCredentials}).
 *
 * @param instanceUrl     the instance root, e.g. {@code https://acme.acumatica.com} or {@code https://host/MyInstance}
 * @param endpointName    the web-service endpoint, usually {@code Default}
 * @param endpointVersion the endpoint version the instance publishes, e.g. {@code 24.200.001}
 * @param orderType       the sales order type store orders (and sales added by edits) become, usually {@code SO}
 * @param creditOrderType the order type of credits (refunded amounts, quantities removed by edits), usually
 *                        {@code CM} (a credit memo; CR is a cash return)
 * @param returnOrderType the order type of returns for credit (refunded goods back into stock), usually {@code RC}
 * @param customerClass   the class of customers the connector creates; null for the instance's default
 * @param secretName      the secret with username, password, client_id, client_secret and refresh_token
 * @param requestTimeout  how long one request may take; Acumatica queues requests over its licence limits, so generous
 */
public record AcumaticaSettings(URI instanceUrl, String endpointName, String endpointVersion, String orderType,
        String creditOrderType, String returnOrderType, String customerClass, String secretName,
        Duration requestTimeout) {

    public AcumaticaSettings {
        Objects.requireNonNull(instanceUrl, "instanceUrl");
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(endpointVersion, "endpointVersion");
        Objects.requireNonNull(orderType, "orderType");
        Objects.requireNonNull(creditOrderType, "creditOrderType");
        Objects.requireNonNull(returnOrderType, "returnOrderType");
        Objects.requireNonNull(secretName, "secretName");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /**
     * Default/24.200.001, order types SO, CM and RC, the instance's default customer class, 30-second requests: the
     * one place these defaults live (the environment reader and the config's {@code deployment.acumatica} agree).
     */
    public static AcumaticaSettings defaults(URI instanceUrl, String secretName) {
        return new AcumaticaSettings(instanceUrl, "Default", "24.200.001", "SO", "CM", "RC", null, secretName,
                Duration.ofSeconds(30));
    }

    public AcumaticaSettings withCustomerClass(String newCustomerClass) {
        return new AcumaticaSettings(instanceUrl, endpointName, endpointVersion, orderType, creditOrderType,
                returnOrderType, newCustomerClass, secretName, requestTimeout);
    }

    public AcumaticaSettings withRequestTimeout(Duration timeout) {
        return new AcumaticaSettings(instanceUrl, endpointName, endpointVersion, orderType, creditOrderType,
                returnOrderType, customerClass, secretName, timeout);
    }

    /** The order type of a document kind. */
    public String orderType(DocumentKind kind) {
        return switch (kind) {
            case SALE -> orderType;
            case CREDIT -> creditOrderType;
            case RETURN -> returnOrderType;
        };
    }

    /** The kind of document an order type holds; an order type the connector does not post is read as a sale. */
    public DocumentKind kindOf(String type) {
        return type.equals(creditOrderType) ? DocumentKind.CREDIT
                : type.equals(returnOrderType) ? DocumentKind.RETURN
                : DocumentKind.SALE;
    }

    /** e.g. {@code https://host/MyInstance/entity/Default/24.200.001} */
    public String endpointUrl() {
        return root() + "/entity/" + endpointName + "/" + endpointVersion;
    }

    public URI tokenUrl() {
        return URI.create(root() + "/identity/connect/token");
    }

    /** The sign-out route, {@code POST /entity/auth/logout}. */
    public URI logoutUrl() {
        return URI.create(root() + "/entity/auth/logout");
    }

    private String root() {
        String url = instanceUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
