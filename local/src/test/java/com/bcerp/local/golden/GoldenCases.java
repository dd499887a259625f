package com.bcerp.local.golden;

import static com.bcerp.local.demo.OrderShapes.address;
import static com.bcerp.local.demo.OrderShapes.checkout;
import static com.bcerp.local.demo.OrderShapes.custom;
import static com.bcerp.local.demo.OrderShapes.map;
import static com.bcerp.local.demo.OrderShapes.order;
import static com.bcerp.local.demo.OrderShapes.product;
import static com.bcerp.local.demo.OrderShapes.shipTo;
import static com.bcerp.local.demo.OrderShapes.variant;
import static com.bcerp.local.demo.OrderShapes.with;

import com.bcerp.local.golden.GoldenCorpusWriter.Case;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.bcerp.sandbox.bigcommerce.StoreSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The crafted cases of the golden corpus: every order shape, and what happens to orders afterwards. */
final class GoldenCases {

    static final String PAYMENTS = """
            payments:
              enabled: true
              methods:
                - gateway: braintree
                  payment_method: CARD
                  cash_account: "10200"
                - gateway: braintree
                  currency: EUR
                  payment_method: CARD-EUR
                  cash_account: "10210"
                - gateway: testgateway
                  payment_method: CARD
                - gateway: giftcertificate
                  payment_method: GIFTCERT
                  cash_account: "24000"
                - gateway: storecredit
                  payment_method: STORECREDIT
            """;

    static final String TAX_CLASSES = """
            orders:
              tax_classes:
                "0": STDTAX
                "2": SHIPTAX
                "3": STDTAX
                Reduced Rate: REDTAX
            """;

    private GoldenCases() {}

