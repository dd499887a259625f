package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/** V3 collections: {@code page} and {@code limit} in, {@code {data, meta.pagination}} out. */
final class Paging {

    final int page;
    final int limit;

    private Paging(int page, int limit) {
        this.page = page;
        this.limit = limit;
    }

    static Paging of(HttpRequest r, int defaultLimit, int maxLimit) {
        return new Paging(Math.max(1, intParam(r, "page", 1)), Math.max(1, Math.min(maxLimit, intParam(r, "limit", defaultLimit))));
    }

    <T> ObjectNode answer(List<T> all, Function<T, JsonNode> render) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode data = out.putArray("data");
        all.stream().skip((long) (page - 1) * limit).limit(limit).forEach(item -> data.add(render.apply(item)));
        int totalPages = (all.size() + limit - 1) / limit;
        ObjectNode pagination = out.putObject("meta").putObject("pagination").put("total", all.size())
                .put("count", data.size()).put("per_page", limit).put("current_page", page)
                .put("total_pages", totalPages);
        ObjectNode links = pagination.putObject("links").put("current", "?page=" + page + "&limit=" + limit);
        if (page > 1) {
            links.put("previous", "?page=" + (page - 1) + "&limit=" + limit);
        }
        if (page < totalPages) {
            links.put("next", "?page=" + (page + 1) + "&limit=" + limit);
        }
        return out;
    }

    static int intParam(HttpRequest r, String name, int absent) {
        try {
            return r.queryParam(name).map(String::trim).map(Integer::parseInt).orElse(absent);
        } catch (NumberFormatException e) {
            throw BcErrors.v3(400, "The query parameter '" + name + "' must be a whole number.");
        }
    }
}
