package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Inventory V3 and Locations V3: locations, inventory items (at all locations and at one), and absolute and relative
 * adjustments of at most {@value Inventory#MAX_ITEMS} items. Refusals are 422 {@code application/problem+json}, as the
 * inventory spec says.
 */
final class InventoryRoutes {

    private final Products products;
    private final Inventory inventory;

    InventoryRoutes(Products products, Inventory inventory) {
        this.products = products;
        this.inventory = inventory;
    }

    void register(Endpoints endpoints) {
        endpoints.route("GET", "/v3/inventory/locations", this::listLocations)
                .route("PUT", "/v3/inventory/adjustments/absolute", r -> adjust(r, false))
                .route("POST", "/v3/inventory/adjustments/relative", r -> adjust(r, true))
                .route("GET", "/v3/inventory/items", this::listItems)
                .route("GET", "/v3/inventory/locations/{location_id}/items", this::listLocationItems);
    }

    private HttpResponse listLocations(HttpRequest r) {
        synchronized (products.lock) {
            Predicate<Inventory.Location> filter = l -> true;
            Optional<Set<Long>> ids = r.queryParam("location_id:in").map(CatalogRoutes::longs);
            if (ids.isPresent()) {
                filter = filter.and(l -> ids.get().contains(l.id));
            }
            Optional<String> active = r.queryParam("is_active");
            if (active.isPresent()) {
                boolean wanted = Boolean.parseBoolean(active.get());
                filter = filter.and(l -> l.enabled == wanted);
            }
            List<Inventory.Location> all = inventory.locations().stream().filter(filter).toList();
            return HttpResponse.json(200, Paging.of(r, 50, 1000).answer(all, CatalogJson::location));
        }
    }

    private HttpResponse adjust(HttpRequest r, boolean relative) {
        JsonNode body = r.json();
        JsonNode items = body.path("items");
        if (!items.isArray()) {
            return problem("The request needs an items array.");
        }
        List<Inventory.Adjustment> adjustments = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            int identities = (item.has("sku") ? 1 : 0) + (item.has("variant_id") ? 1 : 0) + (item.has("product_id") ? 1 : 0);
            if (!item.path("location_id").canConvertToLong() || !item.path("quantity").isIntegralNumber() || identities != 1) {
                return problem("items[" + i + "] needs location_id, quantity and exactly one of sku, variant_id, product_id");
            }
            Inventory.Identity identity = new Inventory.Identity(item.has("sku") ? item.get("sku").asText() : null,
                    item.has("variant_id") ? item.get("variant_id").asLong() : null,
                    item.has("product_id") ? item.get("product_id").asLong() : null);
            adjustments.add(new Inventory.Adjustment(item.get("location_id").asLong(), identity, item.get("quantity").asLong()));
        }
        synchronized (products.lock) {
            try {
                inventory.adjust(adjustments, relative);
            } catch (Inventory.Refusal e) {
                return problem(e.getMessage());
            }
        }
        return HttpResponse.json(200, Json.MAPPER.createObjectNode().put("transaction_id", UUID.randomUUID().toString()));
    }

    private HttpResponse listItems(HttpRequest r) {
        synchronized (products.lock) {
            Optional<Set<Long>> locationIds = r.queryParam("location_id:in").map(CatalogRoutes::longs);
            List<Inventory.Location> locations = inventory.locations().stream()
                    .filter(l -> locationIds.isEmpty() || locationIds.get().contains(l.id)).toList();
            return HttpResponse.json(200, Paging.of(r, 50, 1000).answer(items(r), v -> {
                Products.Product p = products.product(v.productId).orElseThrow();
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.set("identity", identity(p, v));
                ArrayNode at = n.putArray("locations");
                for (Inventory.Location l : locations) {
                    int level = inventory.level(l.id, p, v);
                    at.addObject().put("location_id", l.id).put("location_code", l.code).put("location_name", l.label)
                            .put("available_to_sell", level).put("total_inventory_onhand", level)
                            .put("location_enabled", l.enabled).set("settings", settings());
                }
                return n;
            }));
        }
    }

    private HttpResponse listLocationItems(HttpRequest r) {
        long locationId;
        try {
            locationId = Long.parseLong(r.pathParam("location_id"));
        } catch (NumberFormatException e) {
            throw BcErrors.v3(404, "Location not found");
        }
        synchronized (products.lock) {
            if (inventory.location(locationId).isEmpty()) {
                throw BcErrors.v3(404, "Location " + locationId + " not found");
            }
            return HttpResponse.json(200, Paging.of(r, 50, 1000).answer(items(r), v -> {
                Products.Product p = products.product(v.productId).orElseThrow();
                int level = inventory.level(locationId, p, v);
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.set("identity", identity(p, v));
                n.put("available_to_sell", level).put("total_inventory_onhand", level);
                n.set("settings", settings());
                return n;
            }));
        }
    }

    /** Inventory items are the variants (a simple product's base variant included), filtered as asked. */
    private List<Products.Variant> items(HttpRequest r) {
        Optional<String> skus = r.queryParam("sku:in");
        List<Products.Variant> candidates = skus.isPresent()
                ? CatalogRoutes.csv(skus).stream().map(products::variantBySku).flatMap(Optional::stream).distinct().toList()
                : products.allVariants().stream().sorted(Comparator.comparingLong(v -> v.id)).toList();
        Optional<Set<Long>> variantIds = r.queryParam("variant_id:in").map(CatalogRoutes::longs);
        Optional<Set<Long>> productIds = r.queryParam("product_id:in").map(CatalogRoutes::longs);
        return candidates.stream().filter(v -> variantIds.isEmpty() || variantIds.get().contains(v.id))
                .filter(v -> productIds.isEmpty() || productIds.get().contains(v.productId))
                .sorted(Comparator.comparingLong(v -> v.id)).toList();
    }

    private static ObjectNode identity(Products.Product p, Products.Variant v) {
        ObjectNode identity = Json.MAPPER.createObjectNode().put("sku", v.sku).put("variant_id", v.id)
                .put("product_id", p.id);
        if (p.baseVariantId == null || p.baseVariantId != v.id) {
            identity.put("sku_id", v.id);
        }
        return identity;
    }

    private static ObjectNode settings() {
        return Json.MAPPER.createObjectNode().put("safety_stock", 0).put("is_in_stock", true).put("warning_level", 0)
                .put("bin_picking_number", "");
    }

    /** A 422 in the inventory spec's problem+json form. */
    private static HttpResponse problem(String title) {
        return HttpResponse.json(422, BcErrors.v3Body(422, title, java.util.Map.of()))
                .withHeader("Content-Type", "application/problem+json");
    }
}
