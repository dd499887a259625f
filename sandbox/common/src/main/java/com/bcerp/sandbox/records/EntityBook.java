package com.bcerp.sandbox.records;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A sandbox's in-memory store of one kind of record (customers, orders, shipments), keyed by a text key the record
 * carries. Safe for concurrent requests: every method runs under the book's lock, which several books may share so a
 * write can check records of another kind in the same step. Readers get copies, never the stored records, so an
 * answer being rendered cannot see a later change.
 *
 * <p>Writes: {@link #insert} (new key only), {@link #put} (insert or replace), {@link #update} (change in place),
 * {@link #upsert} (the PUT of an API: find the stored record, apply the request to a copy, refuse or complete it,
 * store it), and {@link #nextFree} for a server-assigned number from a {@link NumberSequence}. Records are listed in
 * the order they were first stored, or, with {@link Order#LAST_WRITTEN}, in the order they were last written.
 *
 * <pre>{@code
 * EntityBook<ObjectNode> customers = new EntityBook<>(c -> c.path("number").asText(), ObjectNode::deepCopy);
 * NumberSequence numbers = NumberSequence.of("C%2$06d");
 * ObjectNode c = request.deepCopy();
 * c.put("number", customers.nextFree(numbers, "", n -> n));
 * customers.insert(c);
 * List<ObjectNode> active = customers.list(r -> r.path("active").asBoolean());
 * }</pre>
 *
 * @param <R> the record type; copied with the function given (e.g. {@code ObjectNode::deepCopy})
 */
public final class EntityBook<R> {

    /** The order {@link #list} returns records in. */
    public enum Order {
        /** The order records were first stored in; a replaced record keeps its place. */
        FIRST_WRITTEN,
        /** The order records were last written in; a replaced or updated record moves to the end. */
        LAST_WRITTEN
    }

    /**
     * The steps of an insert-or-update, run by {@link #upsert} under the book's lock. The candidate is a copy of the
     * stored record (or {@link #blank()} for a new one); nothing is stored unless {@link #apply} accepts it.
     *
     * @param <R> the record type
     * @param <T> what the write answers (the stored record, a refusal)
     */
    public interface Upsert<R, T> {

        /** The stored record this write is for, if any (a copy, e.g. from {@link EntityBook#find}). */
        Optional<R> find(EntityBook<R> book);

        /** A new, empty record, for an insert. */
        R blank();

        /** Applies the write to the candidate and checks it: an answer refuses the write, empty accepts it. */
        Optional<T> apply(R candidate, Optional<R> existing);

        /** Completes an accepted candidate before it is stored: numbers and creation fields when new, derived fields. */
        void complete(R candidate, Optional<R> existing);

        /** The answer for the record stored (a copy, safe to hand out). */
        T stored(R copy);
    }

    private final ReentrantLock lock;
    private final Order order;
    private final Function<? super R, String> keyOf;
    private final UnaryOperator<R> copy;
    private final Map<String, R> records = new LinkedHashMap<>();

    /** A book with its own lock, listing records in the order first stored. */
    public EntityBook(Function<? super R, String> keyOf, UnaryOperator<R> copy) {
        this(new ReentrantLock(), Order.FIRST_WRITTEN, keyOf, copy);
    }

    /** A book sharing {@code lock} with other books (a write to one may read another in the same step). */
    public EntityBook(ReentrantLock lock, Order order, Function<? super R, String> keyOf, UnaryOperator<R> copy) {
        this.lock = lock;
        this.order = order;
        this.keyOf = keyOf;
        this.copy = copy;
    }

    // ---- reads: copies ----

    public Optional<R> get(String key) {
        lock.lock();
        try {
            return Optional.ofNullable(records.get(key)).map(copy);
        } finally {
            lock.unlock();
        }
    }

    /** The first record (in list order) that matches. */
    public Optional<R> find(Predicate<? super R> match) {
        lock.lock();
        try {
            return records.values().stream().filter(match).findFirst().map(copy);
        } finally {
            lock.unlock();
        }
    }

    /** Copies of the records that pass the filter, in list order. */
    public List<R> list(Predicate<? super R> filter) {
        lock.lock();
        try {
            return records.values().stream().filter(filter).map(copy).toList();
        } finally {
            lock.unlock();
        }
    }

    public boolean contains(String key) {
        lock.lock();
        try {
            return records.containsKey(key);
        } finally {
            lock.unlock();
        }
    }

    /** Whether any record matches (nothing is copied). */
    public boolean any(Predicate<? super R> match) {
        lock.lock();
        try {
            return records.values().stream().anyMatch(match);
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return records.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} under the lock with the stored records themselves (in list order), for reads over many
     * records without copying them and for changes in place that keep every key. The records must not escape.
     */
    public <T> T withStored(Function<Collection<R>, T> work) {
        lock.lock();
        try {
            return work.apply(Collections.unmodifiableCollection(records.values()));
        } finally {
            lock.unlock();
        }
    }

    // ---- writes ----

    /** Stores a record under a key no record has; returns a copy. */
    public R insert(R record) {
        lock.lock();
        try {
            String key = keyOf.apply(record);
            if (records.containsKey(key)) {
                throw new IllegalStateException("a record with key " + key + " exists already");
            }
            records.put(key, record);
            return copy.apply(record);
        } finally {
            lock.unlock();
        }
    }

    /** Stores a record, replacing the one with its key if any; returns a copy. */
    public R put(R record) {
        lock.lock();
        try {
            store(keyOf.apply(record), record);
            return copy.apply(record);
        } finally {
            lock.unlock();
        }
    }

    /** Changes a stored record in place (its key must not change); returns a copy of the result, empty when absent. */
    public Optional<R> update(String key, Consumer<? super R> change) {
        lock.lock();
        try {
            R record = records.get(key);
            if (record == null) {
                return Optional.empty();
            }
            change.accept(record);
            String after = keyOf.apply(record);
            if (!after.equals(key)) {
                throw new IllegalStateException("an update changed the key of " + key + " to " + after);
            }
            if (order == Order.LAST_WRITTEN) {
                records.remove(key);
                records.put(key, record);
            }
            return Optional.of(copy.apply(record));
        } finally {
            lock.unlock();
        }
    }

    public Optional<R> remove(String key) {
        lock.lock();
        try {
            return Optional.ofNullable(records.remove(key));
        } finally {
            lock.unlock();
        }
    }

    /** Runs an insert-or-update (see {@link Upsert}) as one step under the lock. */
    public <T> T upsert(Upsert<R, T> write) {
        lock.lock();
        try {
            Optional<R> existing = write.find(this);
            R candidate = existing.map(copy).orElseGet(write::blank);
            Optional<T> refusal = write.apply(candidate, existing);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            write.complete(candidate, existing);
            String key = keyOf.apply(candidate);
            existing.map(keyOf).filter(k -> !k.equals(key)).ifPresent(records::remove);
            store(key, candidate);
            return write.stored(copy.apply(candidate));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next number of {@code series} whose record key ({@code keyOfNumber} of the number) no stored record has:
     * a client may have chosen a number the sequence reaches later, which is then skipped.
     */
    public String nextFree(NumberSequence numbers, String series, UnaryOperator<String> keyOfNumber) {
        lock.lock();
        try {
            String number;
            do {
                number = numbers.next(series);
            } while (records.containsKey(keyOfNumber.apply(number)));
            return number;
        } finally {
            lock.unlock();
        }
    }

    /** Removes every record. */
    public void clear() {
        lock.lock();
        try {
            records.clear();
        } finally {
            lock.unlock();
        }
    }

    private void store(String key, R record) {
        if (order == Order.LAST_WRITTEN) {
            records.remove(key);
        }
        records.put(key, record);
    }
}
