package com.bcerp.uniconta;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Uniconta's error answers as core's failures. A refusal carries an {@code ErrorCodes} name (erp-apis.md §2.4,
 * §10.2.1); the REST body shape is UNCONFIRMED, so {@code {"ErrorCode":"...","Message":"..."}} is read when it is
 * there (the sandbox's guess) and the body's start otherwise. 429 and 5xx have been retried by the ApiClient already
 * and are transient; 401 and 403 (and NoRights) mean the API user cannot do this; other 4xx are permanent: Uniconta
 * will not accept the request as sent.
 */
final class UnicontaFailures {

    private UnicontaFailures() {}

    /** The ErrorCodes name of a refusal, or null. */
    static String code(ApiResponse response) {
        JsonNode json = json(response);
        String code = json.path("ErrorCode").asText("");
        return code.isEmpty() ? null : code;
    }

    /**
     * @param record what was asked, as ops know it: "sales order BC-abc-250"
     * @param field  the field at fault when the caller knows it (e.g. {@code lines[2].itemId}), else null
     */
    static RuntimeException of(ApiResponse response, String record, String field) {
        int status = response.status();
        if (status == 429 || status >= 500) {
            return new TransientFailure("Uniconta " + response.describe() + " for " + record);
        }
        String code = code(response);
        String message = message(response);
        if (status == 401) {
            return new PermanentFailure("credentials", "Uniconta answered 401 for " + record
                    + ": the API user, its password or the company id (user name 00<CompanyId>/<user>) is wrong");
        }
        if (status == 403 || "NoRights".equals(code)) {
            return new PermanentFailure("credentials", "Uniconta refused " + record + " (" + status + " " + code
                    + "): the API user has no rights for " + response.uri().getPath() + ": " + message);
        }
        if (status == 404 && code == null) {
            return new PermanentFailure("endpoint", "Uniconta answered 404 for " + response.describe());
        }
        return new PermanentFailure(field, "Uniconta refused " + record + " (" + status
                + (code == null ? "" : " " + code) + "): " + message);
    }

    private static String message(ApiResponse response) {
        String message = json(response).path("Message").asText("");
        if (!message.isEmpty()) {
            return message;
        }
        String body = response.body() == null ? "" : response.body();
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static JsonNode json(ApiResponse response) {
        try {
            return response.json();
        } catch (IllegalStateException e) {
            return JsonSupport.MAPPER.missingNode();
        }
    }
}
