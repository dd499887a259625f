package com.bcerp.sandbox.uniconta;

import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error answers. The .NET API reports failures as {@code ErrorCodes} enum names (erp-apis.md §2.4, §10.2.1: {@code
 * Succes}, {@code NoLinesToUpdate}; Uniconta's own UI code also uses {@code NoSucces}, {@code CouldNotFind}, {@code
 * FieldCannotBeBlank}, {@code KeyExists}, {@code NoRights}). The REST body shape is UNCONFIRMED (§10.2.1 "Errors"), so
 * the sandbox answers {@code {"ErrorCode": "<name>", "Message": "..."}} (guess) with the status {@link
 * Faults#refusalStatus} (400 by default; a wrapper maps every non-Succes to 500, §10.2.1). Bad credentials answer 401,
 * a company the user has no rights in 403 (both observed by a client, [U-PROXY]).
 */
final class UnicontaErrors {

    /** The {@code ErrorCodes} names the sandbox answers with. */
    enum Code { NoSucces, CouldNotFind, FieldCannotBeBlank, KeyExists, NoRights, NoLinesToUpdate }

    /** A refusal of a request: rendered with the status in force when it is answered. */
    static final class Refusal extends RuntimeException {
        private final Code code;

        Refusal(Code code, String message) {
            super(message);
            this.code = code;
        }

        Code code() {
            return code;
        }
    }

    private UnicontaErrors() {}

    static Refusal refuse(Code code, String message) {
        return new Refusal(code, message);
    }

    static Map<String, Object> body(Code code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ErrorCode", code.name());
        body.put("Message", message);
        return body;
    }

    static HttpError error(int status, Code code, String message) {
        return new HttpError(status, message, body(code, message));
    }

    /** Wrong user name form, unknown user or wrong password. */
    static HttpError unauthorised() {
        return new HttpError(401, "Login failed", body(Code.NoSucces, "Login failed: wrong user name or password."));
    }

    /**
     * What the front of the service answers on a server error, a time-out or an outage: plain text, not the API's JSON
     * (guess: no 5xx body is documented; a client must not depend on one).
     */
    static HttpResponse serverText(int status, String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=utf-8");
        return new HttpResponse(status, headers, text.getBytes(StandardCharsets.UTF_8));
    }
}
