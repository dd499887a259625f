package com.bcerp.extensiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DocumentState;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.fulfilment.BackOfficeOrder;
import com.bcerp.core.fulfilment.BackOfficeShipment;
import com.bcerp.core.fulfilment.ShippedLine;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.BackOffice;
import com.bcerp.core.stock.ItemStock;
import com.bcerp.core.stock.WarehouseStock;
import com.bcerp.http.ApiClient;
import com.bcerp.http.RetryPolicy;
import com.bcerp.http.testing.HookedHttpClient;
import com.bcerp.sandbox.ManualClock;
import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orders to the warehouse, cancellations, shipments and stock back, against the sandbox over real HTTP; every
 * outcome is checked on the warehouse's side through the sandbox's own API ({@link WarehouseView}).
 */
class ExtensivOrdersIT {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    private static ExtensivSandbox sandbox;
    private static WarehouseView warehouse;
    private static HookedHttpClient http;
    private static ExtensivConnection connection;
    private static BackOffice backOffice;
    private static String sku;
    private static String otherSku;

    private String run;

    @BeforeAll
    static void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults().withTokenLifetime(Duration.ofMinutes(45)),
                CLOCK);
        warehouse = new WarehouseView(sandbox);
        http = new HookedHttpClient();
        ExtensivSettings settings = Fixtures.settingsFor(sandbox).withStockFacilities(List.of(3, 4))
                .withCarriers(Map.of("UPSGROUND", "UPS/Ground"));
        connection = new ExtensivConnection(settings, Fixtures.secretsFor(sandbox), http,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), ApiClient.Pacer.NONE, CLOCK);
        backOffice = ExtensivType.backOffice("extensiv", connection, "USD");
        sku = sandbox.catalog().simpleItems().get(0).sku();
        otherSku = sandbox.catalog().simpleItems().get(1).sku();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private SalesOrderDraft draft(String ref, String shipVia, DraftLine... lines) {
        Address shipTo = new Address("Pat", "O'Hara", null, "12 Quay St", "Unit 4", "Portland", "OR", "97201", "US",
                "555-0100", "pat@example.com");
        Address billTo = new Address("Bill", "Payer", "Payer Inc", "1 Main St", null, "Springfield", "IL", "62701",
                "US", null, null);
        return SalesOrderDraft.sale(ref, "250", null, LocalDate.of(2026, 3, 2), "USD", "BigCommerce order 250",
                List.of(lines), Money.of("4.95", "USD"), List.of(), billTo, shipTo, shipVia, null);
    }

    private static DraftLine line(String item, String qty, String storeLineRef) {
        return new DraftLine(item, "Tee", new BigDecimal(qty), Money.of("10.00", "USD"), Money.zero("USD"),
                storeLineRef, "order 250 line " + storeLineRef + " (sku " + item + ")");
    }

    private String ref(String what) {
        return "BC-abc-" + what + "-" + run;
    }

    @Test
    void an_order_goes_to_the_warehouse_with_its_customer_facility_ship_to_carrier_and_lines() {
        String ref = ref("out");

        DocumentRef created = backOffice.documents().orElseThrow().createSalesOrder(
                draft(ref, "UPSGROUND", line(sku, "2", "101"), line(otherSku, "1", "102")));

        JsonNode order = warehouse.order(ref);
        assertThat(order.path("readOnly").path("orderId").asText()).isEqualTo(created.id());
        assertThat(order.path("customerIdentifier").path("id").asInt()).isEqualTo(12);
        assertThat(order.path("facilityIdentifier").path("id").asInt()).isEqualTo(3);
        assertThat(order.path("poNum").asText()).isEqualTo("250");
        JsonNode shipTo = order.path("shipTo");
        assertThat(shipTo.path("name").asText()).isEqualTo("Pat O'Hara");
        assertThat(shipTo.path("companyName").asText()).isEqualTo("Pat O'Hara");
        assertThat(shipTo.path("address1").asText()).isEqualTo("12 Quay St");
        assertThat(shipTo.path("address2").asText()).isEqualTo("Unit 4");
        assertThat(shipTo.path("city").asText()).isEqualTo("Portland");
        assertThat(shipTo.path("state").asText()).isEqualTo("OR");
        assertThat(shipTo.path("zip").asText()).isEqualTo("97201");
        assertThat(shipTo.path("country").asText()).isEqualTo("US");
        assertThat(shipTo.path("emailAddress").asText()).isEqualTo("pat@example.com");
        assertThat(order.path("routingInfo").path("carrier").asText()).isEqualTo("UPS");
        assertThat(order.path("routingInfo").path("mode").asText()).isEqualTo("Ground");
        assertThat(WarehouseView.lines(order)).extracting(l -> l.path("itemIdentifier").path("sku").asText(),
                l -> l.path("qty").asDouble(), l -> l.path("notes").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(sku, 2.0, "store line 101"),
                        org.assertj.core.groups.Tuple.tuple(otherSku, 1.0, "store line 102"));
    }

    @Test
    void a_ship_via_code_not_in_the_table_is_split_at_its_slash() {
        String ref = ref("via");
        backOffice.documents().orElseThrow().createSalesOrder(draft(ref, "FedEx/2Day", line(sku, "1", "101")));

        JsonNode routing = warehouse.order(ref).path("routingInfo");
        assertThat(routing.path("carrier").asText()).isEqualTo("FedEx");
        assertThat(routing.path("mode").asText()).isEqualTo("2Day");
    }

    @Test
    void a_lost_create_answer_is_found_by_its_reference_and_the_order_exists_once() {
        String ref = ref("lost");
        SalesOrderDraft draft = draft(ref, null, line(sku, "1", "101"));
        http.lose("POST /orders", 1);

        TransientFailure lost = catchThrowableOfType(TransientFailure.class,
                () -> backOffice.documents().orElseThrow().createSalesOrder(draft));
        DocumentRef again = backOffice.documents().orElseThrow().createSalesOrder(draft);

        assertThat(lost).as("a create is sent once, its lost answer is for the caller to retry").isNotNull();
        assertThat(warehouse.orders(ref)).singleElement().satisfies(o ->
                assertThat(o.path("readOnly").path("orderId").asText()).isEqualTo(again.id()));
    }

    @Test
    void a_line_without_a_sku_parks_naming_the_line_and_nothing_reaches_the_warehouse() {
        String ref = ref("nosku");

        PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> backOffice.documents()
                .orElseThrow().createSalesOrder(draft(ref, null, line(sku, "1", "101"), line(null, "1", "102"))));

        assertThat(failure.field()).isEqualTo("orderItems[1].itemIdentifier.sku");
        assertThat(failure.getMessage()).contains("order 250 line 102").contains("no SKU");
        assertThat(warehouse.orders(ref)).isEmpty();
    }

    @Test
    void the_token_is_requested_again_before_it_expires_and_after_a_401() {
        long tokensBefore = sandbox.issuedTokens().size();
        backOffice.documents().orElseThrow().findOrderDocuments(ref("token"));
        backOffice.documents().orElseThrow().findOrderDocuments(ref("token"));
        long afterTwoCalls = sandbox.issuedTokens().size();

        CLOCK.advance(Duration.ofMinutes(30));
        backOffice.documents().orElseThrow().findOrderDocuments(ref("token"));
        long afterHalfAnHour = sandbox.issuedTokens().size();

        sandbox.expireTokens();
        assertThat(backOffice.documents().orElseThrow().findOrderDocuments(ref("token")).orElseThrow()).isEmpty();
        long afterExpiry = sandbox.issuedTokens().size();

        assertThat(afterTwoCalls - tokensBefore).as("one token for calls within its life").isLessThanOrEqualTo(1);
        assertThat(afterHalfAnHour).as("renewed before the 45 minutes run out (at most 30 kept)").isEqualTo(afterTwoCalls + 1);
        assertThat(afterExpiry).as("a 401 gets a new token and the call goes through").isEqualTo(afterHalfAnHour + 1);
    }

    @Test
    void a_cancel_meeting_a_stale_etag_reads_the_order_again_and_cancels_it_once() {
        String ref = ref("stale");
        DocumentRef created = backOffice.documents().orElseThrow().createSalesOrder(draft(ref, null, line(sku, "1", "101")));
        int id = Integer.parseInt(created.id());
        // the warehouse picks the order between the adapter's read and its cancel: the ETag it sends is stale
        http.before("/canceler", 1, () -> sandbox.pick(id));

        backOffice.documents().orElseThrow().cancelSalesOrder(created);

        JsonNode order = warehouse.order(ref);
        assertThat(order.path("readOnly").path("isClosed").asBoolean()).isTrue();
        assertThat(order.path("readOnly").path("status").asInt()).as("cancelled").isEqualTo(2);
        assertThat(order.path("readOnly").path("pickDoneDate").isNull()).as("it was picked meanwhile").isFalse();
        backOffice.documents().orElseThrow().cancelSalesOrder(created);
        assertThat(warehouse.order(ref).path("readOnly").path("status").asInt()).as("a second cancel changes nothing")
                .isEqualTo(2);
    }

    @Test
    void packages_become_shipments_of_their_exact_lines_partial_stays_partial_and_unconfirmed_ones_are_not_shipped() {
        String ref = ref("parts");
        DocumentRef created = backOffice.documents().orElseThrow().createSalesOrder(
                draft(ref, "UPSGROUND", line(sku, "3", "101"), line(otherSku, "2", "102")));
        int id = Integer.parseInt(created.id());
        sandbox.pick(id);
        sandbox.pack(id, "1Z-A-" + run, Map.of(sku, 2.0));

        BackOfficeOrder packed = backOffice.fulfilment().orElseThrow().orders(List.of(created.id())).get(0);
        assertThat(packed.state()).isEqualTo(DocumentState.OPEN);
        assertThat(packed.shipments()).singleElement().extracting(BackOfficeShipment::shipped).isEqualTo(false);

        sandbox.pack(id, "1Z-B-" + run, Map.of(sku, 1.0, otherSku, 1.0));
        sandbox.confirm(id);

        BackOfficeOrder shipped = backOffice.fulfilment().orElseThrow()
                .changedSince("BC-abc-parts-" + run, Instant.parse("2026-03-01T00:00:00Z")).stream()
                .filter(o -> o.id().equals(created.id())).findFirst().orElseThrow();
        assertThat(shipped.state()).isEqualTo(DocumentState.SHIPPED);
        assertThat(shipped.externalRef()).isEqualTo(ref);
        assertThat(shipped.shipments()).hasSize(2).allSatisfy(s -> {
            assertThat(s.shipped()).isTrue();
            assertThat(s.shipVia()).isEqualTo("UPS/Ground");
        });
        assertThat(shipped.shipments().get(0).trackingNumbers()).containsExactly("1Z-A-" + run);
        assertThat(shipped.shipments().get(0).lines()).extracting(ShippedLine::storeLineRef, ShippedLine::sku,
                l -> l.quantity().stripTrailingZeros().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("101", sku, "2"));
        assertThat(shipped.shipments().get(1).trackingNumbers()).containsExactly("1Z-B-" + run);
        assertThat(shipped.shipments().get(1).lines()).extracting(ShippedLine::storeLineRef,
                l -> l.quantity().stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("101", "1"),
                        org.assertj.core.groups.Tuple.tuple("102", "1"));
        // one of line 102's two was never packed: the order shipped short, and its packages are all there is
        JsonNode packages = warehouse.get("/orders/" + id + "/packages");
        assertThat(packages.path("totalResults").asInt()).isEqualTo(2);
    }

    @Test
    void stock_per_facility_is_available_less_what_is_on_hold_and_allocated() {
        String sku3 = sandbox.catalog().simpleItems().get(3).sku();
        ItemStock before = backOffice.inventory().orElseThrow().stock(List.of(sku3)).get(0);
        BigDecimal mainBefore = available(before, "3");
        sandbox.hold(3, sku3, 4);
        sandbox.receive(4, sku3, 7);

        ItemStock after = backOffice.inventory().orElseThrow().stock(List.of(sku3)).get(0);

        assertThat(after.sku()).isEqualTo(sku3);
        assertThat(available(after, "3")).isEqualByComparingTo(mainBefore.subtract(BigDecimal.valueOf(4)));
        assertThat(available(after, "4")).isEqualByComparingTo("7");
        JsonNode summaries = warehouse.get("/inventory/stocksummaries?pgsiz=500");
        double warehouseAvailable = 0;
        for (JsonNode row : summaries.path("summaries")) {
            if (row.path("itemIdentifier").path("sku").asText().equals(sku3) && row.path("facilityId").asInt() == 3) {
                warehouseAvailable = row.path("available").asDouble();
            }
        }
        assertThat(available(after, "3").doubleValue()).as("the warehouse's own figure").isEqualTo(warehouseAvailable);
        assertThat(backOffice.inventory().orElseThrow().stock(List.of(ExtensivSandbox.OTHER_SKUS.get(0))))
                .as("another customer's item is not the merchant's").containsExactly(ItemStock.gone(ExtensivSandbox.OTHER_SKUS.get(0)));
    }

    @Test
    void every_item_of_the_merchant_is_read_page_by_page_with_its_facilities() {
        List<ItemStock> all = new java.util.ArrayList<>();
        backOffice.inventory().orElseThrow().forEachItem(all::addAll);

        assertThat(all).extracting(ItemStock::sku).contains(sku, otherSku)
                .doesNotContainAnyElementsOf(ExtensivSandbox.OTHER_SKUS).doesNotHaveDuplicates();
        assertThat(all).filteredOn(s -> s.sku().equals(sku)).singleElement()
                .satisfies(s -> assertThat(s.warehouses()).extracting(WarehouseStock::warehouse).contains("3"));
    }

    @Test
    void one_order_costs_two_calls_to_create_two_to_cancel_and_one_to_read_back() {
        // measured: the look-up by referenceNum and the POST (the token is shared and renewed every 30 minutes)
        backOffice.documents().orElseThrow().findOrderDocuments(ref("warm"));
        long before = connection.calls();

        DocumentRef created = backOffice.documents().orElseThrow().createSalesOrder(
                draft(ref("calls"), null, line(sku, "1", "101")));
        long afterCreate = connection.calls();
        backOffice.documents().orElseThrow().cancelSalesOrder(created);
        long afterCancel = connection.calls();
        backOffice.fulfilment().orElseThrow().orders(List.of(created.id()));

        assertThat(afterCreate - before).as("look-up and create").isEqualTo(2);
        assertThat(afterCancel - afterCreate).as("the read for the ETag and the canceler").isEqualTo(2);
        assertThat(connection.calls() - afterCancel).as("fulfilment reads up to 100 orders in one call").isEqualTo(1);
    }

    private static BigDecimal available(ItemStock stock, String facility) {
        return stock.warehouses().stream().filter(w -> w.warehouse().equals(facility)).map(WarehouseStock::available)
                .findFirst().orElse(BigDecimal.ZERO);
    }
}
