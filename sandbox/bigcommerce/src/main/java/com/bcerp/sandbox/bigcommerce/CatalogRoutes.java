package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Catalog V3: products (list with filters, create, batch update of at most 10), variant options and values, and
 * variants (list, batch create-or-update of at most 50). Batch writes are all or nothing.
 */
final class CatalogRoutes {

    static final int MAX_PRODUCTS_PER_BATCH = 10;
    static final int MAX_VARIANTS_PER_BATCH = 50;

    private final Products products;
    private final Inventory inventory;
    private final Faults faults;

    CatalogRoutes(Products products, Inventory inventory, Faults faults) {
        this.products = products;
        this.inventory = inventory;
        this.faults = faults;
    }

    void register(Endpoints endpoints) {
        endpoints.route("GET", "/v3/catalog/products", this::listProducts)
                .route("POST", "/v3/catalog/products", this::createProduct)
                .route("PUT", "/v3/catalog/products", this::updateProducts)
                .route("GET", "/v3/catalog/products/{product_id}", this::getProduct)
                .route("DELETE", "/v3/catalog/products/{product_id}", this::deleteProduct)
                .route("DELETE", "/v3/catalog/products/{product_id}/variants/{variant_id}", this::deleteVariant)
                .route("GET", "/v3/catalog/products/{product_id}/options", this::listOptions)
                .route("POST", "/v3/catalog/products/{product_id}/options", this::createOption)
                .route("POST", "/v3/catalog/products/{product_id}/options/{option_id}/values", this::createValue)
                .route("GET", "/v3/catalog/variants", this::listVariants)
                .route("PUT", "/v3/catalog/variants", this::writeVariants);
    }

    private HttpResponse listProducts(HttpRequest r) {
        Set<String> include = csv(r.queryParam("include"));
        synchronized (products.lock) {
            Predicate<Products.Product> filter = p -> true;
            Optional<Set<Long>> ids = r.queryParam("id:in").map(CatalogRoutes::longs);
            List<Products.Product> candidates;
            Optional<String> skuIn = r.queryParam("sku:in").or(() -> r.queryParam("sku"));
            if (skuIn.isPresent()) {
                candidates = csv(skuIn).stream().map(products::productBySku).flatMap(Optional::stream).distinct()
                        .sorted(java.util.Comparator.comparingLong(p -> p.id)).toList();
            } else {
                candidates = new ArrayList<>(products.allProducts());
            }
            if (ids.isPresent()) {
                filter = filter.and(p -> ids.get().contains(p.id));
            }
            Optional<String> upc = r.queryParam("upc");
            if (upc.isPresent()) {
                filter = filter.and(p -> upc.get().equals(p.upc));
            }
            Optional<String> name = r.queryParam("name");
            if (name.isPresent()) {
                filter = filter.and(p -> name.get().equals(p.name));
            }
            List<Products.Product> all = candidates.stream().filter(filter).toList();
            // BigCommerce lists at most 250 products a page, and 10 when options or modifiers are included
            int max = include.contains("options") || include.contains("modifiers") ? 10 : 250;
            return ok(Paging.of(r, 50, max).answer(all, p -> CatalogJson.product(products, inventory, p,
                    include.contains("variants"), include.contains("options"))));
        }
    }

    private HttpResponse getProduct(HttpRequest r) {
        Set<String> include = csv(r.queryParam("include"));
        synchronized (products.lock) {
            return single(CatalogJson.product(products, inventory, product(r), include.contains("variants"),
                    include.contains("options")));
        }
    }

    /** The merchant deletes a product in the control panel or through the API: 204, as the spec lists. */
    private HttpResponse deleteProduct(HttpRequest r) {
        synchronized (products.lock) {
            products.delete(product(r));
        }
        return HttpResponse.empty(204);
    }

