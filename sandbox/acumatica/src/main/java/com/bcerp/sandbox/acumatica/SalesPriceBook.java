package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Sales prices as Acumatica keeps them (AR202000 Sales Prices, AR202010 Sales Price Worksheets): a price manager
 * enters a worksheet ({@code PUT /SalesPriceWorksheet}; lines of PriceType, PriceCode, InventoryID, CurrencyID, UOM,
 * BreakQty and PendingPrice), takes it off hold and releases it ({@code POST /SalesPriceWorksheet/ReleaseSalesPriceWorksheet}):
 * each line becomes the sales price of its key (type, code, item, currency, unit, break quantity), replacing the
 * one there, effective from the worksheet's EffectiveDate (today when empty) until its ExpirationDate. The
 * {@code SalesPricesInquiry} form ({@code PUT}, {@code $expand=SalesPriceDetails}) lists the prices effective on
 * EffectiveAsOf (today when empty) filtered by PriceType, PriceCode and InventoryID.
 *
 * <p>Simplifications: prices are released at once (no long-running operation unless the action-duration knob is
 * on); price codes are not checked against customers or customer price classes (the sandbox has no price classes
 * of its own: GUESS that a live instance refuses an unknown code on the worksheet line); no warehouse prices, no
 * promotional prices (the worksheet entity has no Promotion field); only stock items are priced.
 */
final class SalesPriceBook {

    static final Shape WORKSHEET = EntityShapes.get("SalesPriceWorksheet");
    static final Shape INQUIRY = EntityShapes.get("SalesPricesInquiry");

    /** The PriceType values of Acumatica's sales prices. */
    static final Set<String> PRICE_TYPES = Set.of("Base", "Customer", "Customer Price Class");

    private record PriceKey(String type, String code, String item, String currency, String uom, BigDecimal breakQty) {}

    private record Price(int recordId, PriceKey key, BigDecimal price, OffsetDateTime effective,
            OffsetDateTime expires, OffsetDateTime created, OffsetDateTime modified) {}

    private final Clock clock;
    private final ItemBook items;
    private final Map<String, ObjectNode> worksheets = new LinkedHashMap<>();
    private final Map<PriceKey, Price> prices = new LinkedHashMap<>();
    private int nextRecordId = 1;

    SalesPriceBook(Clock clock, ItemBook items) {
        this.clock = clock;
        this.items = items;
    }

