package com.bcerp.core.sync;

import com.bcerp.core.backoffice.DocumentKind;

/**
 * What the connector posted in one back office for one store document: the store side's reference (the external
 * reference the document carries, e.g. {@code BC-abc-250-R7}), and the back office's id once the create answered.
 * A pending link (no id) was written before a create whose answer never came: the document may or may not exist.
 *
 * @param kind a document kind, or null for a payment
 */
public record Link(String ref, DocumentKind kind, String id) {

    public static Link pending(String ref, DocumentKind kind) {
        return new Link(ref, kind, null);
    }

    public boolean isPending() {
        return id == null;
    }

    /** The stored form: {@code KIND|id} (a payment's kind is {@code PAYMENT}), {@code KIND|} while pending. */
    public String encode() {
        return (kind == null ? "PAYMENT" : kind.name()) + "|" + (id == null ? "" : id);
    }

    public static Link decode(String ref, String stored) {
        int bar = stored.indexOf('|');
        String kind = stored.substring(0, bar);
        String id = stored.substring(bar + 1);
        return new Link(ref, kind.equals("PAYMENT") ? null : DocumentKind.valueOf(kind), id.isEmpty() ? null : id);
    }
}
