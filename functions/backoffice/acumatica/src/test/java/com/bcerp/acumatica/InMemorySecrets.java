package com.bcerp.acumatica;

import com.bcerp.core.port.SecretSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Secrets in memory, remembering every write (to check that rotated refresh tokens are written back). */
final class InMemorySecrets implements SecretSource {

    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    final List<Map<String, String>> writes = new CopyOnWriteArrayList<>();
    volatile boolean failWrites;

    InMemorySecrets with(String name, Map<String, String> value) {
        secrets.put(name, Map.copyOf(value));
        return this;
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
