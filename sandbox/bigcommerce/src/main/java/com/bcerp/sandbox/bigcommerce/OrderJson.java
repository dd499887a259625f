package com.bcerp.sandbox.bigcommerce;

import com.bcerp.sandbox.http.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Orders as the V2 and V3 APIs write them (see orders.v2.oas2.yml and orders.v3.yml): V2 amounts are 4-decimal
 * strings, except in consignments, whose costs the spec types as numbers.
 */
final class OrderJson {

    static final String INCLUDE_CONSIGNMENTS = "consignments";
    static final String INCLUDE_LINE_ITEMS = "consignments.line_items";
    static final String INCLUDE_FEES = "fees";

    private final Supplier<String> apiBase;

    /** @param apiBase e.g. {@code http://127.0.0.1:8080/stores/abc123}, for the {url, resource} links */
    OrderJson(Supplier<String> apiBase) {
        this.apiBase = apiBase;
    }

    ObjectNode order(SandboxOrder o, Set<String> include) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", o.id());
        n.put("customer_id", o.customerId());
        n.put("date_created", BcDates.rfc2822(o.created()));
        n.put("date_modified", BcDates.rfc2822(o.modified()));
        n.put("date_shipped", "");
        n.put("status_id", o.statusId());
        n.put("status", o.status());
        n.put("subtotal_ex_tax", Amounts.str(o.subtotalExTax()));
        n.put("subtotal_inc_tax", Amounts.str(o.subtotalExTax().add(o.subtotalTax())));
        n.put("subtotal_tax", Amounts.str(o.subtotalTax()));
        charge(n, "shipping_cost", "base_shipping_cost", o.shipping(), StoreSettings.SHIPPING);
        charge(n, "handling_cost", "base_handling_cost", o.handling(), StoreSettings.SHIPPING);
        charge(n, "wrapping_cost", "base_wrapping_cost", o.wrapping(), StoreSettings.GIFT_WRAPPING);
        n.put("total_ex_tax", Amounts.str(o.totalExTax()));
        n.put("total_inc_tax", Amounts.str(o.totalIncTax()));
        n.put("total_tax", Amounts.str(o.totalTax()));
        n.put("is_tax_inclusive_pricing", o.taxInclusive());
        n.put("items_total", o.itemsTotal());
        n.put("items_shipped", o.itemsShipped());
        n.put("payment_method", o.paymentMethod());
        n.put("payment_provider_id", "");
        n.put("payment_status", o.paymentStatus());
        // the spec: "always returns 0"; refunds are read from the V3 refunds API
        n.put("refunded_amount", Amounts.str(BigDecimal.ZERO));
        n.put("order_is_digital", o.isDigital());
        n.put("store_credit_amount", Amounts.str(o.storeCreditAmount()));
        n.put("gift_certificate_amount", Amounts.str(o.giftCertificateAmount()));
        n.put("ip_address", "");
        n.put("ip_address_v6", "");
        n.put("geoip_country", "");
        n.put("geoip_country_iso2", "");
        n.put("currency_id", currencyId(o.currency()));
        n.put("currency_code", o.currency());
        n.put("currency_exchange_rate", rate(o.exchangeRate()));
        n.put("default_currency_id", currencyId(o.currency()));
        n.put("default_currency_code", o.currency());
        n.put("store_default_currency_code", o.storeCurrency());
        n.put("store_default_to_transactional_exchange_rate", rate(o.exchangeRate()));
        n.put("staff_notes", o.staffNotes());
        n.put("customer_message", o.customerMessage());
        n.put("discount_amount", Amounts.str(o.discountAmount().subtract(o.couponDiscount()).max(BigDecimal.ZERO)));
        n.put("coupon_discount", Amounts.str(o.couponDiscount()));
        n.put("shipping_address_count", o.shippingAddresses().size());
        n.put("is_deleted", false);
        n.put("ebay_order_id", "0");
        n.put("cart_id", "");
        ObjectNode billing = n.putObject("billing_address");
        o.billing().writeTo(billing);
        billing.putArray("form_fields");
        n.put("is_email_opt_in", false);
        n.put("order_source", "external");
        n.put("channel_id", o.channelId());
        n.put("external_source", o.externalSource());
        n.putNull("external_id");
        n.putNull("external_merchant_id");
        n.put("external_order_id", "");
        n.put("tax_provider_id", "BasicTaxProvider");
        n.put("customer_locale", "en");
        if (include.contains(INCLUDE_CONSIGNMENTS) || include.contains(INCLUDE_LINE_ITEMS)) {
            n.set("consignments", consignments(o, include.contains(INCLUDE_LINE_ITEMS)));
        } else {
            n.set("consignments", link("/orders/" + o.id() + "/consignments"));
        }
        n.set("products", link("/orders/" + o.id() + "/products"));
        n.set("shipping_addresses", link("/orders/" + o.id() + "/shipping_addresses"));
        n.set("coupons", link("/orders/" + o.id() + "/coupons"));
        if (include.contains(INCLUDE_FEES)) {
            ArrayNode fees = n.putArray("fees");
            o.fees().forEach(f -> fees.add(fee(f)));
        } else {
            n.set("fees", link("/orders/" + o.id() + "/fees"));
        }
        return n;
    }

    ObjectNode fee(Fee f) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", f.id());
        n.put("type", f.type());
        n.put("display_name_customer", f.displayNameCustomer());
        n.put("display_name_merchant", f.displayNameMerchant());
        n.put("source", f.source());
        n.put("base_cost", Amounts.str(f.exTax()));
        n.put("cost_ex_tax", Amounts.str(f.exTax()));
        n.put("cost_inc_tax", Amounts.str(f.incTax()));
        n.put("cost_tax", Amounts.str(f.tax()));
        if (f.taxClassId() == null) {
            n.putNull("tax_class_id");
        } else {
            n.put("tax_class_id", f.taxClassId());
        }
        return n;
    }

    /** {@code GET /v2/orders/{id}/coupons}. */
    ObjectNode coupon(SandboxOrder o, CouponUse c) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("coupon_id", c.couponId());
        n.put("order_id", o.id());
        n.put("code", c.code());
        n.put("amount", Amounts.str(c.amount()));
        n.put("type", c.type());
        n.put("discount", c.discount());
        return n;
    }

    /**
     * {@code GET /v2/orders/{id}/taxes?details=true}: one row per taxed line and per taxed shipping and handling
     * charge, and one for gift wrapping, each with its tax class and rate.
     */
    List<ObjectNode> taxes(SandboxOrder o, StoreSettings settings) {
        List<ObjectNode> rows = new ArrayList<>();
        for (LineItem line : o.lines()) {
            if (line.discountedTax().signum() != 0) {
                rows.add(tax(o, rows.size() + 1, line.orderAddressId(), settings.taxClass(line.taxClassId()),
                        line.discountedTax(), Long.toString(line.id()), "item"));
            }
        }
        for (ShippingAddress a : o.shippingAddresses()) {
            if (a.cost().tax().signum() != 0) {
                rows.add(tax(o, rows.size() + 1, a.id(), settings.taxClass(StoreSettings.SHIPPING), a.cost().tax(), null,
                        "shipping"));
            }
            if (a.handling().tax().signum() != 0) {
                rows.add(tax(o, rows.size() + 1, a.id(), settings.taxClass(StoreSettings.SHIPPING), a.handling().tax(), null,
                        "handling"));
            }
        }
        if (o.wrapping().tax().signum() != 0) {
            rows.add(tax(o, rows.size() + 1, 0, settings.taxClass(StoreSettings.GIFT_WRAPPING), o.wrapping().tax(), null,
                    "gift-wrapping"));
        }
        return rows;
    }

    private static ObjectNode tax(SandboxOrder o, long id, long addressId, StoreSettings.TaxClass taxClass, BigDecimal amount,
            String lineId, String type) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", o.id() * 1000 + id);
        n.put("order_id", o.id());
        n.put("order_address_id", addressId);
        n.put("tax_rate_id", taxClass.id() + 1);
        n.put("sales_tax_id", "SBX-" + taxClass.id());
        n.put("tax_class_id", taxClass.id());
        n.put("name", "Sandbox " + taxClass.name() + " Tax");
        n.put("class", taxClass.name());
        n.put("rate", Amounts.str(taxClass.rate().movePointRight(2)));
        n.put("priority", 0);
        n.put("priority_amount", Amounts.str(amount));
        n.put("line_amount", Amounts.str(amount));
        n.put("order_pickup_method_id", 0);
        if (lineId == null) {
            n.putNull("order_product_id");
        } else {
            n.put("order_product_id", lineId);
        }
        n.put("line_item_type", type);
        return n;
    }

    /** A refund ({@code Refund} of orders.v3.yml). */
    ObjectNode refund(Refund r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", r.id());
        n.put("order_id", r.orderId());
        n.put("user_id", 0);
        n.put("created", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.created().atOffset(java.time.ZoneOffset.UTC)));
        n.put("reason", r.reason());
        n.put("total_amount", r.totalAmount());
        n.put("total_tax", r.totalTax());
        n.put("uses_merchant_override_values", false);
        ArrayNode items = n.putArray("items");
        for (Refund.Item i : r.items()) {
            ObjectNode item = items.addObject().put("item_type", i.itemType()).put("item_id", i.itemId());
            item.put("reason", i.reason() == null ? "" : i.reason());
            if (i.quantity() != null) {
                item.put("quantity", i.quantity());
            }
            item.put("requested_amount", i.requestedAmount() == null ? i.amount() : i.requestedAmount());
        }
        ArrayNode payments = n.putArray("payments");
        for (Refund.Payment p : r.payments()) {
            payments.addObject().put("id", p.id()).put("provider_id", p.providerId()).put("amount", p.amount())
                    .put("offline", p.offline()).put("is_declined", p.declined())
                    .put("declined_message", p.declined() ? "The payment provider declined the refund." : "");
        }
        return n;
    }

    /** A refund quote ({@code RefundQuote_Full}): the refund's total, tax, and how it can be paid back. */
    ObjectNode quote(SandboxOrder o, Refunds.Quote q) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("order_id", o.id());
        n.put("total_refund_amount", q.total());
        n.put("total_refund_tax_amount", q.tax());
        n.put("order_level_refund_amount", q.orderLevel());
        n.put("rounding", 0);
        n.put("adjustment", 0);
        n.put("tax_inclusive", true);
        ArrayNode methods = n.putArray("refund_methods");
        // the card (or other gateway) first, then gift certificates and store credit
        List<String> providers = o.transactions().stream().filter(t -> !t.event().equals("refund"))
                .sorted(java.util.Comparator.comparing(t -> t.method().equals("gift_certificate")
                        || t.method().equals("store_credit")))
                .map(Transaction::gateway).distinct().toList();
        for (String provider : providers) {
            methods.addArray().addObject().put("provider_id", provider).put("provider_description", provider)
                    .put("amount", q.total()).put("offline", false).put("offline_provider", false).put("offline_reason", "");
        }
        methods.addArray().addObject().put("provider_id", "custom").put("provider_description", "Custom")
                .put("amount", q.total()).put("offline", true).put("offline_provider", true)
                .put("offline_reason", "This is an offline payment provider.");
        return n;
    }

    /** The object form ({@code consignment_structure=object}): pickups, shipping, downloads, email gift certificates. */
    private ObjectNode consignments(SandboxOrder o, boolean expandLines) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.putArray("pickups");
        ArrayNode shipping = c.putArray("shipping");
        for (ShippingAddress s : o.shippingAddresses()) {
            ObjectNode n = shipping.addObject();
            n.put("id", s.id());
            s.address().writeTo(n);
            n.putArray("form_fields");
            n.put("shipping_method", s.shippingMethod());
            List<LineItem> lines = o.lines().stream().filter(l -> l.orderAddressId() == s.id()).toList();
            n.set("line_items", lineItems(o, lines, expandLines));
            n.put("items_total", lines.stream().mapToInt(LineItem::quantity).sum());
            n.put("items_shipped", o.itemsShipped(s.id()));
            n.put("base_cost", Amounts.four(s.cost().exTax()));
            n.put("cost_ex_tax", Amounts.four(s.cost().exTax()));
            n.put("cost_inc_tax", Amounts.four(s.cost().incTax()));
            n.put("cost_tax", Amounts.four(s.cost().tax()));
            n.put("cost_tax_class_id", StoreSettings.SHIPPING);
            n.put("base_handling_cost", Amounts.four(s.handling().exTax()));
            n.put("handling_cost_ex_tax", Amounts.four(s.handling().exTax()));
            n.put("handling_cost_inc_tax", Amounts.four(s.handling().incTax()));
            n.put("handling_cost_tax", Amounts.four(s.handling().tax()));
            n.put("handling_cost_tax_class_id", StoreSettings.SHIPPING);
            n.put("shipping_zone_id", 1);
            n.put("shipping_zone_name", "Everywhere");
            n.set("shipping_quotes", link("/orders/" + o.id() + "/consignments/shipping/" + s.id() + "/shipping_quotes"));
        }
        ArrayNode downloads = c.putArray("downloads");
        List<LineItem> digital = o.lines().stream().filter(l -> !l.isShipped() && !l.isGiftCertificate()).toList();
        if (!digital.isEmpty()) {
            ObjectNode d = downloads.addObject();
            d.put("recipient_email", o.billing().email());
            d.set("line_items", lineItems(o, digital, expandLines));
        }
        ArrayNode certificates = c.putObject("email").putArray("gift_certificates");
        for (LineItem certificate : o.lines().stream().filter(LineItem::isGiftCertificate).toList()) {
            ObjectNode g = certificates.addObject();
            g.put("recipient_email", o.billing().email());
            g.set("line_items", lineItems(o, List.of(certificate), expandLines));
        }
        return c;
    }

    private ArrayNode lineItems(SandboxOrder o, List<LineItem> lines, boolean expand) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (LineItem line : lines) {
            items.add(expand ? line(o, line) : link("/orders/" + o.id() + "/products/" + line.id()));
        }
        return items;
    }

    /** An order product; the spec forbids any property it does not list. */
    ObjectNode line(SandboxOrder o, LineItem l) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", l.id());
        n.put("order_id", o.id());
        n.put("product_id", l.productId());
        if (l.variantId() != null) {
            n.put("variant_id", l.variantId());
        }
        n.put("order_pickup_method_id", 0);
        n.put("order_address_id", l.orderAddressId());
        n.put("name", l.name());
        n.put("name_customer", l.name());
        n.put("name_merchant", l.name());
        n.put("sku", l.sku());
        n.put("upc", "");
        n.put("type", l.type());
        n.put("base_price", Amounts.str(o.taxInclusive() ? l.priceIncTax() : l.priceExTax()));
        n.put("price_ex_tax", Amounts.str(l.priceExTax()));
        n.put("price_inc_tax", Amounts.str(l.priceIncTax()));
        n.put("price_tax", Amounts.str(l.priceTax()));
        n.put("base_total", Amounts.str(o.taxInclusive() ? l.totalIncTax() : l.totalExTax()));
        n.put("total_ex_tax", Amounts.str(l.totalExTax()));
        n.put("total_inc_tax", Amounts.str(l.totalIncTax()));
        n.put("total_tax", Amounts.str(l.totalTax()));
        n.put("weight", "0.0000");
        n.put("width", "0.0000");
        n.put("height", "0.0000");
        n.put("depth", "0.0000");
        n.put("quantity", l.quantity());
        n.put("base_cost_price", "0.0000");
        n.put("cost_price_inc_tax", "0.0000");
        n.put("cost_price_ex_tax", "0.0000");
        n.put("cost_price_tax", "0.0000");
        n.put("is_refunded", l.quantityRefunded() > 0);
        n.put("quantity_refunded", l.quantityRefunded());
        n.put("return_id", 0);
        n.put("wrapping_id", 0);
        n.put("wrapping_name", "");
        n.put("base_wrapping_cost", "0.0000");
        n.put("wrapping_cost_ex_tax", "0.0000");
        n.put("wrapping_cost_inc_tax", "0.0000");
        n.put("wrapping_cost_tax", "0.0000");
        n.put("wrapping_message", "");
        n.put("quantity_shipped", o.quantityShipped(l.id()));
        n.putNull("event_name");
        n.putNull("event_date");
        n.put("fixed_shipping_cost", "0.0000");
        n.put("ebay_item_id", "");
        n.put("ebay_transaction_id", "");
        n.putNull("option_set_id");
        if (l.parentLineId() == null) {
            n.putNull("parent_order_product_id");
        } else {
            n.put("parent_order_product_id", l.parentLineId());
        }
        n.put("is_bundled_product", l.parentLineId() != null);
        n.put("bin_picking_number", "");
        n.putNull("external_id");
        n.put("brand", "");
        ArrayNode discounts = n.putArray("applied_discounts");
        for (Discount d : l.discounts()) {
            ObjectNode applied = discounts.addObject().put("id", d.id()).put("amount", Amounts.str(d.amount()))
                    .put("name", d.name());
            if (d.code() == null) {
                applied.putNull("code");
            } else {
                applied.put("code", d.code());
            }
            applied.put("target", d.target());
        }
        ArrayNode options = n.putArray("product_options");
        for (LineItem.SelectedOption opt : l.options()) {
            options.addObject().put("id", opt.id()).put("option_id", opt.productOptionId())
                    .put("order_product_id", l.id()).put("product_option_id", opt.productOptionId())
                    .put("display_name", opt.displayName()).put("display_name_customer", opt.displayName())
                    .put("display_name_merchant", opt.displayName()).put("display_value", opt.displayValue())
                    .put("display_value_customer", opt.displayValue()).put("display_value_merchant", opt.displayValue())
                    .put("value", Long.toString(opt.valueId())).put("type", "Multiple choice")
                    .put("name", opt.displayName()).put("display_style", "Rectangle");
        }
        n.putArray("configurable_fields");
        if (l.giftCertificateId() == null) {
            n.putNull("gift_certificate_id");
        } else {
            n.put("gift_certificate_id", l.giftCertificateId());
        }
        n.put("discounted_total_inc_tax", Amounts.str(l.discountedTotalIncTax(o.taxInclusive())));
        return n;
    }

    ObjectNode shippingAddress(SandboxOrder o, ShippingAddress s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("order_id", o.id());
        s.address().writeTo(n);
        n.put("items_total", o.lines().stream().filter(l -> l.orderAddressId() == s.id()).mapToInt(LineItem::quantity).sum());
        n.put("items_shipped", o.itemsShipped(s.id()));
        n.put("shipping_method", s.shippingMethod());
        n.put("base_cost", Amounts.str(s.cost().exTax()));
        n.put("cost_ex_tax", Amounts.str(s.cost().exTax()));
        n.put("cost_inc_tax", Amounts.str(s.cost().incTax()));
        n.put("cost_tax", Amounts.str(s.cost().tax()));
        n.put("cost_tax_class_id", 0);
        n.put("base_handling_cost", Amounts.str(s.handling().exTax()));
        n.put("handling_cost_ex_tax", Amounts.str(s.handling().exTax()));
        n.put("handling_cost_inc_tax", Amounts.str(s.handling().incTax()));
        n.put("handling_cost_tax", Amounts.str(s.handling().tax()));
        n.put("handling_cost_tax_class_id", 0);
        n.put("shipping_zone_id", 1);
        n.put("shipping_zone_name", "Everywhere");
        n.set("shipping_quotes", link("/orders/" + o.id() + "/shipping_addresses/" + s.id() + "/shipping_quotes"));
        n.putArray("form_fields");
        return n;
    }

    /** An order shipment ({@code orderShipment}), with the order's billing address and the shipment's address. */
    ObjectNode shipment(SandboxOrder o, Shipment s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("order_id", o.id());
        n.put("customer_id", o.customerId());
        n.put("order_address_id", s.orderAddressId());
        n.put("date_created", BcDates.rfc2822(s.created()));
        n.put("tracking_number", s.trackingNumber());
        n.put("merchant_shipping_cost", s.merchantShippingCost());
        n.put("shipping_method", s.shippingMethod());
        n.put("shipping_provider", s.shippingProvider());
        n.put("tracking_carrier", s.trackingCarrier());
        n.put("tracking_link", s.trackingLink());
        n.put("comments", s.comments());
        o.billing().writeTo(n.putObject("billing_address"));
        ObjectNode shipTo = n.putObject("shipping_address");
        o.shippingAddresses().stream().filter(a -> a.id() == s.orderAddressId()).findFirst()
                .ifPresent(a -> a.address().writeTo(shipTo));
        ArrayNode items = n.putArray("items");
        s.items().forEach(i -> items.addObject().put("order_product_id", i.orderProductId())
                .put("product_id", i.productId()).put("quantity", i.quantity()));
        n.put("shipping_provider_display_name", ShipmentRules.displayName(s));
        n.put("generated_tracking_link", ShipmentRules.generatedLink(s));
        return n;
    }

    ObjectNode transaction(SandboxOrder o, Transaction t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", t.id());
        n.put("order_id", Long.toString(o.id()));
        n.put("event", t.event());
        n.put("method", t.method());
        n.put("amount", t.amount());
        n.put("currency", t.currency());
        n.put("gateway", t.gateway());
        n.put("gateway_transaction_id", t.gatewayTransactionId());
        n.put("payment_method_id", t.gateway() + "." + t.method());
        n.put("status", "ok");
        n.put("test", true);
        if (t.referenceId() != null) {
            n.put("reference_transaction_id", t.referenceId());
        }
        n.put("fraud_review", false);
        n.put("date_created", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.created().atOffset(java.time.ZoneOffset.UTC)));
        n.putObject("avs_result").put("code", "").put("message", "").put("street_match", "").put("postal_match", "");
        n.putObject("cvv_result").put("code", "").put("message", "");
        switch (t.method()) {
            case "credit_card" -> n.putObject("credit_card").put("card_type", "visa").put("card_iin", "411111")
                    .put("card_last4", "1111").put("card_expiry_month", 12).put("card_expiry_year", 2030);
            case "offline" -> n.putObject("offline").put("display_name", t.paymentMethodName());
            case "gift_certificate" -> n.putObject("gift_certificate").put("code", t.detail())
                    .put("original_balance", t.amount()).put("starting_balance", t.amount())
                    .put("remaining_balance", 0).put("status", "active");
            case "store_credit" -> n.putObject("store_credit").put("remaining_balance", 0);
            default -> n.putObject("custom").put("payment_method", t.paymentMethodName());
        }
        return n;
    }

    private ObjectNode link(String resource) {
        return Json.MAPPER.createObjectNode().put("url", apiBase.get() + "/v2" + resource).put("resource", resource);
    }

    private static void charge(ObjectNode n, String prefix, String baseField, Charge charge, int taxClass) {
        n.put(baseField, Amounts.str(charge.exTax()));
        n.put(prefix + "_ex_tax", Amounts.str(charge.exTax()));
        n.put(prefix + "_inc_tax", Amounts.str(charge.incTax()));
        n.put(prefix + "_tax", Amounts.str(charge.tax()));
        n.put(prefix + "_tax_class_id", taxClass);
    }

    private static String rate(BigDecimal rate) {
        return rate.setScale(10, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** The store's currencies, numbered in a fixed order (1 is the default). */
    private static int currencyId(String code) {
        return switch (code) {
            case "EUR" -> 2;
            case "GBP" -> 3;
            case "CAD" -> 4;
            default -> 1;
        };
    }
}
