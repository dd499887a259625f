package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sandbox's customers (AR303000), keyed by CustomerID. A new customer without a CustomerID is numbered
 * {@code C000001}, {@code C000002}, ...: the sandbox assumes the customer numbering sequence is switched on, as it is
 * when a store's buyers become customers automatically.
 */
final class CustomerBook {

    static final Shape SHAPE = EntityShapes.get("Customer");

    /** Customer classes the sandbox knows; an unknown one is a 422, as a selector field is in Acumatica. */
    static final Set<String> CLASSES = Set.of("DEFAULT", "WEB", "INTL");

    private final ReentrantLock lock;
    private final Clock clock;
    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();
    private int lastNumber;
    private int lastAccountId = 1000;

    CustomerBook(ReentrantLock lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
    }

    PutResult put(ObjectNode request, Precondition precondition) {
        lock.lock();
        try {
            Optional<ObjectNode> existing = find(request);
            precondition.check(existing.isPresent());
            ObjectNode candidate = existing.map(Values::copy).orElseGet(Values::object);
            EntityMerge.merge(candidate, request, SHAPE);
            existing.ifPresent(e -> candidate.set("CustomerID", e.get("CustomerID"))); // keys do not change

            FieldErrors errors = new FieldErrors();
            if (Values.text(candidate, "CustomerName").isEmpty()) {
                errors.add(candidate, "CustomerName", "'Customer Name' cannot be empty.");
            }
            Values.text(candidate, "CustomerClass").filter(c -> !CLASSES.contains(c))
                    .ifPresent(c -> errors.add(candidate, "CustomerClass", "'Customer Class' cannot be found in the system."));
            if (errors.any()) {
                candidate.put("error", FieldErrors.summary(existing.isPresent() ? "Updating" : "Inserting", "Customer"));
                return PutResult.rejected(candidate);
            }
            if (existing.isEmpty()) {
                if (Values.text(candidate, "CustomerID").isEmpty()) {
                    Values.set(candidate, "CustomerID", nextNumber());
                }
                Values.set(candidate, "BAccountID", ++lastAccountId);
                Values.set(candidate, "NoteID", UUID.randomUUID().toString());
                Values.set(candidate, "CreatedDateTime", now());
            }
            complete(candidate);
            Values.set(candidate, "LastModifiedDateTime", now());
            EntityMerge.assignIds(candidate, SHAPE);
            existing.ifPresent(e -> byId.remove(Values.text(e, "CustomerID").orElseThrow()));
            byId.put(Values.text(candidate, "CustomerID").orElseThrow(), candidate);
            return PutResult.stored(Values.copy(candidate));
        } finally {
            lock.unlock();
        }
    }

    Optional<ObjectNode> get(String customerIdOrGuid) {
        lock.lock();
        try {
            return findByKey(customerIdOrGuid).or(() -> byGuid(customerIdOrGuid)).map(Values::copy);
        } finally {
            lock.unlock();
        }
    }

    List<ObjectNode> list(java.util.function.Predicate<JsonNode> filter) {
        return Values.copies(lock, byId.values(), filter);
    }

    boolean exists(String customerId) {
        lock.lock();
        try {
            return findByKey(customerId).isPresent();
        } finally {
            lock.unlock();
        }
    }

    /** Defaults and derived fields: the main contact mirrors Email, billing and shipping follow it unless overridden. */
    private void complete(ObjectNode customer) {
        if (Values.text(customer, "CustomerClass").isEmpty()) {
            Values.set(customer, "CustomerClass", "DEFAULT");
        }
        if (Values.text(customer, "Status").isEmpty()) {
            Values.set(customer, "Status", "Active");
        }
        if (Values.text(customer, "CurrencyID").isEmpty()) {
            Values.set(customer, "CurrencyID", "USD");
        }
        ObjectNode main = customer.withObjectProperty("MainContact");
        Optional<String> email = Values.text(customer, "Email").or(() -> Values.text(main, "Email"));
        email.ifPresent(e -> {
            Values.set(customer, "Email", e);
            Values.set(main, "Email", e);
        });
        if (Values.text(main, "DisplayName").isEmpty()) {
            Values.set(main, "DisplayName", Values.text(customer, "CustomerName").orElseThrow());
        }
        followMain(customer, main, "BillingContact", "BillingContactOverride", "BillingAddressOverride");
        followMain(customer, main, "ShippingContact", "ShippingContactOverride", "ShippingAddressOverride");
    }

    private static void followMain(ObjectNode customer, ObjectNode main, String contact, String contactOverride,
            String addressOverride) {
        boolean ownContact = Values.isTrue(customer, contactOverride);
        boolean ownAddress = Values.isTrue(customer, addressOverride);
        Values.set(customer, contactOverride, ownContact);
        Values.set(customer, addressOverride, ownAddress);
        ObjectNode target = customer.withObjectProperty(contact);
        if (!ownContact) {
            ObjectNode kept = target.deepCopy().retain("id", "Address");
            target.removeAll();
            main.properties().forEach(f -> target.set(f.getKey(), f.getValue().deepCopy()));
            target.remove(java.util.List.of("id", "Address"));
            target.setAll(kept);
        }
        if (!ownAddress && main.has("Address")) {
            JsonNode address = main.get("Address").deepCopy();
            ((ObjectNode) address).remove("id");
            target.set("Address", address);
        }
    }

    private Optional<ObjectNode> find(JsonNode request) {
        Optional<ObjectNode> byGuid = Optional.ofNullable(request.get("id")).map(JsonNode::asText).flatMap(this::byGuid);
        return byGuid.or(() -> Values.text(request, "CustomerID").flatMap(this::findByKey));
    }

    private Optional<ObjectNode> findByKey(String customerId) {
        return byId.values().stream()
                .filter(c -> Values.text(c, "CustomerID").map(customerId::equalsIgnoreCase).orElse(false)).findFirst();
    }

    private Optional<ObjectNode> byGuid(String id) {
        return byId.values().stream().filter(c -> id.equalsIgnoreCase(c.path("id").asText())).findFirst();
    }

    private String nextNumber() {
        String id;
        do {
            id = String.format("C%06d", ++lastNumber);
        } while (byId.containsKey(id));
        return id;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
