package com.bcerp.bigcommerce;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Validates sandbox exchanges against BigCommerce's published OpenAPI files (read from {@code specs.dir}, never
 * copied into the project). Where a spec contradicts itself or the documented API, only that rule is adjusted, in
 * memory, with the reason next to it.
 */
final class BigCommerceSpecs {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** How an order's consignments come back, which is what the request's {@code include} asked for. */
    private enum Consignments { LINK, OBJECT_WITH_LINKS, OBJECT_WITH_LINE_ITEMS }

    private final Map<Consignments, OpenApiInteractionValidator> ordersV2 = new EnumMap<>(Consignments.class);
    private final OpenApiInteractionValidator ordersV3;
    private final OpenApiInteractionValidator webhooksV3;
    private final OpenApiInteractionValidator inventory;
    private final OpenApiInteractionValidator locations;
    private final OpenApiInteractionValidator products;
    private final OpenApiInteractionValidator variants;
    private final OpenApiInteractionValidator options;

    private BigCommerceSpecs(String storeHash, Path dir) {
        String base = "/stores/" + storeHash;
        for (Consignments form : Consignments.values()) {
            ordersV2.put(form, validator(patchOrdersV2(read(dir.resolve("orders.v2.oas2.yml")), form), base + "/v2"));
        }
        ordersV3 = validator(patchOrdersV3(read(dir.resolve("orders.v3.yml"))), base + "/v3");
        webhooksV3 = validator(patchWebhooksV3(read(dir.resolve("webhooks.v3.yml"))), base + "/v3");
        inventory = validator(patchInventory(read(dir.resolve("inventory.v3.yml"))), base + "/v3");
        locations = validator(read(dir.resolve("locations.v3.yml")), base + "/v3");
        products = validator(patchProducts(read(dir.resolve("products_catalog.v3.yml"))), base + "/v3");
        variants = validator(patchVariants(read(dir.resolve("product-variants_catalog.v3.yml"))), base + "/v3");
        options = validator(read(dir.resolve("product-variant-options_catalog.v3.yml")), base + "/v3");
    }

