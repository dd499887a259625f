package com.bcerp.sandbox.uniconta;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Json;
import com.bcerp.sandbox.uniconta.UnicontaErrors.Code;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The OData read API, {@code GET /odata/<CompanyId>/<Class>} (erp-apis.md §2.1, §10.2.1 item 2; [U-ODATA], [U-PBI]):
 * {@code {"value":[...]}}; {@code $filter} ({@link ODataFilter}), {@code $orderby=Name asc}, {@code $top} (sourced),
 * {@code $skip} (UNCONFIRMED: honoured unless {@link Faults#odataIgnoresSkip}); {@code Accept: application/json} or
 * "Uniconta sends XML" ([U-PBI]), here a minimal Atom feed; {@code GET /odata/<CompanyId>} lists the classes. The
 * company in the path must be the one signed in to (403 NoRights otherwise, guess). Rows render as on the Entities API
 * (nulls left out, guess). With {@link Faults#odataPageSize} the answer stops after that many rows with an
 * {@code @odata.nextLink} carrying {@code $skiptoken} (the form ASP.NET OData uses; guess).
 */
final class ODataReads {

    /** A class's table and whether its user fields are shown. */
    record Source(Table table, boolean withUserFields) {}

    private final long companyId;
    private final Company company;
    private final Faults faults;
    private final Function<String, Source> sources;
    private final List<String> classNames;

    ODataReads(long companyId, Company company, Faults faults, Function<String, Source> sources, List<String> classNames) {
        this.companyId = companyId;
        this.company = company;
        this.faults = faults;
        this.sources = sources;
        this.classNames = classNames;
    }

    HttpResponse index(HttpRequest request) {
        checkCompany(request);
        ArrayNode value = Table.NODES.arrayNode();
        classNames.forEach(n -> value.addObject().put("name", n).put("kind", "EntitySet").put("url", n));
        return json(Table.NODES.objectNode().set("value", value));
    }

    HttpResponse read(HttpRequest request, String baseUrl) {
        checkCompany(request);
        String name = request.pathParam("entity");
        Source source = sources.apply(name);
        if (source == null) {
            throw UnicontaErrors.error(404, Code.CouldNotFind, "No entity named " + name);
        }
        Table table = source.table();
        Predicate<ObjectNode> filter = ODataFilter.parse(request.queryParam("$filter").orElse(null), table,
                source.withUserFields());
        List<ObjectNode> rows = new ArrayList<>(company.list(table, filter));
        request.queryParam("$orderby").filter(o -> !o.isBlank()).ifPresent(o -> rows.sort(order(o, table, source)));
        int skip = faults.odataIgnoresSkip() ? 0 : count(request, "$skip", 0);
        int top = count(request, "$top", Integer.MAX_VALUE);
        int token = count(request, "$skiptoken", 0);
        int from = Math.min(rows.size(), skip + token);
        int to = (int) Math.max(from, Math.min(rows.size(), (long) skip + top));
        int pageSize = faults.odataPageSize();
        String nextLink = null;
        if (pageSize > 0 && to - from > pageSize) {
            to = from + pageSize;
            nextLink = baseUrl + request.path() + "?" + queryWith(request, "$skiptoken", Integer.toString(token + pageSize));
        }
        List<ObjectNode> page = rows.subList(from, to);
        if (!request.header("Accept").orElse("").toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return atom(name, page, source);
        }
        ObjectNode body = Table.NODES.objectNode();
        ArrayNode value = body.putArray("value");
        page.forEach(r -> value.add(table.render(r, source.withUserFields())));
        if (nextLink != null) {
            body.put("@odata.nextLink", nextLink);
        }
        return json(body);
    }

    private void checkCompany(HttpRequest request) {
        String id = request.pathParam("companyId");
        if (!id.chars().allMatch(Character::isDigit) || id.isEmpty() || Long.parseLong(id) != companyId) {
            throw UnicontaErrors.error(403, Code.NoRights, "The user has no rights in company " + id);
        }
    }

    private static Comparator<ObjectNode> order(String orderBy, Table table, Source source) {
        Comparator<ObjectNode> out = null;
        for (String part : orderBy.split(",")) {
            String[] words = part.trim().split("\\s+");
            String field = words[0];
            FieldType type = table.typeOf(field, source.withUserFields());
            if (type == null || words.length > 2 || (words.length == 2 && !words[1].matches("asc|desc"))) {
                throw UnicontaErrors.refuse(Code.NoSucces, "$orderby: cannot order by '" + part.trim() + "'");
            }
            Comparator<ObjectNode> c = Comparator.comparing(r -> key(r.get(field), type),
                    Comparator.nullsFirst(Comparator.<Comparable<Object>>naturalOrder()));
            if (words.length == 2 && words[1].equals("desc")) {
                c = c.reversed();
            }
            out = out == null ? c : out.thenComparing(c);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> key(JsonNode v, FieldType type) {
        boolean unset = v == null || v.isNull();
        Comparable<?> k = switch (type) {
            case INT, NUMBER -> unset ? 0.0 : v.asDouble();
            case BOOL -> !unset && v.asBoolean();
            default -> unset ? null : v.asText();
        };
        return (Comparable<Object>) k;
    }

    private static int count(HttpRequest request, String name, int absent) {
        String v = request.queryParam(name).orElse("");
        if (v.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw UnicontaErrors.refuse(Code.NoSucces, name + " must be a whole number, was " + v);
        }
    }

    private static String queryWith(HttpRequest request, String name, String value) {
        Map<String, String> q = new LinkedHashMap<>();
        request.query().forEach((k, v) -> q.put(k, v.get(0)));
        q.put(name, value);
        StringBuilder b = new StringBuilder();
        q.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What a client that did not ask for JSON gets: an Atom feed with one entry per row (shape a guess). */
    private static HttpResponse atom(String name, List<ObjectNode> page, Source source) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
                .append(" xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\"")
                .append(" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">")
                .append("<title type=\"text\">").append(name).append("</title>");
        for (ObjectNode row : page) {
            x.append("<entry><content type=\"application/xml\"><m:properties>");
            source.table().render(row, source.withUserFields()).fields().forEachRemaining(e -> x.append("<d:")
                    .append(e.getKey()).append('>').append(escape(e.getValue().asText())).append("</d:")
                    .append(e.getKey()).append('>'));
            x.append("</m:properties></content></entry>");
        }
        x.append("</feed>");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/atom+xml; charset=utf-8");
        return new HttpResponse(200, headers, x.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static HttpResponse json(JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return new HttpResponse(200, headers, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
