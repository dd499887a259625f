package com.bcerp.sandbox.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A billing or shipping address on an order, with V2's field names. */
record OrderAddress(String firstName, String lastName, String company, String street1, String street2, String city,
        String state, String zip, String country, String countryIso2, String phone, String email) {

    /** Reads an address object of a create-order request; {@code path} names it in errors. */
    static OrderAddress read(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw BcErrors.v2(400, "The field '" + path + "' must be an address object.");
        }
        return new OrderAddress(text(node, "first_name"), text(node, "last_name"), text(node, "company"),
                text(node, "street_1"), text(node, "street_2"), text(node, "city"), text(node, "state"),
                text(node, "zip"), text(node, "country"), text(node, "country_iso2"), text(node, "phone"),
                text(node, "email"));
    }

    void writeTo(ObjectNode out) {
        out.put("first_name", firstName).put("last_name", lastName).put("company", company)
                .put("street_1", street1).put("street_2", street2).put("city", city).put("state", state)
                .put("zip", zip).put("country", country).put("country_iso2", countryIso2)
                .put("phone", phone).put("email", email);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
