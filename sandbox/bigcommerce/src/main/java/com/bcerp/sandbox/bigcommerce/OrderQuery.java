package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The filters, sort and page of {@code GET /v2/orders}. */
record OrderQuery(Predicate<SandboxOrder> filter, Comparator<SandboxOrder> order, int page, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 250;

    private static final Map<String, Comparator<SandboxOrder>> SORTS = Map.of(
            "id", Comparator.comparingLong(SandboxOrder::id),
            "customer_id", Comparator.comparingLong(SandboxOrder::customerId),
            "date_created", Comparator.comparing(SandboxOrder::created),
            "date_modified", Comparator.comparing(SandboxOrder::modified),
            "status_id", Comparator.comparingInt(SandboxOrder::statusId),
            "channel_id", (a, b) -> 0,
            "external_id", (a, b) -> 0);

    static OrderQuery from(HttpRequest request) {
        Predicate<SandboxOrder> filter = o -> true;
        Optional<Instant> minModified = date(request, "min_date_modified");
        Optional<Instant> maxModified = date(request, "max_date_modified");
        Optional<Instant> minCreated = date(request, "min_date_created");
        Optional<Instant> maxCreated = date(request, "max_date_created");
        if (minModified.isPresent()) {
            filter = filter.and(o -> !o.modified().isBefore(minModified.get()));
        }
        if (maxModified.isPresent()) {
            filter = filter.and(o -> !o.modified().isAfter(maxModified.get()));
        }
        if (minCreated.isPresent()) {
            filter = filter.and(o -> !o.created().isBefore(minCreated.get()));
        }
        if (maxCreated.isPresent()) {
            filter = filter.and(o -> !o.created().isAfter(maxCreated.get()));
        }
        long minId = number(request, "min_id", Long.MIN_VALUE);
        long maxId = number(request, "max_id", Long.MAX_VALUE);
        filter = filter.and(o -> o.id() >= minId && o.id() <= maxId);
        long statusId = number(request, "status_id", -1);
        if (statusId >= 0) {
            filter = filter.and(o -> o.statusId() == statusId);
        }
        long customerId = number(request, "customer_id", -1);
        if (customerId >= 0) {
            filter = filter.and(o -> o.customerId() == customerId);
        }
        Optional<String> email = request.queryParam("email");
        if (email.isPresent()) {
            filter = filter.and(o -> o.billing().email().equalsIgnoreCase(email.get()));
        }
        int page = (int) Math.max(1, number(request, "page", 1));
        int limit = (int) Math.min(MAX_LIMIT, Math.max(1, number(request, "limit", DEFAULT_LIMIT)));
        return new OrderQuery(filter, sort(request.queryParam("sort").orElse("id")), page, limit);
    }

    /** {@code field}, {@code field:asc} or {@code field:desc}; ties break on the id, ascending. */
    private static Comparator<SandboxOrder> sort(String value) {
        String[] parts = value.split(":", 2);
        Comparator<SandboxOrder> by = SORTS.get(parts[0]);
        String direction = parts.length == 2 ? parts[1] : "asc";
        if (by == null || !(direction.equals("asc") || direction.equals("desc"))) {
            throw BcErrors.v2(400, "The sort '" + value + "' is not valid: use a field such as date_modified, "
                    + "optionally followed by :asc or :desc.");
        }
        Comparator<SandboxOrder> directed = direction.equals("desc") ? by.reversed() : by;
        return directed.thenComparingLong(SandboxOrder::id);
    }

    private static Optional<Instant> date(HttpRequest request, String name) {
        return request.queryParam(name).map(v -> {
            Instant parsed = BcDates.parseFilter(v);
            if (parsed == null) {
                throw BcErrors.v2(400, "The filter '" + name + "' must be an RFC-2822 or ISO-8601 date.");
            }
            return parsed;
        });
    }

    private static long number(HttpRequest request, String name, long absent) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(value.get().trim());
        } catch (NumberFormatException e) {
            throw BcErrors.v2(400, "The query parameter '" + name + "' must be a whole number.");
        }
    }
}
