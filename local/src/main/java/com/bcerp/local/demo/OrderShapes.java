package com.bcerp.local.demo;

import com.bcerp.sandbox.SandboxCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders of every shape a store produces, as requests to the BigCommerce sandbox: through its API
 * ({@code POST /v2/orders}) or, for what only a storefront makes, its checkout ({@code POST /sandbox/checkouts}).
 */
public final class OrderShapes {

    /** One order to place: its name, the door it goes through, and the request. */
    public record Shape(String name, boolean checkout, Map<String, Object> body) {}

    private OrderShapes() {}

    /**
     * One order of each shape: variants, discounts of every kind, bundles, custom products, downloads, gift
     * certificates bought and redeemed, store credit, several addresses, charges and fees, tax-inclusive prices
     * (placed while the store prices with tax), other currencies and storefronts, card authorisations, guests and
     * businesses. Orders whose names start with {@code tax-inclusive} are to be placed with tax-inclusive pricing on.
     */
    public static List<Shape> every(SandboxCatalog catalog) {
        List<SandboxCatalog.Item> s = catalog.simpleItems();
        List<SandboxCatalog.Item> v = catalog.variantItems();
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape("simple", false, order(11, List.of(product(s.get(0), 2), product(s.get(5), 1)), "9.95")));
        shapes.add(new Shape("variants", true, checkout(List.of(variant(v.get(0), 1), variant(v.get(4), 2)))));
        shapes.add(new Shape("manual-discount", false, with(order(11, List.of(product(s.get(2), 3), product(s.get(3), 1)),
                "4.99"), "discount_amount", "7.77")));
        for (String coupon : List.of("SAVE10", "TAKE5", "ITEM2", "SHIP5", "FREESHIP")) {
            shapes.add(new Shape("coupon-" + coupon, true, with(checkout(List.of(product(s.get(4), 2), product(s.get(6), 1))),
                    "coupons", List.of(coupon))));
        }
        shapes.add(new Shape("promotion", true, checkout(List.of(product(s.get(13), 3), product(s.get(14), 1)))));
        shapes.add(new Shape("discounts-stacked", true, with(with(checkout(List.of(product(s.get(15), 4),
                product(s.get(16), 1))), "coupons", List.of("SAVE10", "TAKE5")), "discount_amount", "1.50")));
        shapes.add(new Shape("bundle", true, checkout(List.of(with(product(s.get(17), 2), "bundle",
                List.of(product(s.get(18), 1), product(s.get(19), 2)))))));
        shapes.add(new Shape("custom-products", false, order(11, List.of(product(s.get(0), 1),
                custom("Engraving", "ENGRAVE-1", "12.00", "13.20"), custom("Gift note", null, "3.00", "3.30"),
                // typed in by staff with a catalogue SKU: posted on that item, not the non-stock one
                custom("Spare part", s.get(1).sku(), "4.00", "4.40")), "5.00")));
        shapes.add(new Shape("digital-only", false, map("billing_address", address("Grace", "grace@example.com"),
                "status_id", 11, "customer_id", 22, "payment_method", "Credit Card",
                "products", List.of(product(s.get(20), 1), product(s.get(21), 2)))));
        shapes.add(new Shape("digital-and-physical", true, checkout(List.of(product(s.get(22), 1),
                with(product(s.get(23), 1), "digital", true)))));
        shapes.add(new Shape("gift-certificates-bought", true, with(checkout(List.of(product(s.get(24), 1))),
                "gift_certificates", List.of(map("amount", "25.00"), map("amount", "50.00")))));
        shapes.add(new Shape("gift-certificate-redeemed", true, with(checkout(List.of(product(s.get(25), 2))), "payment",
                map("gift_certificate", map("code", "GC-2026-0001", "amount", "20.00"), "gateway", "braintree",
                        "action", "purchase"))));
        shapes.add(new Shape("store-credit", true, with(checkout(List.of(product(s.get(26), 1))), "payment",
                map("store_credit", "10.00", "gateway", "braintree", "action", "purchase"))));
        shapes.add(new Shape("two-addresses", true, with(checkout(List.of(product(s.get(27), 1),
                with(product(s.get(28), 2), "shipping_address_index", 1))), "shipping_addresses",
                List.of(shipTo("Ada", "Flat Rate", "7.00"), shipTo("Charles", "Express", "12.00")))));
        shapes.add(new Shape("handling-and-wrapping", false, with(with(order(11, List.of(product(s.get(29), 1)), "6.00"),
                "handling_cost_ex_tax", "2.50"), "wrapping_cost_ex_tax", "3.00")));
        shapes.add(new Shape("fees", false, with(order(11, List.of(product(s.get(0), 1)), "5.00"), "fees", List.of(
                map("type", "custom_fee", "display_name_customer", "Eco fee", "cost_ex_tax", "1.50", "tax_class_id", 0),
                map("type", "custom_fee", "display_name_customer", "Service fee", "cost_ex_tax", "2.00",
                        "tax_class_id", 1)))));
        shapes.add(new Shape("tax-inclusive", true, checkout(List.of(product(s.get(2), 3), product(s.get(4), 1)))));
        shapes.add(new Shape("tax-inclusive-coupon", true, with(checkout(List.of(product(s.get(5), 2),
                product(s.get(6), 1))), "coupons", List.of("SAVE10"))));
        shapes.add(new Shape("currency-eur", true, with(checkout(List.of(product(s.get(7), 2))), "currency", "EUR")));
        shapes.add(new Shape("tax-inclusive-gbp", true, with(with(checkout(List.of(product(s.get(8), 1),
                product(s.get(9), 1))), "currency", "GBP"), "coupons", List.of("TAKE5"))));
        shapes.add(new Shape("reduced-rate", true, checkout(List.of(product(s.get(1), 2), product(s.get(10), 1)))));
        shapes.add(new Shape("storefront-eu", true, with(with(checkout(List.of(product(s.get(16), 1))), "channel_id", 2),
                "currency", "EUR")));
        shapes.add(new Shape("guest", false, with(order(11, List.of(product(s.get(13), 1)), "5.00"), "customer_id", 0)));
        shapes.add(new Shape("business", true, with(checkout(List.of(product(s.get(14), 5))), "billing_address",
                with(address("Hannah", "purchasing@harbor.example"), "company", "Harbor & Co"))));
        shapes.add(new Shape("authorised", true, with(checkout(List.of(product(s.get(4), 1))), "payment",
                map("gateway", "braintree", "action", "authorize"))));
        return shapes;
    }

    public static Map<String, Object> address(String first, String email) {
        return map("first_name", first, "last_name", "Lovelace", "street_1", "12 Analytical Way", "city", "Austin",
                "state", "Texas", "zip", "78701", "country", "United States", "country_iso2", "US", "email", email,
                "phone", "555-0100");
    }

    public static Map<String, Object> shipTo(String first, String method, String cost) {
        return with(with(address(first, first.toLowerCase(java.util.Locale.ROOT) + "@example.com"), "shipping_method",
                method), "shipping_cost_ex_tax", cost);
    }

    /** An API order in a status, paid by card (one purchase transaction), shipped by Flat Rate. */
    public static Map<String, Object> order(int status, List<Map<String, Object>> products, String shipping) {
        return map("customer_id", 21, "status_id", status, "payment_method", "Credit Card",
                "billing_address", address("Ada", "ada@example.com"),
                "shipping_addresses", List.of(with(address("Ada", "ada@example.com"), "shipping_method", "Flat Rate")),
                "products", products, "shipping_cost_ex_tax", shipping);
    }

    /** A checkout paid by card (captured), shipped by Flat Rate for 8.00. */
    public static Map<String, Object> checkout(List<Map<String, Object>> products) {
        return map("customer_id", 21, "billing_address", address("Ada", "ada@example.com"),
                "shipping_addresses", List.of(shipTo("Ada", "Flat Rate", "8.00")), "products", products,
                "payment", map("gateway", "braintree", "action", "purchase"));
    }

    public static Map<String, Object> product(SandboxCatalog.Item item, int quantity) {
        return map("product_id", item.productId(), "quantity", quantity);
    }

    public static Map<String, Object> variant(SandboxCatalog.Item item, int quantity) {
        return map("product_id", item.productId(), "quantity", quantity, "product_options", item.options().stream()
                .map(o -> map("id", o.optionId(), "value", Long.toString(o.valueId()))).toList());
    }

    public static Map<String, Object> custom(String name, String sku, String ex, String inc) {
        Map<String, Object> line = map("name", name, "quantity", 1, "price_ex_tax", ex, "price_inc_tax", inc);
        if (sku != null) {
            line.put("sku", sku);
        }
        return line;
    }

    public static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    public static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
