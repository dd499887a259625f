package com.bcerp.acumatica;

import static com.bcerp.acumatica.Fixtures.line;
import static com.bcerp.acumatica.Fixtures.order;
import static com.bcerp.acumatica.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedPayment;
import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AcumaticaDocumentsTest {

    private static final Set<String> LINKED = Set.of("Details", "ShippingSettings", "TaxDetails", "BillToContact",
            "BillToAddress", "ShipToContact", "ShipToAddress", "MainContact", "BillingContact", "ShippingContact", "Address",
            "FinancialSettings", "OrdersToApply", "entity");

    private final SalesOrderDraft draft = order("C000007", "BC-abc-250", List.of(
            line(1, "SKU-0129", "3", "16.6583", "2.50"), line(2, "HANDLING", "1", "4.00", "0")));

    private static JsonNode v(JsonNode entity, String field) {
        return entity.get(field).get("value");
    }

    /** Every general field, at every level, is an object holding "value": nothing flat slips through. */
    private static List<String> flatFields(JsonNode entity, String path) {
        List<String> flat = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : entity.properties()) {
            JsonNode value = e.getValue();
            String at = path + e.getKey();
            if (LINKED.contains(e.getKey())) {
                for (JsonNode child : value.isArray() ? value : List.of(value)) {
                    flat.addAll(flatFields(child, at + "."));
                }
            } else if (!value.isObject() || !value.has("value") || value.size() != 1) {
                flat.add(at);
            }
        }
        return flat;
    }

    @Test
    void every_field_of_a_sales_order_is_wrapped() {
        assertThat(flatFields(AcumaticaDocuments.salesOrder(draft, "SO"), "")).isEmpty();
    }

    @Test
    void the_header_carries_the_store_references_and_keeps_the_store_discounts_and_taxes() {
        JsonNode order = AcumaticaDocuments.salesOrder(draft, "SO");

        assertThat(v(order, "OrderType").asText()).isEqualTo("SO");
        assertThat(v(order, "CustomerID").asText()).isEqualTo("C000007");
        assertThat(v(order, "CustomerOrder").asText()).isEqualTo("250");
        assertThat(v(order, "ExternalRef").asText()).isEqualTo("BC-abc-250");
        assertThat(v(order, "Date").asText()).isEqualTo("2026-03-01T00:00:00+00:00");
        assertThat(v(order, "CurrencyID").asText()).isEqualTo("USD");
        assertThat(v(order, "Description").asText()).isEqualTo("BigCommerce order 250");
        assertThat(v(order, "IsTaxValid").asBoolean()).isTrue();
        assertThat(v(order, "DisableAutomaticDiscountUpdate").asBoolean()).isTrue();
        assertThat(order.has("OrderNbr")).as("no key: a new order").isFalse();
    }

    @Test
    void lines_carry_item_quantity_price_and_discount_as_manual_values() {
        JsonNode first = AcumaticaDocuments.salesOrder(draft, "SO").get("Details").get(0);

        assertThat(v(first, "InventoryID").asText()).isEqualTo("SKU-0129");
        assertThat(v(first, "LineDescription").asText()).isEqualTo("Line 1");
        assertThat(v(first, "OrderQty").decimalValue()).isEqualByComparingTo("3");
        assertThat(v(first, "UnitPrice").decimalValue()).isEqualTo("16.6583");
        assertThat(v(first, "ManualPrice").asBoolean()).isTrue();
        assertThat(v(first, "DiscountAmount").decimalValue()).isEqualTo("2.50");
        assertThat(v(first, "ManualDiscount").asBoolean()).isTrue();
        assertThat(v(first, "ExternalRef").asText()).isEqualTo("501");
        assertThat(AcumaticaDocuments.salesOrder(draft, "SO").get("Details")).hasSize(2);
    }

    @Test
    void freight_is_overridden_and_taxes_are_carried_as_tax_details() {
        JsonNode order = AcumaticaDocuments.salesOrder(draft, "SO");

        assertThat(v(order.get("ShippingSettings"), "FreightPrice").decimalValue()).isEqualTo("7.50");
        assertThat(v(order.get("ShippingSettings"), "OverrideFreightPrice").asBoolean()).isTrue();
        JsonNode tax = order.get("TaxDetails").get(0);
        assertThat(v(tax, "TaxID").asText()).isEqualTo("BCTAX");
        assertThat(v(tax, "TaxableAmount").decimalValue()).isEqualTo("78.96");
        assertThat(v(tax, "TaxAmount").decimalValue()).isEqualTo("6.51");
        assertThat(v(tax, "TaxRate").decimalValue()).isEqualTo("8.25");
    }

    @Test
    void bill_to_and_ship_to_are_the_store_addresses_with_their_override_flags() {
        JsonNode order = AcumaticaDocuments.salesOrder(draft, "SO");

        assertThat(v(order, "BillToContactOverride").asBoolean()).isTrue();
        assertThat(v(order, "BillToAddressOverride").asBoolean()).isTrue();
        assertThat(v(order, "ShipToContactOverride").asBoolean()).isTrue();
        assertThat(v(order, "ShipToAddressOverride").asBoolean()).isTrue();
        assertThat(v(order.get("BillToContact"), "Attention").asText()).isEqualTo("Bill Payer");
        assertThat(v(order.get("BillToContact"), "BusinessName").asText()).isEqualTo("Harbor & Co");
        assertThat(v(order.get("ShipToContact"), "Email").asText()).isEqualTo("sam@example.com");
        JsonNode shipTo = order.get("ShipToAddress");
        assertThat(v(shipTo, "AddressLine1").asText()).isEqualTo("12 Quay St");
        assertThat(v(shipTo, "AddressLine2").asText()).isEqualTo("Unit 4");
        assertThat(v(shipTo, "City").asText()).isEqualTo("Portland");
        assertThat(v(shipTo, "State").asText()).isEqualTo("OR");
        assertThat(v(shipTo, "PostalCode").asText()).isEqualTo("97201");
        assertThat(v(shipTo, "Country").asText()).isEqualTo("US");
    }

    @Test
    void ship_via_and_payment_method_are_sent_only_when_the_draft_has_them() {
        JsonNode without = AcumaticaDocuments.salesOrder(draft, "SO");
        SalesOrderDraft withBoth = SalesOrderDraft.sale(draft.externalRef(), draft.customerOrder(), draft.customerId(),
                draft.date(), draft.currency(), draft.description(), draft.lines(), draft.freight(), draft.taxes(),
                draft.billTo(), draft.shipTo(), "UPSGROUND", "VISA");
        JsonNode with = AcumaticaDocuments.salesOrder(withBoth, "SO");

        assertThat(without.get("ShippingSettings").has("ShipVia")).isFalse();
        assertThat(without.has("PaymentMethod")).isFalse();
        assertThat(v(with.get("ShippingSettings"), "ShipVia").asText()).isEqualTo("UPSGROUND");
        assertThat(v(with, "PaymentMethod").asText()).isEqualTo("VISA");
    }

    @Test
    void an_order_without_taxes_still_tells_acumatica_not_to_calculate_its_own() {
        SalesOrderDraft untaxed = SalesOrderDraft.sale("BC-x-1", "1", "C1", null, "USD", null,
                List.of(line(1, "SKU-0100", "1", "10", "0")), usd("0"), List.of(), null, null, null, null);

        JsonNode order = AcumaticaDocuments.salesOrder(untaxed, "SO");

        assertThat(v(order, "IsTaxValid").asBoolean()).isTrue();
        assertThat(order.get("TaxDetails")).isEmpty();
        assertThat(order.has("Date")).isFalse();
        assertThat(order.has("BillToAddress")).isFalse();
        assertThat(flatFields(order, "")).isEmpty();
    }

    @Test
    void a_credit_in_another_currency_routed_to_a_branch_names_its_original_order_and_rate() {
        SalesOrderDraft credit = new SalesOrderDraft(DocumentKind.CREDIT, "BC-abc-250-R3", "250", "C000007",
                draft.date(), "EUR", new BigDecimal("1.08695652"), "EU", "Refund 3", draft.lines(), usd("0"), List.of(),
                null, null, null, null, new DocumentRef("SO/SO000042", usd("10")));

        JsonNode order = AcumaticaDocuments.salesOrder(credit, "CM");

        assertThat(flatFields(order, "")).isEmpty();
        assertThat(v(order, "OrderType").asText()).isEqualTo("CM");
        assertThat(v(order, "CurrencyID").asText()).isEqualTo("EUR");
        assertThat(v(order, "CurrencyRate").decimalValue()).isEqualByComparingTo("1.08695652");
        assertThat(v(order, "Branch").asText()).isEqualTo("EU");
        assertThat(v(order.get("FinancialSettings"), "OriginalOrderType").asText()).isEqualTo("SO");
        assertThat(v(order.get("FinancialSettings"), "OriginalOrderNbr").asText()).isEqualTo("SO000042");
        assertThat(AcumaticaDocuments.salesOrder(draft, "SO").has("FinancialSettings")).isFalse();
    }

    @Test
    void a_payment_is_applied_to_its_order_held_while_only_authorised_and_changed_by_its_keys_and_row_id() {
        PaymentDraft authorised = new PaymentDraft("BC-abc-250-T9", "C000007", "CARD", "10200", usd("54.00"),
                java.time.LocalDate.of(2026, 3, 1), "gw-9", true, new DocumentRef("SO/SO000042", usd("54")), "HQ",
                "BigCommerce order 250: authorization 9 (braintree)");

        JsonNode payment = AcumaticaDocuments.payment(authorised);

        assertThat(flatFields(payment, "")).isEmpty();
        assertThat(v(payment, "Type").asText()).isEqualTo("Payment");
        assertThat(v(payment, "Hold").asBoolean()).isTrue();
        assertThat(v(payment, "PaymentAmount").decimalValue()).isEqualByComparingTo("54.00");
        assertThat(v(payment, "CashAccount").asText()).isEqualTo("10200");
        assertThat(v(payment, "PaymentRef").asText()).isEqualTo("gw-9");
        assertThat(v(payment, "ExternalRef").asText()).isEqualTo("BC-abc-250-T9");
        assertThat(v(payment, "ApplicationDate").asText()).isEqualTo("2026-03-01T00:00:00+00:00");
        assertThat(payment.get("OrdersToApply")).singleElement().satisfies(row -> {
            assertThat(v(row, "OrderNbr").asText()).isEqualTo("SO000042");
            assertThat(v(row, "AppliedToOrder").decimalValue()).isEqualByComparingTo("54.00");
        });

        PostedPayment posted = new PostedPayment("Payment/000012", "BC-abc-250-T9", usd("54.00"), true, false, "On Hold");
        PaymentDraft captured = new PaymentDraft(authorised.externalRef(), "C000007", "CARD", "10200", usd("50.00"),
                authorised.date(), "gw-9", false, authorised.appliesTo(), "HQ", authorised.description());
        JsonNode change = AcumaticaDocuments.paymentChange(posted, captured, "0b5f8d2e-0000-4000-8000-000000000001");
        assertThat(v(change, "ReferenceNbr").asText()).isEqualTo("000012");
        assertThat(v(change, "Hold").asBoolean()).isFalse();
        assertThat(change.get("OrdersToApply").get(0).get("id").asText()).isEqualTo("0b5f8d2e-0000-4000-8000-000000000001");
        assertThat(v(change.get("OrdersToApply").get(0), "AppliedToOrder").decimalValue()).isEqualByComparingTo("50.00");
    }

    @Test
    void an_action_names_its_record_by_its_keys() {
        JsonNode body = AcumaticaDocuments.action("OrderType", "SO", "OrderNbr", "SO000042");

        assertThat(v(body.get("entity"), "OrderNbr").asText()).isEqualTo("SO000042");
        assertThat(body.size()).isEqualTo(1);
    }

    @Test
    void a_customer_has_name_email_contacts_and_the_configured_class() {
        CustomerDraft draft = Fixtures.customer("pat@example.com");

        JsonNode customer = AcumaticaDocuments.customer(draft, "WEB");

        assertThat(flatFields(customer, "")).isEmpty();
        assertThat(v(customer, "CustomerName").asText()).isEqualTo("Pat O'Hara");
        assertThat(v(customer, "Email").asText()).isEqualTo("pat@example.com");
        assertThat(v(customer, "CustomerClass").asText()).isEqualTo("WEB");
        assertThat(v(customer, "AccountRef").asText()).isEqualTo("BC-store-customer-7");
        assertThat(customer.has("CustomerID")).as("numbered by Acumatica").isFalse();
        assertThat(v(customer.get("MainContact").get("Address"), "City").asText()).isEqualTo("Portland");
        assertThat(v(customer.get("MainContact"), "CompanyName").asText()).isEqualTo("Harbor & Co");
        assertThat(v(customer, "BillingAddressOverride").asBoolean()).isTrue();
        assertThat(v(customer, "ShippingContactOverride").asBoolean()).isTrue();
        assertThat(v(customer.get("ShippingContact"), "Attention").asText()).isEqualTo("Sam Shipper");
        assertThat(AcumaticaDocuments.customer(draft, null).has("CustomerClass")).isFalse();
    }
}
