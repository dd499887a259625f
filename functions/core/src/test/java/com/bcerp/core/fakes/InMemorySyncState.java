package com.bcerp.core.fakes;

import com.bcerp.core.port.Links;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.Link;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Claim;
import com.bcerp.core.sync.Cursor;
import com.bcerp.core.sync.ParkedRecord;
import java.util.Comparator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** SyncState and the link table with the same semantics as the DynamoDB one, for unit tests of core's flows. */
public final class InMemorySyncState implements SyncState, Links {

    private enum Status { IN_PROGRESS, COMPLETED, PARKED }

    private record Entry(Status status, Instant leaseExpiry, int attempts, String result, Instant since) {
        Entry(Status status, Instant leaseExpiry, int attempts, String result) {
            this(status, leaseExpiry, attempts, result, null);
        }
    }

    private final Clock clock;
    private final Map<String, Entry> claims = new ConcurrentHashMap<>();
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Link>> links = new ConcurrentHashMap<>();

    private volatile Instant keptSince;

    public InMemorySyncState(Clock clock) {
        this.clock = clock;
        this.keptSince = clock.instant();
    }

    @Override
    public Instant keptSince() {
        return keptSince;
    }

    /** As if this state had been kept since {@code since} (earlier state, if any, lost before it). */
    public void keptSince(Instant since) {
        this.keptSince = since;
    }

    @Override
    public synchronized Claim claim(String key, Duration lease) {
        Instant now = clock.instant();
        Entry e = claims.get(key);
        if (e != null && e.status == Status.COMPLETED) {
            return Claim.done(e.attempts, e.result);
        }
        if (e != null && e.status == Status.IN_PROGRESS && e.leaseExpiry.isAfter(now)) {
            return Claim.busy(e.attempts);
        }
        int attempts = e == null ? 0 : e.attempts;
        claims.put(key, new Entry(Status.IN_PROGRESS, now.plus(lease), attempts + 1, null));
        return Claim.acquired(attempts);
    }

    @Override
    public synchronized void complete(String key, String result) {
        Entry e = claims.get(key);
        claims.put(key, new Entry(Status.COMPLETED, null, e == null ? 1 : e.attempts, result));
    }

    /** Kept for good here: a store may drop an expired key, and need not. */
    @Override
    public void complete(String key, String result, Instant expiresAt) {
        complete(key, result);
    }

    @Override
    public Optional<String> completed(String key) {
        Entry e = claims.get(key);
        return e != null && e.status == Status.COMPLETED ? Optional.ofNullable(e.result) : Optional.empty();
    }

    @Override
    public synchronized void park(String key, String reason) {
        Entry e = claims.get(key);
        claims.put(key, new Entry(Status.PARKED, null, e == null ? 1 : e.attempts, reason, clock.instant()));
    }

    @Override
    public synchronized void release(String key) {
        Entry e = claims.get(key);
        if (e != null && e.status == Status.IN_PROGRESS) {
            claims.put(key, new Entry(Status.IN_PROGRESS, Instant.MIN, e.attempts, null));
        }
    }

    @Override
    public void audit(AuditRecord record) {
        audit.add(record);
    }

    @Override
    public List<AuditRecord> history(String recordKey) {
        return new ArrayList<>(audit.stream().filter(r -> r.recordKey().equals(recordKey)).toList());
    }

    @Override
    public List<ParkedRecord> parked() {
        return claims.entrySet().stream().filter(e -> e.getValue().status == Status.PARKED)
                .map(e -> new ParkedRecord(e.getKey(), e.getValue().result, e.getValue().since))
                .sorted(Comparator.comparing(ParkedRecord::parkedAt)).toList();
    }

    @Override
    public Optional<Cursor> cursor(String name) {
        return Optional.ofNullable(cursors.get(name));
    }

    @Override
    public void saveCursor(String name, String position, String note) {
        cursors.put(name, new Cursor(name, position, note, clock.instant()));
    }

    public boolean isParked(String key) {
        Entry e = claims.get(key);
        return e != null && e.status == Status.PARKED;
    }

    public Optional<String> parkReason(String key) {
        return isParked(key) ? Optional.of(claims.get(key).result) : Optional.empty();
    }

    @Override
    public synchronized List<Link> linksOf(String owner) {
        return List.copyOf(links.getOrDefault(owner, Map.of()).values());
    }

    @Override
    public synchronized void pending(String owner, Link link) {
        links.computeIfAbsent(owner, o -> new LinkedHashMap<>()).putIfAbsent(link.ref(), link);
    }

    @Override
    public synchronized void complete(String owner, Link link) {
        links.computeIfAbsent(owner, o -> new LinkedHashMap<>()).put(link.ref(), link);
    }

    @Override
    public synchronized void forget(String owner, String ref) {
        Map<String, Link> of = links.get(owner);
        if (of != null) {
            of.remove(ref);
        }
    }

    /** Loses every link, as a table written before links existed would have none. */
    public synchronized void dropLinks() {
        links.clear();
    }
}
