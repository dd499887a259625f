package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Price Lists V3 as BigCommerce's {@code reference/price_lists.v3.yml} (github.com/bigcommerce/docs) documents it:
 * price lists (GET/POST {@code /v3/pricelists}, GET/PUT/DELETE {@code /v3/pricelists/{price_list_id}}; the name is
 * unique, a duplicate is 409, a missing one 422) and their records, one per variant and currency (GET, batch upsert
 * PUT of at most {@value #MAX_UPSERT} records, DELETE by {@code currency}, {@code variant_id:in} and {@code sku:in} on
 * {@code /v3/pricelists/{price_list_id}/records}). A record names its variant by {@code variant_id} or {@code sku};
 * {@code currency} is required, and {@code price} is required on PUT ({@code x-required: put}).
 *
 * <p>GUESS: the spec speaks of "partial update in non-strict mode" without saying how a client chooses the mode, so
 * the sandbox takes the strict reading: a batch with any bad record answers 422 {@code batch_errors} and writes
 * nothing. What a batch over the limit answers is not documented either: 422 naming the limit here. The spec's
 * concurrency limit (two upserts at a time) is not simulated: the connector sends one at a time. Collections page by
 * {@code page} and {@code limit} only: the cursor pagination ({@code before}, {@code after},
 * {@code meta.cursor_pagination}) the spec also describes is not simulated, nor are price list assignments (to
 * channels) or bulk pricing tiers.
 */
final class PriceListRoutes {

    /** "Batch requests support up to 1,000 items per request" (Upsert Price List Records). */
    static final int MAX_UPSERT = 1000;

    private static final class PriceList {
        final long id;
        String name;
        boolean active;
        final Instant created;
        Instant modified;
        /** By variant id, then currency (lower case, as the spec's examples write it). */
        final Map<Long, Map<String, Record>> records = new TreeMap<>();

        PriceList(long id, String name, boolean active, Instant now) {
            this.id = id;
            this.name = name;
            this.active = active;
            this.created = now;
            this.modified = now;
        }
    }

    private record Record(long variantId, String currency, BigDecimal price, BigDecimal salePrice,
            BigDecimal retailPrice, BigDecimal mapPrice, Instant created, Instant modified) {}

    private final Products products;
    private final Clock clock;
    private final Map<Long, PriceList> lists = new TreeMap<>();
    private long nextId = 1;

    PriceListRoutes(Products products, Clock clock) {
        this.products = products;
        this.clock = clock;
    }

    /** Whether a price list of this id exists (customer groups' price_list rules name one). */
    boolean exists(long id) {
        synchronized (products.lock) {
            return lists.containsKey(id);
        }
    }

    void register(Endpoints endpoints) {
        endpoints.route("GET", "/v3/pricelists", this::listLists)
                .route("POST", "/v3/pricelists", this::createList)
                .route("GET", "/v3/pricelists/{price_list_id}", r -> {
                    synchronized (products.lock) {
                        return HttpResponse.json(200, single(render(list(r))));
                    }
                })
                .route("PUT", "/v3/pricelists/{price_list_id}", this::updateList)
                .route("DELETE", "/v3/pricelists/{price_list_id}", r -> {
                    synchronized (products.lock) {
                        lists.remove(list(r).id);
                        return HttpResponse.empty(204);
                    }
                })
                .route("GET", "/v3/pricelists/{price_list_id}/records", this::listRecords)
                .route("PUT", "/v3/pricelists/{price_list_id}/records", this::upsertRecords)
                .route("DELETE", "/v3/pricelists/{price_list_id}/records", this::deleteRecords);
    }

    private HttpResponse listLists(HttpRequest r) {
        synchronized (products.lock) {
            Optional<String> name = r.queryParam("name");
            Optional<Set<Long>> ids = r.queryParam("id:in").map(CatalogRoutes::longs);
            List<PriceList> all = lists.values().stream().filter(l -> name.isEmpty() || name.get().equals(l.name))
                    .filter(l -> ids.isEmpty() || ids.get().contains(l.id)).toList();
            // GUESS: the spec gives no page size; the catalogue's 50 by default and 250 at most
            return HttpResponse.json(200, offsetPaged(Paging.of(r, 50, 250).answer(all, this::render)));
        }
    }

    private HttpResponse createList(HttpRequest r) {
        JsonNode body = r.json();
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw BcErrors.v3(422, "Price List is not valid.", Map.of("name", "name is required"));
        }
        synchronized (products.lock) {
            requireUniqueName(name, -1);
            PriceList list = new PriceList(nextId++, name, body.path("active").asBoolean(true), now());
            lists.put(list.id, list);
            return HttpResponse.json(200, single(render(list)));
        }
    }

    private HttpResponse updateList(HttpRequest r) {
        JsonNode body = r.json();
        synchronized (products.lock) {
            PriceList list = list(r);
            if (body.has("name")) {
                String name = body.path("name").asText("");
                if (name.isBlank()) {
                    throw BcErrors.v3(422, "Price List is not valid.", Map.of("name", "name must not be empty"));
                }
                requireUniqueName(name, list.id);
                list.name = name;
            }
            if (body.has("active")) {
                list.active = body.path("active").asBoolean();
            }
            list.modified = now();
            return HttpResponse.json(200, single(render(list)));
        }
    }

    private HttpResponse listRecords(HttpRequest r) {
        synchronized (products.lock) {
            PriceList list = list(r);
            Optional<Set<Long>> variants = r.queryParam("variant_id:in").map(CatalogRoutes::longs);
            Optional<Set<Long>> productIds = r.queryParam("product_id:in").map(CatalogRoutes::longs);
            Set<String> currencies = lower(CatalogRoutes.csv(r.queryParam("currency:in").or(() -> r.queryParam("currency"))));
            Set<String> skus = CatalogRoutes.csv(r.queryParam("sku:in").or(() -> r.queryParam("sku")));
            boolean withSku = CatalogRoutes.csv(r.queryParam("include")).contains("sku");
            List<Record> all = list.records.values().stream().flatMap(m -> m.values().stream())
                    .filter(rec -> variants.isEmpty() || variants.get().contains(rec.variantId()))
                    .filter(rec -> currencies.isEmpty() || currencies.contains(rec.currency()))
                    .filter(rec -> productIds.isEmpty() || productIds.get().contains(productOf(rec)))
                    .filter(rec -> skus.isEmpty() || skus.stream().anyMatch(s -> s.equalsIgnoreCase(skuOf(rec))))
                    .sorted(Comparator.comparingLong(Record::variantId).thenComparing(Record::currency)).toList();
            // GUESS: the spec gives no page size for records either
            return HttpResponse.json(200, offsetPaged(Paging.of(r, 50, 1000).answer(all, rec -> render(list, rec, withSku))));
        }
    }

    private HttpResponse upsertRecords(HttpRequest r) {
        JsonNode body = r.json();
        if (!body.isArray()) {
            throw BcErrors.v3(422, "The request body must be an array of price records.");
        }
        if (body.size() > MAX_UPSERT) {
            throw BcErrors.v3(422, "A batch may hold at most " + MAX_UPSERT + " price records; this one has "
                    + body.size() + ".");
        }
        synchronized (products.lock) {
            PriceList list = list(r);
            List<Record> accepted = new ArrayList<>();
            ArrayNode errors = Json.MAPPER.createArrayNode();
            Instant now = now();
            for (JsonNode item : body) {
                Map<String, String> fieldErrors = new LinkedHashMap<>();
                Optional<Products.Variant> variant = variant(item, fieldErrors);
                String currency = item.path("currency").asText("");
                if (!currency.matches("[A-Za-z]{3}")) {
                    fieldErrors.put("currency", "currency is required, a 3-letter ISO-4217 code");
                }
                BigDecimal price = amount(item, "price", true, fieldErrors);
                BigDecimal sale = amount(item, "sale_price", false, fieldErrors);
                BigDecimal retail = amount(item, "retail_price", false, fieldErrors);
                BigDecimal map = amount(item, "map_price", false, fieldErrors);
                if (!fieldErrors.isEmpty()) {
                    ObjectNode error = errors.addObject();
                    ObjectNode data = error.putObject("data").put("price_list_id", list.id);
                    if (item.has("variant_id")) {
                        data.set("variant_id", item.get("variant_id"));
                    }
                    if (item.has("sku")) {
                        data.set("sku", item.get("sku"));
                    }
                    data.put("currency", currency);
                    ObjectNode fields = error.putObject("field_errors");
                    fieldErrors.forEach(fields::put);
                    continue;
                }
                String code = currency.toLowerCase(Locale.ROOT);
                Record old = list.records.getOrDefault(variant.orElseThrow().id, Map.of()).get(code);
                accepted.add(new Record(variant.get().id, code, price, sale, retail, map,
                        old == null ? now : old.created(), now));
            }
            if (!errors.isEmpty()) {
                ObjectNode answer = Json.MAPPER.createObjectNode();
                answer.set("batch_errors", errors);
                return HttpResponse.json(422, answer);
            }
            for (Record rec : accepted) {
                list.records.computeIfAbsent(rec.variantId(), v -> new TreeMap<>()).put(rec.currency(), rec);
            }
            ObjectNode answer = Json.MAPPER.createObjectNode();
            answer.putObject("data");
            answer.putObject("meta");
            return HttpResponse.json(200, answer);
        }
    }

    private HttpResponse deleteRecords(HttpRequest r) {
        synchronized (products.lock) {
            PriceList list = list(r);
            Optional<String> currency = r.queryParam("currency").map(c -> c.toLowerCase(Locale.ROOT));
            Optional<Set<Long>> variants = r.queryParam("variant_id:in").map(CatalogRoutes::longs);
            Set<String> skus = CatalogRoutes.csv(r.queryParam("sku:in"));
            list.records.entrySet().removeIf(e -> {
                boolean variantMatches = (variants.isEmpty() || variants.get().contains(e.getKey()))
                        && (skus.isEmpty() || products.variant(e.getKey())
                                .map(v -> skus.stream().anyMatch(s -> s.equalsIgnoreCase(v.sku))).orElse(false));
                if (!variantMatches) {
                    return false;
                }
                if (currency.isEmpty()) {
                    return true;
                }
                e.getValue().remove(currency.get());
                return e.getValue().isEmpty();
            });
            return HttpResponse.empty(204);
        }
    }

    private Optional<Products.Variant> variant(JsonNode item, Map<String, String> fieldErrors) {
        if (item.has("variant_id")) {
            Optional<Products.Variant> v = item.path("variant_id").canConvertToLong()
                    ? products.variant(item.get("variant_id").asLong()) : Optional.empty();
            if (v.isEmpty()) {
                fieldErrors.put("variant_id", "variant " + item.get("variant_id").asText() + " does not exist");
            }
            return v;
        }
        if (item.has("sku")) {
            Optional<Products.Variant> v = products.variantBySku(item.path("sku").asText());
            if (v.isEmpty()) {
                fieldErrors.put("sku", "no variant has SKU " + item.path("sku").asText());
            }
            return v;
        }
        fieldErrors.put("variant_id", "either variant_id or sku is required");
        return Optional.empty();
    }

    private static BigDecimal amount(JsonNode item, String field, boolean required, Map<String, String> fieldErrors) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                fieldErrors.put(field, field + " is required");
            }
            return null;
        }
        if (!value.isNumber() || value.decimalValue().signum() < 0) {
            fieldErrors.put(field, field + " must be a number of at least 0");
            return null;
        }
        return value.decimalValue();
    }

    private PriceList list(HttpRequest r) {
        try {
            PriceList list = lists.get(Long.parseLong(r.pathParam("price_list_id")));
            if (list != null) {
                return list;
            }
        } catch (NumberFormatException e) {
            // not an id: not found either
        }
        throw BcErrors.v3(404, "Price List not found");
    }

    private void requireUniqueName(String name, long self) {
        if (lists.values().stream().anyMatch(l -> l.id != self && l.name.equals(name))) {
            throw BcErrors.v3(409, "Price List conflicts with another Price List.",
                    Map.of("name", "a price list named " + name + " already exists"));
        }
    }

    private ObjectNode render(PriceList l) {
        return Json.MAPPER.createObjectNode().put("id", l.id).put("name", l.name).put("active", l.active)
                .put("date_created", l.created.toString()).put("date_modified", l.modified.toString());
    }

    private ObjectNode render(PriceList list, Record rec, boolean withSku) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("price_list_id", list.id).put("variant_id", rec.variantId())
                .put("product_id", productOf(rec)).put("currency", rec.currency()).put("price", rec.price());
        putAmount(n, "sale_price", rec.salePrice());
        putAmount(n, "retail_price", rec.retailPrice());
        putAmount(n, "map_price", rec.mapPrice());
        // "equal to the sale_price, if set, and the price if there is not a sale_price"
        n.put("calculated_price", rec.salePrice() != null ? rec.salePrice() : rec.price());
        n.put("date_created", rec.created().toString()).put("date_modified", rec.modified().toString());
        if (withSku) {
            n.put("sku", skuOf(rec));
        }
        return n;
    }

    private static void putAmount(ObjectNode n, String field, BigDecimal value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private long productOf(Record rec) {
        return products.variant(rec.variantId()).map(v -> v.productId).orElse(0L);
    }

    private String skuOf(Record rec) {
        return products.variant(rec.variantId()).map(v -> v.sku).orElse("");
    }

    /** This API's offset pagination has no links (only its cursor pagination has them). */
    private static ObjectNode offsetPaged(ObjectNode answer) {
        ((ObjectNode) answer.path("meta").path("pagination")).remove("links");
        return answer;
    }

    private static ObjectNode single(ObjectNode data) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("data", data);
        out.putObject("meta");
        return out;
    }

    private static Set<String> lower(Set<String> values) {
        Set<String> out = new java.util.HashSet<>();
        values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return out;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
