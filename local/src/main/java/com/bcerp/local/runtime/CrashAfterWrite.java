package com.bcerp.local.runtime;

import com.bcerp.core.port.BackOffice;
import com.bcerp.core.port.Customers;
import com.bcerp.core.port.Payments;
import com.bcerp.core.port.SalesDocuments;
import com.bcerp.core.port.StoreFulfilment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.regex.Pattern;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault knob in the worker's path: after a share of the back-office creates succeed, the attempt dies before it
 * can record anything, as a Lambda instance does when it is killed (timeout, out of memory, a lost host) between
 * the back-office write and the state write. Nothing in core knows about it: the claim keeps its lease, no audit is
 * written, and the queue message comes back after its visibility timeout.
 */
public final class CrashAfterWrite {

    /** The crash: an {@link Error}, so nothing on the way up (retry, release, partial batch report) handles it. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash(String what) {
            super("simulated crash after " + what, null, false, false);
        }
    }

    private static final Pattern WRITES = Pattern.compile("create|update|cancel|void");

    private volatile double share;
    private final AtomicLong crashes = new AtomicLong();

    /** The share (0..1) of successful creates after which the attempt dies. */
    public CrashAfterWrite share(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("the crash share must be between 0 and 1, was " + value);
        }
        this.share = value;
        return this;
    }

    public long crashes() {
        return crashes.get();
    }

    /**
     * The back office, with every write of its order-side ports (a method named create..., update..., cancel... or
     * void...) followed by the chance of a crash. Proxies rather than hand-written delegates, so a write a port gains
     * later is covered too.
     */
    BackOffice wrap(BackOffice backOffice) {
        return backOffice.wrapped(new BackOffice.PortWrapper() {
            @Override
            public Customers customers(Customers port) {
                return crashing(Customers.class, port);
            }

            @Override
            public SalesDocuments documents(SalesDocuments port) {
                return crashing(SalesDocuments.class, port);
            }

            @Override
            public Payments payments(Payments port) {
                return crashing(Payments.class, port);
            }
        });
    }

    private <T> T crashing(Class<T> type, T port) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(port, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (WRITES.matcher(method.getName()).lookingAt()) {
                        maybeCrash(method.getName() + " (" + result + ")");
                    }
                    return result;
                }));
    }

    /**
     * The store's side of fulfilment, dying once right after the store created the next shipment (before the
     * connector can record it), as a Lambda instance killed at that moment would.
     */
    public StoreFulfilment crashAfterNextShipment(StoreFulfilment store) {
        AtomicBoolean armed = new AtomicBoolean(true);
        return (StoreFulfilment) Proxy.newProxyInstance(StoreFulfilment.class.getClassLoader(),
                new Class<?>[] {StoreFulfilment.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("createShipment") && armed.compareAndSet(true, false)) {
                        crashes.incrementAndGet();
                        throw new SimulatedCrash("the store created " + result);
                    }
                    return result;
                });
    }

    private void maybeCrash(String what) {
        if (share > 0 && ThreadLocalRandom.current().nextDouble() < share) {
            crashes.incrementAndGet();
            throw new SimulatedCrash(what);
        }
    }
}
