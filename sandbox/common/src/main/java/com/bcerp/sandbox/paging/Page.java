package com.bcerp.sandbox.paging;

import com.bcerp.sandbox.http.HttpRequest;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A page by number (from 1) and size, as {@code ?page=2&limit=50} asks for it. The vendor's sandbox renders the
 * answer (a bare array, {@code meta.pagination}, a next link, 204 for an empty page).
 */
public record Page(int number, int size) {

    public Page {
        if (number < 1 || size < 1) {
            throw new IllegalArgumentException("a page's number and size start at 1, were " + number + " and " + size);
        }
    }

    /**
     * The page a request asks for: the number defaults to 1 and is raised to 1, the size defaults to
     * {@code defaultSize} and is held between 1 and {@code maxSize} (as most APIs clamp rather than refuse). A value
     * that is not a whole number (blank included) is refused with what {@code notANumber} makes of the parameter's
     * name and value.
     */
    public static Page from(HttpRequest request, String numberParam, String sizeParam, int defaultSize, int maxSize,
            BiFunction<String, String, ? extends RuntimeException> notANumber) {
        int number = Math.max(1, whole(request, numberParam, 1, notANumber));
        int size = Math.max(1, Math.min(maxSize, whole(request, sizeParam, defaultSize, notANumber)));
        return new Page(number, size);
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) (number - 1) * size;
    }

    /** This page's items of {@code all}. */
    public <T> List<T> of(List<T> all) {
        return all.stream().skip(offset()).limit(size).toList();
    }

    public int totalPages(long total) {
        return (int) ((total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean hasNext(long total) {
        return number < totalPages(total);
    }

    public Page next() {
        return new Page(number + 1, size);
    }

    public Page previous() {
        return new Page(Math.max(1, number - 1), size);
    }

    /** A query parameter as a whole number (trimmed), {@code absent} when it is missing. */
    public static int whole(HttpRequest request, String name, int absent,
            BiFunction<String, String, ? extends RuntimeException> notANumber) {
        var value = request.queryParam(name);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw notANumber.apply(name, value.get());
        }
    }
}
