package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Catalog V3 and Inventory V3 answers, shaped as the OpenAPI files describe them. */
final class CatalogJson {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private CatalogJson() {}

    static ObjectNode product(Products products, Inventory inventory, Products.Product p, boolean withVariants,
            boolean withOptions) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", p.id);
        n.put("name", p.name);
        n.put("type", "physical");
        n.put("sku", p.sku);
        n.put("description", p.description);
        n.put("weight", p.weight);
        n.put("width", 0).put("depth", 0).put("height", 0);
        n.put("price", p.price);
        n.put("cost_price", p.cost);
        n.put("retail_price", p.retail);
        n.put("sale_price", p.sale);
        n.put("map_price", 0);
        n.put("tax_class_id", 0);
        n.putArray("categories");
        n.put("brand_id", 0);
        int level = 0;
        for (Products.Variant v : products.variantsOf(p)) {
            level += inventory.level(1, p, v);
            if (p.tracking == Products.Tracking.PRODUCT) {
                break; // one figure for the whole product
            }
        }
        n.put("inventory_level", level);
        n.put("inventory_warning_level", 0);
        n.put("inventory_tracking", p.tracking.json());
        n.put("is_visible", true);
        n.put("availability", "available");
        n.put("upc", p.upc);
        n.put("mpn", "");
        n.put("gtin", "");
        n.put("date_created", date(p.created));
        n.put("date_modified", date(p.modified));
        if (p.baseVariantId != null) {
            n.put("base_variant_id", p.baseVariantId);
        }
        n.put("calculated_price", p.sale.signum() > 0 ? p.sale : p.price);
        if (withVariants) {
            ArrayNode variants = n.putArray("variants");
            products.variantsOf(p).forEach(v -> variants.add(variant(products, inventory, p, v)));
        }
        if (withOptions) {
            ArrayNode options = n.putArray("options");
            products.optionsOf(p).forEach(o -> options.add(option(o)));
        }
        return n;
    }

    static ObjectNode variant(Products products, Inventory inventory, Products.Product p, Products.Variant v) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", v.id);
        n.put("product_id", v.productId);
        n.put("sku", v.sku);
        if (p.baseVariantId == null || p.baseVariantId != v.id) {
            n.put("sku_id", v.id); // a base variant has no V2 SKU
        }
        n.put("price", or(v.price, p.price));
        n.put("cost_price", or(v.cost, p.cost));
        n.put("sale_price", or(v.sale, p.sale));
        n.put("retail_price", p.retail);
        n.put("weight", or(v.weight, p.weight));
        n.put("width", 0).put("height", 0).put("depth", 0);
        n.put("is_free_shipping", false);
        n.put("purchasing_disabled", false);
        n.put("purchasing_disabled_message", "");
        n.put("upc", v.upc);
        n.put("inventory_level", inventory.level(1, p, v));
        n.put("inventory_warning_level", 0);
        n.put("bin_picking_number", "");
        ArrayNode values = n.putArray("option_values");
        for (int i = 0; i < v.optionValues.length; i += 2) {
            Products.Option option = products.option(v.optionValues[i]);
            long valueId = v.optionValues[i + 1];
            values.addObject().put("id", valueId).put("label", option.value(valueId).orElseThrow().label())
                    .put("option_id", option.id).put("option_display_name", option.displayName);
        }
        BigDecimal sale = or(v.sale, p.sale);
        n.put("calculated_price", sale.signum() > 0 ? sale : or(v.price, p.price));
        return n;
    }

    static ObjectNode option(Products.Option o) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", o.id);
        n.put("product_id", o.productId);
        n.put("display_name", o.displayName);
        n.put("type", o.type);
        n.put("sort_order", 0);
        ArrayNode values = n.putArray("option_values");
        o.values.forEach(v -> values.add(value(v)));
        return n;
    }

    static ObjectNode value(Products.Value v) {
        return Json.MAPPER.createObjectNode().put("id", v.id()).put("label", v.label()).put("sort_order", v.sortOrder())
                .put("is_default", false);
    }

    static ObjectNode location(Inventory.Location l) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", l.id);
        n.put("code", l.code);
        n.put("label", l.label);
        n.put("description", "");
        n.put("managed_by_external_source", false);
        n.put("type_id", "PHYSICAL");
        n.put("enabled", l.enabled);
        n.put("time_zone", "Etc/UTC");
        n.put("created_at", date(l.created));
        n.put("updated_at", date(l.created));
        n.put("storefront_visibility", true);
        return n;
    }

    static String date(Instant instant) {
        return ISO.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static BigDecimal or(BigDecimal value, BigDecimal fallback) {
        return value != null ? value : fallback;
    }
}
