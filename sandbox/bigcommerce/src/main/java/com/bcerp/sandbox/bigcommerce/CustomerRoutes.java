package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Customers V3 (research §5, customers.v3.yml): customers (list with {@code id:in}, {@code email:in} and
 * {@code include=addresses}; batch create and update of at most 10, all or nothing) and their addresses (list by
 * {@code customer_id:in}, batch create and update, delete by {@code id:in}). Changes raise
 * {@code store/customer/created|updated} and {@code store/customer/address/created|updated|deleted}, whose
 * {@code data.id} is the address and {@code data.address.customer_id} its customer (webhooks.v3.yml).
 *
 * <p>An address change leaves the customer's {@code date_modified} as it was: BigCommerce documents that
 * {@code store/customer/updated} does not track address changes and says nothing of the date, so the harsher
 * reading is taken.
 */
final class CustomerRoutes {

    static final int MAX_PER_BATCH = 10;
    private static final List<String> REQUIRED = List.of("email", "first_name", "last_name");
    private static final List<String> ADDRESS_REQUIRED = List.of("first_name", "last_name", "address1", "city",
            "country_code");
    private static final List<String> FIELDS = List.of("email", "first_name", "last_name", "company", "phone", "notes",
            "customer_group_id");
    private static final List<String> ADDRESS_FIELDS = List.of("first_name", "last_name", "company", "address1",
            "address2", "city", "state_or_province", "postal_code", "country_code", "phone", "address_type");

    private final StoreEvents events;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<Long, ObjectNode> customers = new TreeMap<>();
    private final Map<Long, ObjectNode> addresses = new TreeMap<>();
    private long nextCustomer = 1;
    private long nextAddress = 1;

    CustomerRoutes(StoreEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    void register(Endpoints endpoints) {
        endpoints.route("GET", "/v3/customers", this::list)
                .route("POST", "/v3/customers", this::create)
                .route("PUT", "/v3/customers", this::update)
                .route("GET", "/v3/customers/addresses", this::listAddresses)
                .route("POST", "/v3/customers/addresses", this::createAddresses)
                .route("PUT", "/v3/customers/addresses", this::updateAddresses)
                .route("DELETE", "/v3/customers/addresses", this::deleteAddresses);
    }

    private HttpResponse list(HttpRequest r) {
        Set<String> include = CatalogRoutes.csv(r.queryParam("include"));
        Optional<Set<Long>> ids = r.queryParam("id:in").map(CatalogRoutes::longs);
        Set<String> emails = CatalogRoutes.csv(r.queryParam("email:in").map(e -> e.toLowerCase(Locale.ROOT)));
        synchronized (lock) {
            List<ObjectNode> all = customers.values().stream()
                    .filter(c -> ids.isEmpty() || ids.get().contains(c.get("id").asLong()))
                    .filter(c -> emails.isEmpty() || emails.contains(c.get("email").asText().toLowerCase(Locale.ROOT)))
                    .toList();
            ObjectNode page = Paging.of(r, 50, 250).answer(all, c -> render(c, include.contains("addresses")));
            return HttpResponse.json(200, page);
        }
    }

    private HttpResponse create(HttpRequest r) {
        JsonNode body = batch(r.json(), "customers");
        synchronized (lock) {
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                required(item, REQUIRED, "[" + i + "]");
                uniqueEmail(item.get("email").asText(), null, i);
                JsonNode given = item.path("addresses");
                for (int a = 0; a < given.size(); a++) {
                    required(given.get(a), ADDRESS_REQUIRED, "[" + i + "].addresses[" + a + "]");
                }
            }
            ArrayNode data = Json.MAPPER.createArrayNode();
            List<Long> created = new ArrayList<>();
            for (JsonNode item : body) {
                long id = nextCustomer++;
                ObjectNode c = Json.MAPPER.createObjectNode().put("id", id);
                c.put("company", "").put("phone", "").put("notes", "").put("customer_group_id", 0);
                copy(item, c, FIELDS);
                String now = now();
                c.put("date_created", now).put("date_modified", now);
                customers.put(id, c);
                for (JsonNode a : item.path("addresses")) {
                    addAddress(id, a);
                }
                created.add(id);
                data.add(render(c, true));
            }
            created.forEach(id -> events.raise("store/customer/created", Map.of("type", "customer", "id", id)));
            return collection(data);
        }
    }

