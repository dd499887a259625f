package com.bcerp.acumatica;

import com.bcerp.core.catalog.CatalogProduct;
import com.bcerp.core.catalog.CatalogVariant;
import com.bcerp.core.catalog.ProductFields;
import com.bcerp.core.catalog.VariantFields;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.CatalogSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Acumatica's products behind {@link CatalogSource}: stock items (IN202500) become simple products, template items
 * (IN203000) products with variants, their matrix items (stock items carrying {@code TemplateItemID}) the variants.
 * Name from {@code Description}, description from {@code Content}, price {@code DefaultPrice}, cost the valuation
 * method's ({@code CurrentStdCost} for standard cost, otherwise {@code AverageCost}), weight {@code DimensionWeight},
 * the sale price from an item attribute. A template's attributes are its variants' options (named by the attribute's
 * description); each matrix item's values of them are its option values (their value descriptions).
 *
 * <p>Changes: stock items, item-warehouse records and template items modified after the cursor; a changed matrix item
 * brings its whole template.
 */
public final class AcumaticaCatalog implements CatalogSource {

    static final int PAGE = 200;
    private static final String ITEM_FIELDS_EXPAND = "Attributes,WarehouseDetails";

    private final AcumaticaApi api;
    private final String currency;
    private final String salePriceAttribute;

    /**
     * @param currency           the company's base currency, which item prices are in
     * @param salePriceAttribute the item attribute holding the sale price
     */
    public AcumaticaCatalog(AcumaticaConnection connection, String currency, String salePriceAttribute) {
        this.api = connection.api();
        this.currency = currency;
        this.salePriceAttribute = salePriceAttribute;
    }

