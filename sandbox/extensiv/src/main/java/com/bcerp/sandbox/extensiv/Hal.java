package com.bcerp.sandbox.extensiv;

import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.paging.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HAL+JSON answers (erp-apis.md section 4.1, 10.3.3): media type {@code application/hal+json}, collections under
 * {@code _embedded} keyed by the full rel URI ({@code http://api.3plCentral.com/rels/orders/order}), with
 * {@code totalResults}, and {@code _links} {@code next}/{@code prev} for paging ([E-RELS], [E-ORDERS]).
 *
 * <p>Guesses: link hrefs are relative to the API root and repeat the request's query with the page changed; each
 * resource carries {@code _links.self}; the sandbox answers HAL whatever the {@code Accept} header says (the tap, which
 * sends no HAL Accept header, reads {@code ResourceList}/{@code TotalResults}, so the live API may negotiate a plain
 * JSON form: send {@code Accept: application/hal+json}).
 */
final class Hal {

    static final String MEDIA_TYPE = "application/hal+json; charset=utf-8";
    static final String RELS = "http://api.3plCentral.com/rels/";
    static final String ORDER = RELS + "orders/order";
    static final String ITEM = RELS + "orders/item";
    static final String PACKAGE = RELS + "orders/package";
    static final String PACKAGE_CONTENT = RELS + "orders/packagecontent";
    static final String CUSTOMER_ITEM = RELS + "customers/item";

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Hal() {}

    static HttpResponse answer(int status, JsonNode body) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", MEDIA_TYPE);
            return new HttpResponse(status, headers, Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer", e);
        }
    }

    static ObjectNode link(String href) {
        return NODES.objectNode().put("href", href);
    }

    /** {@code {"_embedded": {rel: [items]}}} added to {@code target}. */
    static ObjectNode embed(ObjectNode target, String rel, List<? extends JsonNode> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        target.putObject("_embedded").set(rel, array);
        return target;
    }

    /**
     * The page {@code pgnum}/{@code pgsiz} asks for (1-based; size clamped to 1..max). Misspelled parameters are
     * silently ignored as Extensiv ignores them ([E-RELS]); a value that is not a whole number is refused (guess).
     */
    static Page page(HttpRequest request, int defaultSize, int maxSize) {
        return Page.from(request, "pgnum", "pgsiz", defaultSize, maxSize,
                (name, value) -> WmsErrors.invalid(name + " must be a whole number, was '" + value + "'"));
    }

    /** A collection envelope: {@code totalResults}, {@code _links} (self, next, prev) and the page's items embedded. */
    static ObjectNode collection(HttpRequest request, Page page, List<? extends JsonNode> all, String rel) {
        ObjectNode body = NODES.objectNode();
        body.put("totalResults", all.size());
        body.set("_links", pageLinks(request, page, all.size()));
        return embed(body, rel, page.of(all));
    }

    static ObjectNode pageLinks(HttpRequest request, Page page, long total) {
        ObjectNode links = NODES.objectNode();
        links.set("self", link(pageHref(request, page)));
        if (page.hasNext(total)) {
            links.set("next", link(pageHref(request, page.next())));
        }
        if (page.hasPrevious()) {
            links.set("prev", link(pageHref(request, page.previous())));
        }
        return links;
    }

    private static String pageHref(HttpRequest request, Page page) {
        Map<String, String> query = new LinkedHashMap<>();
        request.query().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("pgnum") && !k.equalsIgnoreCase("pgsiz") && !v.isEmpty()) {
                query.put(k, v.get(0));
            }
        });
        query.put("pgsiz", Integer.toString(page.size()));
        query.put("pgnum", Integer.toString(page.number()));
        return request.path() + "?" + query.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Bodies the API reads: JSON ({@code application/json} or {@code application/hal+json}), else 415 (guess). */
    static JsonNode body(HttpRequest request) {
        String type = request.header("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/json") && !type.startsWith("application/hal+json")) {
            throw WmsErrors.of(415, "UnsupportedMediaType",
                    "The request body must be JSON (Content-Type: application/json or application/hal+json).");
        }
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw WmsErrors.invalid("The request body must be a JSON object.");
            }
            return body;
        } catch (HttpError e) {
            throw e;
        } catch (java.io.IOException e) {
            throw WmsErrors.invalid("The request body is not valid JSON.");
        }
    }
}
