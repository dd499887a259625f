package com.bcerp.sandbox.uniconta;

/**
 * The JSON types of entity properties. The Entities API renders the C# properties of Uniconta's client classes
 * (erp-apis.md §10.2.1 item 3, [U-PY-INSERT]); C# value types (numbers, booleans) are always present, reference
 * types (text, dates that are unset) are left out when null ([U-POSTMAN]: "all properties with null will be omitted").
 */
public enum FieldType {
    /** A string; null is omitted. */
    TEXT,
    /** A whole number (C# int or long); 0 when unset. */
    INT,
    /** A C# double; 0 when unset. */
    NUMBER,
    /** A C# bool; false when unset. */
    BOOL,
    /**
     * A date, rendered {@code yyyy-MM-ddT00:00:00} (Json.NET's DateTime form without a zone). Guess: the zone-less
     * form is UNCONFIRMED (erp-apis.md §10.2 lists dates but no wire sample); omitted when unset.
     */
    DATE,
    /** A date and time in the company's zone, {@code yyyy-MM-ddTHH:mm:ss}, no offset (same guess as {@link #DATE}). */
    DATETIME
}
