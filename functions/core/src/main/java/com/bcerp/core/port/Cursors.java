package com.bcerp.core.port;

import com.bcerp.core.sync.FeedCursor;
import java.util.Optional;

/** Where each scheduled flow keeps how far it got (the state table on AWS). */
public interface Cursors {

    Optional<FeedCursor> read(String name);

    /** Written only after the work the cursor covers has succeeded. */
    void write(String name, FeedCursor cursor);
}
