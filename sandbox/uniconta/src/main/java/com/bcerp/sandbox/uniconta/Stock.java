package com.bcerp.sandbox.uniconta;

import static com.bcerp.sandbox.uniconta.Company.number;
import static com.bcerp.sandbox.uniconta.Company.refuse;
import static com.bcerp.sandbox.uniconta.Company.text;

import com.bcerp.sandbox.uniconta.UnicontaErrors.Code;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Items, variants and stock per warehouse. Storage rows are kept from what happens (a stock count, reservations by
 * open order lines, invoicing) and never written through the API. Quantities (guess, the research names the columns
 * but not their arithmetic): {@code Available = Qty - QtyReserved + QtyOrdered}, {@code AvailableForReservation =
 * Qty - QtyReserved}; an item's quantities are the sums of its storage rows.
 */
final class Stock {

    final Table items = Tables.item();
    final Table storage = Tables.storage();
    final Table standardVariants = Tables.standardVariant();
    final Table combis = Tables.standardVariantCombi();
    final List<Table> variants = List.of(Tables.variant(1), Tables.variant(2), Tables.variant(3), Tables.variant(4),
            Tables.variant(5));

    private final Company company;
    /** Warehouses the company has (no warehouse class is served: the research names none). */
    private final Set<String> warehouses = ConcurrentHashMap.newKeySet();
    /** Storage keys per item, so an item's sums do not scan every row; a key whose row is gone is skipped. */
    private final Map<String, Set<String>> storageOfItem = new ConcurrentHashMap<>();

    Stock(Company company) {
        this.company = company;
        company.add(items);
        company.add(storage);
        company.add(standardVariants);
        company.add(combis);
        variants.forEach(company::add);
    }

    void addWarehouse(String code) {
        warehouses.add(code);
    }

    // ---- items through the API ----

    ObjectNode insertItem(ObjectNode row) {
        String item = text(row, "Item");
        if (item == null) {
            throw refuse(Code.FieldCannotBeBlank, "InvItemClient.Item cannot be blank");
        }
        if (company.get(items, item).isPresent()) {
            throw refuse(Code.KeyExists, "Item " + item + " exists already");
        }
        checkItem(row);
        ObjectNode stored = company.put(items, row);
        company.changed(items, stored, "Insert");
        return stored;
    }

    ObjectNode updateItem(ObjectNode sent, boolean withUserFields) {
        String item = text(sent, "Item");
        ObjectNode stored = company.get(items, item == null ? "" : item)
                .orElseThrow(() -> refuse(Code.CouldNotFind, "No InvItemClient with Item " + item));
        ObjectNode row = items.replace(stored, sent, withUserFields);
        checkItem(row);
        ObjectNode saved = company.put(items, row);
        company.changed(items, saved, "Update");
        return saved;
    }

    void deleteItem(ObjectNode keys) {
        String item = text(keys, "Item");
        ObjectNode stored = company.get(items, item == null ? "" : item)
                .orElseThrow(() -> refuse(Code.CouldNotFind, "No InvItemClient with Item " + item));
        // guess: Uniconta refuses to delete an item that still has stock or reservations
        if (storageRows(item).stream().anyMatch(s -> number(s, "Qty") != 0 || number(s, "QtyReserved") != 0)) {
            throw refuse(Code.NoSucces, "Item " + item + " has stock or reservations and cannot be deleted");
        }
        company.remove(items, item);
        company.changed(items, stored, "Delete");
    }

    private void checkItem(ObjectNode row) {
        String standard = text(row, "StandardVariant");
        if (standard != null && company.get(standardVariants, standard).isEmpty()) {
            throw refuse(Code.CouldNotFind, "No standard variant " + standard);
        }
        if (row.path("UseVariants").asBoolean() && standard == null) {
            throw refuse(Code.FieldCannotBeBlank, "An item that uses variants needs a StandardVariant");
        }
        String warehouse = text(row, "Warehouse");
        if (warehouse != null && !warehouses.contains(warehouse)) {
            throw refuse(Code.CouldNotFind, "No warehouse " + warehouse);
        }
    }

    // ---- what an order line may name ----

