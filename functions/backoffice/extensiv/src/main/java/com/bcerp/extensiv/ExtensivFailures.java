package com.bcerp.extensiv;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Extensiv's error answers as core's failures. A refusal is a {@code WmsException} {@code {ErrorCode, Hint, Message}}
 * (erp-apis.md 4.3; the top-level body of a single-order error is UNCONFIRMED, so the body's start is shown when it is
 * not that). 429 and 5xx have been retried by the ApiClient already and are transient; 401 and 403 mean the API user
 * cannot do this; other 4xx are permanent: Extensiv will not accept the request as sent.
 */
final class ExtensivFailures {

    private ExtensivFailures() {}

    /**
     * @param record what was asked, as ops know it: "warehouse order BC-abc-250"
     * @param field  the field at fault when the caller knows it, else null
     */
    static RuntimeException of(ApiResponse response, String record, String field) {
        int status = response.status();
        if (status == 429 || status >= 500) {
            return new TransientFailure("Extensiv " + response.describe() + " for " + record);
        }
        if (status == 401) {
            return new PermanentFailure("credentials", "Extensiv answered 401 for " + record
                    + " with a fresh token: the API user cannot sign in (" + message(response) + ")");
        }
        if (status == 403) {
            return new PermanentFailure("credentials", "Extensiv refused " + record + " (403): the API user has no "
                    + "rights for " + response.uri().getPath() + ": " + message(response));
        }
        return new PermanentFailure(field, "Extensiv refused " + record + " (" + status + code(response) + "): "
                + message(response));
    }

    static String message(ApiResponse response) {
        JsonNode json = json(response);
        String message = json.path("Message").asText(json.path("error_description").asText(""));
        if (!message.isEmpty()) {
            return message;
        }
        String body = response.body() == null ? "" : response.body();
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String code(ApiResponse response) {
        String code = json(response).path("ErrorCode").asText("");
        return code.isEmpty() ? "" : " " + code;
    }

    static JsonNode json(ApiResponse response) {
        try {
            return response.json();
        } catch (IllegalStateException e) {
            return JsonSupport.MAPPER.missingNode();
        }
    }
}
