package com.bcerp.sandbox.extensiv;

import com.bcerp.sandbox.records.EntityBook;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The 3PL's customers (the merchants it warehouses for) and each customer's items (SKUs). An order names a customer,
 * and each of its lines must name an item of that customer. Item records have the shape of the tap's sample of
 * {@code GET /customers/{id}/items} ([E-TAP], singer-io/tap-3plcentral {@code tap_tplcentral/samples/customer_items.json},
 * the list the research cites in erp-apis.md section 4.2), cut to the fields a connector reads.
 */
final class CustomerItems {

    /** A customer of the warehouse. */
    record Customer(int id, String name, String externalId) {}

    private final Clock clock;
    private final Map<Integer, Customer> customers = new ConcurrentHashMap<>();
    private final EntityBook<ObjectNode> items;
    private final AtomicInteger itemIds = new AtomicInteger(3000);
    /** Item ids by customer/SKU (items are never removed), so a lookup by SKU does not scan every item. */
    private final Map<String, Integer> idsBySku = new ConcurrentHashMap<>();

    CustomerItems(ReentrantLock lock, Clock clock) {
        this.clock = clock;
        this.items = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, CustomerItems::key, ObjectNode::deepCopy);
    }

    void addCustomer(Customer customer) {
        customers.put(customer.id(), customer);
    }

    Optional<Customer> customer(int id) {
        return Optional.ofNullable(customers.get(id));
    }

    Optional<Customer> customerNamed(String name) {
        return customers.values().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Adds an item (SKU) to a customer; returns its item id. */
    int addItem(int customerId, String sku, String description) {
        Customer customer = customer(customerId)
                .orElseThrow(() -> new IllegalArgumentException("no customer " + customerId));
        if (item(customerId, sku).isPresent()) {
            throw new IllegalArgumentException("customer " + customerId + " has an item " + sku + " already");
        }
        int itemId = itemIds.incrementAndGet();
        String now = Times.now(clock);
        ObjectNode item = Hal.NODES.objectNode();
        ObjectNode readOnly = item.putObject("readOnly");
        readOnly.set("customerIdentifier", identifier(customer));
        readOnly.put("itemId", itemId);
        readOnly.put("creationDate", now);
        readOnly.put("lastModifiedDate", now);
        readOnly.put("deactivated", false);
        item.put("itemId", itemId);
        item.put("sku", sku);
        item.put("upc", "");
        item.put("description", description);
        items.insert(item);
        idsBySku.put(customerId + "/" + sku, itemId);
        return itemId;
    }

    Optional<ObjectNode> item(int customerId, String sku) {
        return Optional.ofNullable(idsBySku.get(customerId + "/" + sku)).flatMap(id -> item(customerId, id));
    }

    Optional<ObjectNode> item(int customerId, int itemId) {
        return items.get(customerId + "/" + itemId).filter(i -> !i.path("readOnly").path("deactivated").asBoolean());
    }

    Optional<ObjectNode> itemById(int itemId) {
        return items.find(i -> i.path("itemId").asInt() == itemId);
    }

    List<ObjectNode> items(int customerId) {
        return items.list(i -> customerOf(i) == customerId);
    }

    /** How many of a customer's items pass a filter, and copies of those on one page of them in an order. */
    record Found(int total, List<ObjectNode> page) {}

    /** Filters and sorts the stored items themselves and copies only the page (a call reads one page of many). */
    Found items(int customerId, java.util.function.Predicate<JsonNode> filter, java.util.Comparator<JsonNode> order,
            com.bcerp.sandbox.paging.Page page) {
        return items.withStored(all -> {
            List<ObjectNode> matching = all.stream().filter(i -> customerOf(i) == customerId && filter.test(i))
                    .sorted(order).toList();
            return new Found(matching.size(), page.of(matching).stream().map(ObjectNode::deepCopy).toList());
        });
    }

    /** A sample item with every field present, for RQL names. */
    ObjectNode template() {
        ObjectNode t = Hal.NODES.objectNode();
        ObjectNode readOnly = t.putObject("readOnly");
        readOnly.set("customerIdentifier", identifier(new Customer(1, "name", "external")));
        readOnly.put("itemId", 1);
        readOnly.put("creationDate", "2016-12-25T23:00:00");
        readOnly.put("lastModifiedDate", "2016-12-25T23:00:00");
        readOnly.put("deactivated", false);
        t.put("itemId", 1);
        t.put("sku", "sku");
        t.put("upc", "upc");
        t.put("description", "description");
        return t;
    }

    static ObjectNode identifier(Customer customer) {
        ObjectNode id = Hal.NODES.objectNode();
        id.put("externalId", customer.externalId());
        id.put("name", customer.name());
        id.put("id", customer.id());
        return id;
    }

    private static int customerOf(ObjectNode item) {
        return item.path("readOnly").path("customerIdentifier").path("id").asInt();
    }

    private static String key(ObjectNode item) {
        return customerOf(item) + "/" + item.path("itemId").asInt();
    }
}
