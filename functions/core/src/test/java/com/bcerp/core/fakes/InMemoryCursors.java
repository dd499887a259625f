package com.bcerp.core.fakes;

import com.bcerp.core.port.Cursors;
import com.bcerp.core.sync.FeedCursor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cursors in memory. */
public final class InMemoryCursors implements Cursors {

    private final Map<String, FeedCursor> cursors = new ConcurrentHashMap<>();

    @Override
    public Optional<FeedCursor> read(String name) {
        return Optional.ofNullable(cursors.get(name));
    }

    @Override
    public void write(String name, FeedCursor cursor) {
        cursors.put(name, cursor);
    }
}
