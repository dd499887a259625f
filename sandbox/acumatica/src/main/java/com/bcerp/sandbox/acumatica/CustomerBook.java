package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
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
    static final Set<String> CLASSES = Set.of("DEFAULT", "WEB", "INTL", "RETAIL", "WHOLESALE");

    private final NumberSequence numbers = NumberSequence.of("C%2$06d");
    private final Clock clock;
    private final EntityBook<ObjectNode> book;
    private int lastAccountId = 1000;

    CustomerBook(ReentrantLock lock, Clock clock) {
        this.clock = clock;
        // an updated customer moves to the end of the list, as it always has in the sandbox
        this.book = new EntityBook<>(lock, EntityBook.Order.LAST_WRITTEN,
                c -> Values.text(c, "CustomerID").orElseThrow(), Values::copy);
    }

    PutResult put(ObjectNode request, Precondition precondition) {
        return book.upsert(new ContractPut(request, precondition, SHAPE, "Customer", List.of("CustomerID")) {
            @Override
            Optional<ObjectNode> byKeys(EntityBook<ObjectNode> customers, JsonNode r) {
                return Values.text(r, "CustomerID").flatMap(CustomerBook.this::findByKey);
            }

            @Override
            void validate(ObjectNode candidate, Optional<ObjectNode> existing, FieldErrors errors) {
                if (Values.text(candidate, "CustomerName").isEmpty()) {
                    errors.add(candidate, "CustomerName", "'Customer Name' cannot be empty.");
                }
                Values.text(candidate, "CustomerClass").filter(c -> !CLASSES.contains(c))
                        .ifPresent(c -> errors.add(candidate, "CustomerClass", "'Customer Class' cannot be found in the system."));
            }

            @Override
            void inserted(ObjectNode candidate) {
                if (Values.text(candidate, "CustomerID").isEmpty()) {
                    Values.set(candidate, "CustomerID", book.nextFree(numbers, "", n -> n));
                }
                Values.set(candidate, "BAccountID", ++lastAccountId);
                Values.set(candidate, "NoteID", UUID.randomUUID().toString());
                Values.set(candidate, "CreatedDateTime", now());
            }

            @Override
            void compute(ObjectNode candidate) {
                CustomerBook.this.complete(candidate);
                Values.set(candidate, "LastModifiedDateTime", now());
            }
        });
    }

    Optional<ObjectNode> get(String customerIdOrGuid) {
        return findByKey(customerIdOrGuid).or(() -> book.find(c -> customerIdOrGuid.equalsIgnoreCase(c.path("id").asText())));
    }

    List<ObjectNode> list(java.util.function.Predicate<JsonNode> filter) {
        return book.list(filter);
    }

    boolean exists(String customerId) {
        return book.any(c -> isCustomer(c, customerId));
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

    private Optional<ObjectNode> findByKey(String customerId) {
        return book.find(c -> isCustomer(c, customerId));
    }

    private static boolean isCustomer(JsonNode customer, String customerId) {
        return Values.text(customer, "CustomerID").map(customerId::equalsIgnoreCase).orElse(false);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