    /**
     * The item an order line sells, checked with its variant codes: an item that uses variants takes a combination its
     * standard variant allows (none at all unless the item's variant is mandatory); any other item takes none.
     */
    ObjectNode sellable(String item, List<String> codes) {
        ObjectNode row = company.get(items, item)
                .orElseThrow(() -> refuse(Code.CouldNotFind, "No InvItemClient with Item " + item));
        if (row.path("Blocked").asBoolean()) {
            throw refuse(Code.NoSucces, "Item " + item + " is blocked");
        }
        boolean any = codes.stream().anyMatch(c -> c != null);
        if (!row.path("UseVariants").asBoolean()) {
            if (any) {
                throw refuse(Code.NoSucces, "Item " + item + " does not use variants");
            }
            return row;
        }
        if (!any) {
            if (row.path("MandatoryVariant").asBoolean()) {
                throw refuse(Code.FieldCannotBeBlank, "Item " + item + " needs a variant");
            }
            return row;
        }
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            if (code != null && company.get(variants.get(i), code).isEmpty()) {
                throw refuse(Code.CouldNotFind, "No Variant" + (i + 1) + " " + code);
            }
        }
        ObjectNode combination = Table.NODES.objectNode();
        combination.put("StandardVariant", text(row, "StandardVariant"));
        for (int i = 0; i < codes.size(); i++) {
            combination.put(Tables.VARIANT_FIELDS.get(i), codes.get(i));
        }
        if (company.get(combis, combis.keyOf(combination)).isEmpty()) {
            throw refuse(Code.CouldNotFind, "Item " + item + " has no variant " + String.join("/",
                    codes.stream().map(c -> c == null ? "" : c).toList()));
        }
        return row;
    }

    void checkWarehouse(String warehouse) {
        if (warehouse != null && !warehouses.contains(warehouse)) {
            throw refuse(Code.CouldNotFind, "No warehouse " + warehouse);
        }
    }

    // ---- storage ----

    /** The storage row a quantity of an item lives in. */
    record Place(String item, List<String> variants, String warehouse, String location) {
        ObjectNode keys() {
            ObjectNode k = Table.NODES.objectNode();
            k.put("Item", item);
            for (int i = 0; i < 5; i++) {
                k.put(Tables.VARIANT_FIELDS.get(i), i < variants.size() ? variants.get(i) : null);
            }
            k.put("Warehouse", warehouse);
            k.put("Location", location);
            return k;
        }
    }

    /** Changes a storage row by these amounts (creating it when new) and notifies InvItemStorage. */
    void adjust(Place place, double qty, double reserved, double ordered) {
        if (qty == 0 && reserved == 0 && ordered == 0) {
            return;
        }
        ObjectNode keys = place.keys();
        String key = storage.keyOf(keys);
        ObjectNode row = company.get(storage, key).orElse(null);
        boolean isNew = row == null;
        if (isNew) {
            row = keys;
            company.get(items, place.item()).ifPresent(i -> keys.put("ItemName", text(i, "Name")));
        }
        row.put("Qty", number(row, "Qty") + qty);
        row.put("QtyReserved", number(row, "QtyReserved") + reserved);
        row.put("QtyOrdered", number(row, "QtyOrdered") + ordered);
        store(row, isNew);
    }

    /** Sets a storage row's quantity on hand (a stock count) and, when given, its quantity on purchase orders. */
    void count(Place place, double qty, Double ordered) {
        ObjectNode keys = place.keys();
        ObjectNode row = company.get(storage, storage.keyOf(keys)).orElse(null);
        boolean isNew = row == null;
        if (isNew) {
            row = keys;
            company.get(items, place.item()).ifPresent(i -> keys.put("ItemName", text(i, "Name")));
        }
        row.put("Qty", qty);
        if (ordered != null) {
            row.put("QtyOrdered", ordered);
        }
        store(row, isNew);
    }

    private void store(ObjectNode row, boolean isNew) {
        double qty = number(row, "Qty");
        double reserved = number(row, "QtyReserved");
        row.put("Available", qty - reserved + number(row, "QtyOrdered"));
        row.put("AvailableForReservation", qty - reserved);
        ObjectNode saved = company.put(storage, row);
        String item = text(row, "Item");
        storageOfItem.computeIfAbsent(item, i -> ConcurrentHashMap.newKeySet()).add(storage.keyOf(row));
        company.changed(storage, saved, isNew ? "Insert" : "Update");
        company.get(items, item).ifPresent(this::sumInto);
    }

    /** An item's quantities: the sums of its storage rows (a derived write, not notified as an item change). */
    private void sumInto(ObjectNode item) {
        double[] sums = new double[5];
        for (ObjectNode s : storageRows(text(item, "Item"))) {
            sums[0] += number(s, "Qty");
            sums[1] += number(s, "QtyReserved");
            sums[2] += number(s, "QtyOrdered");
            sums[3] += number(s, "Available");
            sums[4] += number(s, "AvailableForReservation");
        }
        item.put("QtyOnStock", sums[0]);
        item.put("QtyReserved", sums[1]);
        item.put("QtyOrdered", sums[2]);
        item.put("Available", sums[3]);
        item.put("AvailableForReservation", sums[4]);
        company.put(items, item);
    }

    /** Marks a stock movement on the item (invoicing). */
    void moved(String item) {
        company.get(items, item).ifPresent(i -> {
            i.put("LastMovement", Table.WIRE_TIME.format(company.today().atStartOfDay()));
            company.put(items, i);
        });
    }

    List<ObjectNode> storageRows(String item) {
        List<ObjectNode> rows = new ArrayList<>();
        for (String key : storageOfItem.getOrDefault(item, Set.of())) {
            company.get(storage, key).ifPresent(rows::add);
        }
        return rows;
    }

    /** The item row, if any (no checks). */
    java.util.Optional<ObjectNode> item(String item) {
        return company.get(items, item);
    }

    static List<String> variantsOf(JsonNode row) {
        List<String> codes = new ArrayList<>(5);
        Tables.VARIANT_FIELDS.forEach(f -> codes.add(text(row, f)));
        return codes;
    }
}
