package com.bcerp.local.golden;

import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.calls.CallLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a golden case left in one back office, read from its sandbox's own records (never through the adapter under
 * test), as its merchant's screens show it: each document with its customer, reference, status, lines and totals.
 * Acumatica's view also keeps every request document the adapter wrote, as the corpus always has.
 */
abstract class BackOfficeView {

    /**
     * One document's amount for the "owes what the store says" check: a sale adds, a credit (credit note or return)
     * takes off; {@code total} including tax, null where the back office keeps no amounts.
     */
    record Entry(String document, boolean credit, BigDecimal total, boolean cancelled) {}

    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static BackOfficeView of(LocalBackOffice backOffice) {
        return switch (backOffice) {
            case LocalBackOffice.Acumatica a -> new Acumatica(a);
            case LocalBackOffice.Visma v -> new Visma(v);
            case LocalBackOffice.Uniconta u -> new Uniconta(u);
            case LocalBackOffice.Extensiv e -> new Extensiv(e);
        };
    }

    /** The items its sandbox starts with. */
    abstract SandboxCatalog catalog();

    /** An item the merchant's catalogue has beyond the sandbox's own (a store's own SKU), as its staff add one. */
    abstract void addItem(String sku, String name);

    /**
     * A customer the merchant already has: {@code id} its account, {@code ref} the store's customer reference the
     * back office carries (both may be null where the back office cannot take them: the case declares a skip).
     */
    abstract void addCustomer(String id, String name, String email, String ref);

    /** Its documents, as the expectation file shows them (the parked records are added by the case). */
    abstract ObjectNode documents();

    abstract List<Entry> ledger();

    static ObjectNode object() {
        return GoldenCase.json().createObjectNode();
    }

