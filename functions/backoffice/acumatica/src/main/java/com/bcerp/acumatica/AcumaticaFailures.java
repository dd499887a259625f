package com.bcerp.acumatica;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Acumatica's error answers as core's failures. A 422 carries the entity back with the error inside each field at
 * fault ({@code "InventoryID": {"value": "X", "error": "'Inventory ID' cannot be found in the system."}}); each
 * becomes {@code Details[2].InventoryID: <error> (<which store line>)}, and the failure's field is the first of them.
 * 400, 403, 404 and 412 are permanent too (a request the instance will never accept as sent); an "API Login Limit"
 * answer is transient (it passes when sessions end); 429 and 5xx have already been retried by the ApiClient.
 */
final class AcumaticaFailures {

    /** A field error found in a 422 answer, e.g. {@code Details[2].InventoryID}. */
    record FieldError(String field, String message, Integer detailIndex) {}

    private AcumaticaFailures() {}

    /**
     * The failure for a non-success answer.
     *
     * @param record     the record, as ops know it: "sales order BC-abc-250"
     * @param lineSource for {@code Details[i]}, which store line it came from (null when there are no lines)
     */
    static RuntimeException of(ApiResponse response, String record, IntFunction<String> lineSource) {
        String body = response.body() == null ? "" : response.body();
        if (body.contains("API Login Limit")) {
            return new TransientFailure("Acumatica refused " + record + ": API Login Limit (every API user slot of the "
                    + "licence is in use; it frees when idle sessions end)");
        }
        JsonNode json = json(response);
        return switch (response.status()) {
            case 422 -> unprocessable(json, record, lineSource);
            case 400 -> new PermanentFailure(firstModelStateKey(json), "Acumatica rejected " + record + " (400): "
                    + message(json, body));
            case 401 -> new PermanentFailure("credentials", "Acumatica answered 401 for " + record
                    + " even with a new access token: the API user cannot sign in to this endpoint");
            case 403 -> new PermanentFailure("credentials", "Acumatica answered 403 for " + record
                    + ": the API user lacks access rights to the form behind " + response.uri().getPath());
            case 404 -> new PermanentFailure("endpoint", "Acumatica answered 404 for " + response.describe()
                    + ": is the endpoint published on the instance (Web Service Endpoints, SM207060)?");
            default -> response.status() == 429 || response.status() >= 500
                    ? new TransientFailure("Acumatica " + response.describe() + " for " + record)
                    : new PermanentFailure(null, "Acumatica " + response.describe() + " for " + record + ": " + message(json, body));
        };
    }

    private static PermanentFailure unprocessable(JsonNode entity, String record, IntFunction<String> lineSource) {
        List<FieldError> errors = fieldErrors(entity);
        if (errors.isEmpty()) {
            String summary = entity.path("error").asText("the entity was rejected without a reason");
            return new PermanentFailure(null, summary + " (" + record + ")");
        }
        StringBuilder message = new StringBuilder();
        for (FieldError error : errors) {
            String source = error.detailIndex() != null && lineSource != null ? lineSource.apply(error.detailIndex()) : null;
            message.append(message.isEmpty() ? "" : "; ").append(error.field()).append(": ").append(error.message())
                    .append(" (").append(source != null ? source : record).append(")");
        }
        return new PermanentFailure(errors.get(0).field(), message.toString());
    }

    /** Every field error in an echoed entity, depth first, in the order the entity lists them. */
    static List<FieldError> fieldErrors(JsonNode entity) {
        List<FieldError> errors = new ArrayList<>();
        collect(entity, "", null, errors);
        return errors;
    }

    private static void collect(JsonNode entity, String prefix, Integer detailIndex, List<FieldError> into) {
        for (Map.Entry<String, JsonNode> field : entity.properties()) {
            JsonNode value = field.getValue();
            String path = prefix + field.getKey();
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isObject()) {
                        boolean lines = prefix.isEmpty() && field.getKey().equals("Details");
                        collect(value.get(i), path + "[" + i + "].", lines ? Integer.valueOf(i) : detailIndex, into);
                    }
                }
            } else if (value.isObject() && value.hasNonNull("error") && value.get("error").isTextual()) {
                into.add(new FieldError(path, value.get("error").asText(), detailIndex));
            } else if (value.isObject() && !field.getKey().equals("custom")) {
                collect(value, path + ".", detailIndex, into);
            }
        }
    }

    private static String firstModelStateKey(JsonNode json) {
        var names = json.path("modelState").fieldNames();
        return names.hasNext() ? names.next() : null;
    }

    private static String message(JsonNode json, String body) {
        String message = json.path("exceptionMessage").asText(json.path("message").asText(""));
        if (message.isEmpty()) {
            message = json.path("message").asText("");
        }
        return message.isEmpty() ? abbreviate(body) : message;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static JsonNode json(ApiResponse response) {
        try {
            return response.json();
        } catch (IllegalStateException e) {
            return com.bcerp.http.JsonSupport.MAPPER.missingNode();
        }
    }
}
