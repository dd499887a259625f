package com.bcerp.bigcommerce;

import com.bcerp.core.catalog.CatalogField;
import com.bcerp.core.catalog.MatchKey;
import com.bcerp.core.catalog.ProductFields;
import com.bcerp.core.catalog.ProductWrite;
import com.bcerp.core.catalog.StoreOption;
import com.bcerp.core.catalog.StoreProduct;
import com.bcerp.core.catalog.StoreVariant;
import com.bcerp.core.catalog.VariantFields;
import com.bcerp.core.catalog.VariantWrite;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.StoreCatalog;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store's catalogue behind {@link StoreCatalog}, over Catalog V3: products found by the match key
 * ({@code sku:in}, or {@code upc} one at a time) with their variants, created one at a time, updated ten at a time;
 * options and values created on the product; variants created and updated fifty at a time through
 * {@code PUT /v3/catalog/variants}. Requests that create are sent once (a timeout is not retried blindly: the next run
 * finds what was created by its key).
 */
public final class BigCommerceCatalog implements StoreCatalog {

    private final BigCommerceClient client;
    private final MatchKey matchKey;

    public BigCommerceCatalog(BigCommerceClient client, MatchKey matchKey) {
        this.client = client;
        this.matchKey = matchKey;
    }

    @Override
    public Map<String, StoreProduct> findProducts(Collection<String> keys) {
        Map<String, StoreProduct> found = new HashMap<>();
        if (matchKey == MatchKey.SKU) {
            for (List<String> chunk : StoreItems.chunks(new TreeSet<>(keys), StoreItems.FILTER_BATCH)) {
                read("/v3/catalog/products?include=variants&limit=250&sku:in=" + StoreItems.csv(chunk), found);
            }
        } else {
            for (String upc : new TreeSet<>(keys)) {
                read("/v3/catalog/products?include=variants&upc=" + StoreItems.encode(upc), found);
            }
        }
        Map<String, StoreProduct> byAskedKey = new HashMap<>();
        for (String key : keys) {
            found.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).findFirst()
                    .ifPresent(e -> byAskedKey.put(key, e.getValue()));
        }
        return byAskedKey;
    }

    private void read(String pathAndQuery, Map<String, StoreProduct> into) {
        JsonNode body = BigCommerceClient.expect(client.get(pathAndQuery), "find products", Set.of(200)).json();
        for (JsonNode p : body.path("data")) {
            String key = StoreItems.key(p, matchKey);
            if (key != null) {
                into.put(key, product(p));
            }
        }
    }

    @Override
    public StoreProduct createProduct(ProductWrite product) {
        Map<String, Object> body = fields(product.fields());
        body.put("type", "physical");
        body.put("sku", product.key());
        if (matchKey == MatchKey.UPC) {
            body.put("upc", product.key());
        }
        body.put("inventory_tracking", StoreItems.tracking(product.tracking()));
        ApiResponse response = client.post("/v3/catalog/products", body);
        JsonNode created = BigCommerceClient.expect(response, "create product " + product.key(), Set.of(200)).json();
        return product(created.path("data"));
    }

    @Override
    public void updateProducts(List<ProductWrite> products) {
        checkSize(products.size(), MAX_PRODUCTS_PER_WRITE, "products");
        List<Map<String, Object>> body = new ArrayList<>();
        for (ProductWrite p : products) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", p.productId());
            item.putAll(withoutUntouched(fields(p.fields()), p.untouched()));
            body.add(item);
        }
        BigCommerceClient.expect(client.put("/v3/catalog/products", body), "update " + products.size() + " products ("
                + String.join(", ", products.stream().map(ProductWrite::key).toList()) + ")", Set.of(200));
    }

    @Override
    public List<StoreOption> options(long productId) {
        JsonNode body = BigCommerceClient.expect(client.get("/v3/catalog/products/" + productId + "/options?limit=250"),
                "list options of product " + productId, Set.of(200)).json();
        List<StoreOption> options = new ArrayList<>();
        body.path("data").forEach(o -> options.add(option(o)));
        return options;
    }

    @Override
    public StoreOption createOption(long productId, String name, List<String> values) {
        List<Map<String, Object>> optionValues = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            optionValues.add(Map.of("label", values.get(i), "sort_order", i));
        }
        JsonNode body = BigCommerceClient.expect(client.post("/v3/catalog/products/" + productId + "/options",
                        Map.of("display_name", name, "type", "rectangles", "option_values", optionValues)),
                "create option " + name + " of product " + productId, Set.of(200)).json();
        return option(body.path("data"));
    }

    @Override
    public StoreOption.Value createOptionValue(long productId, long optionId, String label) {
        JsonNode body = BigCommerceClient.expect(client.post("/v3/catalog/products/" + productId + "/options/" + optionId
                + "/values", Map.of("label", label, "sort_order", 0)), "add value " + label + " to option " + optionId,
                Set.of(200)).json();
        return new StoreOption.Value(body.path("data").path("id").asLong(), body.path("data").path("label").asText());
    }

    @Override
    public void writeVariants(List<VariantWrite> variants) {
        checkSize(variants.size(), MAX_VARIANTS_PER_WRITE, "variants");
        List<Map<String, Object>> body = new ArrayList<>();
        boolean creates = false;
        for (VariantWrite v : variants) {
            Map<String, Object> item = new LinkedHashMap<>();
            if (v.isCreate()) {
                creates = true;
                item.put("product_id", v.productId());
                item.put("sku", v.key());
                if (matchKey == MatchKey.UPC) {
                    item.put("upc", v.key());
                }
                item.put("option_values", v.optionValues().stream()
                        .map(o -> Map.of("option_id", o.optionId(), "id", o.valueId())).toList());
            } else {
                item.put("id", v.variantId());
            }
            item.putAll(v.isCreate() ? fields(v.fields()) : withoutUntouched(fields(v.fields()), v.untouched()));
            body.add(item);
        }
        BigCommerceClient.expect(client.put("/v3/catalog/variants", body, !creates), "write " + variants.size()
                + " variants (" + String.join(", ", variants.stream().map(VariantWrite::key).toList()) + ")", Set.of(200));
    }

    /** An update's fields without those another system owns: left out, the store keeps its value. */
    private static Map<String, Object> withoutUntouched(Map<String, Object> fields, Set<CatalogField> untouched) {
        for (CatalogField field : untouched) {
            fields.remove(switch (field) {
                case NAME -> "name";
                case DESCRIPTION -> "description";
                case PRICE -> "price";
                case SALE_PRICE -> "sale_price";
                case COST -> "cost_price";
                case WEIGHT -> "weight";
            });
        }
        return fields;
    }

    private static Map<String, Object> fields(ProductFields f) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", f.name());
        body.put("description", f.description());
        body.putAll(prices(f.price(), f.cost(), f.salePrice(), f.weight()));
        return body;
    }

    private static Map<String, Object> fields(VariantFields f) {
        return prices(f.price(), f.cost(), f.salePrice(), f.weight());
    }

    /** Price, cost and weight; the sale price only when the back office manages it. */
    private static Map<String, Object> prices(Money price, Money cost, Money salePrice, BigDecimal weight) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("price", price.amount());
        body.put("cost_price", amount(cost));
        if (salePrice != null) {
            body.put("sale_price", salePrice.amount());
        }
        body.put("weight", weight);
        return body;
    }

    private StoreProduct product(JsonNode p) {
        List<StoreVariant> variants = new ArrayList<>();
        long base = p.path("base_variant_id").asLong(-1);
        for (JsonNode v : p.path("variants")) {
            if (v.path("id").asLong() == base) {
                continue; // a simple product's own variant is the product itself
            }
            List<StoreVariant.OptionValue> values = new ArrayList<>();
            v.path("option_values").forEach(o -> values.add(new StoreVariant.OptionValue(o.path("option_id").asLong(),
                    o.path("option_display_name").asText(), o.path("id").asLong(), o.path("label").asText())));
            variants.add(new StoreVariant(v.path("id").asLong(), StoreItems.key(v, matchKey), decimal(v, "price"),
                    decimal(v, "cost_price"), decimal(v, "sale_price"), decimal(v, "weight"), values));
        }
        return new StoreProduct(p.path("id").asLong(), StoreItems.key(p, matchKey), p.path("name").asText(),
                p.path("description").asText(""), decimal(p, "price"), decimal(p, "cost_price"), decimal(p, "sale_price"),
                decimal(p, "weight"), StoreItems.tracking(p), variants);
    }

    private static StoreOption option(JsonNode o) {
        List<StoreOption.Value> values = new ArrayList<>();
        o.path("option_values").forEach(v -> values.add(new StoreOption.Value(v.path("id").asLong(), v.path("label").asText())));
        return new StoreOption(o.path("id").asLong(), o.path("display_name").asText(), values);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.decimalValue() : null;
    }

    private static BigDecimal amount(Money money) {
        return money == null ? BigDecimal.ZERO : money.amount();
    }

    private static void checkSize(int size, int max, String what) {
        if (size > max) {
            throw new IllegalArgumentException("at most " + max + " " + what + " per request, got " + size);
        }
    }
}
