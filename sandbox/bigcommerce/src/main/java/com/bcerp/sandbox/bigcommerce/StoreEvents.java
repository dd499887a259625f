package com.bcerp.sandbox.bigcommerce;

import java.util.Map;

/** Where the store announces its changes (the webhook dispatcher). */
interface StoreEvents {

    /** @param data the thin payload's {@code data} object, e.g. {@code {type: order, id: 250}} */
    void raise(String scope, Map<String, Object> data);
}
