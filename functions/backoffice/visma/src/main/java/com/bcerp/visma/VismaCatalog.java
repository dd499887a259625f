package com.bcerp.visma;

import static com.bcerp.visma.VismaDto.read;

import com.bcerp.core.catalog.CatalogProduct;
import com.bcerp.core.catalog.ProductFields;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.CatalogSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Visma.net ERP's inventory items behind {@link CatalogSource}, from {@code GET /v1/inventory} (erp-apis.md §10.1.6)
 * with {@code lastModifiedDateTime} and the {@code >} condition after the cursor, in pages of {@link #PAGE}
 * ({@code pageNumber} from 1). Name from {@code description}, description from {@code body}, price
 * {@code defaultPrice}, cost {@code currentCost} (the standard cost) or, where it is 0, the average cost of
 * {@code costPriceStatistics} (asked for with {@code addCostPriceStatistics}; which one a company's valuation uses is
 * not in the DTO, so this order is a guess), weight {@code packaging.baseItemWeight}, the sale price from an item
 * attribute ({@code expandAttribute}), as for Acumatica. The item's {@code priceClassID} is not a price: it groups
 * items for {@code customerSalesPrice} rows (price lists), which this does not read.
 *
 * <p>Variants: the Service API has no matrix or variant items (the file names none), so every item is a product of its
 * own, a store variant's SKU included. Synced are stock items with status {@code Active} (Visma has no "for the web
 * shop" flag; non-stock items are the charge lines orders post on); warehouses for item sync enforcement are its
 * {@code warehouseDetails}. Whether a new warehouse detail moves the item's {@code lastModifiedDateTime} is
 * UNCONFIRMED: the full pass ({@code catalog.full_reconcile_hours}) catches one that does not.
 */
final class VismaCatalog implements CatalogSource {

    /** The file's maximum for inventory ("MaxPageSize will be set to 5000"); items are small, so a tenth of it. */
    static final int PAGE = 500;
    /** GUESS (§10.5): times in UTC; sent without an offset, which the API reads as UTC (as the stock read does). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final String EXPAND = "expandWarehouseDetail=true&expandAttribute=true&addCostPriceStatistics=true";

    private final VismaApi api;
    private final String currency;
    private final String salePriceAttribute;
    private final int pageSize;

    /**
     * @param currency           the company's base currency, which item prices are in
     * @param salePriceAttribute the item attribute holding the sale price
     */
    VismaCatalog(VismaApi api, String currency, String salePriceAttribute, int pageSize) {
        this.api = api;
        this.currency = currency;
        this.salePriceAttribute = salePriceAttribute;
        this.pageSize = pageSize;
    }

    @Override
    public Optional<Instant> forEachProduct(Optional<Instant> since, Consumer<List<CatalogProduct>> consumer) {
        String query = EXPAND + since.map(s -> "&lastModifiedDateTime=" + VismaApi.encode(TIME.format(s))
                + "&lastModifiedDateTimeCondition=" + VismaApi.encode(">")).orElse("");
        Instant newest = null;
        for (int n = 1; ; n++) {
            ArrayNode rows = api.page("/v1/inventory", query, n, pageSize, "inventory items");
            List<CatalogProduct> products = new ArrayList<>();
            for (JsonNode item : rows) {
                Instant changed = VismaInventory.time(read(item, "lastModifiedDateTime"));
                if (changed != null && (newest == null || changed.isAfter(newest))) {
                    newest = changed;
                }
                products.add(product(item, currency, salePriceAttribute));
            }
            if (!products.isEmpty()) {
                consumer.accept(products);
            }
            if (rows.size() < pageSize) {
                return Optional.ofNullable(newest);
            }
        }
    }

    /** One inventory item as a product without variants. */
    static CatalogProduct product(JsonNode item, String currency, String salePriceAttribute) {
        String number = read(item, "inventoryNumber");
        List<String> problems = new ArrayList<>();
        ProductFields fields = new ProductFields(orEmpty(read(item, "description")), read(item, "body"),
                money(item.get("defaultPrice"), currency), money(cost(item), currency),
                salePrice(item, number, currency, salePriceAttribute, problems), weight(item));
        boolean ecommerce = item.path("stockItem").asBoolean(false) && "Active".equals(read(item, "status"));
        return new CatalogProduct(number, fields, ecommerce, warehouses(item), List.of(), List.of(),
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static JsonNode cost(JsonNode item) {
        JsonNode current = item.get("currentCost");
        if (current != null && current.isNumber() && current.decimalValue().signum() != 0) {
            return current;
        }
        return item.path("costPriceStatistics").get("averageCost");
    }

    private static BigDecimal weight(JsonNode item) {
        JsonNode w = item.path("packaging").get("baseItemWeight");
        return w == null || !w.isNumber() ? null : w.decimalValue();
    }

    /** The sale price attribute: absent, not managed (null); empty, cleared (0); otherwise the price. */
    private static Money salePrice(JsonNode item, String number, String currency, String attribute,
            List<String> problems) {
        for (JsonNode a : item.path("attributes")) {
            if (!attribute.equals(read(a, "id"))) {
                continue;
            }
            String value = read(a, "value");
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
            problems.add("inventory item " + number + " attributes." + attribute + ": '" + value
                    + "' is not a sale price (a number of 0 or more)");
            return null;
        }
        return null;
    }

    private static Set<String> warehouses(JsonNode item) {
        Set<String> ids = new LinkedHashSet<>();
        item.path("warehouseDetails").forEach(w -> {
            String id = read(w, "warehouse");
            if (id != null) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static Money money(JsonNode amount, String currency) {
        return amount == null || !amount.isNumber() ? Money.zero(currency) : new Money(amount.decimalValue(), currency);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
