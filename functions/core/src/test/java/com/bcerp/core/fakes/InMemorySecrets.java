package com.bcerp.core.fakes;

import com.bcerp.core.port.SecretSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Secrets in memory, remembering every write (to check that rotated refresh tokens are written back). */
public final class InMemorySecrets implements SecretSource {

    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final List<Map<String, String>> writes = new CopyOnWriteArrayList<>();
    private volatile boolean failWrites;

    public InMemorySecrets with(String name, Map<String, String> value) {
        secrets.put(name, Map.copyOf(value));
        return this;
    }

    /** Every value written, in order. */
    public List<Map<String, String>> writes() {
        return writes;
    }

    /** Writes fail from now on (the secret store unavailable). */
    public void failWrites() {
        failWrites = true;
    }

    @Override
    public Map<String, String> get(String name) {
        Map<String, String> value = secrets.get(name);
        if (value == null) {
            throw new IllegalStateException("no secret " + name);
        }
        return value;
    }

    @Override
    public void put(String name, Map<String, String> value) {
        if (failWrites) {
            throw new IllegalStateException("secret store unavailable");
        }
        secrets.put(name, Map.copyOf(value));
        writes.add(Map.copyOf(value));
    }
}