    @Override
    public Optional<Instant> forEachProduct(Optional<Instant> since, Consumer<List<CatalogProduct>> consumer) {
        java.util.concurrent.atomic.AtomicReference<Optional<Instant>> newest =
                new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
        Set<String> templates = new TreeSet<>();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$expand", ITEM_FIELDS_EXPAND);
        since.ifPresent(s -> query.put("$filter", OData.after("LastModifiedDateTime", s)));
        Records.forEachPage(api, "StockItem", query, PAGE, page -> {
            List<CatalogProduct> products = new ArrayList<>();
            for (JsonNode item : page) {
                newest.set(Records.newest(newest.get(), Records.instant(item, "LastModifiedDateTime")));
                sort(item, products, templates);
            }
            consumer.accept(products);
        });
        if (since.isPresent()) {
            // a new warehouse record can make an item entitled to the store's locations
            Set<String> items = new TreeSet<>();
            Records.forEachPage(api, "ItemWarehouse", Map.of("$select", "InventoryID,LastModifiedDateTime",
                    "$filter", OData.after("LastModifiedDateTime", since.get())), Records.PAGE, page -> page.forEach(r -> {
                        items.add(Records.text(r, "InventoryID"));
                        newest.set(Records.newest(newest.get(), Records.instant(r, "LastModifiedDateTime")));
                    }));
            List<String> ids = List.copyOf(items);
            for (int i = 0; i < ids.size(); i += AcumaticaInventory.IDS_PER_FILTER) {
                List<CatalogProduct> products = new ArrayList<>();
                Records.forEachPage(api, "StockItem", Map.of("$expand", ITEM_FIELDS_EXPAND, "$filter",
                        OData.anyOf("InventoryID", ids.subList(i, Math.min(ids.size(), i + AcumaticaInventory.IDS_PER_FILTER)))),
                        PAGE, page -> page.forEach(item -> sort(item, products, templates)));
                consumer.accept(products);
            }
        }
        Map<String, String> templateQuery = new LinkedHashMap<>();
        templateQuery.put("$select", "InventoryID,LastModifiedDateTime");
        since.ifPresent(s -> templateQuery.put("$filter", OData.after("LastModifiedDateTime", s)));
        Records.forEachPage(api, "TemplateItems", templateQuery, Records.PAGE, page -> page.forEach(t -> {
            templates.add(Records.text(t, "InventoryID"));
            newest.set(Records.newest(newest.get(), Records.instant(t, "LastModifiedDateTime")));
        }));
        List<CatalogProduct> batch = new ArrayList<>();
        for (String id : templates) {
            template(id).ifPresent(batch::add);
            if (batch.size() == 20) {
                consumer.accept(List.copyOf(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
        return newest.get();
    }

    /** A matrix item stands for its template (read whole later); any other stock item is a simple product. */
    private void sort(JsonNode item, List<CatalogProduct> products, Set<String> templates) {
        String template = Records.text(item, "TemplateItemID");
        if (template != null) {
            templates.add(template);
        } else {
            products.add(simple(item));
        }
    }

    private CatalogProduct simple(JsonNode item) {
        String id = Records.text(item, "InventoryID");
        List<String> problems = new ArrayList<>();
        ProductFields fields = new ProductFields(orEmpty(Records.text(item, "Description")),
                Records.text(item, "Content"), money(Records.decimal(item, "DefaultPrice")), money(cost(item)),
                salePrice(item, problems), Records.decimal(item, "DimensionWeight"));
        return new CatalogProduct(id, fields, ecommerce(item), warehouses(item), List.of(), List.of(), problem(problems));
    }

    /** A template with its attributes as options and its matrix items as variants; empty when it was deleted since. */
    private Optional<CatalogProduct> template(String id) {
        Optional<JsonNode> found = Records.record(api.get("TemplateItems/" + OData.key(id), Map.of("$expand", "Attributes")),
                "template item " + id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode template = found.get();
        Map<String, String> options = new LinkedHashMap<>(); // attribute id to option name
        template.path("Attributes").forEach(a -> options.put(Records.text(a, "AttributeID"),
                Optional.ofNullable(Records.text(a, "AttributeDescription")).orElse(Records.text(a, "AttributeID"))));
        List<CatalogVariant> variants = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Records.forEachPage(api, "StockItem", Map.of("$expand", ITEM_FIELDS_EXPAND, "$filter",
                OData.eq("TemplateItemID", id)), PAGE, page -> page.forEach(item -> {
                    Map<String, String> values = new LinkedHashMap<>();
                    Map<String, JsonNode> attributes = attributes(item);
                    options.forEach((attribute, name) -> {
                        JsonNode a = attributes.get(attribute);
                        String label = a == null ? null
                                : Optional.ofNullable(Records.text(a, "ValueDescription")).orElse(Records.text(a, "Value"));
                        if (label != null) {
                            values.put(name, label);
                        }
                    });
                    variants.add(new CatalogVariant(Records.text(item, "InventoryID"), values, new VariantFields(
                            money(Records.decimal(item, "DefaultPrice")), money(cost(item)), salePrice(item, problems),
                            Records.decimal(item, "DimensionWeight")), ecommerce(item), warehouses(item)));
                }));
        ProductFields fields = new ProductFields(orEmpty(Records.text(template, "Description")),
                Records.text(template, "Content"), money(Records.decimal(template, "DefaultPrice")),
                money(Records.decimal(template, "CurrentStdCost")), null, Records.decimal(template, "DimensionWeight"));
        return Optional.of(new CatalogProduct(id, fields, ecommerce(template), Set.of(), List.copyOf(options.values()),
                variants, problem(problems)));
    }

    private static BigDecimal cost(JsonNode item) {
        return "Standard".equalsIgnoreCase(Records.text(item, "ValuationMethod"))
                ? Records.decimal(item, "CurrentStdCost") : Records.decimal(item, "AverageCost");
    }

    /** The sale price attribute: absent, not managed (null); empty, cleared (0); otherwise the price. */
    private Money salePrice(JsonNode item, List<String> problems) {
        JsonNode attribute = attributes(item).get(salePriceAttribute);
        if (attribute == null) {
            return null;
        }
        String value = Records.text(attribute, "Value");
        if (value == null || value.isBlank()) {
            return Money.zero(currency);
        }
        try {
            BigDecimal price = new BigDecimal(value.trim());
            if (price.signum() >= 0) {
                return new Money(price, currency);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add("stock item " + Records.text(item, "InventoryID") + " Attributes." + salePriceAttribute + ": '"
                + value + "' is not a sale price (a number of 0 or more)");
        return null;
    }

    private static Map<String, JsonNode> attributes(JsonNode item) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        item.path("Attributes").forEach(a -> byId.put(Records.text(a, "AttributeID"), a));
        return byId;
    }

    private static boolean ecommerce(JsonNode record) {
        return "Active".equalsIgnoreCase(Records.text(record, "ItemStatus")) && Records.flag(record, "ExportToExternal");
    }

    private static Set<String> warehouses(JsonNode item) {
        Set<String> ids = new LinkedHashSet<>();
        item.path("WarehouseDetails").forEach(w -> ids.add(Records.text(w, "WarehouseID")));
        return ids;
    }

    private Money money(BigDecimal amount) {
        return amount == null ? Money.zero(currency) : new Money(amount, currency);
    }

    private static String problem(List<String> problems) {
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
