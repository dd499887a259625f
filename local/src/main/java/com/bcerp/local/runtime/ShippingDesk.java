package com.bcerp.local.runtime;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.AcumaticaSandbox;
import com.bcerp.sandbox.extensiv.ExtensivSandbox;
import com.bcerp.sandbox.uniconta.UnicontaSandbox;
import com.bcerp.sandbox.visma.VismaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A back office's warehouse and order screens, as its merchant uses them while the connector runs: the sales orders
 * the store's orders became, shipping them (with a carrier and tracking), invoicing, cancelling and holding them, and
 * reading back what the back office then holds. The fulfilment demo drives it and checks the store against it, so
 * everything here is read from the sandbox itself, never from the connector.
 */
public interface ShippingDesk {

    /** A store order's sales order as the back office holds it. */
    record Order(String number, String status, Map<Integer, BigDecimal> productLines, Map<Integer, BigDecimal> open,
            List<Shipment> shipped, List<String> invoices) {}

    /** A shipped (confirmed) shipment: its store order product ids with the quantities, first tracking number, carrier. */
    record Shipment(String number, Map<Long, Integer> itemsByProduct, String tracking, String shipVia) {}

    /** The name the connector's marker in a store shipment's comments gives the back office ("{name} shipment {nbr}"). */
    String markerName();

    /** The store's orders' sales orders, by store order id. */
    Map<Long, Order> orders(String storeHash);

    /** Ships these order lines (line to quantity) with the carrier and a package per tracking number; confirmed. */
    void ship(Order order, String shipVia, Map<Integer, BigDecimal> lines, List<String> tracking);

    void invoice(Order order);

    void cancel(Order order);

    void hold(Order order);

    /** Whether the back office can put an order on hold (Uniconta cannot). */
    default boolean holds() {
        return true;
    }

    /** Whether an order ships again after its first shipment (Extensiv cannot: confirming ships and closes it). */
    default boolean shipsAgain() {
        return true;
    }

    /**
     * Whether each package of an order is a shipment of its own (a warehouse: Extensiv's packages each carry their
     * contents and tracking number), rather than one shipment carrying several packages (an ERP).
     */
    default boolean packagesAreShipments() {
        return false;
    }

    /** Whether the back office invoices an order (a warehouse keeps no money). */
    default boolean invoices() {
        return true;
    }

    /** Whether the desk records customers' payments of invoices (the ERPs' sandboxes model them; a warehouse has none). */
    default boolean pays() {
        return false;
    }

    /**
     * The customer pays each invoice of the order in full by bank transfer, as the accountant records it (a released
     * payment applied to the invoice); returns the payments' numbers.
     */
    default List<String> pay(Order order) {
        throw new UnsupportedOperationException(markerName() + "'s desk records no payments");
    }

    /**
     * The store status each of its order statuses comes to under the default status table, written out here from
     * the README's table rather than read from the code under test; a status not named keeps the store's.
     */
    Map<String, Integer> storeStatuses();

    /** Requests the connector made that write to the back office's orders, payments or customers. */
    int connectorWrites();

    /** A sales order's lines of store products (its store line id on the line, not a charge item), read one by one. */
    final class ProductLines {
        final Map<Integer, Long> productOfLine = new HashMap<>();
        final Map<Integer, BigDecimal> quantities = new LinkedHashMap<>();
        final Map<Integer, BigDecimal> open = new LinkedHashMap<>();

        static boolean isProduct(String storeLineRef, String item) {
            return storeLineRef.matches("\\d+") && !SandboxCatalog.CHARGE_ITEMS.contains(item);
        }

        void add(int lineNbr, String storeLineRef, String item, BigDecimal quantity, BigDecimal left) {
            if (isProduct(storeLineRef, item)) {
                productOfLine.put(lineNbr, Long.parseLong(storeLineRef));
                quantities.put(lineNbr, quantity);
                if (left.signum() > 0) {
                    open.put(lineNbr, left);
                }
            }
        }
    }

