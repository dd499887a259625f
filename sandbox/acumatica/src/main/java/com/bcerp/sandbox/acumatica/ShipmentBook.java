package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.SandboxCatalog;
import com.bcerp.sandbox.acumatica.EntityShapes.Shape;
import com.bcerp.sandbox.records.EntityBook;
import com.bcerp.sandbox.records.NumberSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The sandbox's shipments (SO302000) and SO invoices (SO303000), made the way the back office's users make them: a
 * shipment of some of a sales order's open quantities with a ship-via and packages (each with a tracking number),
 * confirmed; an invoice of the confirmed shipments not yet invoiced.
 *
 * <p>What they do to the sales order, as Acumatica does: confirming moves the shipped quantities off the lines'
 * {@code OpenQty} (onto {@code QtyOnShipments}), adds the shipment to the order's {@code Shipments}, and makes the
 * order Completed when nothing is left to ship, otherwise Back Order; invoicing marks the shipments Invoiced, writes
 * the invoice number on the order's shipment rows, and makes a Completed order Invoiced. Every change moves the
 * records' modification times ({@code Shipment.LastModifiedDateTime}, {@code SalesOrder.LastModified}). Confirming
 * also takes the shipped quantities out of the warehouse's stock (the sandbox allocates nothing at order entry, so
 * available quantities fall here); items only the order book knows carry no stock. Shipments leave from MAIN, the
 * items' default warehouse.
 *
 * <p>An invoice is prepared Balanced; ReleaseSalesInvoice makes it Open (posted to AR). Only an Open invoice takes
 * payments: each applied payment lowers its {@code Balance} and adds a row to {@code ApplicationsInvoice} (the
 * Applications tab: the payment's type and number, its PaymentRef, date and the amount paid); at a zero balance the
 * invoice is Closed. Paying an invoice moves the invoice's modification time, not the sales order's.
 * Charge items ({@link SandboxCatalog#CHARGE_ITEMS}: handling, wrapping, rounding) are non-stock and never shipped.
 */
final class ShipmentBook {

    static final Shape SHIPMENT = EntityShapes.get("Shipment");
    static final Shape INVOICE = EntityShapes.get("SalesInvoice");
    private static final String WAREHOUSE = "MAIN";

    private final ReentrantLock lock;
    private final Clock clock;
    private final SalesOrderBook orders;
    private final ItemBook items;
    private final EntityBook<ObjectNode> shipments;
    private final EntityBook<ObjectNode> invoices;
    private final NumberSequence shipmentNumbers = NumberSequence.of("SH%2$06d");
    private final NumberSequence invoiceNumbers = NumberSequence.of("INV%2$06d");

    ShipmentBook(ReentrantLock lock, Clock clock, SalesOrderBook orders, ItemBook items) {
        this.lock = lock;
        this.clock = clock;
        this.orders = orders;
        this.items = items;
        this.shipments = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN,
                s -> Values.text(s, "ShipmentNbr").orElseThrow(), Values::copy);
        this.invoices = new EntityBook<>(lock, EntityBook.Order.FIRST_WRITTEN,
                i -> Values.text(i, "Type").orElseThrow() + "/" + Values.text(i, "ReferenceNbr").orElseThrow(), Values::copy);
    }

    /**
     * A new shipment (Open) of {@code quantities} (order line number to quantity) of one sales order, with one package
     * per tracking number. Refused when a line is not the order's, is a charge, or ships more than is open.
     */
    String create(String orderType, String orderNbr, String shipVia, Map<Integer, BigDecimal> quantities,
            List<String> trackingNumbers) {
        lock.lock();
        try {
            ObjectNode order = orders.get(orderType, orderNbr).orElseThrow(() -> new IllegalArgumentException(
                    "the sandbox has no sales order " + orderType + " " + orderNbr));
            String status = Values.text(order, "Status").orElse("");
            if (!status.equals("Open") && !status.equals("Back Order")) {
                throw new IllegalArgumentException("sales order " + orderNbr + " is " + status + "; only an open order ships");
            }
            String nbr = shipments.nextFree(shipmentNumbers, "", n -> n);
            OffsetDateTime now = OffsetDateTime.now(clock);
            ObjectNode shipment = Values.object();
            shipment.put("id", UUID.randomUUID().toString());
            Values.set(shipment, "ShipmentNbr", nbr);
            Values.set(shipment, "Type", "Shipment");
            Values.set(shipment, "Status", "Open");
            Values.set(shipment, "Hold", false);
            Values.set(shipment, "Operation", "Issue");
            Values.set(shipment, "ShipmentDate", now);
            Values.set(shipment, "CreatedDateTime", now);
            Values.set(shipment, "LastModifiedDateTime", now);
            Values.set(shipment, "CustomerID", Values.text(order, "CustomerID").orElseThrow());
            Values.set(shipment, "WarehouseID", WAREHOUSE);
            Values.set(shipment, "ShipVia", shipVia);
            Values.set(shipment, "NoteID", UUID.randomUUID().toString());
            BigDecimal total = BigDecimal.ZERO;
            int lineNbr = 0;
            var details = shipment.putArray("Details");
            // Acumatica numbers a shipment's lines in the order's line order, whatever order the caller listed them in
            for (Map.Entry<Integer, BigDecimal> q : new TreeMap<>(quantities).entrySet()) {
                JsonNode line = line(order, q.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        "sales order " + orderNbr + " has no line " + q.getKey()));
                String item = Values.text(line, "InventoryID").orElseThrow();
                if (SandboxCatalog.CHARGE_ITEMS.contains(item)) {
                    throw new IllegalArgumentException("line " + q.getKey() + " (" + item + ") is a non-stock charge; it does not ship");
                }
                BigDecimal open = Values.decimal(line, "OpenQty").orElse(BigDecimal.ZERO).subtract(onOpenShipments(orderNbr, q.getKey()));
                if (q.getValue().signum() <= 0 || q.getValue().compareTo(open) > 0) {
                    throw new IllegalArgumentException("line " + q.getKey() + " of " + orderNbr + " has " + open.toPlainString()
                            + " left to ship, not " + q.getValue().toPlainString());
                }
                ObjectNode row = details.addObject();
                row.put("id", UUID.randomUUID().toString());
                Values.set(row, "LineNbr", ++lineNbr);
                Values.set(row, "OrderType", orderType);
                Values.set(row, "OrderNbr", orderNbr);
                Values.set(row, "OrderLineNbr", q.getKey());
                Values.set(row, "InventoryID", item);
                Values.set(row, "OrderedQty", Values.decimal(line, "OrderQty").orElseThrow());
                Values.set(row, "OpenQty", open);
                Values.set(row, "ShippedQty", q.getValue());
                Values.set(row, "UOM", Values.text(line, "UOM").orElse("EA"));
                Values.set(row, "WarehouseID", WAREHOUSE);
                total = total.add(q.getValue());
            }
            Values.set(shipment, "ShippedQty", total);
            var packages = shipment.putArray("Packages");
            int packageNbr = 0;
            for (String tracking : trackingNumbers) {
                ObjectNode box = packages.addObject();
                box.put("id", UUID.randomUUID().toString());
                Values.set(box, "LineNbr", ++packageNbr);
                Values.set(box, "BoxID", "LARGE");
                Values.set(box, "Type", "Manual");
                Values.set(box, "TrackingNbr", tracking);
                Values.set(box, "Weight", new BigDecimal("1.0000"));
                Values.set(box, "Confirmed", false);
            }
            Values.set(shipment, "PackageCount", packageNbr);
            ObjectNode link = shipment.putArray("Orders").addObject();
            link.put("id", UUID.randomUUID().toString());
            Values.set(link, "OrderType", orderType);
            Values.set(link, "OrderNbr", orderNbr);
            Values.set(link, "ShipmentNbr", nbr);
            Values.set(link, "ShipmentType", "Shipment");
            Values.set(link, "ShippedQty", total);
            shipments.insert(shipment);
            return nbr;
        } finally {
            lock.unlock();
        }
    }

    /** ConfirmShipment: the goods left; the sales order's open quantities go down and its status moves on. */
    PutResult confirm(JsonNode keys) {
        lock.lock();
        try {
            String shipmentNbr = Values.text(keys, "ShipmentNbr").orElse("");
            ObjectNode found = shipments.get(shipmentNbr).orElseThrow(AcumaticaErrors::noEntity);
            if (!Values.text(found, "Status").orElse("").equals("Open")) {
                String status = Values.text(found, "Status").orElse("");
                new FieldErrors().add(found, "Status", "Only an open shipment can be confirmed.");
                found.put("error", "The Confirm Shipment action is not available for a shipment with the "
                        + status + " status.");
                return PutResult.rejected(found);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            ObjectNode shipment = shipments.update(shipmentNbr, s -> {
                Values.set(s, "Status", "Confirmed");
                Values.set(s, "LastModifiedDateTime", now);
                s.withArrayProperty("Packages").forEach(p -> Values.set((ObjectNode) p, "Confirmed", true));
            }).orElseThrow();
            for (JsonNode row : shipment.withArrayProperty("Details")) {
                String item = Values.text(row, "InventoryID").orElseThrow();
                if (items.hasItem(item)) {
                    // shipped in the line's unit, moved in base units
                    BigDecimal perUnit = items.units(item).orElse(Map.of()).getOrDefault(
                            Values.text(row, "UOM").orElse(ItemBook.BASE_UNIT), BigDecimal.ONE);
                    items.move(item, Values.text(row, "WarehouseID").orElseThrow(),
                            Values.decimal(row, "ShippedQty").orElseThrow().multiply(perUnit).negate());
                }
            }
            JsonNode link = shipment.withArrayProperty("Orders").get(0);
            String type = Values.text(link, "OrderType").orElseThrow();
            String nbr = Values.text(link, "OrderNbr").orElseThrow();
            orders.change(type, nbr, order -> {
                for (JsonNode row : shipment.withArrayProperty("Details")) {
                    ObjectNode line = (ObjectNode) line(order, Values.decimal(row, "OrderLineNbr").orElseThrow().intValue())
                            .orElseThrow();
                    BigDecimal shipped = Values.decimal(row, "ShippedQty").orElseThrow();
                    BigDecimal onShipments = Values.decimal(line, "QtyOnShipments").orElse(BigDecimal.ZERO).add(shipped);
                    BigDecimal open = Values.decimal(line, "OrderQty").orElseThrow().subtract(onShipments).max(BigDecimal.ZERO);
                    Values.set(line, "QtyOnShipments", onShipments);
                    Values.set(line, "OpenQty", open);
                    Values.set(line, "Completed", open.signum() == 0);
                }
                boolean done = true;
                for (JsonNode line : order.withArrayProperty("Details")) {
                    boolean charge = SandboxCatalog.CHARGE_ITEMS.contains(Values.text(line, "InventoryID").orElse(""));
                    done &= charge || Values.decimal(line, "OpenQty").orElse(BigDecimal.ZERO).signum() == 0;
                }
                Values.set(order, "Status", done ? "Completed" : "Back Order");
                ObjectNode row = order.withArrayProperty("Shipments").addObject();
                row.put("id", UUID.randomUUID().toString());
                Values.set(row, "ShipmentNbr", Values.text(shipment, "ShipmentNbr").orElseThrow());
                Values.set(row, "ShipmentType", "Shipment");
                Values.set(row, "Status", "Confirmed");
                Values.set(row, "ShipmentDate", Values.text(shipment, "ShipmentDate").orElseThrow());
                Values.set(row, "ShippedQty", Values.decimal(shipment, "ShippedQty").orElseThrow());
                Values.set(row, "LastModifiedDateTime", now);
            });
            return PutResult.stored(shipment);
        } finally {
            lock.unlock();
        }
    }

    /** PrepareInvoice: one SO invoice of the order's confirmed, uninvoiced shipments; returns its ReferenceNbr. */
    String prepareInvoice(String orderType, String orderNbr) {
        lock.lock();
        try {
            ObjectNode order = orders.get(orderType, orderNbr).orElseThrow(() -> new IllegalArgumentException(
                    "the sandbox has no sales order " + orderType + " " + orderNbr));
            List<ObjectNode> toInvoice = shipments.list(s -> ships(s, orderType, orderNbr)
                    && Values.text(s, "Status").orElse("").equals("Confirmed"));
            if (toInvoice.isEmpty()) {
                throw new IllegalArgumentException("sales order " + orderNbr + " has no confirmed shipment to invoice");
            }
            String nbr = invoices.nextFree(invoiceNumbers, "", n -> "Invoice/" + n);
            OffsetDateTime now = OffsetDateTime.now(clock);
            ObjectNode invoice = Values.object();
            invoice.put("id", UUID.randomUUID().toString());
            Values.set(invoice, "Type", "Invoice");
            Values.set(invoice, "ReferenceNbr", nbr);
            Values.set(invoice, "Status", "Balanced");
            Values.set(invoice, "Hold", false);
            Values.set(invoice, "CustomerID", Values.text(order, "CustomerID").orElseThrow());
            Values.text(order, "CustomerOrder").ifPresent(v -> Values.set(invoice, "CustomerOrder", v));
            Values.text(order, "ExternalRef").ifPresent(v -> Values.set(invoice, "ExternalRef", v));
            Values.set(invoice, "Currency", Values.text(order, "CurrencyID").orElse("USD"));
            Values.set(invoice, "Date", now);
            Values.set(invoice, "CreatedDate", now);
            Values.set(invoice, "LastModifiedDateTime", now);
            Values.set(invoice, "Description", "Invoice for " + orderType + " " + orderNbr);
            BigDecimal amount = BigDecimal.ZERO;
            int lineNbr = 0;
            var details = invoice.putArray("Details");
            for (ObjectNode shipment : toInvoice) {
                for (JsonNode row : shipment.withArrayProperty("Details")) {
                    JsonNode line = line(order, Values.decimal(row, "OrderLineNbr").orElseThrow().intValue()).orElseThrow();
                    BigDecimal qty = Values.decimal(row, "ShippedQty").orElseThrow();
                    BigDecimal price = Values.decimal(line, "UnitPrice").orElse(BigDecimal.ZERO);
                    BigDecimal lineAmount = qty.multiply(price).setScale(2, RoundingMode.HALF_UP);
                    ObjectNode detail = details.addObject();
                    detail.put("id", UUID.randomUUID().toString());
                    Values.set(detail, "LineNbr", ++lineNbr);
                    Values.set(detail, "OrderType", orderType);
                    Values.set(detail, "OrderNbr", orderNbr);
                    Values.set(detail, "OrderLineNbr", Values.decimal(row, "OrderLineNbr").orElseThrow().intValue());
                    Values.set(detail, "ShipmentNbr", Values.text(shipment, "ShipmentNbr").orElseThrow());
                    Values.set(detail, "InventoryID", Values.text(row, "InventoryID").orElseThrow());
                    Values.set(detail, "Qty", qty);
                    Values.set(detail, "UnitPrice", price);
                    Values.set(detail, "Amount", lineAmount);
                    amount = amount.add(lineAmount);
                }
                shipments.update(Values.text(shipment, "ShipmentNbr").orElseThrow(), s -> {
                    Values.set(s, "Status", "Invoiced");
                    Values.set(s, "LastModifiedDateTime", now);
                    ObjectNode link = (ObjectNode) s.withArrayProperty("Orders").get(0);
                    Values.set(link, "InvoiceType", "Invoice");
                    Values.set(link, "InvoiceNbr", nbr);
                });
            }
            Values.set(invoice, "Amount", amount);
            Values.set(invoice, "DetailTotal", amount);
            Values.set(invoice, "Balance", amount);
            invoices.insert(invoice);
            List<String> invoiced = toInvoice.stream().map(s -> Values.text(s, "ShipmentNbr").orElseThrow()).toList();
            orders.change(orderType, orderNbr, o -> {
                for (JsonNode row : o.withArrayProperty("Shipments")) {
                    if (invoiced.contains(Values.text(row, "ShipmentNbr").orElse(""))) {
                        Values.set((ObjectNode) row, "Status", "Invoiced");
                        Values.set((ObjectNode) row, "InvoiceType", "Invoice");
                        Values.set((ObjectNode) row, "InvoiceNbr", nbr);
                        Values.set((ObjectNode) row, "LastModifiedDateTime", now);
                    }
                }
                if (Values.text(o, "Status").orElse("").equals("Completed")) {
                    Values.set(o, "Status", "Invoiced");
                }
            });
            return nbr;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Order types whose orders are invoiced without a shipment: IN (the Invoice behaviour). An SO order's stock items
     * must be shipped first: Acumatica's Prepare Invoice on such an order with nothing shipped is refused, and with
     * confirmed shipments invoices those (as {@link #prepareInvoice} does).
     */
    static final java.util.Set<String> INVOICED_WITHOUT_SHIPMENT = java.util.Set.of("IN");
    /** The order types a sales invoice can be prepared from. */
    private static final java.util.Set<String> INVOICEABLE = java.util.Set.of("SO", "IN");
    /** SalesInvoice types the sandbox keeps: SO invoices and credit memos. */
    static final java.util.Set<String> INVOICE_TYPES = java.util.Set.of("Invoice", "Credit Memo");

    /**
     * PrepareSalesInvoice on a sales order: its SO invoice (Balanced), of every line at the order's price and discount,
     * with the order's freight and taxes, so it totals the order; the order becomes Invoiced and its Shipments tab
     * names the invoice. An SO order invoices its confirmed shipments instead; with none it is refused: its stock
     * items must be shipped first. Refused too for an order on hold, cancelled or invoiced already.
     */
    PutResult prepareFromOrder(JsonNode keys) {
        lock.lock();
        try {
            String type = Values.text(keys, "OrderType").orElse("SO");
            String nbr = Values.text(keys, "OrderNbr").orElse("");
            ObjectNode order = orders.get(type, nbr).orElseThrow(AcumaticaErrors::noEntity);
            String status = Values.text(order, "Status").orElse("");
            if (!INVOICEABLE.contains(type) || !(status.equals("Open") || status.equals("Back Order")
                    || status.equals("Completed"))) {
                new FieldErrors().add(order, "Status", "The order is " + status + ".");
                order.put("error", "The Prepare Invoice action is not available for an order of type " + type
                        + " with the " + status + " status.");
                return PutResult.rejected(order);
            }
            if (!INVOICED_WITHOUT_SHIPMENT.contains(type)) {
                boolean shipped = !shipments.list(s -> ships(s, type, nbr)
                        && Values.text(s, "Status").orElse("").equals("Confirmed")).isEmpty();
                if (!shipped) {
                    new FieldErrors().add(order, "Status", "The order's stock items have not been shipped.");
                    order.put("error", "The document cannot be invoiced: orders of type " + type + " require a shipment"
                            + " of their stock items before they are invoiced.");
                    return PutResult.rejected(order);
                }
                return PutResult.stored(invoiceRecord("Invoice", prepareInvoice(type, nbr)).orElseThrow());
            }
            String invoiceNbr = invoices.nextFree(invoiceNumbers, "", n -> "Invoice/" + n);
            OffsetDateTime now = OffsetDateTime.now(clock);
            ObjectNode invoice = header("Invoice", invoiceNbr, Values.text(order, "CustomerID").orElseThrow(), now);
            Values.text(order, "CustomerOrder").ifPresent(v -> Values.set(invoice, "CustomerOrder", v));
            Values.text(order, "ExternalRef").ifPresent(v -> Values.set(invoice, "ExternalRef", v));
            Values.set(invoice, "Currency", Values.text(order, "CurrencyID").orElse("USD"));
            Values.set(invoice, "Description", "Invoice for " + type + " " + nbr);
            var details = invoice.putArray("Details");
            for (JsonNode line : order.path("Details")) {
                ObjectNode detail = details.addObject();
                Values.set(detail, "OrderType", type);
                Values.set(detail, "OrderNbr", nbr);
                Values.set(detail, "OrderLineNbr", Values.decimal(line, "LineNbr").orElseThrow().intValue());
                Values.set(detail, "InventoryID", Values.text(line, "InventoryID").orElseThrow());
                Values.text(line, "LineDescription").ifPresent(v -> Values.set(detail, "TransactionDescr", v));
                Values.set(detail, "Qty", Values.decimal(line, "OrderQty").orElseThrow());
                Values.set(detail, "UnitPrice", Values.decimal(line, "UnitPrice").orElse(BigDecimal.ZERO));
                Values.set(detail, "DiscountAmount", Values.decimal(line, "DiscountAmount").orElse(BigDecimal.ZERO));
                Values.text(line, "ExternalRef").ifPresent(v -> Values.set(detail, "ExternalRef", v));
            }
            Values.set(invoice, "FreightPrice", Values.decimal(order.path("ShippingSettings"), "FreightPrice").orElse(BigDecimal.ZERO));
            var taxes = invoice.putArray("TaxDetails");
            for (JsonNode tax : order.path("TaxDetails")) {
                ObjectNode row = taxes.addObject();
                Values.set(row, "TaxID", Values.text(tax, "TaxID").orElseThrow());
                Values.set(row, "TaxableAmount", Values.decimal(tax, "TaxableAmount").orElse(BigDecimal.ZERO));
                Values.set(row, "TaxAmount", Values.decimal(tax, "TaxAmount").orElse(BigDecimal.ZERO));
            }
            computeInvoice(invoice);
            EntityMerge.assignIds(invoice, INVOICE);
            invoices.insert(invoice);
            orders.change(type, nbr, o -> {
                // GUESS: an order invoiced without a shipment lists its invoice on the Shipments tab as a row with no
                // shipment (<NEW>), as the SO invoice links it to the order; unconfirmed from the sources read
                ObjectNode row = o.withArrayProperty("Shipments").addObject();
                row.put("id", UUID.randomUUID().toString());
                Values.set(row, "ShipmentNbr", "<NEW>");
                Values.set(row, "ShipmentType", "Invoice");
                Values.set(row, "Status", "Invoiced");
                Values.set(row, "InvoiceType", "Invoice");
                Values.set(row, "InvoiceNbr", invoiceNbr);
                Values.set(row, "LastModifiedDateTime", now);
                Values.set(o, "Status", "Invoiced");
            });
            return PutResult.stored(invoiceRecord("Invoice", invoiceNbr).orElseThrow());
        } finally {
            lock.unlock();
        }
    }

    /**
     * PUT SalesInvoice: an SO invoice entered directly (a direct sale, no order) or a credit memo, each line an item at
     * a quantity, price and discount, a credit memo's lines naming the invoice they credit (OrigInvType, OrigInvNbr);
     * Balanced until released. A released document is not changed (422).
     */
    PutResult putInvoice(ObjectNode request, Precondition precondition) {
        return invoices.upsert(new ContractPut(request, precondition, INVOICE, "Invoice", List.of("Type", "ReferenceNbr")) {
            @Override
            Optional<ObjectNode> byKeys(EntityBook<ObjectNode> book, JsonNode r) {
                return Values.text(r, "ReferenceNbr").flatMap(n -> book.get(Values.text(r, "Type").orElse("Invoice") + "/" + n));
            }

            @Override
            void defaults(ObjectNode candidate) {
                if (Values.text(candidate, "Type").isEmpty()) {
                    Values.set(candidate, "Type", "Invoice");
                }
            }

            @Override
            void validate(ObjectNode candidate, Optional<ObjectNode> existing, FieldErrors errors) {
                validateInvoice(candidate, existing, errors);
            }

            @Override
            void refusedInsert(ObjectNode candidate) {
                Values.set(candidate, "ReferenceNbr", "<NEW>");
            }

            @Override
            void inserted(ObjectNode candidate) {
                String type = Values.text(candidate, "Type").orElseThrow();
                OffsetDateTime now = OffsetDateTime.now(clock);
                ObjectNode head = header(type, invoices.nextFree(invoiceNumbers, "", n -> type + "/" + n),
                        Values.text(candidate, "CustomerID").orElseThrow(), now);
                head.fields().forEachRemaining(f -> {
                    if (!candidate.has(f.getKey()) || f.getKey().equals("ReferenceNbr") || f.getKey().equals("Status")) {
                        candidate.set(f.getKey(), f.getValue());
                    }
                });
            }

            @Override
            void compute(ObjectNode candidate) {
                computeInvoice(candidate);
            }
        });
    }

    private void validateInvoice(ObjectNode invoice, Optional<ObjectNode> existing, FieldErrors errors) {
        String type = Values.text(invoice, "Type").orElseThrow();
        if (!INVOICE_TYPES.contains(type)) {
            errors.add(invoice, "Type", "'Type' is not an SO invoice type the sandbox keeps (Invoice, Credit Memo).");
        }
        String status = existing.flatMap(e -> Values.text(e, "Status")).orElse("Balanced");
        if (!status.equals("Balanced")) {
            errors.add(invoice, "Status", "The document is " + status + " and cannot be changed.");
        }
        Optional<String> customer = Values.text(invoice, "CustomerID");
        if (customer.isEmpty() || !orders.knowsCustomer(customer.get())) {
            errors.add(invoice, "CustomerID", "'Customer' cannot be " + (customer.isEmpty() ? "empty." : "found in the system."));
        }
        for (JsonNode node : invoice.withArrayProperty("Details")) {
            ObjectNode line = (ObjectNode) node;
            Optional<String> item = Values.text(line, "InventoryID");
            if (item.isEmpty() || !orders.knowsItem(item.get())) {
                errors.add(line, "InventoryID", "'Inventory ID' cannot be " + (item.isEmpty() ? "empty." : "found in the system."));
            }
            Optional<String> orig = Values.text(line, "OrigInvNbr");
            if (orig.isPresent()) {
                Optional<ObjectNode> original = invoices.get(Values.text(line, "OrigInvType").orElse("Invoice") + "/" + orig.get());
                if (original.isEmpty()) {
                    errors.add(line, "OrigInvNbr", "'Orig. Inv. Nbr.' cannot be found in the system.");
                } else if (customer.isPresent() && !customer.get().equalsIgnoreCase(Values.text(original.get(), "CustomerID").orElse(""))) {
                    errors.add(line, "OrigInvNbr", "The invoice belongs to another customer.");
                }
            }
        }
        for (JsonNode tax : invoice.withArrayProperty("TaxDetails")) {
            Optional<String> taxId = Values.text(tax, "TaxID");
            if (taxId.isEmpty() || !SalesOrderBook.TAX_IDS.contains(taxId.get())) {
                errors.add((ObjectNode) tax, "TaxID", "'Tax ID' cannot be " + (taxId.isEmpty() ? "empty." : "found in the system."));
            }
        }
    }

    private static ObjectNode header(String type, String nbr, String customerId, OffsetDateTime now) {
        ObjectNode invoice = Values.object();
        invoice.put("id", UUID.randomUUID().toString());
        Values.set(invoice, "Type", type);
        Values.set(invoice, "ReferenceNbr", nbr);
        Values.set(invoice, "Status", "Balanced");
        Values.set(invoice, "Hold", false);
        Values.set(invoice, "CustomerID", customerId);
        Values.set(invoice, "Date", now);
        Values.set(invoice, "CreatedDate", now);
        return invoice;
    }

    /**
     * An unreleased document's amounts: each line's Amount = Qty x UnitPrice less its discount, to the cent; Amount =
     * lines + FreightPrice + TaxTotal (the sum of its TaxDetails); the Balance is the Amount until it is released.
     */
    private void computeInvoice(ObjectNode invoice) {
        BigDecimal lines = BigDecimal.ZERO;
        int lineNbr = 0;
        for (JsonNode node : invoice.withArrayProperty("Details")) {
            ObjectNode line = (ObjectNode) node;
            Values.set(line, "LineNbr", ++lineNbr);
            BigDecimal qty = Values.decimal(line, "Qty").orElse(BigDecimal.ZERO);
            BigDecimal price = Values.decimal(line, "UnitPrice").orElse(BigDecimal.ZERO).setScale(4, RoundingMode.HALF_UP);
            BigDecimal discount = Values.decimal(line, "DiscountAmount").orElse(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
            BigDecimal amount = qty.multiply(price).setScale(2, RoundingMode.HALF_UP).subtract(discount);
            Values.set(line, "Qty", qty);
            Values.set(line, "UnitPrice", price);
            Values.set(line, "DiscountAmount", discount);
            Values.set(line, "Amount", amount);
            defaultTo(line, "UOM", "EA");
            lines = lines.add(amount);
        }
        BigDecimal freight = Values.decimal(invoice, "FreightPrice").orElse(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax = BigDecimal.ZERO.setScale(2);
        for (JsonNode row : invoice.withArrayProperty("TaxDetails")) {
            BigDecimal amount = Values.decimal(row, "TaxAmount").orElse(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
            Values.set((ObjectNode) row, "TaxAmount", amount);
            tax = tax.add(amount);
        }
        BigDecimal amount = lines.add(freight).add(tax);
        Values.set(invoice, "DetailTotal", lines);
        Values.set(invoice, "FreightPrice", freight);
        Values.set(invoice, "TaxTotal", tax);
        Values.set(invoice, "Amount", amount);
        Values.set(invoice, "Balance", amount);
        defaultTo(invoice, "Currency", "USD");
        OffsetDateTime now = OffsetDateTime.now(clock);
        Values.set(invoice, "LastModifiedDateTime", now);
        Values.set(invoice, "LastModifiedDate", now);
    }

    private static void defaultTo(ObjectNode entity, String field, String value) {
        if (Values.text(entity, field).isEmpty()) {
            Values.set(entity, field, value);
        }
    }

    /** Whether the invoice is released (Open, or Closed once paid) and owes {@code amount} at least. */
    boolean takes(String type, String referenceNbr, BigDecimal amount) {
        return invoiceRecord(type, referenceNbr).filter(i -> Values.text(i, "Status").orElse("").equals("Open"))
                .map(i -> Values.decimal(i, "Balance").orElse(BigDecimal.ZERO).compareTo(amount) >= 0).orElse(false);
    }

    /** Whether the payment is on the invoice's Applications tab already. */
    boolean applied(String type, String referenceNbr, String paymentNbr) {
        return invoiceRecord(type, referenceNbr).map(i -> {
            for (JsonNode row : i.path("ApplicationsInvoice")) {
                if (paymentNbr.equals(Values.text(row, "AdjustingDocReferenceNbr").orElse(""))) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }

    /** ReleaseSalesInvoice: a Balanced invoice becomes Open; any other is refused, as the action is off. */
    PutResult release(JsonNode keys) {
        lock.lock();
        try {
            String key = Values.text(keys, "Type").orElse("Invoice") + "/" + Values.text(keys, "ReferenceNbr").orElse("");
            ObjectNode invoice = invoices.get(key).orElseThrow(AcumaticaErrors::noEntity);
            String status = Values.text(invoice, "Status").orElse("");
            if (!status.equals("Balanced")) {
                new FieldErrors().add(invoice, "Status", "The document is " + status + ".");
                invoice.put("error", "The Release action is not available for a document in the " + status + " status.");
                return PutResult.rejected(invoice);
            }
            return PutResult.stored(invoices.update(key, i -> {
                Values.set(i, "Status", "Open");
                Values.set(i, "LastModifiedDateTime", OffsetDateTime.now(clock));
                Values.set(i, "LastModifiedDate", OffsetDateTime.now(clock));
            }).orElseThrow());
        } finally {
            lock.unlock();
        }
    }

    /**
     * A released payment applied to an Open invoice: the invoice's balance falls by {@code amount} (Closed at zero)
     * and its Applications tab gains the payment. Refused for an invoice not Open or an amount over its balance.
     */
    void applyPayment(String type, String referenceNbr, String paymentType, String paymentNbr, String paymentRef,
            BigDecimal amount) {
        lock.lock();
        try {
            ObjectNode invoice = invoices.get(type + "/" + referenceNbr).orElseThrow(() -> new IllegalArgumentException(
                    "the sandbox has no invoice " + type + " " + referenceNbr));
            String status = Values.text(invoice, "Status").orElse("");
            BigDecimal balance = Values.decimal(invoice, "Balance").orElse(BigDecimal.ZERO);
            if (!status.equals("Open")) {
                throw new IllegalArgumentException("invoice " + referenceNbr + " is " + status
                        + "; only a released (Open) invoice takes payments");
            }
            if (amount.signum() <= 0 || amount.compareTo(balance) > 0) {
                throw new IllegalArgumentException("invoice " + referenceNbr + " owes " + balance.toPlainString()
                        + ", not " + amount.toPlainString());
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            invoices.update(type + "/" + referenceNbr, i -> {
                BigDecimal left = balance.subtract(amount);
                Values.set(i, "Balance", left);
                Values.set(i, "Status", left.signum() == 0 ? "Closed" : "Open");
                Values.set(i, "LastModifiedDateTime", now);
                Values.set(i, "LastModifiedDate", now);
                ObjectNode row = i.withArrayProperty("ApplicationsInvoice").addObject();
                row.put("id", UUID.randomUUID().toString());
                Values.set(row, "DocType", paymentType);
                Values.set(row, "AdjustingDocReferenceNbr", paymentNbr);
                Values.set(row, "AdjustedDocReferenceNbr", referenceNbr);
                Values.set(row, "AmountPaid", amount);
                Values.set(row, "Balance", BigDecimal.ZERO.setScale(2));
                Values.set(row, "PaymentDate", now);
                if (paymentRef != null) {
                    Values.set(row, "PaymentRef", paymentRef);
                }
                Values.set(row, "Currency", Values.text(i, "Currency").orElse("USD"));
                Values.set(row, "Customer", Values.text(i, "CustomerID").orElseThrow());
                Values.set(row, "Status", "Closed");
            });
        } finally {
            lock.unlock();
        }
    }

    /** Puts an open sales order on hold (Status On Hold), as a user ticking Hold does. */
    void hold(String orderType, String orderNbr) {
        orders.change(orderType, orderNbr, order -> {
            String status = Values.text(order, "Status").orElse("");
            if (!status.equals("Open") && !status.equals("Back Order")) {
                throw new IllegalArgumentException("sales order " + orderNbr + " is " + status + "; it cannot be held");
            }
            Values.set(order, "Hold", true);
            Values.set(order, "Status", "On Hold");
        });
    }

    Optional<ObjectNode> shipment(String shipmentNbr) {
        return shipments.get(shipmentNbr);
    }

    List<ObjectNode> shipments(Predicate<JsonNode> filter) {
        return shipments.list(filter);
    }

    Optional<ObjectNode> invoiceRecord(String type, String referenceNbr) {
        return invoices.get(type + "/" + referenceNbr);
    }

    List<ObjectNode> invoices(Predicate<JsonNode> filter) {
        return invoices.list(filter);
    }

    /** Quantity of an order line on shipments not confirmed yet (so two open shipments cannot ship it twice). */
    private BigDecimal onOpenShipments(String orderNbr, int orderLineNbr) {
        return shipments.withStored(all -> onOpenShipments(all, orderNbr, orderLineNbr));
    }

    private static BigDecimal onOpenShipments(java.util.Collection<ObjectNode> all, String orderNbr, int orderLineNbr) {
        BigDecimal qty = BigDecimal.ZERO;
        for (ObjectNode s : all) {
            if (!Values.text(s, "Status").orElse("").equals("Open")) {
                continue;
            }
            for (JsonNode row : s.withArrayProperty("Details")) {
                if (Values.text(row, "OrderNbr").orElse("").equals(orderNbr)
                        && Values.decimal(row, "OrderLineNbr").orElseThrow().intValue() == orderLineNbr) {
                    qty = qty.add(Values.decimal(row, "ShippedQty").orElseThrow());
                }
            }
        }
        return qty;
    }

    private static boolean ships(JsonNode shipment, String orderType, String orderNbr) {
        JsonNode link = shipment.path("Orders").path(0);
        return Values.text(link, "OrderType").orElse("").equals(orderType)
                && Values.text(link, "OrderNbr").orElse("").equals(orderNbr);
    }

    private static Optional<JsonNode> line(JsonNode order, int lineNbr) {
        for (JsonNode line : order.path("Details")) {
            if (Values.decimal(line, "LineNbr").map(BigDecimal::intValue).orElse(-1) == lineNbr) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
