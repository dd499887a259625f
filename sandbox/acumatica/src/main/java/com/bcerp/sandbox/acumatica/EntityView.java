package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Kind;
import com.bcerp.sandbox.acumatica.EntityShapes.Nested;
import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a stored entity as the API answers it: {@code id}, {@code rowNumber}, {@code note} and the general fields;
 * linked and detail entities only when {@code $expand} names them (Acumatica expands nothing by default); general
 * fields narrowed by {@code $select} when it names some at that level.
 */
final class EntityView {

    private EntityView() {}

    static ObjectNode render(JsonNode stored, Shape shape, ODataQuery query, int rowNumber) {
        return render(stored, shape, query, "", rowNumber);
    }

    private static ObjectNode render(JsonNode stored, Shape shape, ODataQuery query, String prefix, int rowNumber) {
        ObjectNode out = Values.object();
        if (stored.hasNonNull("id")) {
            out.set("id", stored.get("id"));
        }
        out.put("rowNumber", rowNumber);
        out.set("note", stored.hasNonNull("note") ? stored.get("note") : Values.wrap(Values.NODES.textNode("")));
        if (stored.hasNonNull("error")) {
            out.set("error", stored.get("error"));
        }
        stored.properties().forEach(e -> {
            Kind kind = shape.fields().get(e.getKey());
            String path = prefix + e.getKey();
            if (kind == null || e.getValue().isNull()) {
                return;
            }
            if (kind instanceof EntityShapes.Value) {
                if (query.selects(prefix, path)) {
                    out.set(e.getKey(), e.getValue());
                }
            } else if (query.expands(path)) {
                out.set(e.getKey(), kind instanceof Nested n ? nested(e.getValue(), n, query, path) : e.getValue());
            }
        });
        out.set("custom", stored.hasNonNull("custom") ? stored.get("custom") : Values.object());
        return out;
    }

    private static JsonNode nested(JsonNode value, Nested kind, ODataQuery query, String path) {
        Shape shape = EntityShapes.get(kind.shape());
        if (!kind.collection()) {
            return render(value, shape, query, path + "/", 1);
        }
        ArrayNode rows = Values.NODES.arrayNode();
        int row = 1;
        for (JsonNode child : value) {
            rows.add(render(child, shape, query, path + "/", row++));
        }
        return rows;
    }
}
