package com.bcerp.sandbox.bigcommerce;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BigCommerce's webhook delivery health, per app and destination domain (its webhook docs): the success ratio of the
 * deliveries to a domain over a sliding 2-minute window, computed once 100 were made in it; below 90 % the domain
 * is blocklisted for 3 minutes for that app, and every hook of the app at that domain waits (whatever its path).
 * Times are BigCommerce's times the dispatcher's scale, like its retry schedule.
 */
final class DomainHealth {

    static final Duration WINDOW = Duration.ofMinutes(2);
    static final Duration BLOCK = Duration.ofMinutes(3);
    static final int MIN_REQUESTS = 100;
    static final double MIN_SUCCESS_RATIO = 0.9;

    private record Attempt(Instant at, String failure) {}

    /** A blocklisted domain: {@code destination} is its URL (scheme and host), {@code reasons} failures by kind. */
    record Block(String clientId, String destination, Instant until, Map<String, Long> reasons, Instant lastFailure) {}

    private final Clock clock;
    private final Duration window;
    private final Duration block;
    private final Map<String, Deque<Attempt>> windows = new HashMap<>();
    private final Map<String, Block> blocks = new HashMap<>();

    DomainHealth(Clock clock, double timeScale) {
        this.clock = clock;
        this.window = Duration.ofMillis(Math.max(1, Math.round(WINDOW.toMillis() * timeScale)));
        this.block = Duration.ofMillis(Math.max(1, Math.round(BLOCK.toMillis() * timeScale)));
    }

    /** The block the app's deliveries to this URL's domain wait for, if one is on now. */
    synchronized Optional<Block> blocked(String clientId, String url) {
        Block b = blocks.get(key(clientId, url));
        if (b != null && clock.instant().isBefore(b.until())) {
            return Optional.of(b);
        }
        return Optional.empty();
    }

    /**
     * Counts one delivery made to the URL's domain; {@code failure} null when it got a 2xx. Returns the block it
     * started, if it tipped the ratio.
     */
    synchronized Optional<Block> record(String clientId, String url, String failure) {
        Instant now = clock.instant();
        String key = key(clientId, url);
        Deque<Attempt> attempts = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        attempts.addLast(new Attempt(now, failure));
        while (!attempts.isEmpty() && !attempts.peekFirst().at().isAfter(now.minus(window))) {
            attempts.removeFirst();
        }
        long failures = attempts.stream().filter(a -> a.failure() != null).count();
        if (attempts.size() < MIN_REQUESTS || attempts.size() - failures >= MIN_SUCCESS_RATIO * attempts.size()) {
            return Optional.empty();
        }
        Map<String, Long> reasons = new LinkedHashMap<>();
        attempts.stream().filter(a -> a.failure() != null).forEach(a -> reasons.merge(a.failure(), 1L, Long::sum));
        Block started = new Block(clientId, domainUrl(url), now.plus(block), Map.copyOf(reasons), now);
        blocks.put(key, started);
        attempts.clear();
        return Optional.of(started);
    }

    /** The app's domains blocklisted now. */
    synchronized List<Block> blocks(String clientId) {
        Instant now = clock.instant();
        List<Block> out = new ArrayList<>();
        blocks.values().stream().filter(b -> b.clientId().equals(clientId) && now.isBefore(b.until())).forEach(out::add);
        return out;
    }

    /** Seconds of BigCommerce's time left on a block (the scale undone). */
    long secondsLeft(Block b, double timeScale) {
        long ms = Math.max(0, Duration.between(clock.instant(), b.until()).toMillis());
        return (long) Math.ceil(ms / 1000.0 / timeScale);
    }

    private static String key(String clientId, String url) {
        return clientId + " " + URI.create(url).getHost();
    }

    private static String domainUrl(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost();
    }
}
