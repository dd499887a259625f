package com.bcerp.core.fakes;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.backoffice.SalesOrderRef;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.BackOffice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A back office in memory that, like a real one, does not stop duplicates: every create adds a document. Knows a
 * set of items; can be told to fail.
 */
public final class InMemoryBackOffice implements BackOffice {

    public record Stored(String orderNbr, SalesOrderDraft draft) {}

    private final Set<String> items;
    private final Map<String, String> customersByEmail = new ConcurrentHashMap<>();
    private final List<Stored> orders = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    public final AtomicInteger customerCreates = new AtomicInteger();
    public final AtomicInteger calls = new AtomicInteger();
    /** Set to fail every create with a transient error (the back office is down). */
    public volatile boolean down;

    public InMemoryBackOffice(Set<String> items) {
        this.items = items;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Optional<String> findCustomerByEmail(String email) {
        calls.incrementAndGet();
        return Optional.ofNullable(customersByEmail.get(email));
    }

    @Override
    public String createCustomer(CustomerDraft customer) {
        calls.incrementAndGet();
        customerCreates.incrementAndGet();
        return customersByEmail.computeIfAbsent(customer.email(), e -> "C" + (customersByEmail.size() + 1));
    }

    @Override
    public Optional<SalesOrderRef> findSalesOrder(String externalRef) {
        calls.incrementAndGet();
        return orders.stream().filter(o -> o.draft.externalRef().equals(externalRef)).findFirst()
                .map(o -> new SalesOrderRef("SO", o.orderNbr, o.draft.total()));
    }

    @Override
    public SalesOrderRef createSalesOrder(SalesOrderDraft order) {
        calls.incrementAndGet();
        if (down) {
            throw new TransientFailure("back office unavailable (503)");
        }
        for (int i = 0; i < order.lines().size(); i++) {
            if (!items.contains(order.lines().get(i).itemId())) {
                throw new PermanentFailure("Details[" + i + "].InventoryID", "Details[" + i + "].InventoryID: '"
                        + order.lines().get(i).itemId() + "' cannot be found (" + order.lines().get(i).source() + ")");
            }
        }
        String nbr = String.format("SO%06d", numbers.incrementAndGet());
        orders.add(new Stored(nbr, order));
        return new SalesOrderRef("SO", nbr, order.total());
    }

    public List<Stored> orders() {
        return orders;
    }

    public long ordersFor(String externalRef) {
        return orders.stream().filter(o -> o.draft.externalRef().equals(externalRef)).count();
    }
}