    static String money(JsonNode n) {
        return n.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String quantity(JsonNode n) {
        return n.decimalValue().stripTrailingZeros().toPlainString();
    }

    static final class Acumatica extends BackOfficeView {
        private final com.bcerp.sandbox.acumatica.AcumaticaSandbox erp;

        Acumatica(LocalBackOffice.Acumatica backOffice) {
            this.erp = backOffice.sandbox();
        }

        @Override
        SandboxCatalog catalog() {
            return erp.catalog();
        }

        /** On the sales-order side of the instance: the sandbox's stock items are a book of their own. */
        @Override
        void addItem(String sku, String name) {
            erp.addItem(sku, BigDecimal.ZERO);
        }

        @Override
        void addCustomer(String id, String name, String email, String ref) {
            erp.addCustomer(id, name, email, ref);
        }

        /** Every request document the adapter wrote (PUTs and action POSTs, in order), then the documents held. */
        @Override
        ObjectNode documents() {
            ObjectNode out = object();
            ArrayNode requests = out.putArray("requests");
            for (CallLog.Exchange e : erp.calls().exchanges()) {
                if (!e.method().equals("GET")) {
                    ObjectNode r = requests.addObject();
                    r.put("request", e.method() + " " + e.path().replaceFirst(".*/24\\.200\\.001/", "/"));
                    r.put("status", e.status());
                    try {
                        r.set("body", normalise(GoldenCase.json().readTree(e.requestBody())));
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                }
            }
            ArrayNode orders = out.putArray("back_office_orders");
            for (JsonNode so : erp.salesOrders()) {
                orders.addObject().put("order", so.at("/OrderType/value").asText() + "/" + so.at("/OrderNbr/value").asText())
                        .put("external_ref", so.at("/ExternalRef/value").asText())
                        .put("status", so.at("/Status/value").asText())
                        .put("total", so.at("/OrderTotal/value").decimalValue().toPlainString())
                        .put("tax_total", so.at("/TaxTotal/value").decimalValue().toPlainString());
            }
            ArrayNode payments = out.putArray("back_office_payments");
            for (JsonNode p : erp.payments()) {
                payments.addObject().put("payment", p.at("/Type/value").asText() + "/" + p.at("/ReferenceNbr/value").asText())
                        .put("external_ref", p.at("/ExternalRef/value").asText())
                        .put("status", p.at("/Status/value").asText())
                        .put("amount", p.at("/PaymentAmount/value").decimalValue().toPlainString());
            }
            return out;
        }

        /** SO orders sell; the credit (CR) and return (RC) orders take off. */
        @Override
        List<Entry> ledger() {
            return erp.salesOrders().stream().map(so -> new Entry(so.at("/OrderType/value").asText() + "/"
                    + so.at("/OrderNbr/value").asText(), !so.at("/OrderType/value").asText().equals("SO"),
                    so.at("/OrderTotal/value").decimalValue(), so.at("/Status/value").asText().equals("Cancelled")))
                    .toList();
        }

        /** GUIDs the sandbox made up (row ids) are not part of what the adapter decided. */
        private static JsonNode normalise(JsonNode node) {
            if (node.isTextual() && GUID.matcher(node.asText()).matches()) {
                return TextNode.valueOf("<guid>");
            }
            if (node.isObject()) {
                ObjectNode copy = object();
                node.properties().forEach(e -> copy.set(e.getKey(), normalise(e.getValue())));
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = GoldenCase.json().createArrayNode();
                node.forEach(n -> copy.add(normalise(n)));
                return copy;
            }
            return node;
        }
    }

    /** Visma.net ERP: its sales orders ({@code GET /v1/salesorder}) and customer credit notes, as the API answers. */
    static final class Visma extends BackOfficeView {
        private final com.bcerp.sandbox.visma.VismaSandbox erp;

        Visma(LocalBackOffice.Visma backOffice) {
            this.erp = backOffice.sandbox();
        }

        @Override
        SandboxCatalog catalog() {
            return erp.catalog();
        }

        @Override
        void addItem(String sku, String name) {
            erp.addStockItem(sku, name, BigDecimal.ZERO);
        }

        /** Visma numbers customers itself and the sandbox seeds none with attributes: a case with customers skips. */
        @Override
        void addCustomer(String id, String name, String email, String ref) {
            throw new IllegalStateException("the Visma sandbox cannot seed customer " + id
                    + " with its number or store reference: declare the case skipped for visma");
        }

        @Override
        ObjectNode documents() {
            ObjectNode out = object();
            ArrayNode orders = out.putArray("sales_orders");
            for (JsonNode so : erp.salesOrders()) {
                ObjectNode o = orders.addObject().put("order", so.path("orderType").asText() + "/"
                        + so.path("orderNo").asText())
                        .put("customer", so.path("customer").path("number").asText())
                        .put("customer_name", so.path("customer").path("name").asText())
                        .put("customer_ref", so.path("customerRefNo").asText())
                        .put("status", so.path("status").asText())
                        .put("currency", so.path("currency").asText());
                ArrayNode lines = o.putArray("lines");
                for (JsonNode l : so.path("lines")) {
                    lines.addObject().put("item", l.path("inventory").path("number").asText())
                            .put("description", l.path("lineDescription").asText())
                            .put("quantity", quantity(l.path("quantity")))
                            .put("unit_price", money(l.path("unitPrice")))
                            .put("discount", money(l.path("discountAmount")))
                            .put("ext_price", money(l.path("extPrice")))
                            .put("tax_category", l.path("taxCategory").asText());
                }
                o.put("tax_total", money(so.path("taxTotal"))).put("total", money(so.path("orderTotal")));
            }
            ArrayNode credits = out.putArray("credit_notes");
            for (JsonNode c : erp.creditNotes()) {
                ObjectNode o = credits.addObject().put("credit_note", c.path("referenceNumber").asText())
                        .put("customer", c.path("customer").path("number").asText())
                        .put("customer_ref", c.path("customerRefNumber").asText())
                        .put("external_ref", c.path("externalReference").asText())
                        .put("text", c.path("invoiceText").asText())
                        .put("status", c.path("status").asText())
                        .put("currency", c.path("currencyId").asText());
                ArrayNode lines = o.putArray("lines");
                for (JsonNode l : c.path("lines")) {
                    lines.addObject().put("item", l.path("inventoryNumber").asText())
                            .put("description", l.path("description").asText())
                            .put("quantity", quantity(l.path("quantity")))
                            .put("unit_price", money(l.path("unitPrice")))
                            .put("discount", money(l.path("discountAmount")))
                            .put("amount", money(l.path("amount")))
                            .put("vat", l.path("vatCode").path("id").asText());
                }
                o.put("vat_total", money(c.path("vatTotalInCurrency"))).put("total", money(c.path("amountInCurrency")));
                ArrayNode applied = o.putArray("applied_to");
                c.path("applications").forEach(a -> applied.add(a.path("docType").asText() + " " + a.path("refNbr").asText()));
            }
            return out;
        }

        /** A sales order sells (a return order, type RC, takes off); a credit note takes off. */
        @Override
        List<Entry> ledger() {
            List<Entry> all = new ArrayList<>();
            for (JsonNode so : erp.salesOrders()) {
                all.add(new Entry(so.path("orderType").asText() + "/" + so.path("orderNo").asText(),
                        so.path("orderType").asText().equals("RC"), so.path("orderTotal").decimalValue(),
                        so.path("status").asText().equals("Cancelled")));
            }
            for (JsonNode c : erp.creditNotes()) {
                all.add(new Entry(c.path("referenceNumber").asText(), true, c.path("amountInCurrency").decimalValue(),
                        false));
            }
            return all;
        }
    }

    /**
     * Uniconta: its orders ({@code DebtorOrderClient}) with their lines ({@code DebtorOrderLineClient}), the net total
     * Uniconta shows and the VAT it reckons per code when it invoices; credit notes are orders of negative lines.
     */
    static final class Uniconta extends BackOfficeView {
        private final LocalBackOffice.Uniconta backOffice;
        private final com.bcerp.sandbox.uniconta.UnicontaSandbox erp;

        Uniconta(LocalBackOffice.Uniconta backOffice) {
            this.backOffice = backOffice;
            this.erp = backOffice.sandbox();
        }

        @Override
        SandboxCatalog catalog() {
            return erp.catalog();
        }

        @Override
        void addItem(String sku, String name) {
            erp.addItem(sku, name, 0, true);
        }

        /** A debtor with the store's customer id in the user field the adapter reads by default. */
        @Override
        void addCustomer(String id, String name, String email, String ref) {
            erp.addDebtor(id, name, email, ref == null ? Map.of() : Map.of("StoreCustomerId", ref));
        }

        @Override
        ObjectNode documents() {
            ObjectNode out = object();
            ArrayNode orders = out.putArray("orders");
            for (JsonNode order : erp.rows("DebtorOrderClient")) {
                long number = order.path("OrderNumber").asLong();
                ObjectNode o = orders.addObject().put("order", number)
                        .put("account", order.path("Account").asText())
                        .put("name", order.path("Name").asText())
                        .put("our_ref", order.path("OurRef").asText())
                        .put("kind", order.path("Requisition").asText())
                        .put("currency", order.path("Currency").asText())
                        .put("blocked", order.path("Blocked").asBoolean())
                        .put("settles", order.path("Settlements").asText());
                ArrayNode lines = o.putArray("lines");
                erp.rows("DebtorOrderLineClient").stream().filter(l -> l.path("OrderNumber").asLong() == number)
                        .sorted(Comparator.comparingDouble(l -> l.path("LineNumber").asDouble()))
                        .forEach(l -> lines.addObject().put("item", l.path("Item").asText())
                                .put("text", l.path("Text").asText())
                                .put("quantity", quantity(l.path("Qty")))
                                .put("price", money(l.path("Price")))
                                .put("discount", money(l.path("Discount")))
                                .put("discount_pct", quantity(l.path("DiscountPct")))
                                .put("total", money(l.path("Total")))
                                .put("vat", l.path("Vat").asText()));
                BigDecimal total = backOffice.totalInclVat(order);
                o.put("net_total", money(order.path("OrderTotal"))).put("total_incl_vat", total.toPlainString());
            }
            ArrayNode invoices = out.putArray("invoices");
            for (JsonNode invoice : erp.rows("DebtorInvoiceClient")) {
                invoices.addObject().put("invoice", invoice.path("InvoiceNumber").asLong())
                        .put("order", invoice.path("OrderNumber").asLong())
                        .put("our_ref", invoice.path("OurRef").asText())
                        .put("total", money(invoice.path("TotalAmount")));
            }
            return out;
        }

        /** Each order counts with its sign: a credit note's lines are negative, so its total is. */
        @Override
        List<Entry> ledger() {
            List<Entry> all = new ArrayList<>();
            for (JsonNode order : erp.rows("DebtorOrderClient")) {
                BigDecimal total = backOffice.totalInclVat(order);
                all.add(new Entry(order.path("OrderNumber").asText(), total.signum() < 0, total.abs(),
                        order.path("Blocked").asBoolean()));
            }
            return all;
        }
    }

    /** Extensiv: the warehouse's orders ({@code GET /orders}), which keep goods lines and no amounts. */
    static final class Extensiv extends BackOfficeView {
        /** Extensiv's order statuses by number, as its order screen names them. */
        private static final Map<Integer, String> STATUSES = Map.of(0, "Open", 1, "Complete", 2, "Cancelled");

        private final com.bcerp.sandbox.extensiv.ExtensivSandbox wms;

        Extensiv(LocalBackOffice.Extensiv backOffice) {
            this.wms = backOffice.sandbox();
        }

        @Override
        SandboxCatalog catalog() {
            return wms.catalog();
        }

        @Override
        void addItem(String sku, String name) {
            wms.addItem(wms.settings().customerId(), sku, name);
        }

        /** A warehouse keeps no customers: the merchant's customers are the ERP's. */
        @Override
        void addCustomer(String id, String name, String email, String ref) {
        }

        @Override
        ObjectNode documents() {
            ObjectNode out = object();
            ArrayNode orders = out.putArray("warehouse_orders");
            for (JsonNode order : wms.orders()) {
                ObjectNode o = orders.addObject().put("order", order.path("readOnly").path("orderId").asInt())
                        .put("reference", order.path("referenceNum").asText())
                        .put("status", STATUSES.get(order.path("readOnly").path("status").asInt()))
                        .put("ship_to", order.path("shipTo").path("name").asText());
                ArrayNode lines = o.putArray("lines");
                for (JsonNode item : order.path("_embedded").path("http://api.3plCentral.com/rels/orders/item")) {
                    lines.addObject().put("sku", item.path("itemIdentifier").path("sku").asText())
                            .put("quantity", quantity(item.path("qty")))
                            .put("notes", item.path("notes").asText());
                }
            }
            return out;
        }

        @Override
        List<Entry> ledger() {
            return wms.orders().stream().map(o -> new Entry(o.path("referenceNum").asText(), false, null,
                    o.path("readOnly").path("status").asInt() == 2)).toList();
        }
    }
}