    /** Store order ids in the connector's references, BC-{store}-{order id}. */
    private static Long storeOrder(String ref, String storeHash) {
        Matcher m = Pattern.compile("BC-" + Pattern.quote(storeHash) + "-(\\d+)").matcher(ref);
        return m.matches() ? Long.parseLong(m.group(1)) : null;
    }

    static ShippingDesk acumatica(AcumaticaSandbox erp) {
        return new ShippingDesk() {
            @Override
            public String markerName() {
                return "Acumatica";
            }

            @Override
            public Map<Long, Order> orders(String storeHash) {
                Map<String, List<String>> invoicesByRef = new HashMap<>();
                for (JsonNode inv : erp.salesInvoices()) {
                    invoicesByRef.computeIfAbsent(inv.path("ExternalRef").path("value").asText(), k -> new ArrayList<>())
                            .add(inv.path("ReferenceNbr").path("value").asText());
                }
                Map<String, List<JsonNode>> shipmentsByOrder = new HashMap<>();
                for (JsonNode s : erp.shipments()) {
                    String status = s.path("Status").path("value").asText();
                    if (status.equals("Confirmed") || status.equals("Invoiced")) {
                        shipmentsByOrder.computeIfAbsent(s.path("Orders").path(0).path("OrderNbr").path("value").asText(),
                                k -> new ArrayList<>()).add(s);
                    }
                }
                Map<Long, Order> out = new HashMap<>();
                for (JsonNode so : erp.salesOrders(Set.of("Details", "Shipments"))) {
                    String ref = so.path("ExternalRef").path("value").asText("");
                    Long id = storeOrder(ref, storeHash);
                    if (id == null || !so.path("OrderType").path("value").asText().equals("SO")) {
                        continue;
                    }
                    String nbr = so.path("OrderNbr").path("value").asText();
                    ProductLines lines = new ProductLines();
                    for (JsonNode line : so.path("Details")) {
                        lines.add(line.path("LineNbr").path("value").asInt(), line.path("ExternalRef").path("value").asText(""),
                                line.path("InventoryID").path("value").asText(), line.path("OrderQty").path("value")
                                        .decimalValue(), line.path("OpenQty").path("value").decimalValue());
                    }
                    Map<Integer, Long> productOfLine = lines.productOfLine;
                    List<Shipment> shipped = new ArrayList<>();
                    for (JsonNode s : shipmentsByOrder.getOrDefault(nbr, List.of())) {
                        Map<Long, Integer> items = new TreeMap<>();
                        s.path("Details").forEach(d -> items.merge(productOfLine.get(d.path("OrderLineNbr").path("value")
                                .asInt()), d.path("ShippedQty").path("value").decimalValue().intValue(), Integer::sum));
                        shipped.add(new Shipment(s.path("ShipmentNbr").path("value").asText(), items,
                                s.path("Packages").path(0).path("TrackingNbr").path("value").asText(""),
                                s.path("ShipVia").path("value").asText()));
                    }
                    out.put(id, new Order(nbr, so.path("Status").path("value").asText(), lines.quantities, lines.open,
                            shipped, invoicesByRef.getOrDefault(ref, List.of())));
                }
                return out;
            }

            @Override
            public void ship(Order order, String shipVia, Map<Integer, BigDecimal> lines, List<String> tracking) {
                erp.confirmShipment(erp.createShipment("SO", order.number(), shipVia, lines, tracking));
            }

            @Override
            public void invoice(Order order) {
                erp.releaseInvoice("Invoice", erp.invoiceOrder("SO", order.number()));
            }

            @Override
            public boolean pays() {
                return true;
            }

            @Override
            public List<String> pay(Order order) {
                List<String> payments = new ArrayList<>();
                for (JsonNode invoice : erp.salesInvoices()) {
                    String nbr = invoice.path("ReferenceNbr").path("value").asText();
                    BigDecimal balance = invoice.path("Balance").path("value").decimalValue();
                    if (order.invoices().contains(nbr) && balance.signum() > 0) {
                        payments.add(erp.payInvoice("Invoice", nbr, "WIRE", "BT-" + nbr, balance));
                    }
                }
                return payments;
            }

            @Override
            public void cancel(Order order) {
                erp.cancelOrder("SO", order.number());
            }

            @Override
            public void hold(Order order) {
                erp.holdOrder("SO", order.number());
            }

            @Override
            public Map<String, Integer> storeStatuses() {
                return Map.of("Back Order", 3, "Completed", 2, "Invoiced", 10, "Cancelled", 5, "On Hold", 12);
            }

            /** Warehouse actions above are Java calls on the sandbox, not requests: only the connector's count. */
            @Override
            public int connectorWrites() {
                return erp.calls().byRoute().entrySet().stream()
                        .filter(e -> e.getKey().startsWith("PUT /SalesOrder") || e.getKey().startsWith("POST /SalesOrder/")
                                || e.getKey().startsWith("PUT /Payment") || e.getKey().startsWith("POST /Payment/"))
                        .mapToInt(Map.Entry::getValue).sum();
            }
        };
    }

