package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Customers ({@code /v1/customer}, erp-apis.md §10.1.2): POST a {@code CustomerUpdateDto} (201 + Location), PUT
 * {@code /v1/customer/{customerCd}} (204, only the members sent change), GET one or a filtered page of
 * {@code CustomerDto}s. Stored as the read DTO.
 *
 * <p>Rules: {@code number} absent takes the next number of the series (auto-numbering, [V-KB-CL]); with the
 * {@code customerNumberingManual} knob it is refused with "'Customer ID' cannot be empty." ([V-ONIT-78]).
 * GUESSES: a number that exists already is refused; {@code name} is required; the class is {@code 1} unless sent and
 * must exist; a class's VAT zone ({@code DOMESTIC}) applies unless {@code vatZoneId} is sent; an invoice address or
 * contact not sent is the main one; attributes must be known to the company ({@code BCID} is); the {@code email}
 * filter matches the main contact's email, ignoring case (SQL Server's default collation), and {@code phone} its
 * {@code phone1}; {@code attributes={"ID":"value",...}} requires every pair to match.
 */
final class Customers {

    static final String CREATE = "Error inserting the customer.";
    static final String UPDATE = "Error updating the customer.";
    /** Customer classes: id → (description, VAT zone). */
    private static final Map<String, String[]> CLASSES = Map.of("1", new String[] {"Standard customers", "DOMESTIC"},
            "EXPORT", new String[] {"Customers abroad", "EXPORT"});
    private static final Map<String, String> TERMS = Map.of("30", "30 days net", "14", "14 days net", "0", "Cash");

    private final Clock clock;
    private final Vat vat;
    private final Addresses addresses;
    private final Faults faults;
    private final String baseCurrency;
    private final Set<String> attributes;
    private final EntityBook<ObjectNode> book;
    private final NumberSequence numbers = NumberSequence.of("1%2$04d");
    private final AtomicInteger internalIds = new AtomicInteger(1000);

