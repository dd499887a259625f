package com.bcerp.aws;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.SecretSource;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Secrets as JSON objects in Secrets Manager, cached for a few minutes so a warm function does not call it on every
 * invocation. {@code name} is the secret's id or ARN. Values never appear in exceptions.
 */
public final class SecretsManagerSource implements SecretSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(Map<String, String> value, Instant fetched) {}

    private final SecretsManagerClient client;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretsManagerSource(SecretsManagerClient client, Duration maxAge, Clock clock) {
        this.client = client;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Map<String, String> get(String name) {
        Cached cached = cache.get(name);
        if (cached != null && cached.fetched.plus(maxAge).isAfter(clock.instant())) {
            return cached.value;
        }
        String text;
        try {
            text = client.getSecretValue(b -> b.secretId(name)).secretString();
        } catch (ResourceNotFoundException e) {
            // also what Secrets Manager answers for a secret created empty (the stack's) that was never given a value
            throw new PermanentFailure("secret " + name, "secret " + name
                    + " does not exist or has no value yet; set it (see the README's deploy steps)");
        } catch (SdkException e) {
            throw new TransientFailure("could not read secret " + name + ": " + e.getClass().getSimpleName(), e);
        }
        if (text == null || text.isBlank()) {
            throw new PermanentFailure("secret " + name, "secret " + name + " has no value yet; set it (see the README's deploy steps)");
        }
        Map<String, String> value;
        try {
            value = Map.copyOf(JSON.readValue(text, new TypeReference<Map<String, String>>() {}));
        } catch (IOException e) {
            throw new PermanentFailure("secret " + name, "secret " + name + " is not a JSON object of strings");
        }
        cache.put(name, new Cached(value, clock.instant()));
        return value;
    }

    @Override
    public Map<String, String> fresh(String name) {
        cache.remove(name);
        return get(name);
    }

    @Override
    public void put(String name, Map<String, String> value) {
        String text;
        try {
            text = JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("secret value is not serialisable", e);
        }
        try {
            client.putSecretValue(b -> b.secretId(name).secretString(text));
        } catch (SdkException e) {
            throw new TransientFailure("could not write secret " + name + ": " + e.getClass().getSimpleName(), e);
        }
        cache.put(name, new Cached(Map.copyOf(value), clock.instant()));
    }
}
