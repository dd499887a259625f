package com.bcerp.sandbox.uniconta;

import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.uniconta.UnicontaErrors.Code;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The company's data: one book per client class under one lock, writes in transactions that undo themselves when
 * refused, and the change notifications of committed writes handed to a listener. The rules of each class live in
 * {@link Sales} (customers, orders, lines, invoices) and {@link Stock} (items, variants, storage); this class keeps the
 * mechanics they share.
 */
final class Company {

    /** A class's table and its stored rows. */
    record Book(Table table, EntityBook<ObjectNode> rows) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, Book> books = new LinkedHashMap<>();
    private long lastRowId;
    private Deque<Runnable> undo;
    private List<Change> pending;
    private final Consumer<List<Change>> onCommit;

    Company(Clock clock, ZoneId zone, Consumer<List<Change>> onCommit) {
        this.clock = clock;
        this.zone = zone;
        this.onCommit = onCommit;
    }

    void add(Table table) {
        books.put(table.name(), new Book(table,
                new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, table::keyOf, ObjectNode::deepCopy)));
    }

    Book book(Table table) {
        return books.get(table.name());
    }

    /** Now on the company's clock, in its zone, as the API writes times. */
    String now() {
        return Table.WIRE_TIME.format(LocalDateTime.now(clock.withZone(zone)));
    }

    java.time.LocalDate today() {
        return java.time.LocalDate.now(clock.withZone(zone));
    }

    // ---- transactions ----

    /**
     * Runs {@code work} as one transaction: a refusal (any exception) undoes every write it made; the change
     * notifications of a committed transaction go to the listener after the lock is released. A transaction inside
     * another joins it.
     */
    <T> T atomically(Supplier<T> work) {
        lock.lock();
        boolean outer = undo == null;
        List<Change> committed = null;
        try {
            if (outer) {
                undo = new ArrayDeque<>();
                pending = new ArrayList<>();
            }
            try {
                T result = work.get();
                if (outer) {
                    committed = pending;
                }
                return result;
            } catch (RuntimeException e) {
                if (outer) {
                    undo.forEach(Runnable::run); // newest first
                }
                throw e;
            } finally {
                if (outer) {
                    undo = null;
                    pending = null;
                }
            }
        } finally {
            lock.unlock();
            if (committed != null && !committed.isEmpty()) {
                onCommit.accept(committed);
            }
        }
    }

    void atomically(Runnable work) {
        atomically(() -> {
            work.run();
            return null;
        });
    }

    /** Stores a row (new or replacing the one with its key), numbering a new row's RowId; returns a copy. */
    ObjectNode put(Table table, ObjectNode row) {
        requireTransaction();
        EntityBook<ObjectNode> rows = book(table).rows();
        String key = table.keyOf(row);
        Optional<ObjectNode> before = rows.get(key);
        if (before.isPresent()) {
            row.set(Table.ROW_ID, before.get().get(Table.ROW_ID));
        } else {
            row.put(Table.ROW_ID, ++lastRowId);
        }
        ObjectNode stored = rows.put(row);
        undo.push(() -> before.ifPresentOrElse(rows::put, () -> rows.remove(key)));
        return stored;
    }

    void remove(Table table, String key) {
        requireTransaction();
        EntityBook<ObjectNode> rows = book(table).rows();
        rows.remove(key).ifPresent(old -> undo.push(() -> rows.put(old)));
    }

    /** Notes a change for the notifications (only for tables that have a change-table name). */
    void changed(Table table, ObjectNode row, String operation) {
        requireTransaction();
        if (table.changeTable() != null) {
            pending.add(new Change(table.changeTable(), row.path(Table.ROW_ID).asLong(), changeKey(table, row), operation,
                    table.render(row, true)));
        }
    }

    /** The Key of a notification: the row's first key property (guess for storage rows: the item number). */
    private static String changeKey(Table table, ObjectNode row) {
        String key = table.keyOf(row);
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }

    Optional<ObjectNode> get(Table table, String key) {
        return book(table).rows().get(key);
    }

    List<ObjectNode> list(Table table, Predicate<? super ObjectNode> filter) {
        return book(table).rows().list(filter);
    }

    private void requireTransaction() {
        if (!lock.isHeldByCurrentThread() || undo == null) {
            throw new IllegalStateException("writes run inside Company.atomically");
        }
    }

    // ---- small helpers for the rules ----

    static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    static double number(JsonNode row, String field) {
        return row.path(field).asDouble(0);
    }

    static UnicontaErrors.Refusal refuse(Code code, String message) {
        return UnicontaErrors.refuse(code, message);
    }
}
