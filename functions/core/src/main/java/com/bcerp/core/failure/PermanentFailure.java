package com.bcerp.core.failure;

/**
 * A failure that retrying will not fix (an unknown SKU, a rejected field): park the record with this reason until
 * someone fixes the cause and replays it. The message names the record and the field.
 */
public class PermanentFailure extends RuntimeException {

    private final String field;

    public PermanentFailure(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault, e.g. {@code Details[2].InventoryID} or {@code lines[2].sku}; may be null. */
    public String field() {
        return field;
    }

    /** What a parked record shows: the message, led by the field at fault when the message does not name it. */
    public String reason() {
        String message = getMessage();
        return field == null || message.contains(field) ? message : field + ": " + message;
    }
}
