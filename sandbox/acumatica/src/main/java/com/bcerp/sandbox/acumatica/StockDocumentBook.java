package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The inventory documents that move stock, as the warehouse's users enter and release them: receipts (IN301000),
 * issues (IN302000), adjustments (IN303000, physical counts among them), transfers (IN304000) and kit assemblies
 * (IN307000). In Acumatica an
 * item's quantities change only through documents like these (and sales orders and shipments); releasing one moves
 * the quantities of its lines' items and warehouses and is the document's last change, so its
 * {@code LastModifiedDateTime} is at or after the movement.
 *
 * <p>Simplifications: documents are entered already released (Status Released, Hold false), one location per
 * warehouse, quantities in the base unit; a receipt or issue moves on hand, available and available for shipment
 * alike; negative quantities are allowed (as an item class with Allow Negative Quantity does).
 */
final class StockDocumentBook {

    /** One document type: its entity, its number's prefix, and the sign of its lines' quantities. */
    enum Type {
        RECEIPT("InventoryReceipt", "IR%2$06d", 1),
        ISSUE("InventoryIssue", "II%2$06d", -1),
        ADJUSTMENT("InventoryAdjustment", "IA%2$06d", 1),
        TRANSFER("TransferOrder", "IT%2$06d", -1),
        KIT_ASSEMBLY("KitAssembly", "KA%2$06d", 1);

        final Shape shape;
        final NumberSequence numbers;
        final int sign;

        Type(String entity, String numbers, int sign) {
            this.shape = EntityShapes.get(entity);
            this.numbers = NumberSequence.of(numbers);
            this.sign = sign;
        }
    }

    private final Clock clock;
    private final ItemBook items;
    private final Map<Type, EntityBook<ObjectNode>> books = new java.util.EnumMap<>(Type.class);

    StockDocumentBook(ReentrantLock lock, Clock clock, ItemBook items) {
        this.clock = clock;
        this.items = items;
        for (Type type : Type.values()) {
            books.put(type, new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN,
                    d -> Values.text(d, "ReferenceNbr").orElseThrow(), Values::copy));
        }
    }

    /**
     * A released document of {@code lines} (item to quantity; an adjustment's may be negative) in {@code warehouse}
     * (a transfer's source; {@code toWarehouse} its destination, else null). Returns its ReferenceNbr.
     */
    String release(Type type, String warehouse, String toWarehouse, Map<String, BigDecimal> lines, String description) {
        if (type == Type.KIT_ASSEMBLY) {
            throw new IllegalArgumentException("a kit assembly's lines come from its kit specification: use assemble");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a " + type.shape.name() + " needs at least one line");
        }
        if ((type == Type.TRANSFER) != (toWarehouse != null)) {
            throw new IllegalArgumentException("only a transfer, and every transfer, has a destination warehouse");
        }
        EntityBook<ObjectNode> book = books.get(type);
        String nbr = book.nextFree(type.numbers, "", n -> n);
        for (Map.Entry<String, BigDecimal> line : lines.entrySet()) {
            BigDecimal moved = line.getValue().multiply(BigDecimal.valueOf(type.sign));
            items.move(line.getKey(), warehouse, moved);
            if (toWarehouse != null) {
                items.move(line.getKey(), toWarehouse, moved.negate());
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        ObjectNode document = released(nbr, now);
        Values.set(document, "Description", description);
        Values.set(document, "LastModifiedDateTime", now);
        if (type == Type.TRANSFER) {
            Values.set(document, "FromWarehouseID", warehouse);
            Values.set(document, "ToWarehouseID", toWarehouse);
            Values.set(document, "TransferType", "1-Step");
        }
        ArrayNode details = document.putArray("Details");
        BigDecimal total = BigDecimal.ZERO;
        int lineNbr = 0;
        for (Map.Entry<String, BigDecimal> line : lines.entrySet()) {
            ObjectNode row = details.addObject();
            row.put("id", UUID.randomUUID().toString());
            lineNbr++;
            switch (type) {
                case TRANSFER -> Values.set(row, "LineNbr", lineNbr);
                case ADJUSTMENT -> Values.set(row, "WarehouseID", warehouse);
                default -> {
                    Values.set(row, "LineNumber", lineNbr);
                    Values.set(row, "WarehouseID", warehouse);
                }
            }
            Values.set(row, "InventoryID", line.getKey());
            Values.set(row, "Qty", line.getValue());
            Values.set(row, "UOM", "EA");
            total = total.add(line.getValue());
        }
        Values.set(document, "TotalQty", total);
        book.insert(document);
        return nbr;
    }

    /** A released assembly of {@code qty} kits in a warehouse: the components go out, the kits come in. */
    String assemble(String kitId, String warehouse, BigDecimal qty) {
        Map<String, BigDecimal> components = items.kitComponents(kitId);
        EntityBook<ObjectNode> book = books.get(Type.KIT_ASSEMBLY);
        String nbr = book.nextFree(Type.KIT_ASSEMBLY.numbers, "", n -> n);
        components.forEach((component, perKit) -> items.move(component, warehouse, perKit.multiply(qty).negate()));
        items.move(kitId, warehouse, qty);
        OffsetDateTime now = OffsetDateTime.now(clock);
        ObjectNode document = released(nbr, now);
        Values.set(document, "KitInventoryID", kitId);
        Values.set(document, "Revision", "1");
        Values.set(document, "WarehouseID", warehouse);
        Values.set(document, "Qty", qty);
        Values.set(document, "UOM", "EA");
        Values.set(document, "LastModifiedDateTime", now);
        ArrayNode lines = document.putArray("StockComponents");
        int lineNbr = 0;
        for (Map.Entry<String, BigDecimal> component : components.entrySet()) {
            ObjectNode row = lines.addObject();
            row.put("id", UUID.randomUUID().toString());
            Values.set(row, "LineNbr", ++lineNbr);
            Values.set(row, "StockInventoryID", component.getKey());
            Values.set(row, "ComponentQty", component.getValue());
            Values.set(row, "Qty", component.getValue().multiply(qty));
            Values.set(row, "UOM", "EA");
        }
        book.insert(document);
        return nbr;
    }

    List<ObjectNode> list(Type type, Predicate<JsonNode> filter) {
        return books.get(type).list(filter::test);
    }

    Optional<ObjectNode> get(Type type, String referenceNbr) {
        return books.get(type).get(referenceNbr);
    }

    /** A document header as a release leaves it. */
    private static ObjectNode released(String nbr, OffsetDateTime now) {
        ObjectNode document = Values.object();
        document.put("id", UUID.randomUUID().toString());
        Values.set(document, "ReferenceNbr", nbr);
        Values.set(document, "Status", "Released");
        Values.set(document, "Hold", false);
        Values.set(document, "Date", now);
        return document;
    }
}
