package com.bcerp.sandbox.visma;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.paging.Page;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How list endpoints answer (erp-apis.md §3.4, §10.1.1): a bare JSON array; {@code pageNumber} (from 1) and
 * {@code pageSize}, a size above the endpoint's maximum silently capped; every element carries
 * {@code "metadata": {"totalCount", "maxPageSize"}}; timestamp filters {@code <name>} + {@code <name>Condition}
 * ({@code >}, {@code <}, {@code >=}, {@code <=}), "mutually inclusive".
 *
 * <p>GUESSES: without {@code pageSize} a page holds {@link #DEFAULT_PAGE_SIZE} records ("default-values will be used
 * and you will potentially not receive the complete resultset", [V-PAGE]; the value is UNCONFIRMED); the maximum is
 * {@link #MAX_PAGE_SIZE} except where the file names one (inventory: 5000); a page past the end is an empty array;
 * records are listed in key order (sort order UNCONFIRMED, "orderBy has no effect"); a timestamp without its
 * condition, a condition without its timestamp, an unknown condition or an unreadable time is a 400.
 */
final class Listing {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;
    /** "MaxPageSize will be set to 5000 from 1. April 2022" (GET /v1/inventory, [V-SPEC]). */
    static final int INVENTORY_MAX_PAGE_SIZE = 5000;

    private Listing() {}

    static Page page(HttpRequest request, int maxPageSize) {
        return Page.from(request, "pageNumber", "pageSize", Math.min(DEFAULT_PAGE_SIZE, maxPageSize), maxPageSize,
                (name, value) -> VismaErrors.message(400, "The value '" + value + "' is not valid for " + name + "."));
    }

    /** The page of {@code all}, each element rendered and given the list's metadata. */
    static <T> ArrayNode answer(List<T> all, Page page, int maxPageSize, Function<T, ObjectNode> render) {
        ArrayNode rows = Wire.array();
        for (T item : page.of(all)) {
            ObjectNode row = render.apply(item);
            row.set("metadata", Wire.object().put("totalCount", (long) all.size()).put("maxPageSize", (long) maxPageSize));
            rows.add(row);
        }
        return rows;
    }

    /**
     * The filter a timestamp parameter pair asks for, applied to the time {@code timeOf} gives a record (a record
     * without that time never matches); everything when the pair is absent.
     */
    static <T> Predicate<T> since(HttpRequest request, String parameter, Function<T, Optional<Instant>> timeOf) {
        Optional<String> value = request.queryParam(parameter).filter(v -> !v.isBlank());
        Optional<String> condition = request.queryParam(parameter + "Condition").filter(v -> !v.isBlank());
        if (value.isEmpty() && condition.isEmpty()) {
            return t -> true;
        }
        if (value.isEmpty() || condition.isEmpty()) {
            throw VismaErrors.message(400, parameter + " and " + parameter + "Condition are mutually inclusive.");
        }
        Instant at = Wire.parseTime(value.get()).orElseThrow(() -> VismaErrors.message(400, "The value '" + value.get()
                + "' is not valid for " + parameter + ". Accepted formats: yyyy-MM-dd, yyyy-MM-dd HH:mm:ss[.FFF], "
                + "yyyy-MM-ddTHH:mm:ss[.FFF]."));
        Predicate<Instant> test = switch (condition.get().trim()) {
            case ">" -> t -> t.isAfter(at);
            case "<" -> t -> t.isBefore(at);
            case ">=" -> t -> !t.isBefore(at);
            case "<=" -> t -> !t.isAfter(at);
            default -> throw VismaErrors.message(400, "The value '" + condition.get() + "' is not valid for "
                    + parameter + "Condition. Accepted values: >, <, >=, <=.");
        };
        return record -> timeOf.apply(record).map(test::test).orElse(false);
    }

    /** An equality filter on a text parameter; everything when absent. */
    static <T> Predicate<T> equalTo(HttpRequest request, String parameter, Function<T, String> valueOf) {
        Optional<String> wanted = request.queryParam(parameter).filter(v -> !v.isEmpty());
        return wanted.<Predicate<T>>map(w -> t -> w.equals(valueOf.apply(t))).orElse(t -> true);
    }
}