    /**
     * Visma.net: orders as {@code GET /v1/salesorder} shows them (each line's {@code note} holds the store's line id,
     * {@code openQty} what is left), shipments from the MAIN warehouse the local company's orders take, invoices
     * named on the shipments' order lines.
     */
    static ShippingDesk visma(VismaSandbox erp) {
        Set<String> shippedStatuses = Set.of("Confirmed", "PartiallyInvoiced", "Invoiced", "Completed");
        return new ShippingDesk() {
            @Override
            public String markerName() {
                return "Visma.net";
            }

            @Override
            public Map<Long, Order> orders(String storeHash) {
                Map<String, List<JsonNode>> shipmentsByOrder = new HashMap<>();
                for (JsonNode s : erp.shipments()) {
                    if (shippedStatuses.contains(s.path("status").asText())) {
                        shipmentsByOrder.computeIfAbsent(s.path("shipmentOrderLines").path(0).path("orderNbr").asText(),
                                k -> new ArrayList<>()).add(s);
                    }
                }
                Map<Long, Order> out = new HashMap<>();
                for (JsonNode so : erp.salesOrders()) {
                    Long id = storeOrder(so.path("customerRefNo").asText(""), storeHash);
                    if (id == null || !so.path("orderType").asText().equals("SO")) {
                        continue;
                    }
                    String nbr = so.path("orderNo").asText();
                    ProductLines lines = new ProductLines();
                    for (JsonNode line : so.path("lines")) {
                        lines.add(line.path("lineNbr").asInt(), line.path("note").asText(""),
                                line.path("inventory").path("number").asText(), line.path("quantity").decimalValue(),
                                line.path("openQty").decimalValue());
                    }
                    Map<Integer, Long> productOfLine = lines.productOfLine;
                    List<Shipment> shipped = new ArrayList<>();
                    Set<String> invoices = new LinkedHashSet<>();
                    for (JsonNode s : shipmentsByOrder.getOrDefault(nbr, List.of())) {
                        Map<Long, Integer> items = new TreeMap<>();
                        s.path("shipmentDetailLines").forEach(d -> items.merge(productOfLine.get(d.path("orderLineNbr")
                                .asInt()), d.path("shippedQty").decimalValue().intValue(), Integer::sum));
                        shipped.add(new Shipment(s.path("shipmentNumber").asText(), items,
                                s.path("shipmentPackageLines").path(0).path("trackingNumber").asText(""),
                                s.path("shipVia").path("id").asText()));
                        s.path("shipmentOrderLines").forEach(l -> {
                            if (!l.path("invoiceNbr").asText("").isEmpty()) {
                                invoices.add(l.path("invoiceNbr").asText());
                            }
                        });
                    }
                    out.put(id, new Order(nbr, so.path("status").asText(), lines.quantities, lines.open, shipped,
                            List.copyOf(invoices)));
                }
                return out;
            }

            @Override
            public void ship(Order order, String shipVia, Map<Integer, BigDecimal> lines, List<String> tracking) {
                erp.ship(order.number(), "MAIN", lines, shipVia, tracking);
            }

            @Override
            public void invoice(Order order) {
                erp.invoice(order.number());
            }

            @Override
            public boolean pays() {
                return true;
            }

            /** A released payment of each open invoice's balance, with the invoice on its line. */
            @Override
            public List<String> pay(Order order) {
                List<String> payments = new ArrayList<>();
                for (JsonNode invoice : erp.invoices()) {
                    String nbr = invoice.path("referenceNumber").asText();
                    BigDecimal balance = invoice.path("balanceInCurrency").decimalValue();
                    if (order.invoices().contains(nbr) && balance.signum() > 0) {
                        payments.add(erp.payInvoice(nbr, balance, "BT-" + nbr));
                    }
                }
                return payments;
            }

            @Override
            public void cancel(Order order) {
                erp.cancel(order.number());
            }

            @Override
            public void hold(Order order) {
                erp.hold(order.number());
            }

            @Override
            public Map<String, Integer> storeStatuses() {
                return Map.of("BackOrder", 3, "Completed", 2, "Invoiced", 10, "Cancelled", 5, "Hold", 12);
            }

            @Override
            public int connectorWrites() {
                return erp.calls().byRoute().entrySet().stream()
                        .filter(e -> (e.getKey().startsWith("PUT ") || e.getKey().startsWith("POST "))
                                && !e.getKey().contains("/token"))
                        .mapToInt(Map.Entry::getValue).sum();
            }
        };
    }

