package com.bcerp.sandbox.visma;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The company's VAT set-up (reference data {@code /v1/vat}, {@code /v1/vatCategory}, {@code /v1/vatZone}, [V-SPEC])
 * and the tax Visma computes on a document: the order DTO has no tax field, only {@code customerVATZone} and the line
 * {@code taxCategory} (erp-apis.md §10.1.3 "Gaps"), so Visma computes it.
 *
 * <p>GUESS (the rule is Acumatica's, which Visma.net ERP is built on; not in the research): a VAT applies to a line
 * when it is both in the document's VAT zone and in the line's VAT category; each VAT's amount is its rate times the
 * sum of the amounts it applies to, rounded half-up to cents once per document (or per line, then summed: a knob,
 * {@link VismaSandbox.VatRounding}, as the research does not say which); prices exclude VAT
 * (the order DTO has no "prices include VAT" flag, §10.1.3). A line without {@code taxCategory} takes the item's VAT
 * category ({@code InventoryDto.vatCode}), else the zone's default category.
 *
 * <p>Seeds (GUESS: ids and names modelled on Norwegian SAF-T codes; a real company defines its own): VAT {@code 3}
 * 25 %, {@code 31} 15 %, {@code 33} 12 %, {@code 5} 0 % (exempt), {@code 52} 0 % (export); categories {@code HIGH},
 * {@code MEDIUM}, {@code LOW}, {@code EXEMPT}; zones {@code DOMESTIC} (VATs 3, 31, 33, 5; default category HIGH) and
 * {@code EXPORT} (VAT 52 only, so nothing is taxed).
 */
final class Vat {

    record Rate(String vatId, String description, BigDecimal percent, String xmlType) {}

    record Category(String id, String description, List<String> vatIds) {}

    record Zone(String id, String description, String defaultCategory, List<String> vatIds) {}

    /** One VAT on a document: the amount it applies to and what it comes to. */
    record Detail(String vatId, BigDecimal percent, BigDecimal taxable, BigDecimal amount) {}

    /** A document's line amount with the category it is taxed by. */
    record Line(BigDecimal amount, String category) {}

    record Result(List<Detail> details, BigDecimal taxTotal, BigDecimal taxableTotal, BigDecimal exemptTotal) {}

    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private final Map<String, Category> categories = new ConcurrentHashMap<>();
    private final Map<String, Zone> zones = new ConcurrentHashMap<>();
    private final Instant seededAt;
    private volatile VismaSandbox.VatRounding rounding = VismaSandbox.VatRounding.PER_DOCUMENT;

    Vat(Instant seededAt) {
        this.seededAt = seededAt;
        rate(new Rate("3", "Output VAT, high rate", new BigDecimal("25"), "VatTypeHigh"));
        rate(new Rate("31", "Output VAT, medium rate", new BigDecimal("15"), "VatTypeMedium"));
        rate(new Rate("33", "Output VAT, low rate", new BigDecimal("12"), "VatTypeLow"));
        rate(new Rate("5", "No output VAT, within the VAT Act", BigDecimal.ZERO, "VatTypeExempt"));
        rate(new Rate("52", "No output VAT, export", BigDecimal.ZERO, "VatTypeZero"));
        category(new Category("HIGH", "High rate", List.of("3")));
        category(new Category("MEDIUM", "Medium rate (food)", List.of("31")));
        category(new Category("LOW", "Low rate", List.of("33")));
        category(new Category("EXEMPT", "Exempt from VAT", List.of("5", "52")));
        zone(new Zone("DOMESTIC", "Domestic customers", "HIGH", List.of("3", "31", "33", "5")));
        zone(new Zone("EXPORT", "Customers abroad", "EXEMPT", List.of("52")));
    }

    void rate(Rate rate) {
        rates.put(rate.vatId(), rate);
    }

    void category(Category category) {
        categories.put(category.id(), category);
    }

    void zone(Zone zone) {
        zones.put(zone.id(), zone);
    }

    /** The merchant's own VAT set-up (see {@link VismaSandbox#addVat}); the zone must exist. */
    void addVat(String vatId, String description, BigDecimal percent, String categoryId, String zoneId) {
        Zone z = zones.get(zoneId);
        if (z == null) {
            throw VismaErrors.message(400, "'VAT zone' cannot be found in the system: " + zoneId + ".");
        }
        rate(new Rate(vatId, description, percent, percent.signum() == 0 ? "VatTypeZero" : "VatTypeHigh"));
        Category c = categories.get(categoryId);
        List<String> inCategory = new ArrayList<>(c == null ? List.of() : c.vatIds());
        if (!inCategory.contains(vatId)) {
            inCategory.add(vatId);
        }
        category(new Category(categoryId, c == null ? description : c.description(), List.copyOf(inCategory)));
        List<String> inZone = new ArrayList<>(z.vatIds());
        if (!inZone.contains(vatId)) {
            inZone.add(vatId);
        }
        zone(new Zone(z.id(), z.description(), z.defaultCategory(), List.copyOf(inZone)));
    }

    void rounding(VismaSandbox.VatRounding value) {
        rounding = value;
    }

    Optional<Zone> zone(String id) {
        return Optional.ofNullable(zones.get(id));
    }

    Optional<Category> category(String id) {
        return Optional.ofNullable(categories.get(id));
    }

    boolean hasCategory(String id) {
        return categories.containsKey(id);
    }

    /** The tax of a document in {@code zone} (see the class comment for the rule). */
    Result compute(Zone zone, List<Line> lines) {
        Map<String, BigDecimal> taxable = new LinkedHashMap<>();
        Map<String, BigDecimal> perLine = new LinkedHashMap<>();
        BigDecimal taxableTotal = BigDecimal.ZERO;
        BigDecimal exemptTotal = BigDecimal.ZERO;
        Set<String> inZone = Set.copyOf(zone.vatIds());
        for (Line line : lines) {
            Category category = categories.get(line.category() == null ? zone.defaultCategory() : line.category());
            List<String> applying = category == null ? List.of()
                    : category.vatIds().stream().filter(inZone::contains).toList();
            applying.forEach(v -> {
                taxable.merge(v, line.amount(), BigDecimal::add);
                perLine.merge(v, percentOf(line.amount(), rates.get(v).percent()), BigDecimal::add);
            });
            if (applying.stream().anyMatch(v -> rates.get(v).percent().signum() > 0)) {
                taxableTotal = taxableTotal.add(line.amount());
            } else if (!applying.isEmpty()) {
                exemptTotal = exemptTotal.add(line.amount());
            }
        }
        List<Detail> details = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : taxable.entrySet()) {
            Rate rate = rates.get(e.getKey());
            BigDecimal amount = rounding == VismaSandbox.VatRounding.PER_LINE ? perLine.get(e.getKey())
                    : percentOf(e.getValue(), rate.percent());
            details.add(new Detail(rate.vatId(), rate.percent(), Wire.money(e.getValue()), amount));
            total = total.add(amount);
        }
        return new Result(details, total, Wire.money(taxableTotal), Wire.money(exemptTotal));
    }

    private static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).divide(new BigDecimal("100"), 2, RoundingMode.HALF_UP);
    }

    // ---- read DTOs ----

    List<ObjectNode> vatInformation() {
        return rates.values().stream().sorted(java.util.Comparator.comparing(Rate::vatId)).map(r -> {
            ObjectNode node = Wire.object().put("vatId", r.vatId()).put("description", r.description())
                    .put("type", "Vat").put("includeinVatExemptTotal", r.percent().signum() == 0)
                    .put("includeinVatTotal", r.percent().signum() > 0).put("calculateOn", "ItemAmount")
                    .put("vismaXmlVatType", r.xmlType()).put("lastModifiedDateTime", Wire.time(seededAt));
            ArrayNode cats = node.putArray("categories");
            categories.values().stream().filter(c -> c.vatIds().contains(r.vatId())).sorted(java.util.Comparator.comparing(Category::id))
                    .forEach(c -> cats.add(Wire.object().put("vatCategoryId", c.id()).put("description", c.description())));
            ArrayNode zs = node.putArray("zones");
            zones.values().stream().filter(z -> z.vatIds().contains(r.vatId())).sorted(java.util.Comparator.comparing(Zone::id))
                    .forEach(z -> zs.add(Wire.object().put("id", z.id()).put("description", z.description())));
            return node;
        }).toList();
    }

    Optional<ObjectNode> vatInformation(String vatId) {
        return vatInformation().stream().filter(n -> n.path("vatId").asText().equals(vatId)).findFirst();
    }

    List<ObjectNode> categoryDtos() {
        return categories.values().stream().sorted(java.util.Comparator.comparing(Category::id)).map(this::categoryDto).toList();
    }

    ObjectNode categoryDto(Category c) {
        ObjectNode node = Wire.object().put("vatCategoryId", c.id()).put("description", c.description())
                .put("active", true).put("excludeListedTaxes", false).put("lastModifiedDateTime", Wire.time(seededAt));
        ArrayNode lines = node.putArray("vatCategoryLines");
        for (String vatId : c.vatIds()) {
            Rate r = rates.get(vatId);
            ObjectNode line = Wire.object().put("vatId", r.vatId()).put("description", r.description()).put("type", "Vat")
                    .put("calculateOn", "ItemAmount");
            line.putArray("vatRates").add(Wire.object().put("revisionID", "1").put("vatRate", r.percent())
                    .put("startDate", "2000-01-01T00:00:00.000Z"));
            lines.add(line);
        }
        return node;
    }

    List<ObjectNode> zoneDtos() {
        return zones.values().stream().sorted(java.util.Comparator.comparing(Zone::id)).map(this::zoneDto).toList();
    }

    ObjectNode zoneDto(Zone z) {
        ObjectNode node = Wire.object().put("id", z.id()).put("description", z.description())
                .put("defaultVatCategory", z.defaultCategory());
        node.set("defaultTaxCategory", Wire.object().put("number", z.defaultCategory())
                .put("description", categories.get(z.defaultCategory()).description()));
        return node;
    }
}
