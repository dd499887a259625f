package com.bcerp.sandbox.uniconta;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeUrlTest {

    record Received(String method, Map<String, String> query, String body) {}

    private UnicontaSandbox sandbox;
    private SandboxHttp http;
    private HttpServer receiver;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), query, body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("a change notification").isNotNull();
        return r;
    }

    @Test
    void nothing_is_sent_until_a_change_url_is_added() throws Exception {
        sandbox.setStock("SKU-0100", List.of(), "MAIN", 7);

        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(sandbox.changeUrls().subscriptions()).isEmpty();
    }

    @Test
    void a_stock_change_calls_the_inv_item_storage_url_with_company_table_row_key_and_operation() throws Exception {
        sandbox.changeUrls().add(hook(), "InvItemStorage", false);
        long rowId = http.read("InvItemStorageClient", "Item", "SKU-0100").json().get(0).get("RowId").asLong();

        sandbox.setStock("SKU-0100", List.of(), "MAIN", 7);

        Received r = next();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.query()).containsEntry("CompanyId", Long.toString(sandbox.settings().companyId()))
                .containsEntry("Table", "InvItemStorage").containsEntry("Key", "SKU-0100")
                .containsEntry("RowId", Long.toString(rowId)).containsEntry("Operation", "Update");
    }

    @Test
    void with_post_the_record_comes_as_json_and_reservations_notify_too() throws Exception {
        sandbox.changeUrls().add(hook(), "InvItemStorage", true);
        http.insert("DebtorClient", OrderTest.obj().put("Account", "1").put("Name", "A"));
        long order = http.insert("DebtorOrderClient", OrderTest.obj().put("Account", "1")).json().get("OrderNumber").asLong();

        http.insert("DebtorOrderLineClient", OrderTest.obj().put("OrderNumber", order).put("Item", "SKU-0101").put("Qty", 4)
                .put("Price", 1));

        Received r = next();
        assertThat(r.method()).isEqualTo("POST");
        var record = SandboxHttp.JSON.readTree(r.body());
        assertThat(record.get("Item").asText()).isEqualTo("SKU-0101");
        assertThat(record.get("QtyReserved").asDouble()).isEqualTo(4);
        assertThat(record.get("Available").asDouble()).isEqualTo(96);
    }

    @Test
    void a_url_for_every_table_hears_customers_and_items_but_a_refused_write_sends_nothing() throws Exception {
        sandbox.changeUrls().add(hook(), null, false);

        http.insert("DebtorClient", OrderTest.obj().put("Account", "1").put("Name", "A"));
        Received debtor = next();
        http.insert("DebtorClient", OrderTest.obj().put("Account", "1").put("Name", "again"));
        http.update("InvItemClient", http.read("InvItemClient", "Item", "SKU-0102").json().get(0));
        Received item = next();

        assertThat(debtor.query()).containsEntry("Table", "Debtor").containsEntry("Key", "1").containsEntry("Operation", "Insert");
        assertThat(item.query()).containsEntry("Table", "InvItem").containsEntry("Key", "SKU-0102");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(sandbox.changeUrls().delivered()).isEqualTo(2);
    }
    @Test
    void a_refused_batch_notifies_nothing() throws Exception {
        sandbox.changeUrls().add(hook(), "InvItemStorage", false);
        http.insert("DebtorClient", OrderTest.obj().put("Account", "1").put("Name", "A"));
        long order = http.insert("DebtorOrderClient", OrderTest.obj().put("Account", "1")).json().get("OrderNumber").asLong();

        var r = http.insertList("DebtorOrderLineClient", List.of(
                OrderTest.obj().put("OrderNumber", order).put("Item", "SKU-0100").put("Qty", 1),
                OrderTest.obj().put("OrderNumber", order).put("Item", "NO-SUCH").put("Qty", 1)));

        assertThat(r.status()).isEqualTo(400);
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
}
