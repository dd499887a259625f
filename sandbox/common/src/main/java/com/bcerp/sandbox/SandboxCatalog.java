package com.bcerp.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The products both sandboxes start with, so an order placed in the store sandbox names SKUs the back-office sandbox
 * knows. Deterministic: the same catalogue every run.
 *
 * <p>Simple products have one (base) variant; option products (a T-shirt in colours and sizes) have one variant per
 * combination, each with its own SKU. One store product is deliberately missing from the back office, to produce
 * an unknown-SKU failure on demand.
 */
public final class SandboxCatalog {

    /** A sellable SKU: a simple product's base variant or one variant of an option product. */
    public record Item(long productId, long variantId, String sku, String name, BigDecimal price, List<Option> options,
            boolean inBackOffice) {

        public boolean isVariantOfOptionProduct() {
            return !options.isEmpty();
        }
    }

    /** An option value a variant carries, e.g. Color = Red. */
    public record Option(long optionId, String name, long valueId, String value) {}

    /** Non-stock items the back office carries for charges and adjustments (see core's OrderMappingSettings). */
    public static final List<String> CHARGE_ITEMS = List.of("HANDLING", "GIFTWRAP", "ROUNDING", "NONSTOCK", "GIFTCERT",
            "FEES", "REFUND");

    private static final String[] NOUNS = {"Mug", "Notebook", "Candle", "Tote", "Poster", "Socks", "Cap", "Bottle",
        "Scarf", "Planter"};
    private static final String[] ADJECTIVES = {"Classic", "Linen", "Walnut", "Indigo", "Harbor", "Granite"};
    private static final String[] COLORS = {"RED", "BLUE", "GREEN"};
    private static final String[] SIZES = {"S", "M", "L"};

    private final List<Item> items;
    private final Map<String, Item> bySku;

    private SandboxCatalog(List<Item> items) {
        this.items = List.copyOf(items);
        this.bySku = items.stream().collect(Collectors.toMap(Item::sku, Function.identity()));
    }

    /** 30 simple products, 4 option products with 9 variants each, and one store-only product. */
    public static SandboxCatalog standard() {
        List<Item> items = new ArrayList<>();
        long variantId = 1000;
        for (int i = 0; i < 30; i++) {
            long productId = 100 + i;
            String name = ADJECTIVES[i % ADJECTIVES.length] + " " + NOUNS[i % NOUNS.length];
            BigDecimal price = new BigDecimal(5 + (i * 37 % 90)).add(new BigDecimal("0.99"));
            items.add(new Item(productId, variantId++, String.format("SKU-%04d", productId), name, price, List.of(), true));
        }
        for (int p = 0; p < 4; p++) {
            long productId = 200 + p;
            String base = "TEE-" + productId;
            BigDecimal price = new BigDecimal(18 + p * 4).add(new BigDecimal("0.50"));
            for (int c = 0; c < COLORS.length; c++) {
                for (int s = 0; s < SIZES.length; s++) {
                    List<Option> options = List.of(
                            new Option(productId * 10 + 1, "Color", 500L + c, capitalise(COLORS[c])),
                            new Option(productId * 10 + 2, "Size", 600L + s, SIZES[s]));
                    items.add(new Item(productId, variantId++, base + "-" + COLORS[c] + "-" + SIZES[s],
                            "Organic Tee " + (p + 1), price, options, true));
                }
            }
        }
        items.add(new Item(900, variantId, "SKU-STORE-ONLY", "Store-only Gift Box", new BigDecimal("24.00"),
                List.of(), false));
        return new SandboxCatalog(items);
    }

    public List<Item> items() {
        return items;
    }

    /** SKUs both sandboxes know. */
    public List<Item> sharedItems() {
        return items.stream().filter(Item::inBackOffice).toList();
    }

    public List<Item> variantItems() {
        return items.stream().filter(i -> i.inBackOffice() && i.isVariantOfOptionProduct()).toList();
    }

    public List<Item> simpleItems() {
        return items.stream().filter(i -> i.inBackOffice() && !i.isVariantOfOptionProduct()).toList();
    }

    public Item storeOnlyItem() {
        return items.stream().filter(i -> !i.inBackOffice()).findFirst().orElseThrow();
    }

    public Optional<Item> bySku(String sku) {
        return Optional.ofNullable(bySku.get(sku));
    }

    /** The item for a product (its base variant when {@code variantId} is null), if any. */
    public Optional<Item> byProduct(long productId, Long variantId) {
        return items.stream()
                .filter(i -> i.productId() == productId && (variantId == null ? isBaseOf(i) : i.variantId() == variantId))
                .findFirst();
    }

    private boolean isBaseOf(Item item) {
        return items.stream().filter(i -> i.productId() == item.productId()).findFirst().orElseThrow() == item;
    }

    private static String capitalise(String s) {
        return s.charAt(0) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