    /**
     * Uniconta: no shipment document on its API, so shipping is posting an invoice of the shipped quantities, with the
     * carrier set on the order's {@code Shipment} first and the tracking number in the invoice's TrackingNumber user
     * field (the merchant's flow); a cancelled order is a blocked one. Orders by their {@code OurRef} (the connector's
     * reference); each line's {@code ReferenceNumber} holds the store's line id.
     */
    static ShippingDesk uniconta(UnicontaSandbox erp) {
        return new ShippingDesk() {
            @Override
            public String markerName() {
                return "Uniconta";
            }

            @Override
            public Map<Long, Order> orders(String storeHash) {
                Map<Long, List<JsonNode>> linesByOrder = new HashMap<>();
                erp.rows("DebtorOrderLineClient").forEach(l -> linesByOrder.computeIfAbsent(l.path("OrderNumber").asLong(),
                        k -> new ArrayList<>()).add(l));
                Map<Long, List<JsonNode>> invoicesByOrder = new HashMap<>();
                erp.rows("DebtorInvoiceClient").forEach(i -> invoicesByOrder.computeIfAbsent(i.path("OrderNumber").asLong(),
                        k -> new ArrayList<>()).add(i));
                Map<String, List<JsonNode>> invoiceLines = new HashMap<>();
                erp.rows("DebtorInvoiceLines").forEach(l -> invoiceLines.computeIfAbsent(l.path("InvoiceNumber").asText(),
                        k -> new ArrayList<>()).add(l));
                Map<Long, Order> out = new HashMap<>();
                for (JsonNode so : erp.rows("DebtorOrderClient")) {
                    Long id = storeOrder(so.path("OurRef").asText(""), storeHash);
                    if (id == null) {
                        continue;
                    }
                    long nbr = so.path("OrderNumber").asLong();
                    ProductLines lines = new ProductLines();
                    boolean all = true;
                    boolean some = false;
                    for (JsonNode line : linesByOrder.getOrDefault(nbr, List.of())) {
                        BigDecimal qty = line.path("Qty").decimalValue();
                        BigDecimal left = qty.subtract(line.path("QtyInvoiced").decimalValue());
                        // the order's status counts every line, its charges too
                        all &= left.signum() == 0;
                        some |= left.compareTo(qty) != 0;
                        lines.add(line.path("LineNumber").asInt(), line.path("ReferenceNumber").asText(""),
                                line.path("Item").asText(), qty, left);
                    }
                    List<Shipment> shipped = new ArrayList<>();
                    List<String> invoices = new ArrayList<>();
                    for (JsonNode inv : invoicesByOrder.getOrDefault(nbr, List.of())) {
                        Map<Long, Integer> items = new TreeMap<>();
                        for (JsonNode l : invoiceLines.getOrDefault(inv.path("InvoiceNumber").asText(), List.of())) {
                            if (ProductLines.isProduct(l.path("ReferenceNumber").asText(""), l.path("Item").asText())) {
                                items.merge(Long.parseLong(l.path("ReferenceNumber").asText()),
                                        l.path("InvoiceQty").decimalValue().intValue(), Integer::sum);
                            }
                        }
                        String number = inv.path("InvoiceNum").asText();
                        shipped.add(new Shipment(number, items, inv.path("TrackingNumber").asText(""),
                                inv.path("Shipment").asText("")));
                        invoices.add(number);
                    }
                    // the statuses as Uniconta's order list shows them: blocked, or by what is left to invoice
                    String status = so.path("Blocked").asBoolean() ? "Blocked" : lines.quantities.isEmpty() || !some ? "Open"
                            : all ? "Invoiced" : "Partly invoiced";
                    out.put(id, new Order(Long.toString(nbr), status, lines.quantities, lines.open, shipped, invoices));
                }
                return out;
            }


            @Override
            public void ship(Order order, String shipVia, Map<Integer, BigDecimal> lines, List<String> tracking) {
                long nbr = Long.parseLong(order.number());
                erp.editOrder(nbr, Map.of("Shipment", shipVia));
                // shipping what is left of the goods, the merchant invoices the rest of the order, charges included
                Map<Double, Double> quantities = null;
                boolean rest = lines.keySet().equals(order.open().keySet()) && lines.entrySet().stream()
                        .allMatch(l -> l.getValue().compareTo(order.open().get(l.getKey())) == 0);
                if (!rest) {
                    quantities = new HashMap<>();
                    for (var line : lines.entrySet()) {
                        quantities.put(line.getKey().doubleValue(), line.getValue().doubleValue());
                    }
                }
                erp.invoice(nbr, new UnicontaSandbox.Invoicing(quantities,
                        tracking.isEmpty() ? Map.of() : Map.of("TrackingNumber", tracking.get(0)), null));
            }

            /** A shipment is an invoice here, so an order shipped in full is invoiced already; the rest is invoiced. */
            @Override
            public void invoice(Order order) {
                if (!order.open().isEmpty()) {
                    erp.invoice(Long.parseLong(order.number()));
                }
            }

            @Override
            public boolean pays() {
                return true;
            }

            /** Each invoice's open amount marked paid (a journal line settling it, posted); the payments' vouchers. */
            @Override
            public List<String> pay(Order order) {
                List<String> payments = new ArrayList<>();
                for (JsonNode open : erp.rows("DebtorTransClient")) {
                    String nbr = open.path("Invoice").asText();
                    if ("Invoice".equals(open.path("PostType").asText()) && order.invoices().contains(nbr)
                            && open.path("AmountOpen").asDouble() > 0) {
                        payments.add(Long.toString(erp.payInvoice(nbr, open.path("AmountOpen").asDouble(), "BT-" + nbr)));
                    }
                }
                return payments;
            }

            @Override
            public void cancel(Order order) {
                erp.editOrder(Long.parseLong(order.number()), Map.of("Blocked", true));
            }

            @Override
            public void hold(Order order) {
                throw new UnsupportedOperationException("Uniconta has no hold on a sales order");
            }

            @Override
            public boolean holds() {
                return false;
            }

            @Override
            public Map<String, Integer> storeStatuses() {
                return Map.of("Partly invoiced", 3, "Invoiced", 10, "Blocked", 5);
            }

            @Override
            public int connectorWrites() {
                return erp.calls().byRoute().entrySet().stream()
                        .filter(e -> e.getKey().startsWith("POST ") || e.getKey().startsWith("PUT ")
                                || e.getKey().startsWith("DELETE "))
                        .mapToInt(Map.Entry::getValue).sum();
            }
        };
    }