    private HttpResponse deleteVariant(HttpRequest r) {
        synchronized (products.lock) {
            try {
                products.deleteVariant(product(r), id(r, "variant_id", "Variant"));
            } catch (Products.Refused e) {
                throw refusal(e);
            }
        }
        return HttpResponse.empty(204);
    }

    private HttpResponse createProduct(HttpRequest r) {
        JsonNode body = r.json();
        Map<String, String> missing = new LinkedHashMap<>();
        for (String field : List.of("name", "type", "weight", "price")) {
            if (!body.hasNonNull(field)) {
                missing.put(field, "The field '" + field + "' is required.");
            }
        }
        if (!missing.isEmpty()) {
            throw BcErrors.v3(422, "The request payload is missing required fields.", missing);
        }
        synchronized (products.lock) {
            try {
                Products.Tracking tracking = tracking(body.path("inventory_tracking").asText("none"));
                Products.Product p = products.create(body.get("name").asText(), body.path("sku").asText(""),
                        number(body, "price"), tracking, body.path("upc").asText(""));
                apply(p, body);
                if (faults.urlSaveFails(p)) {
                    return multiStatus(Json.MAPPER.createArrayNode().add(CatalogJson.product(products, inventory, p, true, false)));
                }
                return single(CatalogJson.product(products, inventory, p, true, false));
            } catch (Products.Refused e) {
                throw refusal(e);
            }
        }
    }

