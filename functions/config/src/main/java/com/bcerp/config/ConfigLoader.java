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
import java.lang.reflect.RecordComponent;
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

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** The stack's section of the file, which the functions ignore. */
    private static final String DEPLOYMENT = "deployment";

    private ConfigLoader() {}

    public static ConnectorConfig load(Path file) {
        return parse(text(file));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the config file: " + e.getMessage());
        }
    }

    /** The defaults, for a deployment without a config file. */
    public static ConnectorConfig defaults() {
        return ConnectorConfig.defaults();
    }

    /** The functions' config; the {@code deployment} section is the stack's and is read by {@link #deployment}. */
    public static ConnectorConfig parse(String yaml) {
        ObjectNode given = tree(yaml);
        given.remove(DEPLOYMENT);
        return read(given, ConnectorConfig.class, ConnectorConfig.defaults(), "");
    }

    /** The file's {@code deployment} section, over its defaults: what the CDK stack needs at synth. */
    public static DeploymentSettings deployment(Path file) {
        return parseDeployment(text(file));
    }

    public static DeploymentSettings parseDeployment(String yaml) {
        JsonNode section = tree(yaml).get(DEPLOYMENT);
        if (section != null && !section.isNull() && !section.isObject()) {
            throw new ConfigException(DEPLOYMENT, "must be a mapping (store_hash: ...)");
        }
        ObjectNode given = section instanceof ObjectNode o ? o : MAPPER.createObjectNode();
        return read(given, DeploymentSettings.class, DeploymentSettings.defaults(), DEPLOYMENT);
    }

    private static ObjectNode tree(String yaml) {
        JsonNode given;
        try {
            given = yaml.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("(file)", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (given == null || given.isMissingNode() || given.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!given.isObject()) {
            throw new ConfigException("(file)", "the config must be a mapping of sections (orders: ...)");
        }
        return (ObjectNode) given;
    }

    /** {@code given} over {@code defaults}; errors name the field by its path, under {@code prefix}. */
    private static <T> T read(ObjectNode given, Class<T> type, T defaults, String prefix) {
        ObjectNode merged = MAPPER.valueToTree(defaults);
        overlay(merged, given, type);
        try {
            return MAPPER.treeToValue(merged, type);
        } catch (JsonMappingException e) {
            throw translate(e, prefix);
        } catch (JsonProcessingException e) {
            throw new ConfigException(prefix.isEmpty() ? "(file)" : prefix, e.getOriginalMessage());
        }
    }

    /**
     * A section (a record) merges key by key, so the file can set one field and keep the other defaults; anything
     * else replaces the default whole. That includes mapping tables (store name to back-office code): the file's
     * table is the merchant's whole table, never mixed with default entries.
     */
    private static void overlay(ObjectNode target, ObjectNode source, Class<?> type) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            Class<?> section = componentType(type, field.getKey());
            if (section != null && section.isRecord() && existing instanceof ObjectNode existingObject
                    && field.getValue() instanceof ObjectNode givenObject) {
                overlay(existingObject, givenObject, section);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    /** The type of the record component a file key names (keys are the components' names in snake_case). */
    private static Class<?> componentType(Class<?> record, String key) {
        if (record == null || !record.isRecord()) {
            return null;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            if (SNAKE_CASE.translate(component.getName()).equals(key)) {
                return component.getType();
            }
        }
        return null;
    }

    private static ConfigException translate(JsonMappingException e, String prefix) {
        String inSection = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String path = prefix.isEmpty() ? inSection : inSection.isEmpty() ? prefix : prefix + "." + inSection;
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