    Customers(ReentrantLock lock, Clock clock, Vat vat, Addresses addresses, Faults faults, String baseCurrency,
            Set<String> attributes) {
        this.clock = clock;
        this.vat = vat;
        this.addresses = addresses;
        this.faults = faults;
        this.baseCurrency = baseCurrency;
        this.attributes = Set.copyOf(attributes);
        this.book = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN, c -> c.path("number").asText(), ObjectNode::deepCopy);
    }

    Optional<ObjectNode> get(String number) {
        return book.get(number);
    }

    /** POST: the new customer's number. */
    String create(Wire body) {
        return book.upsert(new EntityBook.Upsert<ObjectNode, String>() {
            @Override
            public Optional<ObjectNode> find(EntityBook<ObjectNode> b) {
                return Optional.empty();
            }

            @Override
            public ObjectNode blank() {
                return Wire.object();
            }

            @Override
            public Optional<String> apply(ObjectNode candidate, Optional<ObjectNode> existing) {
                Optional<String> number = body.text("number").map(String::trim).filter(n -> !n.isEmpty());
                if (number.isPresent() && book.contains(number.get())) {
                    throw VismaErrors.refused(CREATE, "Inserting 'Customer' record raised at least one error. Please "
                            + "review the errors.\r\nError: 'Customer ID' " + number.get() + " already exists.");
                }
                if (number.isEmpty() && faults.customerNumberingManual()) {
                    throw VismaErrors.refused(CREATE, "Inserting 'Customer' record raised at least one error. Please "
                            + "review the errors.\r\nError: 'Customer ID' cannot be empty.");
                }
                number.ifPresent(n -> candidate.put("number", n));
                write(body, candidate, CREATE);
                if (!candidate.hasNonNull("name")) {
                    throw VismaErrors.refused(CREATE, "Inserting 'Customer' record raised at least one error. Please "
                            + "review the errors.\r\nError: 'Customer name' cannot be empty.");
                }
                return Optional.empty();
            }

            @Override
            public void complete(ObjectNode candidate, Optional<ObjectNode> existing) {
                if (!candidate.has("number")) {
                    candidate.put("number", book.nextFree(numbers, "", n -> n));
                }
                Instant now = clock.instant();
                candidate.put("internalId", internalIds.incrementAndGet());
                candidate.put("createdDateTime", Wire.time(now));
                defaults(candidate);
                candidate.put("lastModifiedDateTime", Wire.time(now));
            }

            @Override
            public String stored(ObjectNode copy) {
                return copy.path("number").asText();
            }
        });
    }

    /** PUT: false when there is no such customer. */
    boolean update(String number, Wire body) {
        return book.upsert(new EntityBook.Upsert<ObjectNode, Boolean>() {
            @Override
            public Optional<ObjectNode> find(EntityBook<ObjectNode> b) {
                return b.get(number);
            }

            @Override
            public ObjectNode blank() {
                return null;
            }

            @Override
            public Optional<Boolean> apply(ObjectNode candidate, Optional<ObjectNode> existing) {
                if (existing.isEmpty()) {
                    return Optional.of(false);
                }
                body.text("number").filter(n -> !n.equals(number)).ifPresent(n -> {
                    throw VismaErrors.refused(UPDATE, "The customer number cannot be changed here; use "
                            + "/v1/customer/action/changeCustomerCd.");
                });
                write(body, candidate, UPDATE);
                return Optional.empty();
            }

            @Override
            public void complete(ObjectNode candidate, Optional<ObjectNode> existing) {
                defaults(candidate);
                candidate.put("lastModifiedDateTime", Wire.time(clock.instant()));
            }

            @Override
            public Boolean stored(ObjectNode copy) {
                return true;
            }
        });
    }

    /** The members of a CustomerUpdateDto, applied to the stored read DTO. */
    private void write(Wire body, ObjectNode c, String refusedAs) {
        body.text("name").ifPresent(v -> c.put("name", v));
        body.text("status").ifPresent(v -> {
            if (!Set.of("Active", "OnHold", "CreditHold", "Inactive", "OneTime").contains(v)) {
                throw body.dto().wrong("status", "one of Active, OnHold, CreditHold, Inactive, OneTime");
            }
            c.put("status", v);
        });
        body.plainBool("overrideWithClassValues");
        body.text("customerClassId").ifPresent(id -> {
            String[] cls = CLASSES.get(id);
            if (cls == null) {
                throw VismaErrors.refused(refusedAs, "'Customer class' cannot be found in the system: " + id + ".");
            }
            c.set("customerClass", Wire.idDescription(id, cls[0]));
            if (!body.has("vatZoneId")) {
                c.set("vatZone", zoneRef(cls[1]));
            }
        });
        body.text("creditTermsId").ifPresent(id -> {
            if (!TERMS.containsKey(id)) {
                throw VismaErrors.refused(refusedAs, "'Terms' cannot be found in the system: " + id + ".");
            }
            c.set("creditTerms", Wire.idDescription(id, TERMS.get(id)));
        });
        body.text("vatZoneId").ifPresent(id -> {
            if (vat.zone(id).isEmpty()) {
                throw VismaErrors.refused(refusedAs, "'VAT zone' cannot be found in the system: " + id + ".");
            }
            c.set("vatZone", zoneRef(id));
        });
        body.text("currencyId").ifPresent(v -> c.put("currencyId", v));
        for (String text : List.of("accountReference", "vatRegistrationId", "corporateId", "gln", "note")) {
            body.text(text).ifPresent(v -> c.put(text, v));
        }
        body.decimal("creditLimit").ifPresent(v -> c.put("creditLimit", v));
        body.text("priceClassId").ifPresent(v -> c.set("priceClass", Wire.idDescription(v, null)));
        for (String kind : List.of("main", "invoice", "delivery")) {
            body.nested(kind + "Address", "AddressUpdateDto").ifPresent(a -> c.set(kind + "Address",
                    addresses.address(a, objectOr(c, kind + "Address"), refusedAs)));
            body.nested(kind + "Contact", "ContactInfoUpdateDto").ifPresent(a -> c.set(kind + "Contact",
                    addresses.contact(a, objectOr(c, kind + "Contact"))));
        }
        List<Wire> lines = body.rows("attributeLines", "AttributeLineUpdateDto");
        if (!lines.isEmpty()) {
            ArrayNode current = c.has("attributes") ? (ArrayNode) c.get("attributes") : c.putArray("attributes");
            for (Wire line : lines) {
                String id = line.text("attributeId").orElseThrow(() -> line.dto().wrong("attributeId", "{\"value\": \"ID\"}"));
                if (!attributes.contains(id)) {
                    throw VismaErrors.refused(refusedAs, "'Attribute' cannot be found in the system: " + id + ".");
                }
                String value = line.text("attributeValue").orElse("");
                for (Iterator<JsonNode> it = current.iterator(); it.hasNext();) {
                    if (it.next().path("id").asText().equals(id)) {
                        it.remove();
                    }
                }
                current.add(Wire.object().put("id", id).put("value", value).put("description", id));
            }
        }
    }

    private void defaults(ObjectNode c) {
        if (!c.has("status")) {
            c.put("status", "Active");
        }
        if (!c.has("customerClass")) {
            c.set("customerClass", Wire.idDescription("1", CLASSES.get("1")[0]));
        }
        if (!c.has("vatZone")) {
            c.set("vatZone", zoneRef(CLASSES.get(c.path("customerClass").path("id").asText())[1]));
        }
        if (!c.has("creditTerms")) {
            c.set("creditTerms", Wire.idDescription("30", TERMS.get("30")));
        }
        if (!c.has("currencyId")) {
            c.put("currencyId", baseCurrency);
        }
        for (String kind : List.of("invoice", "delivery")) {
            if (!c.has(kind + "Address") && c.has("mainAddress")) {
                c.set(kind + "Address", addresses.copyAddress((ObjectNode) c.get("mainAddress")));
            }
            if (!c.has(kind + "Contact") && c.has("mainContact")) {
                c.set(kind + "Contact", addresses.copyContact((ObjectNode) c.get("mainContact")));
            }
        }
    }

    private ObjectNode zoneRef(String id) {
        Vat.Zone zone = vat.zone(id).orElseThrow();
        return Wire.idDescription(zone.id(), zone.description()).put("defaultVatCategory", zone.defaultCategory());
    }

    private static ObjectNode objectOr(ObjectNode parent, String member) {
        JsonNode node = parent.get(member);
        return node instanceof ObjectNode o ? o : Wire.object();
    }

    /** GET /v1/customer: the customers the query's filters match, in number order. */
    List<ObjectNode> list(HttpRequest request) {
        Predicate<ObjectNode> filter = Listing.<ObjectNode>equalTo(request, "name", c -> c.path("name").asText(null))
                .and(Listing.equalTo(request, "status", c -> c.path("status").asText()))
                .and(Listing.equalTo(request, "corporateId", c -> c.path("corporateId").asText(null)))
                .and(Listing.equalTo(request, "vatRegistrationId", c -> c.path("vatRegistrationId").asText(null)))
                .and(Listing.equalTo(request, "phone", c -> c.path("mainContact").path("phone1").asText(null)))
                .and(email(request))
                .and(attributes(request))
                .and(Listing.since(request, "lastModifiedDateTime", c -> Wire.parseTime(c.path("lastModifiedDateTime").asText())))
                .and(Listing.since(request, "createdDateTime", c -> Wire.parseTime(c.path("createdDateTime").asText())));
        return book.list(filter).stream().sorted(java.util.Comparator.comparing(c -> c.path("number").asText())).toList();
    }

    private static Predicate<ObjectNode> email(HttpRequest request) {
        Optional<String> wanted = request.queryParam("email").filter(v -> !v.isEmpty());
        return wanted.<Predicate<ObjectNode>>map(w -> c -> w.equalsIgnoreCase(c.path("mainContact").path("email").asText("")))
                .orElse(c -> true);
    }

    private static Predicate<ObjectNode> attributes(HttpRequest request) {
        Optional<String> text = request.queryParam("attributes").filter(v -> !v.isBlank());
        if (text.isEmpty()) {
            return c -> true;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        try {
            JsonNode json = com.bcerp.sandbox.http.Json.MAPPER.readTree(text.get());
            json.fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
        } catch (java.io.IOException | RuntimeException e) {
            throw VismaErrors.message(400, "The value of attributes must be JSON: {\"AttributeID\":\"ValueID\"}.");
        }
        return c -> wanted.entrySet().stream().allMatch(w -> {
            for (JsonNode a : c.path("attributes")) {
                if (a.path("id").asText().equals(w.getKey()) && a.path("value").asText().equals(w.getValue())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** A seeded customer (the merchant's existing ones). */
    String seed(String name, String email, String zone) {
        ObjectNode c = Wire.object();
        c.put("number", book.nextFree(numbers, "", n -> n));
        c.put("internalId", internalIds.incrementAndGet());
        c.put("name", name);
        c.set("customerClass", Wire.idDescription(zone.equals("EXPORT") ? "EXPORT" : "1",
                CLASSES.get(zone.equals("EXPORT") ? "EXPORT" : "1")[0]));
        c.set("vatZone", zoneRef(zone));
        c.set("mainContact", addresses.newContact().put("name", name).put("email", email));
        String now = Wire.time(clock.instant());
        c.put("createdDateTime", now);
        defaults(c);
        c.put("lastModifiedDateTime", now);
        book.insert(c);
        return c.path("number").asText();
    }

    List<ObjectNode> all() {
        return book.list(c -> true);
    }
}
