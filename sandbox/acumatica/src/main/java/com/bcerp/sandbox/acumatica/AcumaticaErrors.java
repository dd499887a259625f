package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.http.HttpError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Error answers in the contract's {@code HttpError} shape ({@code message}, {@code modelState}, ...). */
final class AcumaticaErrors {

    private AcumaticaErrors() {}

    static HttpError of(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        return new HttpError(status, message, body);
    }

    /** A 400 naming each field at fault, as ASP.NET model validation does. */
    static HttpError invalid(Map<String, List<String>> problems) {
        StringBuilder message = new StringBuilder();
        problems.forEach((field, messages) -> messages.forEach(m ->
                message.append(message.isEmpty() ? "" : "; ").append(field).append(": ").append(m)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message.toString());
        body.put("exceptionMessage", message.toString());
        body.put("exceptionType", "PX.Api.ContractBased.InvalidEntityException");
        body.put("modelState", problems);
        return new HttpError(400, message.toString(), body);
    }

    static HttpError notLoggedIn() {
        return of(401, "You are not logged in.");
    }

    /**
     * A read (or action) by keys of a record that does not exist: 500, as the spec's 200/401/500 and public clients
     * verified against live instances have it, not a 404.
     */
    static HttpError noEntity() {
        return exception("PX.Api.ContractBased.NoEntitySatisfiesTheConditionException", "No entity satisfies the condition.");
    }

    /** A business rule refused the request: 500 with the rule in {@code exceptionMessage}. */
    static HttpError businessRule(String message) {
        return exception("PX.Data.PXException", message);
    }

    /** ASP.NET's HttpError for an exception the endpoint let through. */
    private static HttpError exception(String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "An error has occurred.");
        body.put("exceptionMessage", message);
        body.put("exceptionType", type);
        body.put("stackTrace", "");
        return new HttpError(500, message, body);
    }
}
