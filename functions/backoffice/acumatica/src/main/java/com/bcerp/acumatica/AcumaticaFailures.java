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
 *
 * <p>A 500 is not always trouble: Acumatica answers a read by keys of a record that does not exist with 500
 * {@code NoEntitySatisfiesTheConditionException} (the spec lists only 200/401/500), and a business rule (an action
 * not available in the document's status, a customer on credit hold) with 500 and the rule in
 * {@code exceptionMessage}. Those are {@link #isVerdict verdicts}: never retried, the first read as "no such record",
 * the second parked with its message. The exception type decides, not the status. A 500 without a PX exception type
 * (ASP.NET's bare "An error has occurred.", SQL trouble) or with a lock or timeout type stays transient.
 */
final class AcumaticaFailures {

    /** A field error found in a 422 answer, e.g. {@code Details[2].InventoryID}. */
    record FieldError(String field, String message, Integer detailIndex) {}

    static final String NO_ENTITY = "PX.Api.ContractBased.NoEntitySatisfiesTheConditionException";

    /** PX exception types that pass on their own (another process holds the record, the operation ran too long). */
    private static final List<String> TRANSIENT_TYPES = List.of("LockViolation", "Timeout", "Deadlock", "OperationCompleted");

    /**
     * A request sent while a long-running operation holds the session. GUESS: Acumatica does not document how such a
     * request fails; this is its screens' text, and it passes when the operation ends, whatever exception carries it.
     */
    private static final String SESSION_BUSY = "has not been completed yet";

    private AcumaticaFailures() {}

    /** A 500 that is Acumatica's answer rather than its failure: no such record, or a business rule. */
    static boolean isVerdict(ApiResponse response) {
        if (response.status() != 500) {
            return false;
        }
        String type = exceptionType(response);
        String body = response.body() == null ? "" : response.body();
        return type.startsWith("PX.") && TRANSIENT_TYPES.stream().noneMatch(type::contains)
                && !body.contains("API Login Limit") && !body.contains(SESSION_BUSY);
    }

    /** The instance has no record with the keys asked for. */
    static boolean isMissing(ApiResponse response) {
        return response.status() == 500 && exceptionType(response).equals(NO_ENTITY);
    }

    private static String exceptionType(ApiResponse response) {
        return json(response).path("exceptionType").asText("");
    }

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
            case 412 -> new PermanentFailure("record", "Acumatica has no " + record + " to update (deleted there?)");
            case 404 -> new PermanentFailure("endpoint", "Acumatica answered 404 for " + response.describe()
                    + ": is the endpoint published on the instance (Web Service Endpoints, SM207060)?");
            case 500 -> isMissing(response)
                    ? new PermanentFailure("record", "Acumatica has no " + record + " (deleted, or never created there)")
                    : isVerdict(response)
                    ? new PermanentFailure(null, "Acumatica refused " + record + ": " + message(json, body))
                    : new TransientFailure("Acumatica " + response.describe() + " for " + record);
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
