package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Kind;
import com.bcerp.sandbox.acumatica.EntityShapes.Nested;
import com.bcerp.sandbox.acumatica.EntityShapes.Opaque;
import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.paging.Slice;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The query options of a request: {@code $filter}, {@code $expand}, {@code $select}, {@code $top}, {@code $skip}.
 * Expand and select paths use {@code /} between levels ({@code MainContact/Address}, {@code Details/InventoryID}).
 * {@code strictNested}: with a {@code $select}, an expanded level none of whose fields it names renders no fields
 * (see {@link Faults#strictNestedSelect}).
 */
record ODataQuery(Predicate<JsonNode> filter, Set<String> expand, Set<String> select, Slice slice, boolean strictNested) {

    ODataQuery(Predicate<JsonNode> filter, Set<String> expand, Set<String> select, Slice slice) {
        this(filter, expand, select, slice, false);
    }

    static ODataQuery of(HttpRequest request, Shape shape, boolean strictNested) {
        ODataQuery query = of(request, shape);
        return new ODataQuery(query.filter, query.expand, query.select, query.slice, strictNested);
    }

    static ODataQuery of(HttpRequest request, Shape shape) {
        Predicate<JsonNode> filter = request.queryParam("$filter").filter(f -> !f.isBlank())
                .map(f -> ODataFilter.parse(shape, f)).orElse(e -> true);
        Set<String> expand = paths(request.queryParam("$expand"), shape, "$expand", true);
        Set<String> select = paths(request.queryParam("$select"), shape, "$select", false);
        return new ODataQuery(filter, expand, select, Slice.from(request, "$skip", "$top", (name, value) ->
                AcumaticaErrors.of(400, "Invalid " + name + ": '" + value + "' is not a non-negative integer.")));
    }

    /** Everything expanded: what a 422 echoes, so every error the client caused is visible. */
    static ODataQuery everything(JsonNode entity, Shape shape) {
        Set<String> expand = new LinkedHashSet<>();
        collectPaths(entity, shape, "", expand);
        return new ODataQuery(e -> true, expand, Set.of(), Slice.ALL);
    }

    boolean expands(String path) {
        return expand.contains(path);
    }

    /** Whether a general field at {@code path} (under {@code prefix}) is selected. */
    boolean selects(String prefix, String path) {
        boolean levelSelected = select.stream().anyMatch(s -> s.startsWith(prefix) && s.indexOf('/', prefix.length()) < 0);
        if (!levelSelected && strictNested && !prefix.isEmpty() && !select.isEmpty()) {
            return false;
        }
        return !levelSelected || select.contains(path);
    }

    private static Set<String> paths(Optional<String> param, Shape shape, String name, boolean linkedOnly) {
        Set<String> paths = new LinkedHashSet<>();
        if (param.isEmpty() || param.get().isBlank()) {
            return paths;
        }
        for (String raw : param.get().split(",")) {
            String path = raw.trim();
            Shape current = shape;
            String[] parts = path.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                Kind kind = current == null ? null : current.fields().get(parts[i]);
                boolean last = i == parts.length - 1;
                boolean linked = kind instanceof Nested || kind instanceof Opaque;
                if (kind == null || (!last && !(kind instanceof Nested)) || (last && linkedOnly && !linked)) {
                    throw AcumaticaErrors.of(400, "Invalid " + name + ": '" + path + "' is not a "
                            + (linkedOnly ? "linked or detail entity" : "field") + " of " + shape.name() + ".");
                }
                prefix.append(i == 0 ? "" : "/").append(parts[i]);
                if (linked) {
                    paths.add(prefix.toString()); // expanding MainContact/Address expands MainContact too
                }
                current = kind instanceof Nested n ? EntityShapes.get(n.shape()) : null;
            }
            paths.add(path);
        }
        return paths;
    }

    private static void collectPaths(JsonNode entity, Shape shape, String prefix, Set<String> into) {
        shape.fields().forEach((field, kind) -> {
            JsonNode value = entity.get(field);
            if (value == null || value.isNull() || kind instanceof EntityShapes.Value) {
                return;
            }
            into.add(prefix + field);
            if (kind instanceof Nested n) {
                for (JsonNode child : value.isArray() ? value : java.util.List.of(value)) {
                    collectPaths(child, EntityShapes.get(n.shape()), prefix + field + "/", into);
                }
            }
        });
    }
}
