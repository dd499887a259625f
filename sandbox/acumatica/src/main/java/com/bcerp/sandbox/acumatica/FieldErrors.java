package com.bcerp.sandbox.acumatica;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Collects validation errors the way Acumatica reports them: inside the field, plus a summary on the record. */
final class FieldErrors {

    private int count;

    /** Marks {@code field} of {@code entity} with {@code message}, keeping the value the client sent. */
    void add(ObjectNode entity, String field, String message) {
        ObjectNode wrapper = entity.has(field) && entity.get(field).isObject()
                ? (ObjectNode) entity.get(field) : entity.putObject(field);
        wrapper.put("error", message);
        count++;
    }

    boolean any() {
        return count > 0;
    }

    /** The record-level message Acumatica puts in {@code error} when a field failed. */
    static String summary(String verb, String entityName) {
        return verb + " '" + entityName + "' record raised at least one error. Please review the errors.";
    }
}