    /** The specs for one store, or the test is skipped (with the reason) when the specs folder is absent. */
    static BigCommerceSpecs forStore(String storeHash) {
        String specsDir = System.getProperty("specs.dir");
        Assumptions.assumeTrue(specsDir != null, "specs.dir is not set; run through Maven to check conformance");
        Path dir = Path.of(specsDir, "bigcommerce");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("orders.v2.oas2.yml")),
                "BigCommerce's OpenAPI files are not at " + dir + "; conformance not checked");
        return new BigCommerceSpecs(storeHash, dir);
    }

    ValidationReport validate(BigCommerceSandbox.Exchange e) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(e.method()), e.path());
        e.requestHeaders().forEach(request::withHeader);
        e.query().forEach((name, values) -> request.withQueryParam(name, values));
        if (e.requestBody().length > 0) {
            request.withBody(new String(e.requestBody(), StandardCharsets.UTF_8));
        }
        // BigCommerce answers 201 Created to POST /v2/orders (so does the sandbox); the spec lists 200 only.
        int status = e.status() == 201 && e.path().endsWith("/v2/orders") ? 200 : e.status();
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        e.responseHeaders().forEach(response::withHeader);
        if (e.responseBody().length > 0) {
            response.withBody(new String(e.responseBody(), StandardCharsets.UTF_8));
        }
        return validatorFor(e).validate(request.build(), response.build());
    }

    private OpenApiInteractionValidator validatorFor(BigCommerceSandbox.Exchange e) {
        if (e.path().contains("/v2/")) {
            String include = String.join(",", e.query().getOrDefault("include", List.of()));
            return ordersV2.get(include.contains("consignments.line_items") ? Consignments.OBJECT_WITH_LINE_ITEMS
                    : include.contains("consignments") ? Consignments.OBJECT_WITH_LINKS : Consignments.LINK);
        }
        String path = e.path();
        if (path.contains("/v3/hooks")) {
            return webhooksV3;
        }
        if (path.endsWith("/v3/inventory/locations")) {
            return locations;
        }
        if (path.contains("/v3/inventory/")) {
            return inventory;
        }
        if (path.contains("/options")) {
            return options;
        }
        if (path.contains("/v3/catalog/variants") || path.contains("/variants")) {
            return variants;
        }
        return path.contains("/v3/catalog/products") ? products : ordersV3;
    }

    private static ObjectNode patchOrdersV2(ObjectNode spec, Consignments form) {
        ObjectNode schemas = (ObjectNode) spec.path("components").path("schemas");
        // consignments: oneOf a {url, resource} link or the consignment object, both open objects, so every value
        // matches both and oneOf can never pass. Validated against the form the request asked for.
        chooseOneOf((ObjectNode) schemas.path("order_RespOnly").path("properties").path("consignments"),
                form == Consignments.LINK ? 0 : 1);
        // line_items: oneOf an array of links or an array of order products; a link is an open object, so an
        // expanded line item (and an empty list) matches both. Validated against the form the request asked for.
        for (String consignment : List.of("shippingConsignment_Get", "pickupConsignment_Get", "digitalConsignment_Get",
                "giftCertificateConsignment_Get")) {
            schemas.path(consignment).findParents("line_items").stream()
                    .filter(p -> p.path("line_items").has("oneOf")) // not the examples
                    .forEach(p -> chooseOneOf((ObjectNode) p.path("line_items"),
                            form == Consignments.OBJECT_WITH_LINE_ITEMS ? 1 : 0));
        }
        // sort: the parameter's own description says to append :asc or :desc; its enum lists the bare fields only.
        ArrayNode sorts = (ArrayNode) spec.path("components").path("parameters").path("sort").path("schema").path("enum");
        textValues(sorts).forEach(f -> sorts.add(f + ":asc").add(f + ":desc"));
        // V2 collections answer 204 No Content when nothing matches (documented for shipments, observed for
        // orders); the spec lists 200 only.
        ObjectNode paths = (ObjectNode) spec.path("paths");
        for (String path : List.of("/orders", "/orders/{order_id}/products", "/orders/{order_id}/shipping_addresses",
                "/orders/{order_id}/coupons", "/orders/{order_id}/taxes")) {
            ((ObjectNode) paths.path(path).path("get").path("responses")).putObject("204").put("description", "No Content");
        }
        // taxes: order_product_id "will return as null" for shipping and gift-wrapping taxes, its description says,
        // yet its type is a string that may not be null.
        ((ObjectNode) schemas.path("orderTaxes_Base").path("properties").path("order_product_id")).put("nullable", true);
        return spec;
    }

    private static ObjectNode patchOrdersV3(ObjectNode spec) {
        // A 204 has no body (RFC 9110), yet the spec gives the transactions 204 a JSON body schema.
        ((ObjectNode) spec.path("paths").path("/orders/{order_id}/transactions").path("get").path("responses")
                .path("204")).remove("content");
        return spec;
    }

    private static ObjectNode patchWebhooksV3(ObjectNode spec) {
        // An app without hooks gets an empty list, but the list response says minItems: 1.
        ((ObjectNode) spec.path("components").path("responses").path("webhooks_Resp").path("content")
                .path("application/json").path("schema").path("properties").path("data")).remove("minItems");
        return spec;
    }

    private static ObjectNode patchInventory(ObjectNode spec) {
        // variant_id:in, product_id:in and location_id:in are described as comma-separated lists but typed integer,
        // so a list of two ids would never pass; they are validated as the text they are.
        ObjectNode parameters = (ObjectNode) spec.path("components").path("parameters");
        for (String name : List.of("VariantIdFilterParam", "ProductIdFilterParam", "LocationIdsParam")) {
            ((ObjectNode) parameters.path(name)).putObject("schema").put("type", "string");
        }
        return spec;
    }

    private static ObjectNode patchProducts(ObjectNode spec) {
        // include=variants (an allowed value of the include parameter) returns each product's variants, but
        // product_Full has no variants property; it is added with the variants' own schema.
        ObjectNode full = (ObjectNode) spec.path("components").path("schemas").path("product_Full");
        ObjectNode extra = ((ArrayNode) full.path("allOf")).addObject();
        extra.put("type", "object").putObject("properties").putObject("variants").put("type", "array")
                .putObject("items").put("$ref", "#/components/schemas/productVariant_Full");
        return spec;
    }

    private static ObjectNode patchVariants(ObjectNode spec) {
        // The batch endpoint's description says it creates a variant from product_id, sku and option_values
        // ({id, option_id}), but its request schema lists only the fields of an update; they are added.
        ObjectNode item = (ObjectNode) spec.path("paths").path("/catalog/variants").path("put").path("requestBody")
                .path("content").path("application/json").path("schema").path("items");
        ObjectNode properties = ((ArrayNode) item.path("allOf")).addObject().put("type", "object").putObject("properties");
        properties.putObject("product_id").put("type", "integer");
        properties.putObject("sku").put("type", "string");
        ObjectNode value = properties.putObject("option_values").put("type", "array").putObject("items").put("type", "object");
        value.putObject("properties").putObject("id").put("type", "integer");
        ((ObjectNode) value.path("properties")).putObject("option_id").put("type", "integer");
        return spec;
    }

    /** Replaces {@code oneOf} with its alternative number {@code index}. */
    private static void chooseOneOf(ObjectNode schema, int index) {
        JsonNode oneOf = schema.remove("oneOf");
        if (oneOf == null || oneOf.size() <= index) {
            throw new IllegalStateException("the spec changed: no oneOf to adjust in " + schema);
        }
        schema.setAll((ObjectNode) oneOf.get(index));
    }

    private static List<String> textValues(ArrayNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static OpenApiInteractionValidator validator(ObjectNode spec, String basePath) {
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(YAML.writeValueAsString(spec))
                    .withBasePathOverride(basePath)
                    // allOf merged into one schema: otherwise each part rejects the other parts' properties
                    .withResolveCombinators(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each exchange that does not conform, described with what the spec says is wrong. */
    List<String> problems(List<BigCommerceSandbox.Exchange> exchanges) {
        List<String> problems = new java.util.ArrayList<>();
        for (BigCommerceSandbox.Exchange e : exchanges) {
            ValidationReport report = validate(e);
            if (report.hasErrors()) {
                problems.add(describe(e, report));
            }
        }
        return problems;
    }

    static String describe(BigCommerceSandbox.Exchange e, ValidationReport report) {
        StringBuilder out = new StringBuilder(e.method() + " " + e.path() + " " + e.query() + " -> " + e.status());
        report.getMessages().forEach(m -> {
            out.append("\n  ").append(m.getKey()).append(": ").append(m.getMessage());
            m.getNestedMessages().forEach(n -> out.append("\n    ").append(n.getKey()).append(": ").append(n.getMessage()));
        });
        return out.toString();
    }
}
