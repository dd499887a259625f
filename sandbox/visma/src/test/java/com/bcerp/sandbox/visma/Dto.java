package com.bcerp.sandbox.visma;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builders of the API's write DTOs for the tests: every scalar wrapped as {"value": x}, nested DTOs wrapped twice. */
final class Dto {

    private Dto() {}

    /** {@code wrapped("name", "Ada", "hold", false)}: each value as {"value": v}; an ObjectNode value is wrapped once more. */
    static ObjectNode wrapped(Object... pairs) {
        ObjectNode node = SandboxHttp.JSON.createObjectNode();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            node.set((String) pairs[i], SandboxHttp.JSON.createObjectNode().set("value", SandboxHttp.JSON.valueToTree(pairs[i + 1])));
        }
        return node;
    }

    /** A plain object (action bodies, rows' plain members). */
    static ObjectNode plain(Object... pairs) {
        ObjectNode node = SandboxHttp.JSON.createObjectNode();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            node.set((String) pairs[i], SandboxHttp.JSON.valueToTree(pairs[i + 1]));
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

    /** A sales order line to insert. */
    static ObjectNode line(String inventoryNumber, Object quantity, Object unitPrice) {
        ObjectNode line = wrapped("inventoryNumber", inventoryNumber, "quantity", quantity, "unitPrice", unitPrice);
        line.put("operation", "Insert");
        return line;
    }
}
