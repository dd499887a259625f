package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.SandboxCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store's catalogue (Catalog V3): products, their variant options with values, and variants. A simple product has
 * one base variant carrying its SKU; a product with options has one variant per combination and no base variant.
 * SKUs are unique across products and variants whatever their case, and product names are unique, as on BigCommerce.
 *
 * <p>Kept compact (plain objects, indexes by id and SKU) so the store holds 100,000 SKUs comfortably. Thread-safe:
 * every method locks the catalogue; the inventory uses the same lock.
 */
public final class Products {

    /** How a product tracks stock ({@code inventory_tracking}). */
    public enum Tracking { NONE, PRODUCT, VARIANT;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Tracking> parse(String text) {
            for (Tracking t : values()) {
                if (t.json().equals(text)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    static final class Product {
        final long id;
        String name;
        String sku;
        String description = "";
        BigDecimal price;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal sale = BigDecimal.ZERO;
        BigDecimal retail = BigDecimal.ZERO;
        BigDecimal weight = BigDecimal.ZERO;
        String upc = "";
        Tracking tracking;
        Long baseVariantId;
        final List<Long> optionIds = new ArrayList<>(2);
        final List<Long> variantIds = new ArrayList<>(1);
        final Instant created;
        Instant modified;

        Product(long id, Instant now) {
            this.id = id;
            this.created = now;
            this.modified = now;
        }
    }

    static final class Variant {
        final long id;
        final long productId;
        String sku;
        String upc = "";
        /** Null: the product's price (and so on for the others). */
        BigDecimal price;
        BigDecimal cost;
        BigDecimal sale;
        BigDecimal weight;
        /** Pairs of option id and value id. */
        final long[] optionValues;

        Variant(long id, long productId, String sku, long[] optionValues) {
            this.id = id;
            this.productId = productId;
            this.sku = sku;
            this.optionValues = optionValues;
        }
    }

    static final class Option {
        final long id;
        final long productId;
        final String displayName;
        final String type;
        final List<Value> values = new ArrayList<>();

        Option(long id, long productId, String displayName, String type) {
            this.id = id;
            this.productId = productId;
            this.displayName = displayName;
            this.type = type;
        }

        Optional<Value> value(long valueId) {
            return values.stream().filter(v -> v.id() == valueId).findFirst();
        }
    }

    record Value(long id, String label, int sortOrder) {}

    /** A problem with a write, answered 409 (duplicates) or 422 (everything else), naming the field. */
    static final class Refused extends RuntimeException {
        final int status;
        final String field;

        Refused(int status, String field, String message) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
        }
    }

    final Object lock = new Object();
    private final Clock clock;
    private final Map<Long, Product> products = new TreeMap<>();
    private final Map<Long, Variant> variants = new HashMap<>();
    private final Map<Long, Option> options = new HashMap<>();
    private final Map<String, Long> variantBySku = new HashMap<>();
    private final Map<String, Long> productByName = new HashMap<>();
    private final Map<String, Long> productBySku = new HashMap<>();
    private long nextProductId = 10_000;
    private long nextVariantId = 100_000;
    private long nextOptionId = 50_000;
    private long nextValueId = 70_000;

    Products(Clock clock) {
        this.clock = clock;
    }

    /** The shared catalogue: simple products tracked by product, option products tracked by variant. */
    static Products seeded(SandboxCatalog catalog, Clock clock) {
        Products p = new Products(clock);
        Map<Long, List<SandboxCatalog.Item>> byProduct = new LinkedHashMap<>();
        catalog.items().forEach(i -> byProduct.computeIfAbsent(i.productId(), k -> new ArrayList<>()).add(i));
        synchronized (p.lock) {
            byProduct.forEach((productId, items) -> p.seed(productId, items));
        }
        return p;
    }

    private void seed(long productId, List<SandboxCatalog.Item> items) {
        SandboxCatalog.Item first = items.get(0);
        Product product = new Product(productId, clock.instant());
        product.name = first.name();
        product.price = first.price();
        product.weight = BigDecimal.ONE;
        products.put(productId, product);
        productByName.put(key(product.name), productId);
        if (!first.isVariantOfOptionProduct()) {
            product.sku = first.sku();
            product.tracking = Tracking.PRODUCT;
            productBySku.put(key(product.sku), productId);
            Variant base = new Variant(first.variantId(), productId, first.sku(), new long[0]);
            product.baseVariantId = base.id;
            put(product, base);
            return;
        }
        product.sku = first.sku().replaceAll("-[A-Z]+-[A-Z]+$", "");
        product.tracking = Tracking.VARIANT;
        productBySku.put(key(product.sku), productId);
        Map<Long, Option> made = new LinkedHashMap<>();
        for (SandboxCatalog.Item item : items) {
            long[] pairs = new long[item.options().size() * 2];
            for (int i = 0; i < item.options().size(); i++) {
                SandboxCatalog.Option o = item.options().get(i);
                Option option = made.computeIfAbsent(o.optionId(), id -> {
                    Option created = new Option(id, productId, o.name(), "rectangles");
                    options.put(id, created);
                    product.optionIds.add(id);
                    return created;
                });
                if (option.value(o.valueId()).isEmpty()) {
                    option.values.add(new Value(o.valueId(), o.value(), option.values.size()));
                }
                pairs[2 * i] = o.optionId();
                pairs[2 * i + 1] = o.valueId();
            }
            put(product, new Variant(item.variantId(), productId, item.sku(), pairs));
        }
    }

    private void put(Product product, Variant variant) {
        variants.put(variant.id, variant);
        if (!variant.sku.isEmpty()) {
            variantBySku.put(key(variant.sku), variant.id);
        }
        product.variantIds.add(variant.id);
    }

    /** Adds a simple product (one base variant) directly, as a merchant's import would. Returns its id. */
    public long addSimple(String sku, String name, BigDecimal price, Tracking tracking) {
        synchronized (lock) {
            Product p = create(name, sku, price, tracking, null);
            return p.id;
        }
    }

    /** The number of SKUs (variants, base variants included). */
    public int skuCount() {
        synchronized (lock) {
            return variants.size();
        }
    }

    public int productCount() {
        synchronized (lock) {
            return products.size();
        }
    }

    /** Changes a product's tracking mode, as a merchant can in the control panel. */
    public void setTracking(long productId, Tracking tracking) {
        synchronized (lock) {
            product(productId).orElseThrow().tracking = tracking;
        }
    }

    /** The product id of a SKU (a product's own or one of its variants'), if any. */
    public Optional<Long> productIdOf(String sku) {
        synchronized (lock) {
            return variantBySku(sku).map(v -> v.productId);
        }
    }

    /** A product as {@code GET /v3/catalog/products?include=variants,options} shows it, for tests and the demo. */
    public Optional<com.fasterxml.jackson.databind.JsonNode> view(String productSku, Inventory inventory) {
        synchronized (lock) {
            return productBySku(productSku).map(p -> CatalogJson.product(this, inventory, p, true, true));
        }
    }

    // ---- used by the routes and the inventory, under the lock ----

    Optional<Product> product(long id) {
        return Optional.ofNullable(products.get(id));
    }

    Collection<Product> allProducts() {
        return products.values();
    }

    Optional<Variant> variant(long id) {
        return Optional.ofNullable(variants.get(id));
    }

    Optional<Long> productIdByName(String name) {
        return Optional.ofNullable(productByName.get(key(name)));
    }

    Optional<Product> productBySku(String sku) {
        Long id = sku == null ? null : productBySku.get(key(sku));
        return id == null ? Optional.empty() : product(id);
    }

    Optional<Variant> variantBySku(String sku) {
        Long id = sku == null ? null : variantBySku.get(key(sku));
        return id == null ? Optional.empty() : Optional.ofNullable(variants.get(id));
    }

    Collection<Variant> allVariants() {
        return variants.values();
    }

    List<Variant> variantsOf(Product p) {
        return p.variantIds.stream().map(variants::get).toList();
    }

    Option option(long id) {
        return options.get(id);
    }

    List<Option> optionsOf(Product p) {
        return p.optionIds.stream().map(options::get).toList();
    }

    Product create(String name, String sku, BigDecimal price, Tracking tracking, String upc) {
        if (name == null || name.isBlank()) {
            throw new Refused(422, "name", "The field 'name' is required.");
        }
        if (productByName.containsKey(key(name))) {
            throw new Refused(409, "name", "The product name is a duplicate: " + name);
        }
        if (sku != null && !sku.isEmpty() && (variantBySku.containsKey(key(sku)) || productBySku.containsKey(key(sku)))) {
            throw new Refused(409, "sku", "The product SKU is a duplicate: " + sku);
        }
        Product p = new Product(nextProductId++, clock.instant());
        p.name = name;
        p.sku = sku == null ? "" : sku;
        p.price = price;
        p.tracking = tracking;
        p.upc = upc == null ? "" : upc;
        products.put(p.id, p);
        productByName.put(key(name), p.id);
        if (!p.sku.isEmpty()) {
            productBySku.put(key(p.sku), p.id);
        }
        Variant base = new Variant(nextVariantId++, p.id, p.sku, new long[0]);
        base.upc = p.upc;
        p.baseVariantId = base.id;
        put(p, base);
        return p;
    }

    void rename(Product p, String name) {
        if (name.equals(p.name)) {
            return;
        }
        Long other = productByName.get(key(name));
        if (other != null && other != p.id) {
            throw new Refused(409, "name", "The product name is a duplicate: " + name);
        }
        productByName.remove(key(p.name));
        p.name = name;
        productByName.put(key(name), p.id);
    }

    void changeSku(Product p, String sku) {
        if (sku.equalsIgnoreCase(p.sku)) {
            p.sku = sku;
            return;
        }
        if (variantBySku.containsKey(key(sku)) || productBySku.containsKey(key(sku))) {
            throw new Refused(409, "sku", "The product SKU is a duplicate: " + sku);
        }
        productBySku.remove(key(p.sku));
        p.sku = sku;
        if (!sku.isEmpty()) {
            productBySku.put(key(sku), p.id);
        }
        if (p.baseVariantId != null) {
            Variant base = variants.get(p.baseVariantId);
            variantBySku.remove(key(base.sku));
            base.sku = sku;
            if (!sku.isEmpty()) {
                variantBySku.put(key(sku), base.id);
            }
        }
    }

    Option addOption(Product p, String displayName, String type, List<String> labels) {
        if (optionsOf(p).stream().anyMatch(o -> o.displayName.equalsIgnoreCase(displayName))) {
            throw new Refused(409, "display_name", "The option '" + displayName + "' already exists on product " + p.id);
        }
        Option option = new Option(nextOptionId++, p.id, displayName, type);
        labels.forEach(l -> addValue(option, l));
        options.put(option.id, option);
        p.optionIds.add(option.id);
        p.modified = clock.instant();
        return option;
    }

    Value addValue(Option option, String label) {
        if (label == null || label.isBlank()) {
            throw new Refused(422, "label", "The field 'label' is required.");
        }
        if (option.values.stream().anyMatch(v -> v.label().equalsIgnoreCase(label))) {
            throw new Refused(409, "label", "The option value '" + label + "' already exists on option " + option.id);
        }
        Value value = new Value(nextValueId++, label, option.values.size());
        option.values.add(value);
        return value;
    }

    /** Refuses a variant {@link #addVariant} would refuse, changing nothing (so a batch can be checked first). */
    void checkNewVariant(Product p, String sku, long[] optionValues) {
        if (sku == null || sku.isBlank()) {
            throw new Refused(422, "sku", "The field 'sku' is required to create a variant.");
        }
        if (variantBySku.containsKey(key(sku)) || productBySku.containsKey(key(sku))) {
            throw new Refused(409, "sku", "The variant SKU is a duplicate: " + sku);
        }
        if (optionValues.length / 2 != p.optionIds.size() || p.optionIds.isEmpty()) {
            throw new Refused(422, "option_values", "A variant of product " + p.id + " needs exactly one value of each of "
                    + "its " + p.optionIds.size() + " options.");
        }
        for (int i = 0; i < optionValues.length; i += 2) {
            Option option = options.get(optionValues[i]);
            if (option == null || option.productId != p.id || option.value(optionValues[i + 1]).isEmpty()) {
                throw new Refused(422, "option_values", "Option value " + optionValues[i + 1] + " of option "
                        + optionValues[i] + " does not belong to product " + p.id + ".");
            }
        }
        for (Variant existing : variantsOf(p)) {
            if (sameValues(existing.optionValues, optionValues)) {
                throw new Refused(409, "option_values", "Variant " + existing.id + " already has these option values.");
            }
        }
    }

    /** A new variant from option values: it must name one value of every option and be the only one with them. */
    Variant addVariant(Product p, String sku, long[] optionValues) {
        checkNewVariant(p, sku, optionValues);
        if (p.baseVariantId != null) {
            // the first real variant replaces the simple product's base variant
            Variant base = variants.remove(p.baseVariantId);
            variantBySku.remove(key(base.sku));
            p.variantIds.remove(base.id);
            p.baseVariantId = null;
        }
        Variant v = new Variant(nextVariantId++, p.id, sku, optionValues);
        put(p, v);
        p.modified = clock.instant();
        return v;
    }

    /** Deletes a product with its variants and options ({@code DELETE /v3/catalog/products/{id}}). */
    void delete(Product p) {
        for (long variantId : List.copyOf(p.variantIds)) {
            removeVariant(p, variantId);
        }
        p.optionIds.forEach(options::remove);
        products.remove(p.id);
        productByName.remove(key(p.name));
        if (p.sku != null) {
            productBySku.remove(key(p.sku));
        }
    }

    /**
     * Deletes one variant of a product with options ({@code DELETE .../variants/{id}}). GUESS: what the store does
     * with a simple product's base variant is undocumented; the sandbox refuses it (delete the product instead).
     */
    void deleteVariant(Product p, long variantId) {
        Variant v = variants.get(variantId);
        if (v == null || v.productId != p.id) {
            throw new Refused(404, "variant_id", "Variant " + variantId + " not found");
        }
        if (Long.valueOf(variantId).equals(p.baseVariantId)) {
            throw new Refused(422, "variant_id", "The base variant of a product without options cannot be deleted.");
        }
        removeVariant(p, variantId);
        p.modified = clock.instant();
    }

    private void removeVariant(Product p, long variantId) {
        Variant v = variants.remove(variantId);
        if (v != null && !v.sku.isEmpty()) {
            variantBySku.remove(key(v.sku));
        }
        p.variantIds.remove(variantId);
    }

    static boolean sameValues(long[] a, long[] b) {
        Map<Long, Long> left = new HashMap<>();
        for (int i = 0; i < a.length; i += 2) {
            left.put(a[i], a[i + 1]);
        }
        for (int i = 0; i < b.length; i += 2) {
            if (!Long.valueOf(b[i + 1]).equals(left.get(b[i]))) {
                return false;
            }
        }
        return a.length == b.length;
    }

    Instant now() {
        return clock.instant();
    }

    private static String key(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
