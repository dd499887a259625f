package com.bcerp.sandbox.acumatica;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.acumatica.EntityShapes.Nested;
import com.bcerp.sandbox.acumatica.EntityShapes.Opaque;
import com.bcerp.sandbox.acumatica.EntityShapes.Value;
import com.bcerp.sandbox.conformance.SpecFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's field table is the vendor's contract: same fields, same kinds, for every simulated entity. */
class EntityShapesMatchSpecTest {

    @Test
    void every_simulated_entity_has_exactly_the_fields_of_the_contract() throws Exception {
        Path file = SpecFiles.require(AcumaticaSpec.FILE);
        JsonNode schemas = SandboxHttp.JSON.readTree(file.toFile()).get("components").get("schemas");

        EntityShapes.all().forEach((name, shape) -> {
            JsonNode properties = schemas.get(name).get("allOf").get(1).get("properties");
            Map<String, String> expected = new LinkedHashMap<>();
            properties.properties().forEach(p -> expected.put(p.getKey(), specKind(p.getValue())));
            Map<String, String> actual = new LinkedHashMap<>();
            shape.fields().forEach((field, kind) -> actual.put(field, switch (kind) {
                case Value v -> v.type().name();
                case Nested n -> (n.collection() ? "[" : "") + n.shape();
                case Opaque o -> o.collection() ? "[?" : "?";
            }));
            assertThat(actual).as(name).isEqualTo(expected);
        });
    }

    private static String specKind(JsonNode property) {
        boolean collection = property.has("items");
        String ref = (collection ? property.get("items") : property).get("$ref").asText();
        String type = ref.substring(ref.lastIndexOf('/') + 1);
        String kind = switch (type) {
            case "StringValue" -> "STRING";
            case "DecimalValue" -> "DECIMAL";
            case "BooleanValue" -> "BOOLEAN";
            case "DateTimeValue" -> "DATETIME";
            case "IntValue", "ShortValue" -> "INT";
            case "GuidValue" -> "GUID";
            default -> EntityShapes.all().containsKey(type) ? type : "?";
        };
        return (collection ? "[" : "") + kind;
    }
}
