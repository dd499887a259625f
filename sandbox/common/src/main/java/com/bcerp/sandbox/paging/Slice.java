package com.bcerp.sandbox.paging;

import com.bcerp.sandbox.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Items by offset and count, as {@code ?$skip=100&$top=50} (or offset/limit) asks for them; no top means all. */
public record Slice(int skip, OptionalInt top) {

    public static final Slice ALL = new Slice(0, OptionalInt.empty());

    public Slice {
        if (skip < 0 || (top.isPresent() && top.getAsInt() < 0)) {
            throw new IllegalArgumentException("skip and top cannot be negative, were " + skip + " and " + top);
        }
    }

    public static Slice of(int skip, int top) {
        return new Slice(skip, OptionalInt.of(top));
    }

    /**
     * The slice a request asks for. A missing or blank parameter is absent (skip 0, no top); one that is not a
     * non-negative whole number is refused with what {@code invalid} makes of the parameter's name and value.
     */
    public static Slice from(HttpRequest request, String skipParam, String topParam,
            BiFunction<String, String, ? extends RuntimeException> invalid) {
        Optional<Integer> top = count(request, topParam, invalid);
        int skip = count(request, skipParam, invalid).orElse(0);
        return new Slice(skip, top.map(OptionalInt::of).orElseGet(OptionalInt::empty));
    }

    public <T> Stream<T> of(Stream<T> items) {
        Stream<T> skipped = items.skip(skip);
        return top.isPresent() ? skipped.limit(top.getAsInt()) : skipped;
    }

    public <T> List<T> of(List<T> items) {
        return of(items.stream()).toList();
    }

    /** Collects a slice from items offered one at a time, building only those it keeps (for large stores). */
    public <T> Taker<T> taker() {
        return new Taker<>(this);
    }

    /** Takes the slice's items as they are offered; see {@link #offer}. */
    public static final class Taker<T> {
        private final Slice slice;
        private final List<T> taken = new ArrayList<>();
        private int matched;

        private Taker(Slice slice) {
            this.slice = slice;
        }

        /** Whether more items are wanted; stop offering once false. */
        public boolean wantsMore() {
            return slice.top.isEmpty() || taken.size() < slice.top.getAsInt();
        }

        /** Offers one matching item (built only if it is kept); returns {@link #wantsMore()}. */
        public boolean offer(Supplier<T> item) {
            if (wantsMore() && matched++ >= slice.skip) {
                taken.add(item.get());
            }
            return wantsMore();
        }

        public List<T> taken() {
            return taken;
        }
    }

    private static Optional<Integer> count(HttpRequest request, String name,
            BiFunction<String, String, ? extends RuntimeException> invalid) {
        return request.queryParam(name).filter(v -> !v.isBlank()).map(v -> {
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw invalid.apply(name, v);
        });
    }
}
