package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.faults.FaultKnobs;

/**
 * Fault knobs of the BigCommerce sandbox, all off by default and safe to change while it runs (demo, chaos runs).
 * The server-error share is drawn by the shared {@link FaultKnobs}; the webhook and storm knobs are the store's own.
 */
public final class Faults {

    private final FaultKnobs knobs = new FaultKnobs();

    private volatile int deliveriesPerEvent = 1;
    private volatile double dropDeliveryShare;
    private volatile boolean shuffleDeliveries;
    private volatile boolean rateLimitStorm;
    private volatile boolean retriesReuseFirstSignature;
    private volatile boolean capturesStayPending;
    private final java.util.Set<String> urlFailures = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Each webhook message is delivered this many times, concurrently (at-least-once, as BigCommerce may). */
    public int deliveriesPerEvent() {
        return deliveriesPerEvent;
    }

    public Faults deliveriesPerEvent(int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("deliveriesPerEvent must be at least 1, was " + copies);
        }
        this.deliveriesPerEvent = copies;
        return this;
    }

    /** The share (0..1) of webhook messages that are never delivered, so only a catch-up poll can find them. */
    public double dropDeliveryShare() {
        return dropDeliveryShare;
    }

    public Faults dropDeliveryShare(double share) {
        this.dropDeliveryShare = share(share, "dropDeliveryShare");
        return this;
    }

    /** When on, each delivery waits a random moment first, so deliveries arrive out of order. */
    public boolean shuffleDeliveries() {
        return shuffleDeliveries;
    }

    public Faults shuffleDeliveries(boolean on) {
        this.shuffleDeliveries = on;
        return this;
    }

    /**
     * When on, a retry carries the first attempt's {@code webhook-id}, {@code webhook-timestamp} and signature, so a
     * retry hours later has a timestamp hours old. Whether BigCommerce re-signs retries is UNCONFIRMED (its webhook
     * docs are silent); this is the harsher reading, off by default, where each attempt is signed afresh.
     */
    public boolean retriesReuseFirstSignature() {
        return retriesReuseFirstSignature;
    }

    public Faults retriesReuseFirstSignature(boolean on) {
        this.retriesReuseFirstSignature = on;
        return this;
    }

    /**
     * When on, a capture reads {@code payment_status: "capture pending"} until the provider settles it
     * ({@link BigCommerceSandbox#settleCapture}), as the spec documents ("the payment request itself occurs
     * asynchronously"). Off, the provider answers at once. GUESS (harsher): the transactions list the capture while it
     * is pending, so only the order's payment status tells it has not succeeded yet.
     */
    public boolean capturesStayPending() {
        return capturesStayPending;
    }

    public Faults capturesStayPending(boolean on) {
        this.capturesStayPending = on;
        return this;
    }

    /** When on, every API request is answered 429 (with the rate-limit headers) until it is turned off. */
    public boolean rateLimitStorm() {
        return rateLimitStorm;
    }

    public Faults rateLimitStorm(boolean on) {
        this.rateLimitStorm = on;
        return this;
    }

    /** The share (0..1) of authenticated API requests answered 500 before they reach the store. */
    public double serverErrorShare() {
        return knobs.failShare();
    }

    public Faults serverErrorShare(double share) {
        knobs.failShare(share(share, "serverErrorShare"), 500);
        return this;
    }

    /** Whether this request is one of the {@link #serverErrorShare(double)} answered 500. */
    boolean drawServerError() {
        return knobs.draw() == FaultKnobs.Fault.FAIL;
    }

    /**
     * Writes of the product with this SKU save everything but its URL and answer 207 Multi-Status, as the spec
     * documents for "saving the URL failed" (for example a URL taken by another entity).
     */
    public Faults urlSaveFails(String productSku) {
        urlFailures.add(productSku.toUpperCase(java.util.Locale.ROOT));
        return this;
    }

    boolean urlSaveFails(Products.Product product) {
        return product.sku != null && urlFailures.contains(product.sku.toUpperCase(java.util.Locale.ROOT));
    }

    /** Everything off again. */
    public Faults reset() {
        deliveriesPerEvent = 1;
        dropDeliveryShare = 0;
        shuffleDeliveries = false;
        rateLimitStorm = false;
        retriesReuseFirstSignature = false;
        capturesStayPending = false;
        urlFailures.clear();
        knobs.reset();
        return this;
    }

    private static double share(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
        return value;
    }
}
