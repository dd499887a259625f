package com.bcerp.core.config;

/**
 * A configuration value a section's record rejects. {@code field} is relative to the record (e.g.
 * {@code rounding_tolerance}); the loader prefixes the section's path.
 */
public class InvalidConfig extends IllegalArgumentException {

    private final String field;

    public InvalidConfig(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Fails with a field-named error unless {@code condition} holds. */
    public static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new InvalidConfig(field, problem);
        }
    }
}
