package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.paging.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/** V3 collections: {@code page} and {@code limit} in, {@code {data, meta.pagination}} out. */
final class Paging {

    private final Page requested;

    private Paging(Page requested) {
        this.requested = requested;
    }

    static Paging of(HttpRequest r, int defaultLimit, int maxLimit) {
        return new Paging(Page.from(r, "page", "limit", defaultLimit, maxLimit, Paging::notAWholeNumber));
    }

    <T> ObjectNode answer(List<T> all, Function<T, JsonNode> render) {
        int page = requested.number();
        int limit = requested.size();
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode data = out.putArray("data");
        requested.of(all).forEach(item -> data.add(render.apply(item)));
        int totalPages = requested.totalPages(all.size());
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

    private static RuntimeException notAWholeNumber(String name, String value) {
        return BcErrors.v3(400, "The query parameter '" + name + "' must be a whole number.");
    }
}