    private HttpResponse update(HttpRequest r) {
        JsonNode body = batch(r.json(), "customers");
        synchronized (lock) {
            List<ObjectNode> targets = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                if (!item.path("id").canConvertToLong()) {
                    throw BcErrors.v3(422, "Every customer in a batch update needs its id.",
                            Map.of("[" + i + "].id", "The field 'id' is required."));
                }
                ObjectNode c = customers.get(item.get("id").asLong());
                if (c == null) {
                    throw BcErrors.v3(422, "Customer " + item.get("id").asLong() + " does not exist.",
                            Map.of("[" + i + "].id", "not found"));
                }
                if (item.hasNonNull("email")) {
                    uniqueEmail(item.get("email").asText(), c.get("id").asLong(), i);
                }
                targets.add(c);
            }
            ArrayNode data = Json.MAPPER.createArrayNode();
            for (int i = 0; i < body.size(); i++) {
                ObjectNode c = targets.get(i);
                copy(body.get(i), c, FIELDS);
                c.put("date_modified", now());
                data.add(render(c, false));
            }
            targets.forEach(c -> events.raise("store/customer/updated",
                    Map.of("type", "customer", "id", c.get("id").asLong())));
            return collection(data);
        }
    }

    private HttpResponse listAddresses(HttpRequest r) {
        Optional<Set<Long>> owners = r.queryParam("customer_id:in").map(CatalogRoutes::longs);
        synchronized (lock) {
            List<ObjectNode> all = addresses.values().stream()
                    .filter(a -> owners.isEmpty() || owners.get().contains(a.get("customer_id").asLong())).toList();
            return HttpResponse.json(200, Paging.of(r, 50, 250).answer(all, a -> a.deepCopy()));
        }
    }

    private HttpResponse createAddresses(HttpRequest r) {
        JsonNode body = batch(r.json(), "addresses");
        synchronized (lock) {
            for (int i = 0; i < body.size(); i++) {
                required(body.get(i), List.of("customer_id"), "[" + i + "]");
                required(body.get(i), ADDRESS_REQUIRED, "[" + i + "]");
                if (!customers.containsKey(body.get(i).get("customer_id").asLong())) {
                    throw BcErrors.v3(422, "Customer " + body.get(i).get("customer_id").asLong() + " does not exist.",
                            Map.of("[" + i + "].customer_id", "not found"));
                }
            }
            ArrayNode data = Json.MAPPER.createArrayNode();
            for (JsonNode item : body) {
                ObjectNode a = addAddress(item.get("customer_id").asLong(), item);
                data.add(a.deepCopy());
                raise("store/customer/address/created", a);
            }
            return collection(data);
        }
    }

    private HttpResponse updateAddresses(HttpRequest r) {
        JsonNode body = batch(r.json(), "addresses");
        synchronized (lock) {
            List<ObjectNode> targets = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                ObjectNode a = body.get(i).path("id").canConvertToLong() ? addresses.get(body.get(i).get("id").asLong())
                        : null;
                if (a == null) {
                    throw BcErrors.v3(422, "Every address in a batch update needs the id of an address.",
                            Map.of("[" + i + "].id", "The field 'id' is required."));
                }
                targets.add(a);
            }
            ArrayNode data = Json.MAPPER.createArrayNode();
            for (int i = 0; i < body.size(); i++) {
                copy(body.get(i), targets.get(i), ADDRESS_FIELDS);
                data.add(targets.get(i).deepCopy());
            }
            targets.forEach(a -> raise("store/customer/address/updated", a));
            return collection(data);
        }
    }

    /** Without {@code id:in} nothing is deleted (204), as for customers. */
    private HttpResponse deleteAddresses(HttpRequest r) {
        Set<Long> ids = r.queryParam("id:in").map(CatalogRoutes::longs).orElse(Set.of());
        synchronized (lock) {
            for (long id : ids) {
                ObjectNode a = addresses.remove(id);
                if (a != null) {
                    raise("store/customer/address/deleted", a);
                }
            }
        }
        return HttpResponse.empty(204);
    }

    private ObjectNode addAddress(long customerId, JsonNode given) {
        long id = nextAddress++;
        ObjectNode a = Json.MAPPER.createObjectNode().put("id", id).put("customer_id", customerId);
        a.put("address2", "").put("company", "").put("phone", "").put("state_or_province", "").put("postal_code", "")
                .put("address_type", "residential");
        copy(given, a, ADDRESS_FIELDS);
        a.put("country", a.get("country_code").asText());
        addresses.put(id, a);
        return a;
    }

    private void raise(String scope, ObjectNode address) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "customer");
        data.put("id", address.get("id").asLong());
        data.put("address", Map.of("customer_id", address.get("customer_id").asLong()));
        events.raise(scope, data);
    }

    private ObjectNode render(ObjectNode customer, boolean withAddresses) {
        ObjectNode out = customer.deepCopy();
        long id = customer.get("id").asLong();
        List<ObjectNode> own = addresses.values().stream().filter(a -> a.get("customer_id").asLong() == id).toList();
        out.put("address_count", own.size()).put("attribute_count", 0);
        if (withAddresses) {
            ArrayNode list = out.putArray("addresses");
            own.forEach(a -> list.add(a.deepCopy()));
        }
        return out;
    }

    private void uniqueEmail(String email, Long self, int index) {
        boolean taken = customers.values().stream().anyMatch(c -> c.get("email").asText().equalsIgnoreCase(email)
                && (self == null || c.get("id").asLong() != self));
        if (taken) {
            throw BcErrors.v3(422, "The email address is already in use by another customer.",
                    Map.of("[" + index + "].email", "duplicate"));
        }
    }

    private static HttpResponse collection(ArrayNode data) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("data", data);
        out.putObject("meta");
        return HttpResponse.json(200, out);
    }

    private static JsonNode batch(JsonNode body, String what) {
        if (!body.isArray()) {
            throw BcErrors.v3(422, "The request body must be an array of " + what + ".");
        }
        if (body.size() > MAX_PER_BATCH) {
            throw BcErrors.v3(413, "The request payload is too large. The maximum number of items allowed in the array is "
                    + MAX_PER_BATCH);
        }
        return body;
    }

    private static void required(JsonNode item, List<String> fields, String at) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (String field : fields) {
            if (!item.hasNonNull(field) || item.get(field).asText().isBlank()) {
                missing.put(at + "." + field, "The field '" + field + "' is required.");
            }
        }
        if (!missing.isEmpty()) {
            throw BcErrors.v3(422, "The request payload is missing required fields.", missing);
        }
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> fields) {
        for (String field : fields) {
            if (from.hasNonNull(field)) {
                to.set(field, from.get(field).deepCopy());
            }
        }
    }

    /** Whole seconds, as BigCommerce writes its dates. */
    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
