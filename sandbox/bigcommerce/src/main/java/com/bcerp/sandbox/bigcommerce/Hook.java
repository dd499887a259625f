package com.bcerp.sandbox.bigcommerce;

import java.util.Map;

/** A webhook subscription, owned by the app (client) whose token created it. {@code headers} may be null. */
record Hook(long id, String clientId, String scope, String destination, boolean active, Map<String, String> headers,
        long createdAt, long updatedAt) {

    /** {@code store/order/*} matches every {@code store/order/...} event; other scopes match exactly. */
    boolean wants(String eventScope) {
        if (scope.endsWith("/*")) {
            return eventScope.startsWith(scope.substring(0, scope.length() - 1));
        }
        return scope.equals(eventScope);
    }

    @Override
    public String toString() {
        return "Hook[" + id + " " + scope + " -> " + destination + (active ? "" : " (inactive)") + "]";
    }
}