    /** Inserts a worksheet, or adds lines and header changes to one not yet released. */
    synchronized PutResult putWorksheet(ObjectNode sent) {
        ObjectNode answer = sent.deepCopy();
        FieldErrors errors = new FieldErrors();
        Optional<String> nbr = Values.text(sent, "ReferenceNbr");
        ObjectNode existing = nbr.map(worksheets::get).orElse(null);
        if (existing != null && "Released".equals(Values.text(existing, "Status").orElse(""))) {
            errors.add(answer, "ReferenceNbr", "The worksheet has been released and cannot be changed.");
        }
        JsonNode lines = sent.path("SalesPrices");
        for (JsonNode line : lines) {
            checkLine((ObjectNode) answer.path("SalesPrices").get(indexOf(lines, line)), line, errors);
        }
        if (errors.any()) {
            answer.put("error", FieldErrors.summary("Inserting", "Sales Price Worksheet"));
            return PutResult.rejected(answer);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        ObjectNode sheet = existing;
        if (sheet == null) {
            sheet = Values.object();
            sheet.put("id", UUID.randomUUID().toString());
            Values.set(sheet, "ReferenceNbr", nbr.orElse(String.format("%06d", worksheets.size() + 1)));
            Values.set(sheet, "CreatedDateTime", now);
            Values.set(sheet, "Hold", true);
            Values.set(sheet, "OverwriteOverlappingPrices", true);
            sheet.putArray("SalesPrices");
            worksheets.put(Values.text(sheet, "ReferenceNbr").orElseThrow(), sheet);
        }
        for (String field : List.of("Description", "EffectiveDate", "ExpirationDate", "Hold", "OverwriteOverlappingPrices")) {
            if (sent.has(field)) {
                sheet.set(field, sent.get(field).deepCopy());
            }
        }
        Values.set(sheet, "Status", Values.isTrue(sheet, "Hold") ? "On Hold" : "Open");
        Values.set(sheet, "LastModifiedDateTime", now);
        ArrayNode stored = (ArrayNode) sheet.get("SalesPrices");
        for (JsonNode line : lines) {
            ObjectNode row = ((ObjectNode) line).deepCopy();
            row.put("id", UUID.randomUUID().toString());
            Values.set(row, "LineID", stored.size() + 1);
            Values.set(row, "ReferenceNbr", Values.text(sheet, "ReferenceNbr").orElseThrow());
            if (Values.text(row, "CurrencyID").isEmpty()) {
                Values.set(row, "CurrencyID", "USD");
            }
            if (Values.text(row, "UOM").isEmpty()) {
                Values.set(row, "UOM", "EA");
            }
            if (Values.decimal(row, "BreakQty").isEmpty()) {
                Values.set(row, "BreakQty", BigDecimal.ZERO);
            }
            stored.add(row);
        }
        return PutResult.stored(sheet.deepCopy());
    }

    private static int indexOf(JsonNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                return i;
            }
        }
        throw new IllegalStateException("not in the array");
    }

    private void checkLine(ObjectNode echo, JsonNode line, FieldErrors errors) {
        String type = Values.text(line, "PriceType").orElse("");
        if (!PRICE_TYPES.contains(type)) {
            errors.add(echo, "PriceType", "'Price Type' must be one of " + new java.util.TreeSet<>(PRICE_TYPES) + ".");
        } else if (!type.equals("Base") && Values.text(line, "PriceCode").filter(c -> !c.isBlank()).isEmpty()) {
            errors.add(echo, "PriceCode", "'Price Code' cannot be empty.");
        }
        Optional<String> item = Values.text(line, "InventoryID");
        if (item.isEmpty()) {
            errors.add(echo, "InventoryID", "'Inventory ID' cannot be empty.");
        } else if (items.get(ItemBook.STOCK_ITEM.name(), item.get()).isEmpty()) {
            errors.add(echo, "InventoryID", "'Inventory ID' cannot be found in the system.");
        }
        Optional<BigDecimal> price = Values.decimal(line, "PendingPrice");
        if (price.isEmpty() || price.get().signum() < 0) {
            errors.add(echo, "PendingPrice", "'Pending Price' must be greater than or equal to 0.");
        }
    }

    /** The release action: the worksheet's lines become sales prices; only an Open (not on hold) worksheet releases. */
    synchronized PutResult release(JsonNode keys) {
        ObjectNode sheet = Values.text(keys, "ReferenceNbr").map(worksheets::get).orElseThrow(AcumaticaErrors::noEntity);
        String status = Values.text(sheet, "Status").orElse("");
        if (!"Open".equals(status)) {
            ObjectNode refused = sheet.deepCopy();
            refused.put("error", "The worksheet is " + status + "; only an Open worksheet can be released.");
            return PutResult.rejected(refused);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime effective = Values.text(sheet, "EffectiveDate").flatMap(Values::parseDateTime)
                .orElse(startOfToday());
        OffsetDateTime expires = Values.text(sheet, "ExpirationDate").flatMap(Values::parseDateTime).orElse(null);
        for (JsonNode line : sheet.path("SalesPrices")) {
            PriceKey key = new PriceKey(Values.text(line, "PriceType").orElseThrow(),
                    Values.text(line, "PriceCode").orElse(""), Values.text(line, "InventoryID").orElseThrow(),
                    Values.text(line, "CurrencyID").orElseThrow(), Values.text(line, "UOM").orElseThrow(),
                    Values.decimal(line, "BreakQty").orElseThrow().stripTrailingZeros());
            Price old = prices.get(key);
            prices.put(key, new Price(old == null ? nextRecordId++ : old.recordId(), key,
                    Values.decimal(line, "PendingPrice").orElseThrow(), effective, expires,
                    old == null ? now : old.created(), now));
        }
        Values.set(sheet, "Status", "Released");
        Values.set(sheet, "LastModifiedDateTime", now);
        return PutResult.stored(sheet.deepCopy());
    }

    synchronized List<ObjectNode> worksheets(Predicate<JsonNode> filter) {
        return worksheets.values().stream().filter(filter).map(ObjectNode::deepCopy).toList();
    }

    synchronized Optional<ObjectNode> worksheet(String referenceNbr) {
        return Optional.ofNullable(worksheets.get(referenceNbr)).map(ObjectNode::deepCopy);
    }

    /** The Sales Prices inquiry: the filter echoed back with the prices it selects in SalesPriceDetails. */
    synchronized PutResult inquiry(ObjectNode filter) {
        ObjectNode answer = filter.deepCopy();
        Optional<String> type = Values.text(filter, "PriceType");
        if (type.isPresent() && !PRICE_TYPES.contains(type.get())) {
            FieldErrors errors = new FieldErrors();
            errors.add(answer, "PriceType", "'Price Type' must be one of " + new java.util.TreeSet<>(PRICE_TYPES) + ".");
            return PutResult.rejected(answer);
        }
        Optional<String> code = Values.text(filter, "PriceCode");
        Optional<String> item = Values.text(filter, "InventoryID");
        OffsetDateTime asOf = Values.text(filter, "EffectiveAsOf").flatMap(Values::parseDateTime).orElse(startOfToday());
        ArrayNode rows = answer.putArray("SalesPriceDetails");
        List<Price> selected = new ArrayList<>();
        for (Price p : prices.values()) {
            if (type.isPresent() && !type.get().equals(p.key().type())
                    || code.isPresent() && !code.get().equalsIgnoreCase(p.key().code())
                    || item.isPresent() && !item.get().equalsIgnoreCase(p.key().item())
                    || p.effective().isAfter(asOf) || p.expires() != null && p.expires().isBefore(asOf)) {
                continue;
            }
            selected.add(p);
        }
        for (Price p : selected) {
            ObjectNode row = rows.addObject();
            row.put("id", UUID.randomUUID().toString());
            Values.set(row, "RecordID", p.recordId());
            Values.set(row, "PriceType", p.key().type());
            Values.set(row, "PriceCode", p.key().code());
            Values.set(row, "InventoryID", p.key().item());
            Values.set(row, "CurrencyID", p.key().currency());
            Values.set(row, "UOM", p.key().uom());
            Values.set(row, "BreakQty", p.key().breakQty());
            Values.set(row, "Price", p.price());
            Values.set(row, "Promotion", false);
            Values.set(row, "EffectiveDate", p.effective());
            if (p.expires() != null) {
                Values.set(row, "ExpirationDate", p.expires());
            }
            Values.set(row, "CreatedDateTime", p.created());
            Values.set(row, "LastModifiedDateTime", p.modified());
        }
        return PutResult.stored(answer);
    }

    private OffsetDateTime startOfToday() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().atStartOfDay()
                .atOffset(ZoneOffset.UTC);
    }
}
