package com.bcerp.local.chaos;

import com.bcerp.core.order.OrderImport;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.local.demo.DemoReport;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/** One scenario's run: its runtime, the orders it placed, and what it noted on the way. */
final class Harness {

    /** Long enough for the slowest scenario's retries to come round (visibility timeouts of up to 25 s). */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);

    private final LocalRuntime runtime;
    private final OrderSeeder seeder;
    private final int orders;
    private final List<OrderSeeder.Placed> placed = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> poisoned = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<String> parkedByDesign = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Store orders whose documents a person deleted in a back office, by the back office's name. */
    private final Map<String, java.util.Set<Long>> deleted = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, Integer> moved = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private boolean settled;

    Harness(LocalRuntime runtime, int orders, long seed) {
        this.runtime = runtime;
        this.orders = orders;
        // the shoppers' side: patient, so a storm at the store delays orders rather than losing them
        this.seeder = new OrderSeeder(runtime.bigcommerce(), seed, new RetryPolicy(30, Duration.ofMillis(200),
                Duration.ofSeconds(5)));
    }

    LocalRuntime runtime() {
        return runtime;
    }

    /** The back offices under test: those taking the orders, where the back-office faults are turned on. */
    List<LocalBackOffice> backOffices() {
        return runtime.takingOrders().stream().map(runtime.backOffices()::get).toList();
    }

    /** Whether a back office under test takes only the orders in its own statuses (a warehouse). */
    boolean warehouseUnderTest() {
        return runtime.worker().backOffices().stream().anyMatch(b -> b.importStatuses().isPresent());
    }

    OrderSeeder seeder() {
        return seeder;
    }

    int orders() {
        return orders;
    }

    List<OrderSeeder.Placed> place(int count) {
        return place(count, 11, i -> false);
    }

    List<OrderSeeder.Placed> place(int count, int statusId, IntPredicate poison) {
        List<OrderSeeder.Placed> batch = seeder.place(count, statusId, poison);
        placed.addAll(batch);
        for (int i = 0; i < batch.size(); i++) {
            if (poison.test(i)) {
                poisoned.add(batch.get(i).id());
            }
        }
        return batch;
    }

    Thread placeInBackground(int count) {
        return Thread.ofPlatform().name("chaos-orders").start(() -> place(count));
    }

    /** Waits until {@code count} orders are placed (by a background placement). */
    void awaitPlaced(int count) throws InterruptedException {
        while (placed.size() < count) {
            Thread.sleep(20);
        }
    }

    /** Moves a placed order to another status before it is imported: the status it is then counted in. */
    void moveTo(OrderSeeder.Placed order, int statusId) {
        seeder.setStatus(order.id(), statusId);
        moved.put(order.id(), statusId);
    }

    /** The orders placed, each in the status the scenario left it in before the import. */
    List<OrderSeeder.Placed> placed() {
        synchronized (placed) {
            return placed.stream().map(o -> moved.containsKey(o.id()) ? new OrderSeeder.Placed(o.id(), o.email(),
                    o.totalIncTax(), o.lines(), moved.get(o.id()), o.customerId()) : o).toList();
        }
    }

    List<Long> poisoned() {
        return List.copyOf(poisoned);
    }

    /** Records that a person deleted the order's documents in the back office: absent there, it is not lost. */
    void deletedIn(String backOffice, long orderId) {
        deleted.computeIfAbsent(backOffice, b -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(orderId);
    }

    java.util.Set<Long> deletedIn(String backOffice) {
        return java.util.Set.copyOf(deleted.getOrDefault(backOffice, java.util.Set.of()));
    }

    /** Records a record key the scenario's fault parks on purpose (the scenario checks its reason itself). */
    void parksByDesign(String recordKey) {
        parkedByDesign.add(recordKey);
    }

    java.util.Set<String> parkedByDesign() {
        return java.util.Set.copyOf(parkedByDesign);
    }

    void fact(String name, Object value) {
        facts.put(name, value);
    }

    Map<String, Object> facts() {
        return facts;
    }

    void fail(String why) {
        failures.add(why);
    }

    List<String> failures() {
        return failures;
    }

    boolean settled() {
        return settled;
    }

    /** Waits until every order that should be in the back offices is, and nothing is delivered, queued or processed. */
    void awaitSettled() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            // the poisoned orders (and those a person deleted) are the only ones missing once all is in
            boolean allThere = DemoReport.countEach(runtime, placed()).stream()
                    .allMatch(c -> c.missing().size() <= poisoned.size() + deletedIn(c.name()).size());
            if (runtime.isSettled(Duration.ofSeconds(allThere ? 1 : 4))) {
                settled = true;
                return;
            }
            Thread.sleep(250);
        }
        settled = false;
    }

    /** How the attempts at the placed orders ended, by outcome. */
    Map<String, Long> outcomes() {
        Map<String, Long> outcomes = new TreeMap<>();
        for (List<AuditRecord> history : histories().values()) {
            history.forEach(r -> outcomes.merge(r.outcome().name(), 1L, Long::sum));
        }
        return outcomes;
    }

    Map<String, List<AuditRecord>> histories() {
        Map<String, List<AuditRecord>> all = new LinkedHashMap<>();
        for (OrderSeeder.Placed order : placed()) {
            String key = OrderImport.recordKey(runtime.bigcommerce().storeHash(), order.id());
            all.put(key, runtime.worker().state().history(key));
        }
        return all;
    }
}
