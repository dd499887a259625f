package com.bcerp.config;

import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.config.InvalidConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the merchant's config file. What the file leaves out keeps its default; what it names must exist (an unknown
 * key is an error, so a typo cannot silently fall back to a default); every error names the field by its path in
 * the file, e.g. {@code orders.rounding_tolerance: must be between 0 and 1}.
 */
public final class ConfigLoader {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // choices (e.g. stock.availability) are written in lower case, as their toString() gives them
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

    private ConfigLoader() {}

    public static ConnectorConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the config file: " + e.getMessage());
        }
        return parse(text);
    }

    /** The defaults, for a deployment without a config file. */
    public static ConnectorConfig defaults() {
        return ConnectorConfig.defaults();
    }

    public static ConnectorConfig parse(String yaml) {
        JsonNode given;
        try {
            given = yaml.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("(file)", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (given == null || given.isMissingNode() || given.isNull()) {
            given = MAPPER.createObjectNode();
        }
        if (!given.isObject()) {
            throw new ConfigException("(file)", "the config must be a mapping of sections (orders: ...)");
        }
        ObjectNode merged = MAPPER.valueToTree(ConnectorConfig.defaults());
        overlay(merged, (ObjectNode) given);
        try {
            return MAPPER.treeToValue(merged, ConnectorConfig.class);
        } catch (JsonMappingException e) {
            throw translate(e);
        } catch (JsonProcessingException e) {
            throw new ConfigException("(file)", e.getOriginalMessage());
        }
    }

    /** Objects merge key by key (so a section can set one field); anything else replaces the default. */
    private static void overlay(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode givenObject
                    && !isFreeFormMap(existingObject)) {
                overlay(existingObject, givenObject);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    /**
     * An object that is empty by default is a mapping table whose keys are the merchant's (store name to back-office
     * code): the file's table replaces it whole rather than merging key by key.
     */
    private static boolean isFreeFormMap(ObjectNode node) {
        return node.isEmpty();
    }

    private static ConfigException translate(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Throwable cause = e.getCause();
        if (cause instanceof InvalidConfig invalid) {
            return new ConfigException(path.isEmpty() ? invalid.field() : path + "." + invalid.field(),
                    invalid.getMessage().substring(invalid.field().length() + 2));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new ConfigException(path, "unknown field (known here: " + String.join(", ",
                    unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        }
        return new ConfigException(path, e.getOriginalMessage());
    }
}
