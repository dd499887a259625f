package com.bcerp.sandbox.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as BigCommerce's V2 API writes it ("12.3400") and reads it (a JSON number or a numeric string). */
final class Amounts {

    private Amounts() {}

    static String str(BigDecimal amount) {
        return amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal four(BigDecimal amount) {
        return amount.setScale(4, RoundingMode.HALF_UP);
    }

    /** Reads an optional amount field; absent or null is null; anything but a number or numeric string is a 400. */
    static BigDecimal read(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isTextual()) {
                return new BigDecimal(node.asText().trim());
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw BcErrors.v2(400, "The field '" + path + field + "' must be an amount, e.g. \"12.50\".");
    }
}
