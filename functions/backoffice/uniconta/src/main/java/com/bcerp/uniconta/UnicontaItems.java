package com.bcerp.uniconta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store SKU as a Uniconta item: an item of that number, or an item with variants ({@code UseVariants}) followed by
 * up to five variant codes, joined by the separator ({@code TEE-200-RED-M}: item TEE-200, Variant1 RED, Variant2 M).
 * Guess: Uniconta's variant combinations carry no SKU of their own that the API exposes (InvVariantDetailClient is
 * not in the research), so the SKU is read as item number and codes. Items found are kept (bounded): they change
 * rarely and each look-up is a call against the day's allowance.
 */
final class UnicontaItems {

    static final int MAX_VARIANTS = 5;
    private static final int KEPT = 100_000;

    /** An item of Uniconta's and the variant codes a SKU names (empty for an item without variants). */
    record Resolved(String item, List<String> variants, boolean useStorage) {}

    private final UnicontaApi api;
    private final String separator;
    private final Map<String, Resolved> known = new ConcurrentHashMap<>();

    UnicontaItems(UnicontaApi api, String separator) {
        this.api = api;
        this.separator = separator;
    }

    /** The item a SKU sells, or empty when Uniconta has no item for it. */
    Optional<Resolved> resolve(String sku) {
        Resolved cached = known.get(sku);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<JsonNode> exact = item(sku);
        Resolved found = null;
        if (exact.isPresent()) {
            found = new Resolved(sku, List.of(), exact.get().path("UseStorage").asBoolean(false));
        } else {
            String[] parts = sku.split(java.util.regex.Pattern.quote(separator), -1);
            for (int codes = 1; codes <= Math.min(MAX_VARIANTS, parts.length - 1) && found == null; codes++) {
                String candidate = String.join(separator, Arrays.copyOfRange(parts, 0, parts.length - codes));
                Optional<JsonNode> row = item(candidate);
                if (row.isPresent() && row.get().path("UseVariants").asBoolean(false)) {
                    found = new Resolved(candidate, List.of(Arrays.copyOfRange(parts, parts.length - codes, parts.length)),
                            row.get().path("UseStorage").asBoolean(false));
                }
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        keep(sku, found);
        return Optional.of(found);
    }

    /** What a stock row says about a SKU, so the stock reads after a scan look nothing up again. */
    void remember(String sku, String item, List<String> variants) {
        if (!known.containsKey(sku)) {
            keep(sku, new Resolved(item, variants, true));
        }
    }

    private void keep(String sku, Resolved resolved) {
        if (known.size() >= KEPT) {
            known.clear();
        }
        known.put(sku, resolved);
    }

    /** The store SKU of an item and its variant codes, as {@link #resolve} reads it. */
    String sku(String item, List<String> variants) {
        List<String> parts = new ArrayList<>();
        parts.add(item);
        variants.stream().filter(v -> v != null && !v.isEmpty()).forEach(parts::add);
        return String.join(separator, parts);
    }

    /** Variant1..5 of a row, in order, up to the last one set. */
    static List<String> variantsOf(JsonNode row) {
        List<String> codes = new ArrayList<>();
        for (int i = 1; i <= MAX_VARIANTS; i++) {
            String code = row.path("Variant" + i).asText("");
            codes.add(code);
        }
        int last = codes.size();
        while (last > 0 && codes.get(last - 1).isEmpty()) {
            last--;
        }
        return List.copyOf(codes.subList(0, last));
    }

    private Optional<JsonNode> item(String number) {
        ArrayNode rows = api.read("InvItemClient", "Item", number, "item " + number);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
