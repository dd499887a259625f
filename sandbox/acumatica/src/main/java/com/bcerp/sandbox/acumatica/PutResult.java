package com.bcerp.sandbox.acumatica;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a PUT ended with: the stored entity, or (422) the entity echoed back with the errors inside its fields. */
record PutResult(ObjectNode entity, boolean rejected) {

    static PutResult stored(ObjectNode entity) {
        return new PutResult(entity, false);
    }

    static PutResult rejected(ObjectNode echo) {
        return new PutResult(echo, true);
    }
}
