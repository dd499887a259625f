package com.bcerp.sandbox.extensiv;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.sandbox.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrdersTest {

    static final String ORDER_REL = "http://api.3plCentral.com/rels/orders/order";
    static final String ITEM_REL = "http://api.3plCentral.com/rels/orders/item";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    private ExtensivSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults(), clock);
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** A create body with the keys of the research's production-shaped sample (erp-apis.md 10.3.2). */
    static ObjectNode order(ExtensivSandbox sandbox, String referenceNum, String sku, double qty) {
        ObjectNode o = SandboxHttp.JSON.createObjectNode();
        o.putObject("customerIdentifier").put("id", sandbox.settings().customerId());
        o.putObject("facilityIdentifier").put("id", sandbox.settings().facilities().get(0).id());
        o.put("referenceNum", referenceNum);
        o.put("notes", "warehouse instruction");
        o.putObject("routingInfo").put("carrier", "UPS").put("mode", "Ground").put("account", "A1B2C3");
        o.putObject("shipTo").put("companyName", "Jane Doe").put("name", "Jane Doe").put("address1", "1 Main St")
                .put("city", "Springfield").put("state", "IL").put("zip", "62701").put("country", "US");
        o.putObject("soldTo").put("sameAs", 0);
        o.putArray("orderItems").addObject().put("qty", qty).putObject("itemIdentifier").put("sku", sku);
        return o;
    }

    static int id(SandboxHttp.Response created) {
        return created.json().path("readOnly").path("orderId").asInt();
    }

    private static List<String> references(JsonNode body) {
        List<String> refs = new ArrayList<>();
        body.path("_embedded").path(ORDER_REL).forEach(o -> refs.add(o.path("referenceNum").asText()));
        return refs;
    }

    @Test
    void post_orders_answers_201_with_the_order_its_lines_and_an_etag() {
        var r = http.post("/orders", order(sandbox, "BC-100234", "SKU-0100", 2));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/hal+json");
        assertThat(r.etag()).matches("\"[^\"]+\"");
        JsonNode o = r.json();
        assertThat(o.path("readOnly").path("orderId").asInt()).isPositive();
        assertThat(o.path("readOnly").path("isClosed").asBoolean()).isFalse();
        assertThat(o.path("readOnly").path("status").asInt()).isZero();
        assertThat(o.path("readOnly").path("fullyAllocated").asBoolean()).isTrue();
        assertThat(o.path("readOnly").path("customerIdentifier").path("name").asText()).isEqualTo("Sandbox Merchant");
        assertThat(o.path("readOnly").path("facilityIdentifier").path("id").asInt()).isEqualTo(3);
        assertThat(o.path("readOnly").path("creationDate").asText()).isEqualTo("2026-03-02T10:00:00");
        assertThat(o.path("referenceNum").asText()).isEqualTo("BC-100234");
        assertThat(o.path("routingInfo").path("carrier").asText()).isEqualTo("UPS");
        assertThat(o.path("routingInfo").path("mode").asText()).isEqualTo("Ground");
        assertThat(o.path("shipTo").path("city").asText()).isEqualTo("Springfield");
        JsonNode line = o.path("_embedded").path(ITEM_REL).get(0);
        assertThat(line.path("itemIdentifier").path("sku").asText()).isEqualTo("SKU-0100");
        assertThat(line.path("itemIdentifier").path("id").asInt()).isPositive();
        assertThat(line.path("qty").asDouble()).isEqualTo(2.0);
        assertThat(line.path("readOnly").path("orderItemId").asInt()).isPositive();
    }

    @Test
    void a_reference_number_is_unique_per_customer_unless_the_knob_allows_duplicates() {
        assertThat(http.post("/orders", order(sandbox, "BC-1", "SKU-0100", 1)).status()).isEqualTo(201);

        var duplicate = http.post("/orders", order(sandbox, "bc-1", "SKU-0101", 1));

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("Message").asText()).contains("BC-1".toLowerCase());
        ObjectNode other = order(sandbox, "BC-1", "OTHER-0001", 1);
        ((ObjectNode) other.get("customerIdentifier")).put("id", sandbox.settings().otherCustomerId());
        assertThat(http.post("/orders", other).status()).isEqualTo(201);
        sandbox.duplicateReferenceNumsAllowed(true);
        assertThat(http.post("/orders", order(sandbox, "BC-1", "SKU-0100", 1)).status()).isEqualTo(201);
        assertThat(references(http.get("/orders", "rql", "referenceNum==BC-1").json())).hasSize(3);
    }

    @Test
    void lines_name_skus_of_the_orders_customer() {
        var unknown = http.post("/orders", order(sandbox, "BC-2", "NO-SUCH-SKU", 1));
        var othersSku = http.post("/orders", order(sandbox, "BC-3", "OTHER-0001", 1));
        var storeOnly = http.post("/orders", order(sandbox, "BC-4", "SKU-STORE-ONLY", 1));

        assertThat(List.of(unknown.status(), othersSku.status(), storeOnly.status())).containsOnly(400);
        assertThat(unknown.json().get("Message").asText()).contains("NO-SUCH-SKU");
        assertThat(othersSku.json().get("Message").asText()).contains("OTHER-0001");
        assertThat(http.get("/orders").json().get("totalResults").asInt()).isZero();
    }

    @Test
    void required_fields_are_checked() {
        ObjectNode noCustomer = order(sandbox, "BC-5", "SKU-0100", 1);
        noCustomer.remove("customerIdentifier");
        ObjectNode badFacility = order(sandbox, "BC-5", "SKU-0100", 1);
        ((ObjectNode) badFacility.get("facilityIdentifier")).put("id", 99);
        ObjectNode noReference = order(sandbox, " ", "SKU-0100", 1);
        ObjectNode noCity = order(sandbox, "BC-5", "SKU-0100", 1);
        ((ObjectNode) noCity.get("shipTo")).remove("city");
        ObjectNode zeroQty = order(sandbox, "BC-5", "SKU-0100", 0);
        ObjectNode noLines = order(sandbox, "BC-5", "SKU-0100", 1);
        noLines.putArray("orderItems");

        assertThat(http.post("/orders", noCustomer).json().get("Message").asText()).contains("customerIdentifier");
        assertThat(http.post("/orders", badFacility).json().get("Message").asText()).contains("facility");
        assertThat(http.post("/orders", noReference).json().get("Message").asText()).contains("referenceNum");
        assertThat(http.post("/orders", noCity).json().get("Message").asText()).contains("shipTo.city");
        assertThat(http.post("/orders", zeroQty).json().get("Message").asText()).contains("qty");
        assertThat(http.post("/orders", noLines).status()).isEqualTo(400);
        assertThat(http.post("/orders", "not json").status()).isEqualTo(400);
    }

    @Test
    void a_customer_and_facility_can_be_named_instead_of_numbered() {
        ObjectNode named = order(sandbox, "BC-6", "SKU-0100", 1);
        named.putObject("customerIdentifier").put("name", "Sandbox Merchant");
        named.putObject("facilityIdentifier").put("name", "West Warehouse");

        var r = http.post("/orders", named);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("readOnly").path("facilityIdentifier").path("id").asInt()).isEqualTo(4);
        // nothing is stocked at the second facility: the order is taken but not allocated
        assertThat(r.json().path("readOnly").path("fullyAllocated").asBoolean()).isFalse();
    }

    @Test
    void find_by_reference_and_poll_by_last_modified_date_with_paging() {
        for (int i = 1; i <= 5; i++) {
            http.post("/orders", order(sandbox, "BC-" + i, "SKU-0100", 1));
            clock.advance(Duration.ofMinutes(1));
        }

        var byRef = http.get("/orders", "detail", "All", "itemdetail", "All", "rql", "referenceNum==BC-3");
        var since = http.get("/orders", "rql", "ReadOnly.lastModifiedDate=ge=2026-03-02T10:02:00;readOnly.isClosed==false",
                "sort", "ReadOnly.lastModifiedDate", "pgsiz", "2");

        assertThat(references(byRef.json())).containsExactly("BC-3");
        assertThat(byRef.json().path("_embedded").path(ORDER_REL).get(0).path("_embedded").path(ITEM_REL)).hasSize(1);
        assertThat(since.json().get("totalResults").asInt()).isEqualTo(3);
        assertThat(references(since.json())).containsExactly("BC-3", "BC-4");
        String next = since.json().path("_links").path("next").path("href").asText();
        assertThat(next).contains("pgnum=2");
        assertThat(references(http.get(next).json())).containsExactly("BC-5");
        assertThat(references(http.get("/orders", "rql", "readOnly.customerIdentifier.id==12", "pgsiz", "2",
                "pgnum", "3").json())).containsExactly("BC-5");
        assertThat(http.get("/orders", "rql", "colour==red").status()).isEqualTo(400);
    }

    @Test
    void get_one_order_with_its_etag_and_detail() {
        int id = id(http.post("/orders", order(sandbox, "BC-7", "SKU-0100", 1)));

        var plain = http.get("/orders/" + id);
        var detailed = http.get("/orders/" + id, "detail", "OrderItems,Packages");

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.etag()).isEqualTo(detailed.etag());
        assertThat(plain.json().has("_embedded")).isFalse();
        assertThat(detailed.json().path("_embedded").path(ITEM_REL)).hasSize(1);
        assertThat(detailed.json().path("readOnly").path("packages").isArray()).isTrue();
        assertThat(plain.json().path("_links").path("self").path("href").asText()).isEqualTo("/orders/" + id);
        assertThat(http.get("/orders/999999").status()).isEqualTo(404);
        assertThat(http.get("/orders/abc").status()).isEqualTo(404);
    }

    @Test
    void weak_etags_are_a_knob() {
        sandbox.weakEtags(true);

        var r = http.post("/orders", order(sandbox, "BC-8", "SKU-0100", 1));

        assertThat(r.etag()).startsWith("W/\"");
    }
}
