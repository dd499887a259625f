package com.bcerp.core.fakes;

import com.bcerp.core.port.Cursors;
import com.bcerp.core.sync.Cursor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cursors in memory. */
public final class InMemoryCursors implements Cursors {

    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

    @Override
    public Optional<Cursor> read(String name) {
        return Optional.ofNullable(cursors.get(name));
    }

    @Override
    public void write(String name, Cursor cursor) {
        cursors.put(name, cursor);
    }
}
