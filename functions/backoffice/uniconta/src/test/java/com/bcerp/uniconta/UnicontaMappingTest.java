package com.bcerp.uniconta;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.backoffice.DocumentKind;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.http.ApiResponse;
import com.bcerp.http.JsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter's translations, without HTTP. */
class UnicontaMappingTest {

    private static final UnicontaSettings SETTINGS = UnicontaSettings.defaults(URI.create("https://odata.uniconta.com/"),
            4711, "secret").withVatFreeCode("U0");

    private static final Address SHIP_TO = new Address("Ida", "Holm", null, "Havnegade 4", null, "Aarhus", null, "8000",
            "DK", "+45 1", "ida@example.com");

    private static UnicontaOrders orders() {
        return new UnicontaOrders(SETTINGS, null, new UnicontaItems(null, "-"));
    }

    private static JsonNode json(String text) {
        try {
            return JsonSupport.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void basic_auth_is_the_company_id_with_two_zeros_and_the_user_and_the_password_is_never_shown() {
        UnicontaCredentials credentials = UnicontaCredentials.from("s", Map.of("user", "api", "password", "p4ss"));

        String header = credentials.authorization(4711);

        assertThat(new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("004711/api:p4ss");
        assertThat(credentials.toString()).doesNotContain("p4ss");
        assertThat(SETTINGS.entitiesUrl()).isEqualTo("https://odata.uniconta.com/api/Entities");
        assertThat(SETTINGS.odataUrl()).isEqualTo("https://odata.uniconta.com/odata/4711");
    }

    @Test
    void a_secret_without_a_password_is_refused_naming_the_field() {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(PermanentFailure.class,
                () -> UnicontaCredentials.from("bc/uniconta", Map.of("user", "api"))).getMessage())
                .contains("password").contains("bc/uniconta");
    }

    @Test
    void a_sale_header_carries_the_reference_the_customer_order_the_delivery_address_and_a_foreign_currency() {
        SalesOrderDraft draft = new SalesOrderDraft(DocumentKind.SALE, "BC-s-250", "250", "WEB1", LocalDate.of(2026, 3, 1),
                "EUR", null, "SHOP", "Web order", List.of(), Money.zero("EUR"), List.of(), null, SHIP_TO, "GLS", "CARD", null);

        ObjectNode header = orders().header(draft);

        assertThat(header.path("Account").asText()).isEqualTo("WEB1");
        assertThat(header.path("OurRef").asText()).isEqualTo("BC-s-250");
        assertThat(header.path("YourRef").asText()).isEqualTo("250");
        assertThat(header.path("Currency").asText()).isEqualTo("EUR");
        assertThat(header.path("Dimension1").asText()).isEqualTo("SHOP");
        assertThat(header.path("Payment").asText()).isEqualTo("CARD");
        assertThat(header.path("Shipment").asText()).isEqualTo("GLS");
        assertThat(header.path("DeliveryName").asText()).isEqualTo("Ida Holm");
        assertThat(header.path("DeliveryZipCode").asText()).isEqualTo("8000");
        assertThat(header.path("PricesInclVat").asBoolean(true)).isFalse();
        assertThat(header.has("Requisition")).isFalse();
        assertThat(header.has("OrderNumber")).as("Uniconta numbers the order").isFalse();
    }

    @Test
    void a_credit_without_an_original_is_marked_and_not_settled() {
        SalesOrderDraft draft = new SalesOrderDraft(DocumentKind.CREDIT, "BC-s-250-R1", "250", "WEB1",
                LocalDate.of(2026, 3, 1), "DKK", null, null, "Refund", List.of(), Money.zero("DKK"), List.of(), null, null,
                null, null, null);

        ObjectNode header = orders().header(draft);

        assertThat(header.path("Requisition").asText()).isEqualTo("credit");
        assertThat(header.has("Settlements")).isFalse();
        assertThat(header.has("Currency")).isFalse();
    }

    @Test
    void the_reference_look_up_is_the_reference_or_its_dash_continuations_quoted() {
        assertThat(orders().refFilter("BC-o'k-1")).isEqualTo(
                "OurRef eq 'BC-o''k-1' or (OurRef ge 'BC-o''k-1-' and OurRef lt 'BC-o''k-1.')");
    }

    @Test
    void a_read_order_splits_freight_from_lines_negates_a_credit_and_maps_its_state() {
        JsonNode header = json("{\"OrderNumber\":7,\"Account\":\"WEB1\",\"OurRef\":\"BC-1-R1\",\"Requisition\":\"credit\","
                + "\"OrderTotal\":-25.00,\"Dimension1\":\"EU\"}");
        List<JsonNode> lines = List.of(
                json("{\"OrderNumber\":7,\"LineNumber\":1,\"Item\":\"TEE-200\",\"Variant1\":\"RED\",\"Variant2\":\"M\","
                        + "\"Qty\":-2,\"Price\":10,\"Discount\":0,\"Total\":-20.00,\"ReferenceNumber\":\"901\","
                        + "\"QtyInvoiced\":-2,\"QtyDelivered\":-2}"),
                json("{\"OrderNumber\":7,\"LineNumber\":2,\"Item\":\"SHIPPING\",\"Qty\":-1,\"Price\":5,\"Total\":-5.00,"
                        + "\"ReferenceNumber\":\"freight\",\"QtyInvoiced\":-1,\"QtyDelivered\":-1}"));

        var document = orders().document(header, lines);

        assertThat(document.kind()).isEqualTo(DocumentKind.CREDIT);
        assertThat(document.ref().id()).isEqualTo("7");
        assertThat(document.ref().total().sameAs(Money.of("25.00", "DKK"))).isTrue();
        assertThat(document.freight().sameAs(Money.of("5.00", "DKK"))).isTrue();
        assertThat(document.branch()).isEqualTo("EU");
        assertThat(document.state()).isEqualTo(DocumentState.INVOICED);
        assertThat(document.lines()).singleElement().satisfies(l -> {
            assertThat(l.itemId()).isEqualTo("TEE-200-RED-M");
            assertThat(l.quantity()).isEqualByComparingTo("2");
            assertThat(l.amount().sameAs(Money.of("20.00", "DKK"))).isTrue();
        });
    }

    @Test
    void a_blocked_order_reads_cancelled() {
        var document = orders().document(json("{\"OrderNumber\":8,\"Blocked\":true,\"OrderTotal\":0}"), List.of());

        assertThat(document.state()).isEqualTo(DocumentState.CANCELLED);
        assertThat(document.kind()).isEqualTo(DocumentKind.SALE);
    }

    @Test
    void variant_codes_are_read_up_to_the_last_one_set() {
        assertThat(UnicontaItems.variantsOf(json("{\"Variant1\":\"RED\",\"Variant3\":\"X\"}"))).containsExactly("RED", "", "X");
        assertThat(new UnicontaItems(null, "/").sku("TEE", List.of("RED", "M"))).isEqualTo("TEE/RED/M");
    }

    @Test
    void a_business_customer_is_named_for_the_company_and_its_account_is_the_same_for_the_same_email() {
        UnicontaCustomers customers = new UnicontaCustomers(SETTINGS, null);
        CustomerDraft draft = new CustomerDraft("Ida Holm", "Ida@Example.com", "Fjord ApS", "+45 1", SHIP_TO, SHIP_TO,
                "BC-c-9", false);

        ObjectNode row = customers.row(draft, customers.account(draft));

        assertThat(row.path("Name").asText()).isEqualTo("Fjord ApS");
        assertThat(row.path("ContactPerson").asText()).isEqualTo("Ida Holm");
        assertThat(row.path("StoreCustomerId").asText()).isEqualTo("BC-c-9");
        assertThat(row.path("Account").asText()).startsWith("WEB").hasSize(13);
        assertThat(customers.account(new CustomerDraft("Other", "ida@example.com", null, null, null, null, null, true)))
                .isEqualTo(row.path("Account").asText());
    }

    @Test
    void a_customer_class_is_the_debtor_group_and_a_buyer_without_one_sends_none() {
        UnicontaCustomers customers = new UnicontaCustomers(SETTINGS, null);
        CustomerDraft member = new CustomerDraft("Mia Member", "mia@example.com", null, null, SHIP_TO, SHIP_TO, "BC-c-7",
                false, "WEB", null);
        CustomerDraft buyer = new CustomerDraft("Ida Holm", "ida@example.com", null, null, SHIP_TO, SHIP_TO, "BC-c-9",
                false);

        assertThat(customers.row(member, customers.account(member)).path("Group").asText()).isEqualTo("WEB");
        assertThat(customers.row(buyer, customers.account(buyer)).has("Group")).isFalse();
    }

    private static ApiResponse answer(int status, String body) {
        return new ApiResponse("POST", URI.create("https://odata.uniconta.com/api/Entities/Insert/DebtorOrderClient"),
                status, HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }

    @Test
    void refusals_are_permanent_naming_the_code_and_server_errors_transient() {
        RuntimeException refused = UnicontaFailures.of(answer(400,
                "{\"ErrorCode\":\"CouldNotFind\",\"Message\":\"No DebtorClient with Account X\"}"), "sales order BC-1", "customerId");
        assertThat(refused).isInstanceOf(PermanentFailure.class).hasMessageContaining("CouldNotFind")
                .hasMessageContaining("No DebtorClient with Account X");
        assertThat(((PermanentFailure) refused).field()).isEqualTo("customerId");

        assertThat(UnicontaFailures.of(answer(503, "Service Unavailable"), "x", null)).isInstanceOf(TransientFailure.class);
        assertThat(((PermanentFailure) UnicontaFailures.of(answer(400, "{\"ErrorCode\":\"NoRights\",\"Message\":\"m\"}"),
                "x", null)).field()).isEqualTo("credentials");
    }
}
