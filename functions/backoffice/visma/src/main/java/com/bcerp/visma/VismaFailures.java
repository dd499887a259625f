package com.bcerp.visma;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Visma's error answers as core's failures (erp-apis.md §10.1.1). Two body shapes: {@code {"message": "VismaId:
 * <guid>. <text>"}} for refused writes and missing records, and {@code IPPException} ({@code ExceptionFaultCode},
 * {@code ExceptionMessage}) for licence and context errors, e.g. 12027 for a token of another tenant; the gateway
 * answers 401, 429 and unknown paths as {@code {"statusCode", "message"}}. 429 and 5xx have been retried by the
 * ApiClient already and are transient; 401 and 403 mean the client cannot do this ("credentials"); every other 4xx is
 * permanent: Visma will not take the request as sent, and the field it names (its UI label, {@code 'Inventory ID'})
 * becomes the failure's field.
 */
final class VismaFailures {

    /** Visma's labels in "'Label' cannot be ..." texts, as the draft's fields (those the research and sandbox quote). */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();
    private static final Pattern LABEL = Pattern.compile("'([^']+)'");

    static {
        LABELS.put("Inventory ID", "itemId");
        LABELS.put("Customer", "customerId");
        LABELS.put("Customer ID", "customerId");
        LABELS.put("Order no.", "orderNumber");
        LABELS.put("Order type", "orderType");
        LABELS.put("VAT category", "taxes");
        LABELS.put("VAT zone", "vatZone");
        LABELS.put("Currency", "currency");
        LABELS.put("Country", "address.countryIso2");
        LABELS.put("Warehouse", "warehouse");
        LABELS.put("UoM", "uom");
        LABELS.put("Quantity", "quantity");
        LABELS.put("Customer name", "name");
        LABELS.put("Attribute", "customerRefAttribute");
    }

    private VismaFailures() {}

    /**
     * @param record what was asked, as ops know it: "sales order BC-abc-250"
     * @param field  the field at fault when the caller knows it, else null (then Visma's label names it)
     */
    static RuntimeException of(ApiResponse response, String record, String field) {
        int status = response.status();
        if (status == 429 || status >= 500) {
            return new TransientFailure("Visma " + response.describe() + " for " + record);
        }
        String message = message(response);
        if (status == 401) {
            return new PermanentFailure("credentials", "Visma answered 401 for " + record
                    + ": the client id, its secret or the token is not accepted: " + message);
        }
        if (status == 403) {
            return new PermanentFailure("credentials", "Visma refused " + record + " (403): the client's scopes do not"
                    + " cover " + response.method() + " " + response.uri().getPath() + ": " + message);
        }
        String fault = faultCode(response);
        if (fault != null) {
            String f = "12027".equals(fault) ? "tenant_id" : "credentials";
            return new PermanentFailure(f, "Visma refused " + record + " (IPPException " + fault + "): " + message
                    + ("12027".equals(fault) ? " (the tenant id is not the company's licensed tenant)" : ""));
        }
        if (status == 404 && json(response).has("statusCode")) {
            return new PermanentFailure("endpoint", "Visma answered 404 for " + response.describe() + ": " + message);
        }
        String named = field != null ? field : labelField(message);
        return new PermanentFailure(named, "Visma refused " + record + " (" + status + "): " + message);
    }

    /** The draft field of the first label Visma's text names, or null. */
    static String labelField(String message) {
        Matcher m = LABEL.matcher(message == null ? "" : message);
        while (m.find()) {
            String field = LABELS.get(m.group(1));
            if (field != null) {
                return field;
            }
        }
        return null;
    }

    /** The text of either shape (without the VismaId), or the body's start. */
    static String message(ApiResponse response) {
        JsonNode json = json(response);
        String text = json.path("message").asText("");
        if (text.isEmpty()) {
            text = json.path("ExceptionMessage").asText("");
        }
        if (text.isEmpty()) {
            String body = response.body() == null ? "" : response.body();
            return body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
        return text.replaceFirst("^VismaId: [0-9a-fA-F-]+\\. ", "").strip();
    }

    private static String faultCode(ApiResponse response) {
        JsonNode json = json(response);
        String code = json.path("ExceptionFaultCode").asText("");
        return code.isEmpty() ? null : code;
    }

    private static JsonNode json(ApiResponse response) {
        try {
            return response.json();
        } catch (IllegalStateException e) {
            return JsonSupport.MAPPER.missingNode();
        }
    }
}
