package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;

/**
 * A document as the back office identified it. The id is opaque to core: each adapter encodes whatever its API needs
 * to find the document again (a type and a number, a key), and core only stores, compares and shows it.
 */
public record DocumentRef(String id, Money total) {

    public DocumentRef {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a document ref needs the back office's id");
        }
    }

    public String display() {
        return id;
    }
}
