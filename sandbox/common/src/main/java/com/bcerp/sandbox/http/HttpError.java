package com.bcerp.sandbox.http;

/** Thrown by a route to answer with an error status; {@code body} is sent as JSON (a message object by default). */
public class HttpError extends RuntimeException {

    private final int status;
    private final transient Object body;

    public HttpError(int status, String message) {
        this(status, message, java.util.Map.of("status", status, "title", message));
    }

    public HttpError(int status, String message, Object body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }
}
