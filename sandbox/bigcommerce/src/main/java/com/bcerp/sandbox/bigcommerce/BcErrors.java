package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BigCommerce's error bodies: V2 answers a list of {status, message}; V3 and the gateway an object. */
final class BcErrors {

    static final String STATUS_CODES = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

    private BcErrors() {}

    static HttpError v2(int status, String message) {
        return new HttpError(status, message, List.of(Map.of("status", status, "message", message)));
    }

    static HttpError v3(int status, String title) {
        return new HttpError(status, title, v3Body(status, title, null));
    }

    /** A V3 validation error naming the fields at fault. */
    static HttpError v3(int status, String title, Map<String, String> errors) {
        return new HttpError(status, title, v3Body(status, title, errors));
    }

    static Map<String, Object> v3Body(int status, String title, Map<String, String> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("title", title);
        body.put("type", STATUS_CODES);
        if (errors != null) {
            body.put("errors", errors);
        }
        return body;
    }
}
