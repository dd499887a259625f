package com.bcerp.local.runtime;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.SalesOrderRef;
import com.bcerp.core.port.BackOffice;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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

    BackOffice wrap(BackOffice backOffice) {
        return new BackOffice() {
            @Override
            public String name() {
                return backOffice.name();
            }

            @Override
            public Optional<String> findCustomerByEmail(String email) {
                return backOffice.findCustomerByEmail(email);
            }

            @Override
            public String createCustomer(CustomerDraft customer) {
                String id = backOffice.createCustomer(customer);
                maybeCrash("creating customer " + id);
                return id;
            }

            @Override
            public Optional<SalesOrderRef> findSalesOrder(String externalRef) {
                return backOffice.findSalesOrder(externalRef);
            }

            @Override
            public SalesOrderRef createSalesOrder(SalesOrderDraft order) {
                SalesOrderRef ref = backOffice.createSalesOrder(order);
                maybeCrash("creating sales order " + ref.display() + " for " + order.externalRef());
                return ref;
            }
        };
    }

    private void maybeCrash(String what) {
        if (share > 0 && ThreadLocalRandom.current().nextDouble() < share) {
            crashes.incrementAndGet();
            throw new SimulatedCrash(what);
        }
    }
}
