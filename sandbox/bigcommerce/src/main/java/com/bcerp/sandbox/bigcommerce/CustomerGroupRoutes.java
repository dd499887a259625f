package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * Customer groups (V2 {@code /customer_groups}, as {@code reference/customers.v2.yml} in github.com/bigcommerce/docs
 * has them: {@code id, name, is_default, category_access, discount_rules}). A discount rule of type {@code price_list}
 * names a price list ({@code price_list_id}) and carries no method or amount; the price list must exist. Price
 * Lists' usage notes: "You cannot assign Price Lists to a customer group with customer group discounts -- You must
 * delete the customer group discounts first": a rule list mixing a price list with other discounts is refused (400;
 * GUESS: the status BigCommerce gives is not documented). V2 errors are lists of {@code {status, message}}.
 */
final class CustomerGroupRoutes {

    private final Object lock;
    private final LongPredicate priceListExists;
    private final Map<Long, ObjectNode> groups = new TreeMap<>();
    private long nextId = 1;

    CustomerGroupRoutes(Object lock, LongPredicate priceListExists) {
        this.lock = lock;
        this.priceListExists = priceListExists;
    }

    void register(Endpoints endpoints) {
        endpoints.route("GET", "/v2/customer_groups", this::list)
                .route("POST", "/v2/customer_groups", this::create)
                .route("GET", "/v2/customer_groups/{customer_group_id}", r -> {
                    synchronized (lock) {
                        return HttpResponse.json(200, group(r));
                    }
                })
                .route("PUT", "/v2/customer_groups/{customer_group_id}", this::update);
    }

    private HttpResponse list(HttpRequest r) {
        synchronized (lock) {
            Optional<String> name = r.queryParam("name");
            ArrayNode out = Json.MAPPER.createArrayNode();
            groups.values().stream().filter(g -> name.isEmpty() || name.get().equals(g.path("name").asText()))
                    .forEach(g -> out.add(g.deepCopy()));
            return HttpResponse.json(200, out);
        }
    }

    private HttpResponse create(HttpRequest r) {
        JsonNode body = r.json();
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw BcErrors.v2(400, "The field 'name' is required.");
        }
        synchronized (lock) {
            if (groups.values().stream().anyMatch(g -> g.path("name").asText().equals(name))) {
                throw BcErrors.v2(409, "A customer group named " + name + " already exists.");
            }
            ObjectNode group = Json.MAPPER.createObjectNode().put("id", nextId++).put("name", name)
                    .put("is_default", body.path("is_default").asBoolean(false));
            group.putObject("category_access").put("type", "all");
            group.set("discount_rules", rules(body.path("discount_rules")));
            groups.put(group.get("id").asLong(), group);
            return HttpResponse.json(201, group.deepCopy());
        }
    }

    private HttpResponse update(HttpRequest r) {
        JsonNode body = r.json();
        synchronized (lock) {
            ObjectNode group = group(r);
            if (body.has("name")) {
                group.put("name", body.path("name").asText());
            }
            if (body.has("discount_rules")) {
                group.set("discount_rules", rules(body.path("discount_rules")));
            }
            return HttpResponse.json(200, group.deepCopy());
        }
    }

    private ArrayNode rules(JsonNode given) {
        ArrayNode rules = Json.MAPPER.createArrayNode();
        if (given.isMissingNode() || given.isNull()) {
            return rules;
        }
        if (!given.isArray()) {
            throw BcErrors.v2(400, "The field 'discount_rules' must be a list.");
        }
        boolean priceList = false;
        for (JsonNode rule : given) {
            String type = rule.path("type").asText("");
            if (!List.of("price_list", "all", "category", "product").contains(type)) {
                throw BcErrors.v2(400, "A discount rule's type must be price_list, all, category or product.");
            }
            if (type.equals("price_list")) {
                priceList = true;
                if (!priceListExists.test(rule.path("price_list_id").asLong(-1))) {
                    throw BcErrors.v2(400, "The price list " + rule.path("price_list_id").asText() + " does not exist.");
                }
                rules.addObject().put("type", type).put("price_list_id", rule.path("price_list_id").asLong());
            } else {
                rules.add(rule.deepCopy());
            }
        }
        if (priceList && rules.size() > 1) {
            throw BcErrors.v2(400, "A customer group with a price list cannot have other discounts; delete them first.");
        }
        return rules;
    }

    private ObjectNode group(HttpRequest r) {
        try {
            ObjectNode group = groups.get(Long.parseLong(r.pathParam("customer_group_id")));
            if (group != null) {
                return group;
            }
        } catch (NumberFormatException e) {
            // not an id: not found either
        }
        throw BcErrors.v2(404, "The requested customer group was not found.");
    }
}
