package com.bcerp.extensiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.bcerp.core.backoffice.DocumentRef;
import com.bcerp.core.backoffice.DraftLine;
import com.bcerp.core.backoffice.SalesOrderDraft;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import com.bcerp.core.port.SalesDocuments;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An edited store order changes its warehouse order's lines while the warehouse has not begun picking it, and is
 * refused, naming the order and its state, once it has; checked through the sandbox's own API ({@link WarehouseView}).
 */
class ExtensivEditsIT {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    private static ExtensivSandbox sandbox;
    private static WarehouseView warehouse;
    private static HookedHttpClient http;
    private static SalesDocuments documents;
    private static String sku;
    private static String otherSku;
    private static String thirdSku;

    private String ref;

    @BeforeAll
    static void start() {
        sandbox = ExtensivSandbox.start(ExtensivSandbox.Settings.defaults(), CLOCK);
        warehouse = new WarehouseView(sandbox);
        http = new HookedHttpClient();
        ExtensivConnection connection = new ExtensivConnection(Fixtures.settingsFor(sandbox), Fixtures.secretsFor(sandbox),
                http, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), ApiClient.Pacer.NONE, CLOCK);
        documents = ExtensivType.backOffice("extensiv", connection, "USD").documents().orElseThrow();
        sku = sandbox.catalog().simpleItems().get(0).sku();
        otherSku = sandbox.catalog().simpleItems().get(1).sku();
        thirdSku = sandbox.catalog().simpleItems().get(2).sku();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void newRef() {
        ref = "BC-abc-edit-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void an_edit_before_picking_makes_the_warehouse_order_s_lines_the_store_s_and_a_replay_writes_nothing() {
        DocumentRef created = documents.createSalesOrder(draft(line(sku, "2", "101"), line(otherSku, "1", "102")));
        String etagBefore = warehouse.etag(created.id());

        // 101 up to 3, 102 removed, 103 added
        SalesOrderDraft edited = draft(line(sku, "3", "101"), line(thirdSku, "4", "103"));
        documents.updateSalesOrder(created, edited);

        JsonNode order = warehouse.order(ref);
        assertThat(lines(order)).containsExactlyInAnyOrder(sku + " x3 (store line 101)", thirdSku + " x4 (store line 103)");
        String etagAfter = warehouse.etag(created.id());
        assertThat(etagAfter).isNotEqualTo(etagBefore);

        long calls = sandbox.calls().total();
        documents.updateSalesOrder(created, edited);
        assertThat(sandbox.calls().total() - calls).as("a replay only reads").isEqualTo(1);
        assertThat(warehouse.etag(created.id())).as("a replay changes nothing").isEqualTo(etagAfter);
    }

    @Test
    void a_stale_etag_reads_the_order_again_and_makes_the_change_once() {
        DocumentRef created = documents.createSalesOrder(draft(line(sku, "2", "101")));
        int id = Integer.parseInt(created.id());
        // the warehouse routes the order between the adapter's read and its change: the ETag sent is stale
        http.before("/items/" + itemId(created, "101"), 1, () -> sandbox.route(id, "FedEx", "Ground"));

        documents.updateSalesOrder(created, draft(line(sku, "5", "101")));

        assertThat(lines(warehouse.order(ref))).containsExactly(sku + " x5 (store line 101)");
    }

    @Test
    void an_edit_after_picking_is_refused_naming_the_order_and_its_state_and_changes_nothing() {
        DocumentRef created = documents.createSalesOrder(draft(line(sku, "1", "101")));
        sandbox.pick(Integer.parseInt(created.id()));

        PermanentFailure refused = catchThrowableOfType(PermanentFailure.class,
                () -> documents.updateSalesOrder(created, draft(line(sku, "2", "101"))));

        assertThat(refused.getMessage()).contains("warehouse order " + created.id(), ref, "picked");
        assertThat(lines(warehouse.order(ref))).containsExactly(sku + " x1 (store line 101)");
    }

    @Test
    void the_warehouse_picking_between_the_read_and_the_change_is_refused_naming_the_pick() {
        DocumentRef created = documents.createSalesOrder(draft(line(sku, "1", "101")));
        int id = Integer.parseInt(created.id());
        http.before("/items/" + itemId(created, "101"), 1, () -> sandbox.pick(id));

        PermanentFailure refused = catchThrowableOfType(PermanentFailure.class,
                () -> documents.updateSalesOrder(created, draft(line(sku, "2", "101"))));

        assertThat(refused.getMessage()).contains(ref, "picked");
        assertThat(lines(warehouse.order(ref))).containsExactly(sku + " x1 (store line 101)");
    }

    @Test
    void a_shipped_order_is_refused_naming_its_state() {
        DocumentRef created = documents.createSalesOrder(draft(line(sku, "1", "101")));
        sandbox.shipInFull(Integer.parseInt(created.id()), "1Z-EDIT");

        PermanentFailure refused = catchThrowableOfType(PermanentFailure.class,
                () -> documents.updateSalesOrder(created, draft(line(sku, "2", "101"))));

        assertThat(refused.getMessage()).contains(ref, "shipped");
    }

    private String itemId(DocumentRef created, String storeLine) {
        return WarehouseView.lines(warehouse.order(ref)).stream()
                .filter(l -> l.path("notes").asText().equals("store line " + storeLine)).findFirst().orElseThrow()
                .path("readOnly").path("orderItemId").asText();
    }

    private static List<String> lines(JsonNode order) {
        return WarehouseView.lines(order).stream().map(l -> l.path("itemIdentifier").path("sku").asText() + " x"
                + l.path("qty").decimalValue().stripTrailingZeros().toPlainString() + " (" + l.path("notes").asText()
                + ")").toList();
    }

    private SalesOrderDraft draft(DraftLine... lines) {
        Address to = new Address("Pat", "O'Hara", null, "12 Quay St", null, "Portland", "OR", "97201", "US", null, null);
        return SalesOrderDraft.sale(ref, "250", null, LocalDate.of(2026, 3, 2), "USD", "BigCommerce order 250",
                List.of(lines), Money.zero("USD"), List.of(), to, to, null, null);
    }

    private static DraftLine line(String item, String qty, String storeLineRef) {
        return new DraftLine(item, "Tee", new BigDecimal(qty), Money.of("10.00", "USD"), Money.zero("USD"),
                storeLineRef, "order 250 line " + storeLineRef + " (sku " + item + ")");
    }
}