    static List<Case> all(BigCommerceSandbox store) {
        List<SandboxCatalog.Item> s = store.catalog().simpleItems();
        List<SandboxCatalog.Item> v = store.catalog().variantItems();
        long notebook = s.get(1).productId();
        List<Case> cases = new ArrayList<>();

        cases.add(new Case("simple-order", "Two catalogue products, shipping, tax; paid by card through the API")
                .api(order(11, List.of(product(s.get(0), 2), product(s.get(5), 1)), "9.95")));
        cases.add(new Case("variants-with-options", "Variants chosen by their options; each variant SKU is its own item")
                .checkout(checkout(List.of(variant(v.get(0), 1), variant(v.get(4), 2), variant(v.get(8), 1)))));
        cases.add(new Case("manual-discount", "A manual discount spread over the lines, in cents")
                .api(with(order(11, List.of(product(s.get(2), 3), product(s.get(3), 1)), "4.99"),
                        "discount_amount", "7.77")));
        cases.add(new Case("coupon-percentage", "SAVE10: 10% of the subtotal on the lines")
                .checkout(with(checkout(List.of(product(s.get(4), 2), product(s.get(6), 1))), "coupons", List.of("SAVE10"))));
        cases.add(new Case("coupon-per-total", "TAKE5: 5.00 off the order, spread over the lines")
                .checkout(with(checkout(List.of(product(s.get(7), 1), product(s.get(8), 1))), "coupons", List.of("TAKE5"))));
        cases.add(new Case("coupon-per-item", "ITEM2: 2.00 off each unit")
                .checkout(with(checkout(List.of(product(s.get(9), 2), product(s.get(10), 1))), "coupons", List.of("ITEM2"))));
        cases.add(new Case("coupon-shipping-discount", "SHIP5: 5.00 off shipping; the freight is what is left")
                .checkout(with(checkout(List.of(product(s.get(11), 1))), "coupons", List.of("SHIP5"))));
        cases.add(new Case("coupon-free-shipping", "FREESHIP: no freight, no shipping tax")
                .checkout(with(checkout(List.of(product(s.get(12), 2))), "coupons", List.of("FREESHIP"))));
        cases.add(new Case("automatic-promotion", "Buy 3, save 10%: an automatic promotion on the line that qualifies")
                .checkout(checkout(List.of(product(s.get(13), 3), product(s.get(14), 1)))));
        cases.add(new Case("discounts-stacked", "Promotion, SAVE10, TAKE5 and a manual discount on one order")
                .checkout(with(with(checkout(List.of(product(s.get(15), 4), product(s.get(16), 1))), "coupons",
                        List.of("SAVE10", "TAKE5")), "discount_amount", "1.50")));
        cases.add(new Case("bundle", "A bundle: the bundle carries the price, each picked product its own zero-priced line")
                .checkout(checkout(List.of(with(product(s.get(17), 2), "bundle", List.of(product(s.get(18), 1),
                        product(s.get(19), 2)))))));
        cases.add(new Case("custom-product-with-sku", "A custom product typed into the order: the configured non-stock item")
                .api(order(11, List.of(product(s.get(0), 1), custom("Engraving", "ENGRAVE-1", "12.00", "13.20")),
                        "5.00")));
        cases.add(new Case("custom-product-without-sku", "A custom product without any SKU")
                .api(order(11, List.of(custom("Gift note", null, "3.00", "3.30")), "0")));
        cases.add(new Case("digital-only", "Downloads only: no shipping address, no freight")
                .api(map("billing_address", address("Grace", "grace@example.com"), "status_id", 11, "customer_id", 21,
                        "products", List.of(product(s.get(20), 1), product(s.get(21), 2)))));
        cases.add(new Case("digital-and-physical", "A download next to a shipped product")
                .checkout(checkout(List.of(product(s.get(22), 1), with(product(s.get(23), 1), "digital", true)))));
        cases.add(new Case("gift-certificate-bought", "Two gift certificates bought with a product: untaxed liability lines")
                .checkout(with(checkout(List.of(product(s.get(24), 1))), "gift_certificates",
                        List.of(map("amount", "25.00"), map("amount", "50.00")))));
        cases.add(new Case("gift-certificate-redeemed", "Paid partly with a gift certificate: a payment, not a discount")
                .checkout(with(checkout(List.of(product(s.get(25), 2))), "payment", map("gift_certificate",
                        map("code", "GC-2026-0001", "amount", "20.00"), "gateway", "braintree", "action", "purchase")))
                .config(PAYMENTS));
        cases.add(new Case("store-credit-and-card", "Paid with store credit and a card: two payments")
                .checkout(with(checkout(List.of(product(s.get(26), 1))), "payment", map("store_credit", "10.00",
                        "gateway", "braintree", "action", "purchase")))
                .config(PAYMENTS));
        cases.add(new Case("two-consignments", "Two shipping addresses: one sales order, lines for the second name it")
                .checkout(with(checkout(List.of(product(s.get(27), 1), with(product(s.get(28), 2), "shipping_address_index", 1))),
                        "shipping_addresses", List.of(shipTo("Ada", "Flat Rate", "7.00"), shipTo("Charles", "Express", "12.00")))));
        cases.add(new Case("handling-and-wrapping", "Handling and gift wrapping: their non-stock items")
                .api(with(with(order(11, List.of(product(s.get(29), 1)), "6.00"), "handling_cost_ex_tax", "2.50"),
                        "wrapping_cost_ex_tax", "3.00")));
        cases.add(new Case("fees", "Two custom fees, one taxed, one in the non-taxable class")
                .api(with(order(11, List.of(product(s.get(0), 1)), "5.00"), "fees", List.of(
                        map("type", "custom_fee", "display_name_customer", "Eco fee", "cost_ex_tax", "1.50", "tax_class_id", 0),
                        map("type", "custom_fee", "display_name_customer", "Service fee", "cost_ex_tax", "2.00",
                                "tax_class_id", 1)))));
        cases.add(new Case("tax-inclusive-store", "A tax-inclusive store: prices with tax, taxes backed out")
                .settings(st -> st.taxInclusive(true))
                .checkout(checkout(List.of(product(s.get(2), 3), product(s.get(4), 1)))));
        cases.add(new Case("tax-inclusive-with-coupon", "Tax-inclusive, with a coupon: the discount without its tax")
                .settings(st -> st.taxInclusive(true))
                .checkout(with(checkout(List.of(product(s.get(5), 2), product(s.get(6), 1))), "coupons", List.of("SAVE10"))));
        cases.add(new Case("currency-eur", "Paid in EUR: the document in EUR with the store's rate")
                .checkout(with(checkout(List.of(product(s.get(7), 2))), "currency", "EUR")));
        cases.add(new Case("currency-gbp-tax-inclusive", "Paid in GBP in a tax-inclusive store")
                .settings(st -> st.taxInclusive(true))
                .checkout(with(with(checkout(List.of(product(s.get(8), 1), product(s.get(9), 1))), "currency", "GBP"),
                        "coupons", List.of("TAKE5"))));
        cases.add(new Case("tax-classes-mapped", "Standard, reduced and shipping tax classes mapped to their tax ids")
                .settings(st -> st.productTaxClass(notebook, StoreSettings.REDUCED))
                .checkout(checkout(List.of(product(s.get(1), 2), product(s.get(10), 1))))
                .config(TAX_CLASSES));
        cases.add(new Case("fees-with-tax-classes", "Fees carry their own tax class: mapped like the lines'")
                .settings(st -> st.productTaxClass(notebook, StoreSettings.REDUCED))
                .api(with(order(11, List.of(product(s.get(1), 1), product(s.get(2), 1)), "5.00"), "fees", List.of(
                        map("type", "custom_fee", "display_name_customer", "Eco fee", "cost_ex_tax", "2.00",
                                "tax_class_id", 0))))
                .config(TAX_CLASSES));
        cases.add(new Case("tax-class-unmapped", "A reduced-rate product but no tax id for its class: parked, naming it")
                .settings(st -> st.productTaxClass(notebook, StoreSettings.REDUCED))
                .checkout(checkout(List.of(product(s.get(11), 1), product(s.get(1), 1))))
                .config("orders:\n  tax_classes:\n    \"0\": STDTAX\n    \"2\": SHIPTAX\n"));
        cases.add(new Case("unknown-sku", "A SKU the back office does not carry: parked, naming the line")
                .api(order(11, List.of(product(s.get(12), 1), product(store.catalog().storeOnlyItem(), 1)), "5.00"))
                .missing(store.catalog().storeOnlyItem().sku()));
        cases.add(new Case("guest-to-generic-customer", "A guest checkout booked to the configured generic customer")
                .api(with(order(11, List.of(product(s.get(13), 1)), "5.00"), "customer_id", 0))
                .config("customers:\n  guests: generic\n  generic_customer: WEBGUEST\n")
                .customer("WEBGUEST|Web store guests||"));
        cases.add(new Case("b2b-company", "A business buyer: the new customer is named by the company, with both addresses")
                .checkout(with(checkout(List.of(product(s.get(14), 5))), "billing_address",
                        with(address("Hannah", "purchasing@harbor.example"), "company", "Harbor & Co"))));
        cases.add(new Case("match-by-external-id", "Matched by the store's customer id, which the back office carries")
                .api(order(11, List.of(product(s.get(15), 1)), "5.00"))
                .config("customers:\n  match: external_id\n")
                .customer("ACME0042|Ada Lovelace (existing)|someone.else@example.com|BC-golden-C21"));
        cases.add(new Case("storefront-routed-to-branch", "Storefront 2 in EUR routed to the EU branch")
                .checkout(with(with(checkout(List.of(product(s.get(16), 1))), "channel_id", 2), "currency", "EUR"))
                .config("routing:\n  channels:\n    \"1\": US-WEST\n    \"2\": EU\n"));
        cases.add(new Case("storefront-not-routed", "A storefront routing does not list, and no default: parked")
                .checkout(with(checkout(List.of(product(s.get(17), 1))), "channel_id", 3))
                .config("routing:\n  channels:\n    \"1\": US-WEST\n"));
        cases.add(new Case("before-sync-start-date", "Created before the sync start date: ignored, later refund too")
                .api(order(11, List.of(product(s.get(18), 2)), "5.00"))
                .config("orders:\n  sync_start_date: \"2099-01-01\"\n")
                .then("POST", "/v3/orders/{id}/payment_actions/refunds", o -> refundOf(o, 0, 1),
                        "store/order/refund/created"));
        cases.add(new Case("imported-when-its-status-qualifies", "Awaiting Payment is not imported here; Awaiting Fulfillment is")
                .api(order(7, List.of(product(s.get(19), 1)), "5.00"))
                .config("statuses:\n  import_statuses: [11]\n")
                .then("PUT", "/v2/orders/{id}", o -> map("status_id", 11), "store/order/statusUpdated 11"));
        cases.add(new Case("incomplete-never", "An incomplete checkout is never imported")
                .api(order(0, List.of(product(s.get(20), 1)), "5.00")));
        cases.add(new Case("cancelled", "Cancelled in the store: the sales order is cancelled")
                .api(order(11, List.of(product(s.get(21), 2)), "5.00"))
                .then("PUT", "/v2/orders/{id}", o -> map("status_id", 5), "store/order/statusUpdated 5",
                        "store/order/updated"));
        cases.add(new Case("edit-quantity-decrease", "One unit fewer (and its discount dropped): a credit for it")
                .api(with(order(11, List.of(product(s.get(22), 3), product(s.get(23), 1)), "5.00"),
                        "discount_amount", "3.00"))
                .then("PUT", "/v2/orders/{id}", o -> map("products", List.of(map("id", lineId(o, 0), "quantity", 2))),
                        "store/order/updated"));
        cases.add(new Case("edit-add-remove-and-increase", "A line up, a line removed, a product added")
                .api(order(11, List.of(product(s.get(24), 1), product(s.get(25), 2)), "5.00"))
                .then("PUT", "/v2/orders/{id}", o -> map("products", List.of(map("id", lineId(o, 0), "quantity", 3),
                        map("id", lineId(o, 1), "quantity", 0), product(s.get(26), 1))), "store/order/updated",
                        "store/order/updated"));
        cases.add(new Case("refund-partial-product", "One unit of a discounted line refunded: a credit at the sold price")
                .checkout(with(checkout(List.of(product(s.get(27), 3))), "coupons", List.of("SAVE10")))
                .then("POST", "/v3/orders/{id}/payment_actions/refunds", o -> refundOf(o, 0, 1),
                        "store/order/refund/created", "store/order/refund/created"));
        cases.add(new Case("refund-shipping-and-order-amount", "Shipping and an order-level amount refunded")
                .api(order(11, List.of(product(s.get(28), 1)), "8.00"))
                .then("POST", "/v3/orders/{id}/payment_actions/refunds", o -> refundItems(o, List.of(
                        map("item_type", "SHIPPING", "item_id", addressId(o), "amount", o.path("shipping_cost_inc_tax")
                                .asText()), map("item_type", "ORDER", "item_id", o.path("id").asLong(), "amount", "4.00"))),
                        "store/order/refund/created"));
        cases.add(new Case("refund-full-as-return", "Everything refunded, with refund_document: return")
                .api(order(11, List.of(product(s.get(29), 2)), "5.00"))
                .config("orders:\n  refund_document: return\n")
                .then("POST", "/v3/orders/{id}/payment_actions/refunds", o -> refundItems(o, List.of(
                        map("item_type", "PRODUCT", "item_id", lineId(o, 0), "quantity", 2),
                        map("item_type", "SHIPPING", "item_id", addressId(o), "amount", o.path("shipping_cost_inc_tax")
                                .asText()))), "store/order/refund/created"));
        cases.add(new Case("two-refunds", "Two refunds in turn: two credits, each once")
                .api(order(11, List.of(product(s.get(0), 2), product(s.get(1), 1)), "5.00"))
                .then("POST", "/v3/orders/{id}/payment_actions/refunds", o -> refundOf(o, 0, 1), "store/order/refund/created")
                .then("POST", "/v3/orders/{id}/payment_actions/refunds", o -> refundOf(o, 1, 1), "store/order/refund/created",
                        "store/order/refund/created"));
        cases.add(new Case("bundle-refunded", "A bundle refunded: its picked products come back on the return")
                .checkout(checkout(List.of(with(product(s.get(2), 1), "bundle", List.of(product(s.get(3), 2))))))
                .config("orders:\n  refund_document: return\n")
                .then("POST", "/v3/orders/{id}/payment_actions/refunds", o -> refundOf(o, 0, 1),
                        "store/order/refund/created"));
        cases.add(new Case("authorised-then-captured", "A card authorised (held), then captured (released)")
                .checkout(with(checkout(List.of(product(s.get(4), 1))), "payment", map("gateway", "braintree",
                        "action", "authorize")))
                .config(PAYMENTS)
                .then("POST", "/v3/orders/{id}/payment_actions/capture", null, "store/order/transaction/created",
                        "store/order/transaction/created"));
        cases.add(new Case("authorised-then-voided", "A card authorised, then voided")
                .checkout(with(checkout(List.of(product(s.get(5), 1))), "payment", map("gateway", "braintree",
                        "action", "authorize")))
                .config(PAYMENTS)
                .then("POST", "/v3/orders/{id}/payment_actions/void", null, "store/order/transaction/created"));
        cases.add(new Case("payment-gateway-unmapped", "Paid cash on delivery, which no rule maps: the payments park")
                .api(with(order(11, List.of(product(s.get(6), 1)), "5.00"), "payment_method", "Cash on Delivery"))
                .config(PAYMENTS));
        cases.add(new Case("duplicate-deliveries", "Every event delivered twice, one late: one of everything")
                .api(order(11, List.of(product(s.get(7), 1)), "5.00"))
                .alsoRaise("store/order/created")
                .alsoRaise("store/order/transaction/created")
                .config(PAYMENTS)
                .then("PUT", "/v2/orders/{id}", o -> map("products", List.of(map("id", lineId(o, 0), "quantity", 2))),
                        "store/order/updated", "store/order/updated", "store/order/created"));
        return cases;
    }

    static long lineId(JsonNode order, int index) {
        List<JsonNode> lines = new ArrayList<>();
        order.path("consignments").findValues("line_items").forEach(items -> items.forEach(lines::add));
        lines.sort(java.util.Comparator.comparingLong(l -> l.path("id").asLong()));
        return lines.get(index).path("id").asLong();
    }

    static long addressId(JsonNode order) {
        return order.path("consignments").path("shipping").get(0).path("id").asLong();
    }

    static Map<String, Object> refundOf(JsonNode order, int line, int quantity) {
        return refundItems(order, List.of(map("item_type", "PRODUCT", "item_id", lineId(order, line), "quantity", quantity)));
    }

    /** A refund request paid back as BigCommerce's quote for the items says (the quote is asked first). */
    static Map<String, Object> refundItems(JsonNode order, List<Map<String, Object>> items) {
        return map("items", items, "payments", List.of(map("provider_id", "{quote}", "amount", "{quote}")));
    }
}
