package com.bcerp.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The functions' configuration, read from environment variables (set by the CDK stack on AWS, by the local runtime
 * locally). A missing or malformed variable fails at start-up with its name and what it is for.
 */
public final class Environment {

    private final Map<String, String> env;

    public Environment(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public String required(String name, String meaning) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (" + meaning + ")");
        }
        return value.trim();
    }

    public String optional(String name, String defaultValue) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public URI uri(String name, String defaultValue) {
        String value = defaultValue == null ? required(name, "a URL") : optional(name, defaultValue);
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + name + " is not a URL: '" + value + "'");
        }
    }

    public int integer(String name, int defaultValue) {
        String value = optional(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a whole number, was '" + value + "'");
        }
    }

    public boolean flag(String name, boolean defaultValue) {
        String value = optional(name, null);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalStateException("environment variable " + name + " must be true or false, was '" + value + "'");
        };
    }

    public Duration seconds(String name, Duration defaultValue) {
        return Duration.ofSeconds(integer(name, (int) defaultValue.toSeconds()));
    }
}
