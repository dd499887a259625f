package com.bcerp.bigcommerce.webhook;

/** A delivery whose body is not a BigCommerce webhook payload; the message names the field at fault. */
public final class MalformedWebhookException extends RuntimeException {

    private final String field;

    public MalformedWebhookException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
