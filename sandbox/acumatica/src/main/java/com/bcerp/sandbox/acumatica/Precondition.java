package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.http.HttpRequest;

/** {@code If-None-Match: *} (insert only) and {@code If-Match: *} (update only) on a PUT; 412 when not met. */
enum Precondition {
    NONE, INSERT_ONLY, UPDATE_ONLY;

    static Precondition of(HttpRequest request) {
        if (request.header("If-None-Match").filter("*"::equals).isPresent()) {
            return INSERT_ONLY;
        }
        return request.header("If-Match").filter("*"::equals).isPresent() ? UPDATE_ONLY : NONE;
    }

    void check(boolean exists) {
        if (this == INSERT_ONLY && exists) {
            throw AcumaticaErrors.of(412, "The entity already exists and cannot be inserted.");
        }
        if (this == UPDATE_ONLY && !exists) {
            throw AcumaticaErrors.of(412, "The entity does not exist and cannot be updated.");
        }
    }
}