    private HttpResponse updateProducts(HttpRequest r) {
        JsonNode body = r.json();
        if (!body.isArray()) {
            throw BcErrors.v3(422, "The request body must be an array of products.");
        }
        if (body.size() > MAX_PRODUCTS_PER_BATCH) {
            throw BcErrors.v3(413, "The request payload is too large. The maximum items allowed in the array is "
                    + MAX_PRODUCTS_PER_BATCH);
        }
        synchronized (products.lock) {
            List<Products.Product> targets = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                if (!item.path("id").canConvertToLong()) {
                    throw BcErrors.v3(422, "Every product in a batch update needs its id.", Map.of("[" + i + "].id",
                            "The field 'id' is required."));
                }
                long id = item.get("id").asLong();
                targets.add(products.product(id).orElseThrow(() -> BcErrors.v3(404, "Product " + id + " not found")));
                if (item.has("inventory_tracking")) {
                    tracking(item.get("inventory_tracking").asText());
                }
                checkNumbers(item, i);
            }
            checkUnique(body, targets);
            ArrayNode data = Json.MAPPER.createArrayNode();
            for (int i = 0; i < body.size(); i++) {
                Products.Product p = targets.get(i);
                try {
                    if (body.get(i).hasNonNull("name")) {
                        products.rename(p, body.get(i).get("name").asText());
                    }
                    if (body.get(i).hasNonNull("sku")) {
                        products.changeSku(p, body.get(i).get("sku").asText());
                    }
                } catch (Products.Refused e) {
                    throw refusal(e);
                }
                apply(p, body.get(i));
                data.add(CatalogJson.product(products, inventory, p, false, false));
            }
            if (targets.stream().anyMatch(faults::urlSaveFails)) {
                return multiStatus(data);
            }
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.set("data", data);
            out.putObject("meta");
            return ok(out);
        }
    }

    /** Names and SKUs must stay unique after the whole batch, so a batch is refused before anything changes. */
    private void checkUnique(JsonNode body, List<Products.Product> targets) {
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < body.size(); i++) {
            String name = body.get(i).path("name").asText(targets.get(i).name).toUpperCase(java.util.Locale.ROOT);
            if (!names.add(name)) {
                throw BcErrors.v3(409, "The product name is a duplicate: " + name, Map.of("[" + i + "].name", "duplicate"));
            }
            long id = targets.get(i).id;
            String newName = body.get(i).path("name").asText(null);
            if (newName != null && products.productIdByName(newName).filter(other -> other != id).isPresent()) {
                throw BcErrors.v3(409, "The product name is a duplicate: " + newName, Map.of("[" + i + "].name", "duplicate"));
            }
            String newSku = body.get(i).path("sku").asText(null);
            if (newSku != null && !newSku.isEmpty()) {
                Optional<Products.Variant> other = products.variantBySku(newSku);
                Optional<Products.Product> otherProduct = products.productBySku(newSku);
                if (other.isPresent() && other.get().productId != id || otherProduct.isPresent() && otherProduct.get().id != id) {
                    throw BcErrors.v3(409, "The product SKU is a duplicate: " + newSku, Map.of("[" + i + "].sku", "duplicate"));
                }
            }
        }
    }

    private void apply(Products.Product p, JsonNode body) {
        if (body.has("description")) {
            p.description = body.get("description").asText("");
        }
        if (body.has("price")) {
            p.price = number(body, "price");
        }
        if (body.has("cost_price")) {
            p.cost = number(body, "cost_price");
        }
        if (body.has("sale_price")) {
            p.sale = number(body, "sale_price");
        }
        if (body.has("retail_price")) {
            p.retail = number(body, "retail_price");
        }
        if (body.has("weight")) {
            p.weight = number(body, "weight");
        }
        if (body.has("upc")) {
            p.upc = body.get("upc").asText("");
            if (p.baseVariantId != null) {
                products.variant(p.baseVariantId).orElseThrow().upc = p.upc; // a simple product's UPC is its variant's
            }
        }
        if (body.has("inventory_tracking")) {
            p.tracking = tracking(body.get("inventory_tracking").asText());
        }
        p.modified = products.now();
    }

    private HttpResponse listOptions(HttpRequest r) {
        synchronized (products.lock) {
            Products.Product p = product(r);
            return ok(Paging.of(r, 50, 250).answer(products.optionsOf(p), CatalogJson::option));
        }
    }

    private HttpResponse createOption(HttpRequest r) {
        JsonNode body = r.json();
        if (!body.hasNonNull("display_name") || !body.hasNonNull("type")) {
            throw BcErrors.v3(422, "An option needs its display_name and type.", Map.of("display_name",
                    "The fields 'display_name' and 'type' are required."));
        }
        List<String> labels = new ArrayList<>();
        body.path("option_values").forEach(v -> labels.add(v.path("label").asText(null)));
        synchronized (products.lock) {
            Products.Product p = product(r);
            try {
                return single(CatalogJson.option(products.addOption(p, body.get("display_name").asText(),
                        body.get("type").asText(), labels)));
            } catch (Products.Refused e) {
                throw refusal(e);
            }
        }
    }

    private HttpResponse createValue(HttpRequest r) {
        JsonNode body = r.json();
        synchronized (products.lock) {
            Products.Product p = product(r);
            long optionId = id(r, "option_id", "Option");
            Products.Option option = products.option(optionId);
            if (option == null || option.productId != p.id) {
                throw BcErrors.v3(404, "Option " + optionId + " not found on product " + p.id);
            }
            try {
                return single(CatalogJson.value(products.addValue(option, body.path("label").asText(null))));
            } catch (Products.Refused e) {
                throw refusal(e);
            }
        }
    }

    private HttpResponse listVariants(HttpRequest r) {
        synchronized (products.lock) {
            List<Products.Variant> candidates;
            Optional<String> sku = r.queryParam("sku");
            if (sku.isPresent()) {
                candidates = products.variantBySku(sku.get()).stream().toList();
            } else {
                candidates = products.allVariants().stream().sorted(java.util.Comparator.comparingLong(v -> v.id)).toList();
            }
            Predicate<Products.Variant> filter = v -> true;
            Optional<Set<Long>> productIds = r.queryParam("product_id:in").map(CatalogRoutes::longs);
            if (productIds.isPresent()) {
                filter = filter.and(v -> productIds.get().contains(v.productId));
            }
            Optional<String> id = r.queryParam("id");
            if (id.isPresent()) {
                filter = filter.and(v -> Long.toString(v.id).equals(id.get()));
            }
            Optional<String> upc = r.queryParam("upc");
            if (upc.isPresent()) {
                filter = filter.and(v -> upc.get().equals(v.upc));
            }
            List<Products.Variant> all = candidates.stream().filter(filter).toList();
            return ok(Paging.of(r, 50, 250).answer(all, v -> CatalogJson.variant(products, inventory,
                    products.product(v.productId).orElseThrow(), v)));
        }
    }

    private HttpResponse writeVariants(HttpRequest r) {
        JsonNode body = r.json();
        if (!body.isArray()) {
            throw variantError(422, "The request body must be an array of variants.", Map.of());
        }
        if (body.size() > MAX_VARIANTS_PER_BATCH) {
            throw BcErrors.v3(413, "The request payload is too large. The maximum items allowed in the array is "
                    + MAX_VARIANTS_PER_BATCH);
        }
        synchronized (products.lock) {
            // check everything first: a batch is all or nothing
            Set<String> newSkus = new java.util.HashSet<>();
            Map<Long, List<long[]>> newCombinations = new java.util.HashMap<>();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                checkNumbers(item, i);
                if (item.has("id")) {
                    long id = item.get("id").asLong();
                    if (products.variant(id).isEmpty()) {
                        throw variantError(422, "Variant " + id + " not found.", Map.of("[" + i + "].id", "not found"));
                    }
                    continue;
                }
                if (!item.path("product_id").canConvertToLong() || !item.hasNonNull("sku")
                        || !item.path("option_values").isArray()) {
                    throw variantError(422, "A new variant needs product_id, sku and option_values.",
                            Map.of("[" + i + "]", "product_id, sku and option_values are required to create a variant"));
                }
                long productId = item.get("product_id").asLong();
                Products.Product p = products.product(productId).orElseThrow(() -> variantError(422,
                        "Product " + productId + " not found.", Map.of("product_id", "not found")));
                long[] values = optionValues(item.get("option_values"));
                try {
                    products.checkNewVariant(p, item.get("sku").asText(), values);
                } catch (Products.Refused e) {
                    throw variantError(422, e.getMessage(), Map.of("[" + i + "]." + e.field, e.getMessage()));
                }
                List<long[]> combos = newCombinations.computeIfAbsent(productId, k -> new ArrayList<>());
                if (!newSkus.add(item.get("sku").asText().toUpperCase(java.util.Locale.ROOT))
                        || combos.stream().anyMatch(c -> Products.sameValues(c, values))) {
                    throw variantError(422, "The batch names a variant twice.", Map.of("[" + i + "]", "duplicate in batch"));
                }
                combos.add(values);
            }
            ArrayNode data = Json.MAPPER.createArrayNode();
            try {
                for (int i = 0; i < body.size(); i++) {
                    JsonNode item = body.get(i);
                    Products.Variant v;
                    if (item.has("id")) {
                        v = products.variant(item.get("id").asLong()).orElseThrow();
                    } else {
                        Products.Product p = products.product(item.get("product_id").asLong()).orElseThrow();
                        v = products.addVariant(p, item.get("sku").asText(), optionValues(item.get("option_values")));
                    }
                    applyVariant(v, item);
                    data.add(CatalogJson.variant(products, inventory, products.product(v.productId).orElseThrow(), v));
                }
            } catch (Products.Refused e) {
                throw variantError(e.status == 409 ? 422 : e.status, e.getMessage(), Map.of(e.field, e.getMessage()));
            }
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.set("data", data);
            out.putObject("meta");
            return ok(out);
        }
    }

    private void applyVariant(Products.Variant v, JsonNode item) {
        if (item.has("price")) {
            v.price = nullableNumber(item, "price");
        }
        if (item.has("cost_price")) {
            v.cost = nullableNumber(item, "cost_price");
        }
        if (item.has("sale_price")) {
            v.sale = nullableNumber(item, "sale_price");
        }
        if (item.has("weight")) {
            v.weight = nullableNumber(item, "weight");
        }
        if (item.has("upc")) {
            v.upc = item.get("upc").asText("");
        }
        products.product(v.productId).orElseThrow().modified = products.now();
    }

    private static long[] optionValues(JsonNode values) {
        long[] pairs = new long[values.size() * 2];
        for (int i = 0; i < values.size(); i++) {
            pairs[2 * i] = values.get(i).path("option_id").asLong();
            pairs[2 * i + 1] = values.get(i).path("id").asLong();
        }
        return pairs;
    }

    private Products.Product product(HttpRequest r) {
        long id = id(r, "product_id", "Product");
        return products.product(id).orElseThrow(() -> BcErrors.v3(404, "Product " + id + " not found"));
    }

    private static long id(HttpRequest r, String param, String what) {
        try {
            return Long.parseLong(r.pathParam(param));
        } catch (NumberFormatException e) {
            throw BcErrors.v3(404, what + " not found");
        }
    }

    private static Products.Tracking tracking(String text) {
        return Products.Tracking.parse(text).orElseThrow(() -> BcErrors.v3(422, "inventory_tracking must be one of "
                + "none, product, variant", Map.of("inventory_tracking", "'" + text + "' is not an allowed value")));
    }

    private static void checkNumbers(JsonNode item, int index) {
        for (String field : List.of("price", "cost_price", "sale_price", "retail_price", "weight")) {
            JsonNode v = item.get(field);
            if (v != null && !v.isNull() && (!v.isNumber() || v.decimalValue().signum() < 0)) {
                throw BcErrors.v3(422, "The field '" + field + "' must be a number of 0 or more.",
                        Map.of("[" + index + "]." + field, "must be a number of 0 or more"));
            }
        }
    }

    private static BigDecimal number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return BigDecimal.ZERO;
        }
        if (!v.isNumber() || v.decimalValue().signum() < 0) {
            throw BcErrors.v3(422, "The field '" + field + "' must be a number of 0 or more.", Map.of(field,
                    "must be a number of 0 or more"));
        }
        return v.decimalValue();
    }

    private static BigDecimal nullableNumber(JsonNode body, String field) {
        return body.get(field).isNull() ? null : number(body, field);
    }

    private static HttpError refusal(Products.Refused e) {
        return BcErrors.v3(e.status, e.getMessage(), Map.of(e.field, e.getMessage()));
    }

    /** The variants batch endpoint reports errors as {@code batch_errors}. */
    private static HttpError variantError(int status, String title, Map<String, String> errors) {
        Map<String, Object> error = BcErrors.v3Body(status, title, errors);
        return new HttpError(status, title, Map.of("batch_errors", List.of(error)));
    }

    private static HttpResponse single(JsonNode data) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("data", data);
        out.putObject("meta");
        return ok(out);
    }

    /**
     * 207: the products were saved but their URL was not (the spec's errorMultiStatus). GUESS: the spec does not say
     * how the errors name the part that failed, nor which product of a batch; here {@code errors.errors.custom_url}.
     */
    private static HttpResponse multiStatus(ArrayNode data) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("data", data);
        ObjectNode errors = out.putObject("errors");
        errors.put("status", 207);
        errors.put("title", "The product was saved, but saving its URL failed");
        errors.put("type", "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes");
        errors.putObject("errors").put("custom_url", "The URL is already taken by another entity");
        out.putObject("meta");
        return HttpResponse.json(207, out);
    }

    private static HttpResponse ok(JsonNode body) {
        return HttpResponse.json(200, body);
    }

    static Set<String> csv(Optional<String> value) {
        return value.map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new))).orElse(new java.util.LinkedHashSet<>());
    }

    static Set<Long> longs(String value) {
        try {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong)
                    .collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw BcErrors.v3(400, "A list of ids must be whole numbers separated by commas.");
        }
    }
}
