package com.bcerp.sandbox.acumatica;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies in the {@code {"value": ...}} form, built tersely for tests. */
final class Bodies {

    private Bodies() {}

    /** An entity from name/value pairs: {@code entity("CustomerID", "C1", "OrderQty", 2)}. */
    static ObjectNode entity(Object... pairs) {
        ObjectNode node = SandboxHttp.JSON.createObjectNode();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            String name = (String) pairs[i];
            Object value = pairs[i + 1];
            if (value instanceof com.fasterxml.jackson.databind.JsonNode json) {
                node.set(name, json);
            } else {
                node.set(name, SandboxHttp.JSON.createObjectNode().set("value", SandboxHttp.JSON.valueToTree(value)));
            }
        }
        return node;
    }

    static ArrayNode rows(ObjectNode... rows) {
        ArrayNode array = SandboxHttp.JSON.createArrayNode();
        for (ObjectNode row : rows) {
            array.add(row);
        }
        return array;
    }

    static ObjectNode customer(String name, String email) {
        return entity("CustomerName", name, "Email", email);
    }

    static ObjectNode line(String item, Object qty, Object price) {
        return entity("InventoryID", item, "OrderQty", qty, "UnitPrice", price, "ManualPrice", true);
    }
}
