package com.bcerp.sandbox.extensiv;

import com.bcerp.sandbox.http.HttpError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error answers. The research knows Extensiv's error only structurally: a {@code WmsException} carries
 * {@code ErrorCode} (a short string), {@code Hint} and {@code Message} (erp-apis.md section 4.3 and 10.3.4, [E-LABELS],
 * [E-PARCELCANCEL]); the top-level JSON of a single-resource error is UNCONFIRMED. Guess: the body is that object on its
 * own, {@code {"ErrorCode": ..., "Hint": ..., "Message": ...}}, as {@code application/json}. The error codes used here
 * are the sandbox's own names, not Extensiv's (none are sourced): match on the HTTP status, show the message.
 */
final class WmsErrors {

    private WmsErrors() {}

    static HttpError of(int status, String errorCode, String message) {
        return of(status, errorCode, message, null);
    }

    static HttpError of(int status, String errorCode, String message, String hint) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ErrorCode", errorCode);
        body.put("Hint", hint);
        body.put("Message", message);
        return new HttpError(status, message, body);
    }

    /** A request the API refuses as invalid (a field missing, an unknown SKU, a state that forbids the change). */
    static HttpError invalid(String message) {
        return of(400, "InvalidArgument", message);
    }

    static HttpError notFound(String message) {
        return of(404, "NotFound", message);
    }

    static HttpError unauthorized() {
        return of(401, "Unauthorized", "Authorization has been denied for this request.",
                "Request a token at /AuthServer/api/Token and send it as 'Authorization: Bearer <token>'.");
    }

    /** The tap's mapping of 428 ([E-TAP] client.py) and the rels docs' "If-Match request header required" ([E-CANCEL]). */
    static HttpError preconditionRequired() {
        return of(428, "PreconditionRequired", "Precondition required: send the resource's ETag in an If-Match header.");
    }

    static HttpError preconditionFailed() {
        return of(412, "PreconditionFailed",
                "Precondition failed: the resource has changed since the ETag in If-Match was issued.",
                "GET the resource again for its current ETag.");
    }
}
