package com.bcerp.uniconta;

import static com.bcerp.uniconta.UnicontaCustomers.text;

import com.bcerp.core.catalog.CatalogField;
import com.bcerp.core.catalog.CatalogProduct;
import com.bcerp.core.catalog.CatalogVariant;
import com.bcerp.core.catalog.ProductFields;
import com.bcerp.core.catalog.VariantFields;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.CatalogSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Uniconta's items ({@code InvItemClient}, erp-apis.md §10.2.2) behind {@link CatalogSource}: name {@code Name}, price
 * the configured {@code SalesPrice1..3} ({@link UnicontaSettings#salesPrice()}), cost {@code CostPrice}, weight
 * {@code Weight}. Uniconta keeps no long description and no sale price on an item, so the store's stay as they are
 * ({@link #fieldsNotKept()}; the sale price null).
 *
 * <p>Variants (§2.2): an item with {@code UseVariants} becomes a product with options, one variant per combination its
 * {@code StandardVariant} allows ({@code InvStandardVariantCombiClient}), with the SKU the orders and stock use (item
 * and codes joined by the separator, {@link UnicontaItems#sku}); option names are the configured names of the
 * dimensions ({@code Variant1..5}), values the dimension rows' {@code Name} ({@code InvVariant1Client..5}, by
 * {@code Number}; both property names are the sandbox's guesses). Every variant has its item's price, cost and weight:
 * variant prices ({@code InvVariantDetailClient}) are not in the research. Synced are stock items ({@code UseStorage};
 * Uniconta has no "for the web shop" flag, and the non-stock items are the charge lines orders post on) that are
 * neither {@code Blocked} nor {@code HideInSales}; warehouses for item sync enforcement are those of its storage rows
 * ({@code InvItemStorageClient}).
 *
 * <p>Changes: Uniconta's items carry no modification time ({@code LastMovement} is a stock movement's, §10.2.3), so
 * every run reads every item ({@link #tellsChanges()} false) and core compares each product with the store's, writing
 * only what differs. Items are read in OData pages ordered by {@code Item}, each after the last of the one before, with
 * the page's storage rows (one read for the page's item range); dimension values and combinations are read once a
 * run. Calls per run: {@code 2 * ceil(items / PAGE) + 1} plus one per dimension and standard variant in use.
 */
final class UnicontaCatalog implements CatalogSource {

    static final int PAGE = 500;
    private static final String ITEM = "InvItemClient";
    private static final String STORAGE = "InvItemStorageClient";
    private static final String COMBINATIONS = "InvStandardVariantCombiClient";

    private final UnicontaSettings settings;
    private final UnicontaApi api;
    private final UnicontaItems items;
    private final int pageSize;

    UnicontaCatalog(UnicontaSettings settings, UnicontaApi api, UnicontaItems items, int pageSize) {
        this.settings = settings;
        this.api = api;
        this.items = items;
        this.pageSize = pageSize;
    }

    @Override
    public boolean tellsChanges() {
        return false;
    }

    @Override
    public Set<CatalogField> fieldsNotKept() {
        return Set.of(CatalogField.DESCRIPTION);
    }

    /** Every item whatever {@code since} says (see the class comment); no change time to return. */
    @Override
    public Optional<Instant> forEachProduct(Optional<Instant> since, Consumer<List<CatalogProduct>> consumer) {
        Run run = new Run();
        String after = null;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            if (after != null) {
                query.put("$filter", "Item gt " + UnicontaApi.literal(after));
            }
            query.put("$orderby", "Item asc");
            query.put("$top", Integer.toString(pageSize));
            ArrayNode rows = api.odata(ITEM, query, "items");
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            after = text(rows.get(rows.size() - 1), "Item");
            Map<String, List<JsonNode>> storage = storage(text(rows.get(0), "Item"), after);
            List<CatalogProduct> products = new ArrayList<>();
            for (JsonNode item : rows) {
                if (item.path("UseStorage").asBoolean(false)) {
                    products.add(product(item, storage.getOrDefault(text(item, "Item"), List.of()), run));
                }
            }
            if (!products.isEmpty()) {
                consumer.accept(products);
            }
            if (rows.size() < pageSize) {
                return Optional.empty();
            }
        }
    }

    /** The storage rows of the items from {@code first} to {@code last}, by item. */
    private Map<String, List<JsonNode>> storage(String first, String last) {
        Map<String, List<JsonNode>> byItem = new HashMap<>();
        api.odata(STORAGE, UnicontaApi.filter("Item ge " + UnicontaApi.literal(first) + " and Item le "
                + UnicontaApi.literal(last)), "stock rows").forEach(r ->
                        byItem.computeIfAbsent(text(r, "Item"), k -> new ArrayList<>()).add(r));
        return byItem;
    }

    /** What one run has read of the variant set-up. */
    private final class Run {
        private final Map<Integer, Map<String, String>> valueNames = new HashMap<>();
        private final Map<String, List<List<String>>> combinations = new HashMap<>();

        /** The dimension's value names by code ({@code InvVariant<n>Client}). */
        Map<String, String> valueNames(int dimension) {
            return valueNames.computeIfAbsent(dimension, d -> {
                Map<String, String> names = new HashMap<>();
                api.read("InvVariant" + d + "Client", null, null, "variant values " + d)
                        .forEach(r -> names.put(text(r, "Number"), text(r, "Name")));
                return names;
            });
        }

        /** The combinations a standard variant allows, each as its codes. */
        List<List<String>> combinations(String standardVariant) {
            return combinations.computeIfAbsent(standardVariant, s -> {
                List<List<String>> out = new ArrayList<>();
                api.read(COMBINATIONS, "StandardVariant", s, "standard variant " + s)
                        .forEach(r -> out.add(UnicontaItems.variantsOf(r)));
                return out;
            });
        }
    }

    private CatalogProduct product(JsonNode item, List<JsonNode> storage, Run run) {
        return product(item, storage, settings, items::sku, run::valueNames,
                s -> s == null ? List.of() : run.combinations(s));
    }

    /**
     * One item as a product: simple, or with its standard variant's combinations as variants. The look-ups are passed
     * in so the mapping is tested without a server.
     */
    static CatalogProduct product(JsonNode item, List<JsonNode> storage, UnicontaSettings settings,
            java.util.function.BiFunction<String, List<String>, String> skuOf,
            java.util.function.IntFunction<Map<String, String>> valueNames,
            java.util.function.Function<String, List<List<String>>> combinations) {
        String number = text(item, "Item");
        String currency = settings.baseCurrency();
        Money price = money(item, settings.salesPriceField(), currency);
        Money cost = money(item, "CostPrice", currency);
        BigDecimal weight = decimal(item, "Weight");
        boolean ecommerce = !item.path("Blocked").asBoolean(false) && !item.path("HideInSales").asBoolean(false);
        ProductFields fields = new ProductFields(orEmpty(text(item, "Name")), null, price, cost, null, weight);
        if (!item.path("UseVariants").asBoolean(false)) {
            return new CatalogProduct(number, fields, ecommerce, warehouses(storage, List.of()), List.of(), List.of());
        }
        List<List<String>> allowed = combinations.apply(text(item, "StandardVariant"));
        int dimensions = allowed.stream().mapToInt(List::size).max().orElse(0);
        List<String> problems = new ArrayList<>();
        if (dimensions > settings.variantNames().size()) {
            problems.add("item " + number + " StandardVariant " + text(item, "StandardVariant") + ": its combinations use "
                    + "Variant" + dimensions + ", but only " + settings.variantNames().size() + " variant names are "
                    + "configured (variant_names: " + String.join(",", settings.variantNames()) + ")");
        }
        if (allowed.isEmpty()) {
            problems.add("item " + number + " UseVariants: its StandardVariant " + text(item, "StandardVariant")
                    + " allows no combination");
        }
        List<String> options = settings.variantNames().subList(0, Math.min(dimensions, settings.variantNames().size()));
        List<CatalogVariant> variants = new ArrayList<>();
        for (List<String> codes : problems.isEmpty() ? allowed : List.<List<String>>of()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i);
                if (!code.isEmpty()) {
                    values.put(options.get(i), Optional.ofNullable(valueNames.apply(i + 1).get(code)).orElse(code));
                }
            }
            variants.add(new CatalogVariant(skuOf.apply(number, codes), values,
                    new VariantFields(price, cost, null, weight), ecommerce, warehouses(storage, codes)));
        }
        return new CatalogProduct(number, fields, ecommerce, Set.of(), options, variants,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** The warehouses of the storage rows of these variant codes (none for an item without variants). */
    private static Set<String> warehouses(List<JsonNode> storage, List<String> codes) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode row : storage) {
            String warehouse = text(row, "Warehouse");
            if (warehouse != null && UnicontaItems.variantsOf(row).equals(codes)) {
                ids.add(warehouse);
            }
        }
        return ids;
    }

    private static Money money(JsonNode row, String field, String currency) {
        BigDecimal amount = decimal(row, field);
        return amount == null ? Money.zero(currency) : new Money(amount, currency);
    }

    private static BigDecimal decimal(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || !v.isNumber() ? null : v.decimalValue();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
