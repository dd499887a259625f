package com.bcerp.bigcommerce;

import com.atlassian.oai.validator.report.ValidationReport;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.conformance.OpenApiSpec;
import com.bcerp.sandbox.conformance.OpenApiSpec.Interaction;
import com.bcerp.sandbox.conformance.SpecFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates sandbox exchanges against BigCommerce's published OpenAPI files (read from {@code specs.dir}, never
 * copied into the project). Where a spec contradicts itself or the documented API, only that rule is adjusted, in
 * memory, with the reason next to it.
 */
final class BigCommerceSpecs {

    private static final String DIR = "bigcommerce/";

    /** How an order's consignments come back, which is what the request's {@code include} asked for. */
    private enum Consignments { LINK, OBJECT_WITH_LINKS, OBJECT_WITH_LINE_ITEMS }

    private final Map<Consignments, OpenApiSpec> ordersV2 = new EnumMap<>(Consignments.class);
    private final OpenApiSpec ordersV3;
    private final OpenApiSpec webhooksV3;
    private final OpenApiSpec inventory;
    private final OpenApiSpec locations;
    private final OpenApiSpec products;
    private final OpenApiSpec variants;
    private final OpenApiSpec options;
    private final OpenApiSpec customers;

    private BigCommerceSpecs(String storeHash) {
        String v2 = "/stores/" + storeHash + "/v2";
        String v3 = "/stores/" + storeHash + "/v3";
        for (Consignments form : Consignments.values()) {
            ordersV2.put(form, OpenApiSpec.from(DIR + "orders.v2.oas2.yml").basePath(v2)
                    .patch(spec -> patchOrdersV2(spec, form)).build());
        }
        ordersV3 = OpenApiSpec.from(DIR + "orders.v3.yml").basePath(v3).patch(BigCommerceSpecs::patchOrdersV3).build();
        webhooksV3 = OpenApiSpec.from(DIR + "webhooks.v3.yml").basePath(v3).patch(BigCommerceSpecs::patchWebhooksV3).build();
        inventory = OpenApiSpec.from(DIR + "inventory.v3.yml").basePath(v3).patch(BigCommerceSpecs::patchInventory).build();
        locations = OpenApiSpec.from(DIR + "locations.v3.yml").basePath(v3).build();
        products = OpenApiSpec.from(DIR + "products_catalog.v3.yml").basePath(v3).patch(BigCommerceSpecs::patchProducts).build();
        variants = OpenApiSpec.from(DIR + "product-variants_catalog.v3.yml").basePath(v3)
                .patch(BigCommerceSpecs::patchVariants).build();
        options = OpenApiSpec.from(DIR + "product-variant-options_catalog.v3.yml").basePath(v3).build();
        customers = OpenApiSpec.from(DIR + "customers.v3.yml").basePath(v3).build();
    }

    /** The specs for one store, or the test is skipped (with the reason) when the specs folder is absent. */
    static BigCommerceSpecs forStore(String storeHash) {
        SpecFiles.require(DIR + "orders.v2.oas2.yml");
        return new BigCommerceSpecs(storeHash);
    }

    ValidationReport validate(BigCommerceSandbox.Exchange e) {
        return validatorFor(e).validate(interaction(e));
    }

    private static Interaction interaction(BigCommerceSandbox.Exchange e) {
        Interaction recorded = new Interaction(e.method(), e.path(), e.query(), e.requestHeaders(),
                new String(e.requestBody(), StandardCharsets.UTF_8), e.status(), e.responseHeaders(),
                new String(e.responseBody(), StandardCharsets.UTF_8));
        // BigCommerce answers 201 Created to POST /v2/orders (so does the sandbox); the spec lists 200 only.
        return e.status() == 201 && e.path().endsWith("/v2/orders") ? recorded.withStatus(200) : recorded;
    }

    private OpenApiSpec validatorFor(BigCommerceSandbox.Exchange e) {
        if (e.path().contains("/v2/")) {
            String include = String.join(",", e.query().getOrDefault("include", List.of()));
            return ordersV2.get(include.contains("consignments.line_items") ? Consignments.OBJECT_WITH_LINE_ITEMS
                    : include.contains("consignments") ? Consignments.OBJECT_WITH_LINKS : Consignments.LINK);
        }
        String path = e.path();
        if (path.contains("/v3/hooks")) {
            return webhooksV3;
        }
        if (path.contains("/v3/customers")) {
            return customers;
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
        return OpenApiSpec.describe(interaction(e), report);
    }
}