    /**
     * Extensiv 3PL Warehouse Manager, as the 3PL's staff work a merchant's orders: shipping is Extensiv's shipment
     * confirmation, detailed: the order is allocated (what the facility lacks received first, as the merchant's goods
     * arrive), the carrier set on its routing info, picked, packed into a package per tracking number (the units split
     * between them) and confirmed, which ships what is packed and closes the order: what was not packed never ships,
     * so an order ships once. Each package is a shipment ({@code {orderId}-{packageId}}, as the connector names it).
     * Staff cancel an open order. It has no hold and invoices nothing, so its orders cycle through the other plans.
     * Orders by their {@code referenceNum} (the connector's reference); each line's {@code notes} hold the store's line
     * id ({@code store line N}).
     */
    static ShippingDesk extensiv(ExtensivSandbox wms) {
        String items = "http://api.3plCentral.com/rels/orders/item";
        String contents = "http://api.3plCentral.com/rels/orders/packagecontent";
        Pattern lineRef = Pattern.compile("store line (\\d+)");
        int customer = wms.settings().customerId();
        return new ShippingDesk() {
            @Override
            public String markerName() {
                return "Extensiv";
            }

            @Override
            public Map<Long, Order> orders(String storeHash) {
                Map<Long, Order> out = new HashMap<>();
                for (JsonNode o : wms.orders()) {
                    Long id = storeOrder(o.path("referenceNum").asText(""), storeHash);
                    if (id == null || o.path("readOnly").path("customerIdentifier").path("id").asInt() != customer) {
                        continue;
                    }
                    JsonNode ro = o.path("readOnly");
                    boolean closed = ro.path("isClosed").asBoolean();
                    int status = ro.path("status").asInt();
                    Map<Integer, BigDecimal> packed = new HashMap<>();
                    for (JsonNode p : ro.path("packages")) {
                        p.path("_embedded").path(contents).forEach(c -> packed.merge(c.path("orderItemId").asInt(),
                                c.path("qty").decimalValue(), BigDecimal::add));
                    }
                    ProductLines lines = new ProductLines();
                    for (JsonNode line : o.path("_embedded").path(items)) {
                        int itemId = line.path("readOnly").path("orderItemId").asInt();
                        Matcher ref = lineRef.matcher(line.path("notes").asText(""));
                        BigDecimal qty = line.path("qty").decimalValue();
                        // a closed order has nothing left: what it did not ship when confirmed never leaves
                        lines.add(itemId, ref.find() ? ref.group(1) : "", line.path("itemIdentifier").path("sku").asText(),
                                qty, closed ? BigDecimal.ZERO : qty.subtract(packed.getOrDefault(itemId, BigDecimal.ZERO)));
                    }
                    List<Shipment> shipped = new ArrayList<>();
                    if (closed && status == 1) {
                        String carrier = o.path("routingInfo").path("carrier").asText("");
                        String mode = o.path("routingInfo").path("mode").asText("");
                        String shipVia = carrier.isBlank() ? null : mode.isBlank() ? carrier : carrier + "/" + mode;
                        for (JsonNode p : ro.path("packages")) {
                            Map<Long, Integer> byProduct = new TreeMap<>();
                            p.path("_embedded").path(contents).forEach(c -> byProduct.merge(
                                    lines.productOfLine.get(c.path("orderItemId").asInt()), c.path("qty").intValue(),
                                    Integer::sum));
                            shipped.add(new Shipment(ro.path("orderId").asText() + "-" + p.path("packageId").asText(),
                                    byProduct, p.path("trackingNumber").asText(""), shipVia));
                        }
                    }
                    boolean shipsShort = lines.quantities.entrySet().stream().anyMatch(q -> q.getValue()
                            .compareTo(packed.getOrDefault(q.getKey(), BigDecimal.ZERO)) > 0);
                    // the statuses as the warehouse's order list shows them (the adapter's words), and a confirmed
                    // order that left units behind, which the store reads as Partially Shipped
                    String statusText = closed ? (status == 1 ? (shipsShort ? "shipped short" : "shipped")
                            : status == 2 ? "cancelled" : "closed")
                            : !ro.path("packDoneDate").isNull() ? "packed" : !ro.path("pickDoneDate").isNull() ? "picked"
                            : ro.path("fullyAllocated").asBoolean() ? "allocated" : "open";
                    out.put(id, new Order(ro.path("orderId").asText(), statusText, lines.quantities, lines.open, shipped,
                            List.of()));
                }
                return out;
            }

            @Override
            public void ship(Order order, String shipVia, Map<Integer, BigDecimal> lines, List<String> tracking) {
                int id = Integer.parseInt(order.number());
                JsonNode o = wms.order(id).orElseThrow();
                int facility = o.path("readOnly").path("facilityIdentifier").path("id").asInt();
                Map<Integer, String> skuOfLine = new HashMap<>();
                for (JsonNode line : o.path("_embedded").path(items)) {
                    String sku = line.path("itemIdentifier").path("sku").asText();
                    skuOfLine.put(line.path("readOnly").path("orderItemId").asInt(), sku);
                    double missing = line.path("qty").asDouble() - line.path("readOnly").path("allocatedQty").asDouble();
                    if (missing > 0) {
                        wms.receive(facility, sku, missing);
                    }
                }
                wms.allocate(id);
                wms.route(id, shipVia, "");
                wms.pick(id);
                // the units in the lines' order, split into one package per tracking number (none left empty)
                List<String> units = new ArrayList<>();
                lines.forEach((line, qty) -> {
                    for (int u = 0; u < qty.intValue(); u++) {
                        units.add(skuOfLine.get(line));
                    }
                });
                int n = tracking.size();
                for (int k = 0; k < n; k++) {
                    Map<String, Double> parcel = new LinkedHashMap<>();
                    units.subList(k * units.size() / n, (k + 1) * units.size() / n).forEach(sku -> parcel.merge(sku, 1.0,
                            Double::sum));
                    if (!parcel.isEmpty()) {
                        wms.pack(id, tracking.get(k), parcel);
                    }
                }
                wms.confirm(id);
            }

            @Override
            public void invoice(Order order) {
                throw new UnsupportedOperationException("a warehouse invoices nothing");
            }

            @Override
            public void cancel(Order order) {
                wms.cancel(Integer.parseInt(order.number()), "Cancelled by the warehouse");
            }

            @Override
            public void hold(Order order) {
                throw new UnsupportedOperationException("Extensiv has no hold on an order here");
            }

            @Override
            public boolean holds() {
                return false;
            }

            @Override
            public boolean shipsAgain() {
                return false;
            }

            @Override
            public boolean packagesAreShipments() {
                return true;
            }

            @Override
            public boolean invoices() {
                return false;
            }

            /**
             * Its states under the default table: shipped 2, cancelled 5 (open, allocated, picked, packed: none); shipped
             * short 3, as the store has units left to ship.
             */
            @Override
            public Map<String, Integer> storeStatuses() {
                return Map.of("shipped", 2, "shipped short", 3, "cancelled", 5);
            }

            @Override
            public int connectorWrites() {
                return wms.calls().byRoute().entrySet().stream()
                        .filter(e -> (e.getKey().startsWith("POST ") || e.getKey().startsWith("PUT "))
                                && !e.getKey().contains("/AuthServer/"))
                        .mapToInt(Map.Entry::getValue).sum();
            }
        };
    }
}
