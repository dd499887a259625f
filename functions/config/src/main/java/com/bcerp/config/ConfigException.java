package com.bcerp.config;

/** The config file is wrong: {@code field} is the path in the file, e.g. {@code orders.tax_id}. */
public final class ConfigException extends IllegalArgumentException {

    private final String field;

    public ConfigException(String field, String problem) {
        super("config " + field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
