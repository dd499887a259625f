package com.bcerp.core.fakes;

import com.bcerp.core.model.PaymentTransaction;
import com.bcerp.core.model.StoreCustomer;
import com.bcerp.core.model.StoreOrder;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.model.StoreTax;
import com.bcerp.core.port.Storefront;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A store in memory: orders as placed (and replaced, for edits), with their taxes, transactions and refunds. */
public final class InMemoryStore implements Storefront {

    private final Map<Long, StoreOrder> orders = new ConcurrentHashMap<>();
    private final Map<Long, List<StoreTax>> taxes = new ConcurrentHashMap<>();
    private final Map<Long, List<PaymentTransaction>> transactions = new ConcurrentHashMap<>();
    private final Map<Long, List<StoreRefund>> refunds = new ConcurrentHashMap<>();
    private final Map<Long, StoreCustomer> customers = new ConcurrentHashMap<>();
    public final AtomicInteger calls = new AtomicInteger();

    public InMemoryStore place(StoreOrder order) {
        orders.put(order.id(), order);
        return this;
    }

    /** Adds or replaces the store's customer (as its next read returns it). */
    public InMemoryStore customer(StoreCustomer customer) {
        customers.put(customer.id(), customer);
        return this;
    }

    /** The store deleted the customer. */
    public void deleteCustomer(long customerId) {
        customers.remove(customerId);
    }

    @Override
    public Optional<StoreCustomer> customer(long customerId) {
        calls.incrementAndGet();
        return Optional.ofNullable(customers.get(customerId));
    }

    public InMemoryStore taxes(long orderId, List<StoreTax> list) {
        taxes.put(orderId, List.copyOf(list));
        return this;
    }

    public InMemoryStore transaction(PaymentTransaction t) {
        transactions.computeIfAbsent(t.orderId(), id -> new ArrayList<>()).add(t);
        return this;
    }

    public InMemoryStore refund(StoreRefund r) {
        refunds.computeIfAbsent(r.orderId(), id -> new ArrayList<>()).add(r);
        return this;
    }

    @Override
    public Optional<StoreOrder> order(long orderId) {
        calls.incrementAndGet();
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public List<StoreTax> taxes(StoreOrder order) {
        calls.incrementAndGet();
        return taxes.getOrDefault(order.id(), List.of());
    }

    @Override
    public List<PaymentTransaction> transactions(long orderId) {
        calls.incrementAndGet();
        return List.copyOf(transactions.getOrDefault(orderId, List.of()));
    }

    @Override
    public List<StoreRefund> refunds(StoreOrder order) {
        calls.incrementAndGet();
        return List.copyOf(refunds.getOrDefault(order.id(), List.of()));
    }
}
