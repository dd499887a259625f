package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.http.HttpRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Sales prices ({@code GET /v1/customerSalesPrice}, erp-apis.md §10.1.6): read only, filters {@code priceType}
 * ({@code All}, {@code Base}, {@code Customer}, {@code CustomerPriceClass}), {@code priceCode} (the customer's number
 * or the price class), {@code inventoryId} (the item's number), {@code effectiveAsOf}, {@code lastModifiedDateTime}
 * and paging; the merchant maintains them ({@link VismaSandbox#addSalesPrice}).
 *
 * <p>GUESSES: {@code priceType=All} or none lists every type; {@code effectiveAsOf} keeps the prices effective that
 * day (effective date on or before it, no expiration or one on or after it); {@code greaterThanValue} compares
 * {@code recordId}; {@code vat} is empty (prices exclude VAT, as on orders); the item's {@code defaultPrice} is the
 * Base price, and orders do not pick sales prices up (a line's price is the one sent, else the item's default).
 */
final class SalesPrices {

    static final Set<String> TYPES = Set.of("Base", "Customer", "CustomerPriceClass");

    private record Price(int recordId, String priceType, String priceCode, String inventoryId, String description,
            BigDecimal breakQty, BigDecimal price, String currency, Instant effective, Instant expires, boolean promotion,
            Instant modified) {}

    private final ReentrantLock lock;
    private final Clock clock;
    private final List<Price> prices = new ArrayList<>();

    SalesPrices(ReentrantLock lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
    }

    /** A price record; returns its {@code recordId}. */
    int add(String priceType, String priceCode, Inventory.Item item, BigDecimal breakQty, BigDecimal price, String currency,
            Instant effective, Instant expires) {
        if (!TYPES.contains(priceType)) {
            throw new IllegalArgumentException("a price type is one of " + TYPES + ", was " + priceType);
        }
        if (priceType.equals("Base") != (priceCode == null)) {
            throw new IllegalArgumentException("a Base price has no price code; the others have one");
        }
        lock.lock();
        try {
            int id = prices.size() + 1;
            prices.add(new Price(id, priceType, priceCode, item.number, item.description, breakQty, price, currency,
                    effective, expires, false, clock.instant()));
            return id;
        } finally {
            lock.unlock();
        }
    }

    List<ObjectNode> list(HttpRequest request) {
        Optional<String> type = request.queryParam("priceType").filter(t -> !t.isEmpty() && !t.equals("All"));
        Optional<Instant> asOf = request.queryParam("effectiveAsOf").filter(t -> !t.isBlank()).map(t -> Wire.parseTime(t)
                .orElseThrow(() -> VismaErrors.message(400, "The value '" + t + "' is not valid for effectiveAsOf.")));
        Optional<Integer> greater = request.queryParam("greaterThanValue").filter(v -> !v.isBlank()).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw VismaErrors.message(400, "The value '" + v + "' is not valid for greaterThanValue.");
            }
        });
        Predicate<Price> filter = Listing.<Price>equalTo(request, "priceCode", Price::priceCode)
                .and(Listing.equalTo(request, "inventoryId", Price::inventoryId))
                .and(p -> type.map(p.priceType()::equals).orElse(true))
                .and(p -> asOf.map(t -> !p.effective().isAfter(t) && (p.expires() == null || !p.expires().isBefore(t))).orElse(true))
                .and(p -> greater.map(g -> p.recordId() > g).orElse(true))
                .and(Listing.since(request, "lastModifiedDateTime", p -> Optional.of(p.modified())));
        lock.lock();
        try {
            return prices.stream().filter(filter).map(SalesPrices::render).toList();
        } finally {
            lock.unlock();
        }
    }

    private static ObjectNode render(Price p) {
        ObjectNode node = Wire.object().put("recordId", p.recordId()).put("priceType", p.priceType());
        if (p.priceCode() != null) {
            node.put("priceCode", p.priceCode());
        }
        node.put("inventoryId", p.inventoryId()).put("description", p.description()).put("uoM", "PCS")
                .put("promotion", p.promotion()).put("breakQty", p.breakQty()).put("price", p.price())
                .put("currency", p.currency()).put("vat", "").put("effectiveDate", Wire.date(p.effective()));
        if (p.expires() != null) {
            node.put("expirationDate", Wire.date(p.expires()));
        }
        node.put("lastModifiedDateTime", Wire.time(p.modified()));
        return node;
    }
}
