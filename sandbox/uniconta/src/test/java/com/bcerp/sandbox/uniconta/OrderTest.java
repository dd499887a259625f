package com.bcerp.sandbox.uniconta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTest {

    private UnicontaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        assertThat(http.insert("DebtorClient", obj().put("Account", "10001").put("Name", "Jane Doe")
                .put("ContactEmail", "jane@example.com")).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    static ObjectNode obj() {
        return SandboxHttp.JSON.createObjectNode();
    }

    private long order(String ourRef, boolean inclVat, boolean deleteOrder) {
        var r = http.insert("DebtorOrderClient", obj().put("Account", "10001").put("OurRef", ourRef)
                .put("YourRef", "Jane Doe").put("Currency", "DKK").put("PricesInclVat", inclVat)
                .put("DeleteOrder", deleteOrder).put("DeliveryName", "Jane Doe").put("DeliveryCity", "Oslo")
                .put("Payment", "CARD").put("Shipment", "GLS"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("OrderNumber").asLong();
    }

    private SandboxHttp.Response line(long order, String item, double qty, double price, String... more) {
        ObjectNode line = obj().put("OrderNumber", order).put("Item", item).put("Qty", qty).put("Price", price);
        for (int i = 0; i + 1 < more.length; i += 2) {
            line.put(more[i], more[i + 1]);
        }
        return http.insert("DebtorOrderLineClient", line);
    }

    private JsonNode storage(String item, String variant1, String variant2) {
        for (JsonNode row : http.read("InvItemStorageClient", "Item", item).json()) {
            if (variant1 == null || (variant1.equals(row.path("Variant1").asText()) && variant2.equals(row.path("Variant2").asText()))) {
                if ("MAIN".equals(row.path("Warehouse").asText())) {
                    return row;
                }
            }
        }
        throw new AssertionError("no storage row for " + item);
    }

    @Test
    void uniconta_numbers_the_order_and_the_lines_carry_its_number() {
        long first = order("BC-100", true, false);
        long second = order("BC-101", true, false);
        var l1 = http.insert("DebtorOrderLineClient", obj().put("OrderNumber", first).put("Item", "SKU-0100")
                .put("Qty", 2).put("Price", 10.5).put("DiscountPct", 10));
        var asText = line(first, "SKU-0100", 2, 10.5, "DiscountPct", "10");
        var l2 = line(first, "SKU-0101", 1, 20);

        assertThat(second).isEqualTo(first + 1);
        assertThat(asText.status()).isEqualTo(400);       // a number sent as text is refused (guess)
        assertThat(l1.json().get("LineNumber").asDouble()).isEqualTo(1.0);
        assertThat(l2.json().get("LineNumber").asDouble()).isEqualTo(2.0);
        assertThat(l1.json().get("Total").asDouble()).isEqualTo(18.9);
        JsonNode header = http.read("DebtorOrderClient", "OurRef", "BC-100").json();
        assertThat(header).hasSize(1);
        assertThat(header.get(0).get("OrderNumber").asLong()).isEqualTo(first);
        assertThat(header.get(0).get("Name").asText()).isEqualTo("Jane Doe");
        assertThat(header.get(0).get("OrderTotal").asDouble()).isEqualTo(38.9);
        assertThat(header.get(0).get("NoLines").asInt()).isEqualTo(2);
        assertThat(http.read("DebtorOrderLineClient", "OrderNumber", Long.toString(first)).json()).hasSize(2);
    }

    @Test
    void orders_and_lines_refuse_what_does_not_exist() {
        long o = order("BC-1", false, false);

        var noDebtor = http.insert("DebtorOrderClient", obj().put("Account", "nobody"));
        var noItem = line(o, "NO-SUCH-ITEM", 1, 1);
        var noOrder = line(999, "SKU-0100", 1, 1);
        var noVat = line(o, "SKU-0100", 1, 1, "Vat", "X99");
        var noWarehouse = line(o, "SKU-0100", 1, 1, "Warehouse", "NOWHERE");
        var badCurrency = http.insert("DebtorOrderClient", obj().put("Account", "10001").put("Currency", "XYZ1"));
        var noSettled = http.insert("DebtorOrderClient", obj().put("Account", "10001").put("Settlements", "777"));

        assertThat(List.of(noDebtor, noItem, noOrder, noVat, noWarehouse, noSettled))
                .allSatisfy(r -> assertThat(r.json().get("ErrorCode").asText()).as(r.body()).isEqualTo("CouldNotFind"));
        assertThat(badCurrency.status()).isEqualTo(400);
        assertThat(http.read("DebtorOrderClient").json()).hasSize(1);
    }

    @Test
    void variant_items_take_item_and_variant_codes_other_items_take_none() {
        long o = order("BC-2", true, false);

        var variant = line(o, "TEE-200", 1, 18.5, "Variant1", "RED", "Variant2", "M");
        var ownItem = line(o, "TEE-202-RED-S", 1, 26.5);
        var unknownCode = line(o, "TEE-200", 1, 18.5, "Variant1", "PINK", "Variant2", "M");
        var notAllowed = line(o, "TEE-200", 1, 18.5, "Variant1", "RED", "Variant2", "M", "Variant3", "X");
        var onPlainItem = line(o, "SKU-0100", 1, 1, "Variant1", "RED");

        assertThat(variant.status()).isEqualTo(200);
        assertThat(variant.json().get("Variant1").asText()).isEqualTo("RED");
        assertThat(ownItem.status()).isEqualTo(200);
        assertThat(unknownCode.json().get("ErrorCode").asText()).isEqualTo("CouldNotFind");
        assertThat(notAllowed.json().get("ErrorCode").asText()).isEqualTo("CouldNotFind");
        assertThat(onPlainItem.json().get("ErrorCode").asText()).isEqualTo("NoSucces");
        JsonNode tee = http.read("InvItemClient", "Item", "TEE-200").json().get(0);
        assertThat(tee.get("UseVariants").asBoolean()).isTrue();
        assertThat(tee.get("StandardVariant").asText()).isEqualTo("COLSIZE");
        assertThat(http.read("InvStandardVariantCombiClient", "StandardVariant", "COLSIZE").json()).hasSize(9);
        assertThat(http.read("InvVariant1Client").json()).extracting(v -> v.get("Number").asText())
                .containsExactly("RED", "BLUE", "GREEN");
    }

    @Test
    void open_lines_reserve_stock_per_warehouse_and_variant() {
        long o = order("BC-3", true, false);
        var l = line(o, "TEE-200", 3, 18.5, "Variant1", "BLUE", "Variant2", "L");
        line(o, "SKU-0100", 2, 10);

        JsonNode blueL = storage("TEE-200", "BLUE", "L");
        assertThat(blueL.get("Qty").asDouble()).isEqualTo(100);
        assertThat(blueL.get("QtyReserved").asDouble()).isEqualTo(3);
        assertThat(blueL.get("Available").asDouble()).isEqualTo(97);
        assertThat(blueL.has("UpdatedAt")).isFalse();
        assertThat(storage("TEE-200", "RED", "L").get("QtyReserved").asDouble()).isZero();
        JsonNode tee = http.read("InvItemClient", "Item", "TEE-200").json().get(0);
        assertThat(tee.get("QtyOnStock").asDouble()).isEqualTo(900);
        assertThat(tee.get("QtyReserved").asDouble()).isEqualTo(3);

        ObjectNode changed = ((ObjectNode) l.json()).put("Qty", 1);
        assertThat(http.update("DebtorOrderLineClient", changed).status()).isEqualTo(200);
        assertThat(storage("TEE-200", "BLUE", "L").get("QtyReserved").asDouble()).isEqualTo(1);

        JsonNode header = http.read("DebtorOrderClient", "OrderNumber", Long.toString(o)).json().get(0);
        assertThat(http.delete("DebtorOrderClient", header).status()).isEqualTo(200);
        assertThat(storage("TEE-200", "BLUE", "L").get("QtyReserved").asDouble()).isZero();
        assertThat(storage("SKU-0100", null, null).get("QtyReserved").asDouble()).isZero();
        assertThat(http.read("DebtorOrderLineClient", "OrderNumber", Long.toString(o)).json()).isEmpty();
    }

    @Test
    void invoicing_an_order_with_delete_order_leaves_only_the_invoice() {
        long o = order("BC-4", true, true);
        line(o, "SKU-0100", 2, 125, "Vat", "U25");

        long invoice = sandbox.invoice(o);

        assertThat(http.read("DebtorOrderClient", "OrderNumber", Long.toString(o)).json()).isEmpty();
        assertThat(http.read("DebtorOrderLineClient", "OrderNumber", Long.toString(o)).json()).isEmpty();
        JsonNode inv = http.read("DebtorInvoiceClient", "OrderNumber", Long.toString(o)).json();
        assertThat(inv).hasSize(1);
        assertThat(inv.get(0).get("InvoiceNumber").asLong()).isEqualTo(invoice);
        assertThat(inv.get(0).get("OurRef").asText()).isEqualTo("BC-4");
        assertThat(inv.get(0).get("TotalAmount").asDouble()).isEqualTo(250.0);
        assertThat(inv.get(0).get("VatAmount").asDouble()).isEqualTo(50.0);
        assertThat(inv.get(0).get("NetAmount").asDouble()).isEqualTo(200.0);
        assertThat(http.read("DebtorInvoiceClient", "OurRef", "BC-4").json()).hasSize(1);
        JsonNode lines = http.read("DebtorInvoiceLines", "InvoiceNumber", Long.toString(invoice)).json();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("InvoiceQty").asDouble()).isEqualTo(2);
        JsonNode stock = storage("SKU-0100", null, null);
        assertThat(stock.get("Qty").asDouble()).isEqualTo(98);
        assertThat(stock.get("QtyReserved").asDouble()).isZero();
        assertThat(http.read("DebtorClient", "Account", "10001").json().get(0).get("CurBalance").asDouble()).isEqualTo(250.0);
    }

    @Test
    void prices_without_vat_get_vat_on_top() {
        long o = order("BC-5", false, true);
        line(o, "SKU-0100", 2, 100, "Vat", "U25");
        line(o, "SHIPPING", 1, 49.99, "Vat", "U25");

        JsonNode inv = http.read("DebtorInvoiceClient", "InvoiceNumber", Long.toString(sandbox.invoice(o))).json().get(0);

        assertThat(inv.get("NetAmount").asDouble()).isEqualTo(249.99);
        assertThat(inv.get("VatAmount").asDouble()).isEqualTo(62.50);
        assertThat(inv.get("TotalAmount").asDouble()).isEqualTo(312.49);
    }

    @Test
    void partial_invoices_and_pack_notes_show_in_the_line_quantities() {
        long o = order("BC-6", true, false);
        line(o, "SKU-0100", 3, 10);

        sandbox.deliver(o, Map.of(1.0, 1.0));
        JsonNode afterPackNote = http.read("DebtorOrderLineClient", "OrderNumber", Long.toString(o)).json().get(0);
        sandbox.invoice(o, UnicontaSandbox.Invoicing.lines(Map.of(1.0, 2.0)));
        JsonNode afterInvoice = http.read("DebtorOrderLineClient", "OrderNumber", Long.toString(o)).json().get(0);

        assertThat(afterPackNote.get("QtyDelivered").asDouble()).isEqualTo(1);
        assertThat(afterPackNote.get("QtyInvoiced").asDouble()).isZero();
        assertThat(afterInvoice.get("QtyInvoiced").asDouble()).isEqualTo(2);
        assertThat(afterInvoice.get("QtyDelivered").asDouble()).isEqualTo(2);
        assertThat(storage("SKU-0100", null, null).get("QtyReserved").asDouble()).isEqualTo(1);
        assertThat(http.read("DebtorOrderClient", "OrderNumber", Long.toString(o)).json().get(0).has("LastInvoice")).isTrue();

        sandbox.invoice(o);
        assertThat(http.read("DebtorInvoiceClient", "OrderNumber", Long.toString(o)).json()).hasSize(2);
        assertThat(http.read("DebtorOrderClient", "OrderNumber", Long.toString(o)).json()).hasSize(1); // no DeleteOrder
        assertThatThrownBy(() -> sandbox.invoice(o)).hasMessageContaining("NoLinesToUpdate");
    }

    @Test
    void delete_lines_drops_the_fully_invoiced_lines_only() {
        var r = http.insert("DebtorOrderClient", obj().put("Account", "10001").put("DeleteLines", true));
        long o = r.json().get("OrderNumber").asLong();
        line(o, "SKU-0100", 1, 10);
        line(o, "SKU-0101", 2, 10);

        sandbox.invoice(o, UnicontaSandbox.Invoicing.lines(Map.of(1.0, 1.0, 2.0, 1.0)));

        JsonNode left = http.read("DebtorOrderLineClient", "OrderNumber", Long.toString(o)).json();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("Item").asText()).isEqualTo("SKU-0101");
    }

    @Test
    void a_credit_note_is_a_negative_order_settled_against_the_invoice() {
        long o = order("BC-7", true, true);
        line(o, "SKU-0100", 2, 125, "Vat", "U25");
        long invoice = sandbox.invoice(o);

        var credit = http.insert("DebtorOrderClient", obj().put("Account", "10001").put("OurRef", "BC-7-R1")
                .put("PricesInclVat", true).put("DeleteOrder", true).put("Settlements", Long.toString(invoice)));
        long c = credit.json().get("OrderNumber").asLong();
        line(c, "SKU-0100", -1, 125, "Vat", "U25");
        assertThat(storage("SKU-0100", null, null).get("QtyReserved").asDouble()).isZero();
        long creditNote = sandbox.invoice(c);

        JsonNode cn = http.read("DebtorInvoiceClient", "InvoiceNumber", Long.toString(creditNote)).json().get(0);
        assertThat(credit.json().get("Settlements").asText()).isEqualTo(Long.toString(invoice));
        assertThat(cn.get("TotalAmount").asDouble()).isEqualTo(-125.0);
        assertThat(cn.get("VatAmount").asDouble()).isEqualTo(-25.0);
        assertThat(cn.get("OrderNumber").asLong()).isEqualTo(c);
        assertThat(storage("SKU-0100", null, null).get("Qty").asDouble()).isEqualTo(99);
        assertThat(http.read("DebtorClient", "Account", "10001").json().get(0).get("CurBalance").asDouble()).isEqualTo(125.0);
    }

    @Test
    void user_fields_go_from_the_order_to_its_invoice_and_the_merchant_may_add_tracking() {
        var r = http.insert("DebtorOrderClientUser", obj().put("Account", "10001").put("OurRef", "BC-8")
                .put("DeleteOrder", true).put("TrackingNumber", "from-order"));
        long o = r.json().get("OrderNumber").asLong();
        line(o, "SKU-0100", 1, 10);
        long first = sandbox.invoice(o, UnicontaSandbox.Invoicing.lines(Map.of(1.0, 1.0)).withShipmentText("GLS parcel"));

        JsonNode plain = http.read("DebtorInvoiceClient", "InvoiceNumber", Long.toString(first)).json().get(0);
        JsonNode user = http.read("DebtorInvoiceClientUser", "InvoiceNumber", Long.toString(first)).json().get(0);
        assertThat(plain.has("TrackingNumber")).isFalse();
        assertThat(user.get("TrackingNumber").asText()).isEqualTo("from-order");
        assertThat(user.get("ShipmentText").asText()).isEqualTo("GLS parcel");

        long o2 = order("BC-9", true, true);
        line(o2, "SKU-0100", 1, 10);
        long second = sandbox.invoice(o2, UnicontaSandbox.Invoicing.all().withUserField("TrackingNumber", "1Z999"));
        assertThat(http.read("DebtorInvoiceClientUser", "TrackingNumber", "1Z999").json().get(0).get("InvoiceNumber")
                .asLong()).isEqualTo(second);
    }

    @Test
    void a_blocked_order_is_not_invoiced_and_a_refused_invoice_changes_nothing() {
        long o = order("BC-10", true, true);
        line(o, "SKU-0100", 1, 10);
        JsonNode header = http.read("DebtorOrderClient", "OrderNumber", Long.toString(o)).json().get(0);
        http.update("DebtorOrderClient", ((ObjectNode) header).put("Blocked", true));

        assertThatThrownBy(() -> sandbox.invoice(o)).hasMessageContaining("blocked");
        assertThatThrownBy(() -> sandbox.invoice(o, UnicontaSandbox.Invoicing.lines(Map.of(1.0, 5.0))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(http.read("DebtorInvoiceClient").json()).isEmpty();
        assertThat(storage("SKU-0100", null, null).get("Qty").asDouble()).isEqualTo(100);
    }
    @Test
    void insert_list_of_lines_numbers_them_and_a_refused_line_undoes_the_whole_batch() {
        long o = order("BC-11", true, false);
        var lines = List.of(obj().put("OrderNumber", o).put("Item", "SKU-0100").put("Qty", 1).put("Price", 10),
                obj().put("OrderNumber", o).put("Item", "TEE-201").put("Variant1", "RED").put("Variant2", "S")
                        .put("Qty", 2).put("Price", 22.5));
        var refused = List.of(obj().put("OrderNumber", o).put("Item", "SKU-0100").put("Qty", 5).put("Price", 10),
                obj().put("OrderNumber", o).put("Item", "NO-SUCH").put("Qty", 1).put("Price", 1));

        var ok = http.insertList("DebtorOrderLineClient", lines);
        var bad = http.insertList("DebtorOrderLineClient", refused);

        assertThat(ok.json()).extracting(l -> l.get("LineNumber").asDouble()).containsExactly(1.0, 2.0);
        assertThat(bad.json().get("ErrorCode").asText()).isEqualTo("CouldNotFind");
        assertThat(http.read("DebtorOrderLineClient", "OrderNumber", Long.toString(o)).json()).hasSize(2);
        assertThat(storage("SKU-0100", null, null).get("QtyReserved").asDouble()).isEqualTo(1);
        assertThat(http.read("DebtorOrderClient", "OrderNumber", Long.toString(o)).json().get(0).get("OrderTotal")
                .asDouble()).isEqualTo(55.0);
    }
}
