package com.bcerp.bigcommerce;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.port.StorePriceLists;
import com.bcerp.core.pricelist.StoreCustomerGroup;
import com.bcerp.core.pricelist.StorePriceRecord;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store's price lists behind {@link StorePriceLists}, over Price Lists V3 ({@code reference/price_lists.v3.yml} in
 * github.com/bigcommerce/docs): a list found by {@code name} or created; its records read page by page with
 * {@code include=sku}; written by {@code variant_id} and currency through the batch upsert
 * ({@code PUT /v3/pricelists/{id}/records}, one request at a time: the API takes at most two at once); removed with
 * {@code DELETE /v3/pricelists/{id}/records?currency=&variant_id:in=}. Variant ids come from
 * {@code /v3/inventory/items?sku:in=}, which names a simple product's base variant too. A customer group
 * ({@code /v2/customer_groups}, {@code reference/customers.v2.yml}) gets the list as its one discount rule
 * ({@code {"type": "price_list", "price_list_id": ...}}).
 */
public final class BigCommercePriceLists implements StorePriceLists {

    /** GUESS: the spec gives no page size for records; a smaller cap still pages by total_pages. */
    private static final int RECORDS_PAGE = 1000;

    private final BigCommerceClient client;

    public BigCommercePriceLists(BigCommerceClient client) {
        this.client = client;
    }

    @Override
    public long findOrCreate(String name) {
        JsonNode found = BigCommerceClient.expect(client.get("/v3/pricelists?name=" + StoreItems.encode(name)),
                "find price list " + name, Set.of(200)).json();
        for (JsonNode list : found.path("data")) {
            if (name.equals(list.path("name").asText())) {
                return list.path("id").asLong();
            }
        }
        // sent once: a create that timed out is found by its name on the next run
        JsonNode created = BigCommerceClient.expect(client.post("/v3/pricelists", Map.of("name", name, "active", true)),
                "create price list " + name, Set.of(200)).json();
        return created.path("data").path("id").asLong();
    }

    @Override
    public List<StorePriceRecord> records(long listId) {
        List<StorePriceRecord> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode body = BigCommerceClient.expect(client.get("/v3/pricelists/" + listId + "/records?include=sku&limit="
                    + RECORDS_PAGE + "&page=" + page), "read records of price list " + listId, Set.of(200)).json();
            for (JsonNode r : body.path("data")) {
                out.add(new StorePriceRecord(r.path("variant_id").asLong(), r.path("sku").asText(""),
                        r.path("currency").asText("").toUpperCase(Locale.ROOT),
                        r.hasNonNull("price") ? r.get("price").decimalValue() : null));
            }
            if (page >= body.path("meta").path("pagination").path("total_pages").asInt(1)) {
                return out;
            }
        }
    }

    @Override
    public Map<String, Long> variantIds(Collection<String> skus) {
        Map<String, Long> out = new HashMap<>();
        for (List<String> chunk : StoreItems.chunks(new TreeSet<>(skus), StoreItems.FILTER_BATCH)) {
            JsonNode body = BigCommerceClient.expect(client.get("/v3/inventory/items?limit=1000&sku:in="
                    + StoreItems.csv(chunk)), "identify SKUs", Set.of(200)).json();
            for (JsonNode item : body.path("data")) {
                String sku = item.path("identity").path("sku").asText("");
                chunk.stream().filter(sku::equalsIgnoreCase).findFirst()
                        .ifPresent(asked -> out.put(asked, item.path("identity").path("variant_id").asLong()));
            }
        }
        return out;
    }

    @Override
    public void upsert(long listId, List<StorePriceRecord> records) {
        if (records.size() > MAX_RECORDS_PER_UPSERT) {
            throw new IllegalArgumentException(records.size() + " records in one upsert; at most " + MAX_RECORDS_PER_UPSERT);
        }
        List<Map<String, Object>> body = new ArrayList<>();
        for (StorePriceRecord r : records) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("variant_id", r.variantId());
            item.put("currency", r.currency().toLowerCase(Locale.ROOT));
            item.put("price", r.price());
            body.add(item);
        }
        String call = "upsert " + records.size() + " records of price list " + listId;
        ApiResponse response = client.put("/v3/pricelists/" + listId + "/records", body);
        if (response.status() == 422 && response.json().has("batch_errors")) {
            throw batchRefusal(response.json(), records, call);
        }
        BigCommerceClient.expect(response, call, Set.of(200));
    }

    @Override
    public void delete(long listId, String currency, List<Long> variantIds) {
        if (variantIds.size() > MAX_VARIANTS_PER_DELETE) {
            throw new IllegalArgumentException(variantIds.size() + " variants in one delete; at most " + MAX_VARIANTS_PER_DELETE);
        }
        BigCommerceClient.expect(client.delete("/v3/pricelists/" + listId + "/records?currency="
                + currency.toLowerCase(Locale.ROOT) + "&variant_id:in=" + StoreItems.csv(variantIds)),
                "delete " + variantIds.size() + " " + currency + " records of price list " + listId, Set.of(204));
    }

    @Override
    public Optional<StoreCustomerGroup> customerGroup(String name) {
        ApiResponse response = BigCommerceClient.expect(client.get("/v2/customer_groups?name=" + StoreItems.encode(name)),
                "find customer group " + name, Set.of(200, 204));
        if (response.status() == 204) {
            return Optional.empty(); // V2 collections answer 204 when nothing matches
        }
        for (JsonNode group : response.json()) {
            if (!name.equals(group.path("name").asText())) {
                continue;
            }
            Long priceList = null;
            boolean others = false;
            for (JsonNode rule : group.path("discount_rules")) {
                if ("price_list".equals(rule.path("type").asText())) {
                    priceList = rule.path("price_list_id").asLong();
                } else {
                    others = true;
                }
            }
            return Optional.of(new StoreCustomerGroup(group.path("id").asLong(), name, priceList, others));
        }
        return Optional.empty();
    }

    @Override
    public void assign(long groupId, long listId) {
        BigCommerceClient.expect(client.put("/v2/customer_groups/" + groupId, Map.of("discount_rules",
                List.of(Map.of("type", "price_list", "price_list_id", listId)))),
                "give customer group " + groupId + " price list " + listId, Set.of(200));
    }

    /** The first refused record of a batch, named by its SKU and the field the store gave. */
    private static PermanentFailure batchRefusal(JsonNode body, List<StorePriceRecord> records, String call) {
        JsonNode first = body.path("batch_errors").path(0);
        long variantId = first.path("data").path("variant_id").asLong(-1);
        String sku = records.stream().filter(r -> r.variantId() == variantId).map(StorePriceRecord::sku).findFirst()
                .orElse("variant " + variantId);
        var fields = first.path("field_errors").fields();
        if (!fields.hasNext()) {
            return new PermanentFailure("price_list_record", call + " refused: " + body);
        }
        var field = fields.next();
        return new PermanentFailure(field.getKey(), call + " refused " + sku + ": " + field.getKey() + ": "
                + field.getValue().asText());
    }
}
