package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.acumatica.EntityShapes.Kind;
import com.bcerp.sandbox.acumatica.EntityShapes.Nested;
import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * Applies a (normalised) request entity to a stored one, as a PUT does: general fields replace, linked entities merge,
 * detail rows with a known {@code id} update (or go, with {@code "delete": true}), rows without one are added.
 */
final class EntityMerge {

    private EntityMerge() {}

    static void merge(ObjectNode target, JsonNode patch, Shape shape) {
        patch.properties().forEach(e -> {
            String name = e.getKey();
            JsonNode value = e.getValue();
            if (name.equals("note") || name.equals("custom")) {
                target.set(name, value);
                return;
            }
            Kind kind = shape.fields().get(name);
            if (kind == null) {
                return; // id, delete: handled by the caller
            }
            if (kind instanceof Nested n && n.collection()) {
                mergeRows(target.withArrayProperty(name), value, EntityShapes.get(n.shape()));
            } else if (kind instanceof Nested n) {
                merge(target.withObjectProperty(name), value, EntityShapes.get(n.shape()));
            } else {
                target.set(name, value);
            }
        });
    }

    private static void mergeRows(ArrayNode rows, JsonNode patchRows, Shape shape) {
        for (JsonNode patch : patchRows) {
            int existing = indexOf(rows, patch.path("id").asText(null));
            boolean delete = patch.path("delete").asBoolean(false);
            if (existing >= 0 && delete) {
                rows.remove(existing);
            } else if (existing >= 0) {
                merge((ObjectNode) rows.get(existing), patch, shape);
            } else if (!delete) {
                ObjectNode row = Values.object();
                merge(row, patch, shape);
                rows.add(row);
            }
        }
    }

    private static int indexOf(ArrayNode rows, String id) {
        for (int i = 0; id != null && i < rows.size(); i++) {
            if (id.equals(rows.get(i).path("id").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    /** Gives every entity in the tree that has none an {@code id}, as Acumatica does for linked and detail entities. */
    static void assignIds(ObjectNode entity, Shape shape) {
        if (!entity.hasNonNull("id")) {
            ObjectNode withId = Values.object();
            withId.put("id", UUID.randomUUID().toString());
            withId.setAll(entity);
            entity.removeAll();
            entity.setAll(withId);
        }
        shape.fields().forEach((name, kind) -> {
            JsonNode value = entity.get(name);
            if (kind instanceof Nested n && value != null && !value.isNull()) {
                for (JsonNode child : value.isArray() ? value : java.util.List.of(value)) {
                    assignIds((ObjectNode) child, EntityShapes.get(n.shape()));
                }
            }
        });
    }
}
