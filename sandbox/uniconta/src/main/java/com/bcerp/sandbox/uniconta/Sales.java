package com.bcerp.sandbox.uniconta;

import static com.bcerp.sandbox.uniconta.Company.number;
import static com.bcerp.sandbox.uniconta.Company.refuse;
import static com.bcerp.sandbox.uniconta.Company.text;

import com.bcerp.sandbox.uniconta.UnicontaErrors.Code;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers, sales orders and their lines, and posted invoices, with the rules erp-apis.md §2.2 and §10.2.3 give:
 * Uniconta numbers an order whose OrderNumber is 0; lines are their own records carrying the OrderNumber; invoicing
 * an order posts a DebtorInvoiceClient (with the order's OrderNumber and references) and, when the order has
 * {@code DeleteOrder}, deletes the order and its lines once all is invoiced ({@code DeleteLines}: the fully invoiced
 * lines); a credit note is an order with negative quantities whose {@code Settlements} names the invoice it settles.
 *
 * <p>Arithmetic (guesses; the research names the fields only): a line's {@code Total} is {@code Qty * Price * (1 -
 * DiscountPct/100) - Discount}, rounded half-up to cents; the order's {@code OrderTotal} is the lines' sum less
 * {@code EndDiscountPct}, in the order's price basis ({@code PricesInclVat}); VAT is reckoned per VAT code on the
 * invoice's sum for that code (or per line, then summed: the {@link UnicontaSandbox.VatRounding} knob); a line without
 * {@code Vat} takes the customer's {@code Vat}, else none.
 */
final class Sales {

    final Table debtors = Tables.debtor();
    final Table orders = Tables.order();
    final Table lines = Tables.orderLine();
    final Table invoices = Tables.invoice();
    final Table invoiceLines = Tables.invoiceLine();
    final Table vats = Tables.vat();
    final Ledger ledger;

    private static final String[] COPIED_TO_INVOICE = {"Account", "Name", "Currency", "Payment", "Shipment",
        "DeliveryTerm", "DeliveryName", "DeliveryAddress1", "DeliveryAddress2", "DeliveryAddress3", "DeliveryZipCode",
        "DeliveryCity", "DeliveryCountry", "DeliveryContactPerson", "DeliveryPhone", "DeliveryContactEmail", "YourRef",
        "OurRef", "Remark", "Requisition", "ReferenceNumber", "PricesInclVat"};

    private final Company company;
    private final Stock stock;
    private long lastOrderNumber;
    private long lastInvoiceNumber;
    volatile UnicontaSandbox.VatRounding vatRounding = UnicontaSandbox.VatRounding.PER_CODE;

    Sales(Company company, Stock stock, long firstOrderNumber, long firstInvoiceNumber) {
        this.company = company;
        this.stock = stock;
        this.lastOrderNumber = firstOrderNumber - 1;
        this.lastInvoiceNumber = firstInvoiceNumber - 1;
        List.of(debtors, orders, lines, invoices, invoiceLines, vats).forEach(company::add);
        this.ledger = new Ledger(company, debtors);
    }

    // ---- customers ----

    ObjectNode insertDebtor(ObjectNode row) {
        // guess: Account is required (a number series could fill it; the research does not say it does)
        String account = text(row, "Account");
        if (account == null) {
            throw refuse(Code.FieldCannotBeBlank, "DebtorClient.Account cannot be blank");
        }
        if (company.get(debtors, account).isPresent()) {
            throw refuse(Code.KeyExists, "Debtor " + account + " exists already");
        }
        checkCurrency(row);
        row.put("Created", company.now());
        ObjectNode stored = company.put(debtors, row);
        company.changed(debtors, stored, "Insert");
        return stored;
    }

    ObjectNode updateDebtor(ObjectNode sent, boolean withUserFields) {
        ObjectNode stored = debtor(text(sent, "Account"));
        ObjectNode row = debtors.replace(stored, sent, withUserFields);
        checkCurrency(row);
        ObjectNode saved = company.put(debtors, row);
        company.changed(debtors, saved, "Update");
        return saved;
    }

    void deleteDebtor(ObjectNode keys) {
        ObjectNode stored = debtor(text(keys, "Account"));
        String account = text(stored, "Account");
        // guess: a customer with orders or invoices is kept
        if (!company.list(orders, o -> account.equals(text(o, "Account"))).isEmpty()
                || !company.list(invoices, i -> account.equals(text(i, "Account"))).isEmpty()) {
            throw refuse(Code.NoSucces, "Debtor " + account + " has orders or invoices and cannot be deleted");
        }
        company.remove(debtors, account);
        company.changed(debtors, stored, "Delete");
    }

    private ObjectNode debtor(String account) {
        return company.get(debtors, account == null ? "" : account)
                .orElseThrow(() -> refuse(Code.CouldNotFind, "No DebtorClient with Account " + account));
    }

    // ---- order headers ----

    ObjectNode insertOrder(ObjectNode row) {
        long number = row.path("OrderNumber").asLong(0);
        if (number != 0 && company.get(orders, Long.toString(number)).isPresent()) {
            throw refuse(Code.KeyExists, "Order " + number + " exists already");
        }
        checkOrder(row);
        if (number == 0) {
            // Uniconta assigns the number; a caller's own number is kept (done by an integrator, [U-DRITON];
            // UNCONFIRMED for every number-series setup)
            do {
                number = ++lastOrderNumber;
            } while (company.get(orders, Long.toString(number)).isPresent());
            row.put("OrderNumber", number);
        }
        String now = company.now();
        row.put("Created", now);
        row.put("UpdatedAt", now);
        return company.put(orders, totals(row));
    }

    ObjectNode updateOrder(ObjectNode sent, boolean withUserFields) {
        ObjectNode stored = order(sent.path("OrderNumber").asLong(0));
        ObjectNode row = orders.replace(stored, sent, withUserFields);
        checkOrder(row);
        row.put("UpdatedAt", company.now());
        return company.put(orders, totals(row));
    }

    void deleteOrder(ObjectNode keys) {
        ObjectNode stored = order(keys.path("OrderNumber").asLong(0));
        // guess: deleting an order deletes its lines (and their reservations) with it
        for (ObjectNode line : linesOf(stored.path("OrderNumber").asLong())) {
            reserve(line, -1);
            company.remove(lines, lines.keyOf(line));
        }
        company.remove(orders, orders.keyOf(stored));
    }

    private void checkOrder(ObjectNode row) {
        String account = text(row, "Account");
        if (account == null) {
            throw refuse(Code.FieldCannotBeBlank, "DebtorOrderClient.Account cannot be blank");
        }
        ObjectNode debtor = debtor(account);
        if (debtor.path("Blocked").asBoolean()) {
            throw refuse(Code.NoSucces, "Debtor " + account + " is blocked");
        }
        row.put("Name", text(debtor, "Name"));
        checkCurrency(row);
        String settles = text(row, "Settlements");
        if (settles != null) {
            // guess: the settled invoice must exist and be the same customer's
            ObjectNode invoice = company.list(invoices, i -> settles.equals(text(i, "InvoiceNum"))).stream().findFirst()
                    .orElseThrow(() -> refuse(Code.CouldNotFind, "No invoice " + settles + " to settle"));
            if (!account.equals(text(invoice, "Account"))) {
                throw refuse(Code.NoSucces, "Invoice " + settles + " belongs to another customer");
            }
        }
    }

    private ObjectNode order(long number) {
        return company.get(orders, Long.toString(number))
                .orElseThrow(() -> refuse(Code.CouldNotFind, "No DebtorOrderClient with OrderNumber " + number));
    }

    private List<ObjectNode> linesOf(long orderNumber) {
        return company.list(lines, l -> l.path("OrderNumber").asLong() == orderNumber);
    }

    /** OrderTotal, NoLines and TotalQty from the lines (stored with the header by the caller). */
    private ObjectNode totals(ObjectNode order) {
        List<ObjectNode> own = linesOf(order.path("OrderNumber").asLong());
        BigDecimal sum = BigDecimal.ZERO;
        double qty = 0;
        for (ObjectNode l : own) {
            sum = sum.add(BigDecimal.valueOf(number(l, "Total")));
            qty += number(l, "Qty");
        }
        order.put("OrderTotal", cents(sum.multiply(endFactor(order))).doubleValue());
        order.put("NoLines", own.size());
        order.put("TotalQty", qty);
        return order;
    }

    private void refreshTotals(long orderNumber) {
        company.get(orders, Long.toString(orderNumber)).ifPresent(o -> company.put(orders, totals(o)));
    }

    // ---- order lines ----

    ObjectNode insertLine(ObjectNode row) {
        long orderNumber = row.path("OrderNumber").asLong(0);
        if (orderNumber == 0) {
            throw refuse(Code.FieldCannotBeBlank, "DebtorOrderLineClient.OrderNumber cannot be blank");
        }
        order(orderNumber);
        if (number(row, "LineNumber") == 0) {
            double last = linesOf(orderNumber).stream().mapToDouble(l -> number(l, "LineNumber")).max().orElse(0);
            row.put("LineNumber", Math.floor(last) + 1);
        } else if (company.get(lines, lines.keyOf(row)).isPresent()) {
            throw refuse(Code.KeyExists, "Order " + orderNumber + " has a line " + lines.keyOf(row) + " already");
        }
        checkLine(row);
        row.put("UpdatedAt", company.now());
        ObjectNode stored = company.put(lines, row);
        reserve(stored, +1);
        refreshTotals(orderNumber);
        return stored;
    }

    ObjectNode updateLine(ObjectNode sent, boolean withUserFields) {
        ObjectNode stored = line(sent);
        ObjectNode row = lines.replace(stored, sent, withUserFields);
        double invoiced = number(stored, "QtyInvoiced");
        if (invoiced != 0 && Math.abs(number(row, "Qty")) < Math.abs(invoiced)) {
            throw refuse(Code.NoSucces, "Qty cannot be less than what is invoiced (" + invoiced + ")");
        }
        checkLine(row);
        row.put("UpdatedAt", company.now());
        reserve(stored, -1);
        ObjectNode saved = company.put(lines, row);
        reserve(saved, +1);
        refreshTotals(saved.path("OrderNumber").asLong());
        return saved;
    }

    void deleteLine(ObjectNode keys) {
        ObjectNode stored = line(keys);
        reserve(stored, -1);
        company.remove(lines, lines.keyOf(stored));
        refreshTotals(stored.path("OrderNumber").asLong());
    }

    private ObjectNode line(JsonNode keys) {
        String key = lines.keyOf(keys);
        return company.get(lines, key)
                .orElseThrow(() -> refuse(Code.CouldNotFind, "No DebtorOrderLineClient with OrderNumber|LineNumber " + key));
    }

    private void checkLine(ObjectNode row) {
        String item = text(row, "Item");
        List<String> codes = Stock.variantsOf(row);
        if (item != null) {
            stock.sellable(item, codes);
        } else if (codes.stream().anyMatch(c -> c != null)) {
            throw refuse(Code.FieldCannotBeBlank, "A line with variants needs an Item");
        }
        stock.checkWarehouse(text(row, "Warehouse"));
        String vat = text(row, "Vat");
        if (vat != null && company.get(vats, vat).isEmpty()) {
            throw refuse(Code.CouldNotFind, "No VAT code " + vat);
        }
        BigDecimal gross = BigDecimal.valueOf(number(row, "Qty")).multiply(BigDecimal.valueOf(number(row, "Price")))
                .multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(number(row, "DiscountPct")).movePointLeft(2)));
        row.put("Total", cents(gross.subtract(BigDecimal.valueOf(number(row, "Discount")))).doubleValue());
    }

    /** Adds ({@code sign} +1) or takes back (-1) what an open line reserves: its positive quantity not yet invoiced. */
    private void reserve(ObjectNode line, int sign) {
        double open = Math.max(0, number(line, "Qty") - number(line, "QtyInvoiced"));
        placeOf(line).ifPresent(p -> stock.adjust(p, 0, sign * open, 0));
    }

    /** Where a line's stock is kept: the line's warehouse and location, else the item's; none for a non-stock item. */
    private java.util.Optional<Stock.Place> placeOf(ObjectNode line) {
        String item = text(line, "Item");
        if (item == null) {
            return java.util.Optional.empty();
        }
        return stock.item(item).filter(i -> i.path("UseStorage").asBoolean()).map(i -> new Stock.Place(item,
                Stock.variantsOf(line), first(text(line, "Warehouse"), text(i, "Warehouse")),
                first(text(line, "Location"), text(i, "Location"))));
    }

    // ---- invoicing (the merchant's side: no API path posts invoices, §10.2.1) ----

    /**
     * Posts an invoice for an order and returns its number: {@code quantities} maps LineNumber to the quantity to invoice now (null: every
     * line's remainder). Lines' QtyInvoiced and QtyDelivered grow, stock leaves (or, for negative quantities, comes
     * back), reservations are released.
     */
    long invoice(long orderNumber, Map<Double, Double> quantities, Map<String, JsonNode> userFields, String shipmentText) {
        ObjectNode order = order(orderNumber);
        if (order.path("Blocked").asBoolean()) {
            throw refuse(Code.NoSucces, "Order " + orderNumber + " is blocked");
        }
        boolean inclVat = order.path("PricesInclVat").asBoolean();
        String customerVat = text(debtor(text(order, "Account")), "Vat");
        long number = ++lastInvoiceNumber;
        String date = Table.WIRE_TIME.format(company.today().atStartOfDay());
        Map<String, BigDecimal> byVat = new LinkedHashMap<>();
        Map<String, BigDecimal> vatPerLine = new LinkedHashMap<>();
        List<ObjectNode> invoiced = new ArrayList<>();
        for (ObjectNode line : linesOf(orderNumber)) {
            double remaining = number(line, "Qty") - number(line, "QtyInvoiced");
            double qty = quantities == null ? remaining
                    : quantities.getOrDefault(number(line, "LineNumber"), 0.0);
            if (qty == 0) {
                continue;
            }
            if (Math.abs(qty) > Math.abs(remaining) || Math.signum(qty) != Math.signum(remaining)) {
                throw refuse(Code.NoSucces, "Line " + number(line, "LineNumber") + " has " + remaining + " left to invoice");
            }
            BigDecimal share = BigDecimal.valueOf(qty / number(line, "Qty"));
            BigDecimal amount = cents(BigDecimal.valueOf(number(line, "Total")).multiply(share).multiply(endFactor(order)));
            String vat = first(text(line, "Vat"), customerVat);
            byVat.merge(vat == null ? "" : vat, amount, BigDecimal::add);
            vatPerLine.merge(vat == null ? "" : vat, vatOf(amount, rate(vat), inclVat), BigDecimal::add);

            ObjectNode out = Table.NODES.objectNode();
            out.put("InvoiceNumber", number);
            out.set("LineNumber", line.get("LineNumber"));
            out.put("OrderNumber", orderNumber);
            for (String f : new String[] {"Item", "Variant1", "Variant2", "Variant3", "Variant4", "Variant5", "Text",
                "Unit", "Warehouse", "Location", "ReferenceNumber"}) {
                out.set(f, line.get(f));
            }
            out.put("InvoiceQty", qty);
            out.put("SalesPrice", number(line, "Price"));
            out.put("DiscountPct", number(line, "DiscountPct"));
            out.put("InvoiceTotal", amount.doubleValue());
            out.put("AmountInclVat", (inclVat ? amount : cents(amount.multiply(BigDecimal.ONE.add(rate(vat))))).doubleValue());
            out.put("Vat", vat);
            out.put("Date", date);
            invoiced.add(out);

            reserve(line, -1);
            line.put("QtyInvoiced", number(line, "QtyInvoiced") + qty);
            line.put("QtyDelivered", Math.abs(number(line, "QtyDelivered")) < Math.abs(number(line, "QtyInvoiced"))
                    ? number(line, "QtyInvoiced") : number(line, "QtyDelivered"));
            line.put("UpdatedAt", company.now());
            ObjectNode saved = company.put(lines, line);
            reserve(saved, +1);
            placeOf(saved).ifPresent(p -> {
                stock.adjust(p, -qty, 0, 0);
                stock.moved(p.item());
            });
        }
        if (invoiced.isEmpty()) {
            throw refuse(Code.NoLinesToUpdate, "Order " + orderNumber + " has nothing to invoice");
        }
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal vatAmount = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : byVat.entrySet()) {
            BigDecimal r = rate(e.getKey().isEmpty() ? null : e.getKey());
            BigDecimal sum = e.getValue();
            BigDecimal v = vatRounding == UnicontaSandbox.VatRounding.PER_LINE ? vatPerLine.get(e.getKey())
                    : vatOf(sum, r, inclVat);
            vatAmount = vatAmount.add(v);
            net = net.add(inclVat ? sum.subtract(v) : sum);
        }
        ObjectNode header = Table.NODES.objectNode();
        header.put("InvoiceNumber", number);
        header.put("InvoiceNum", Long.toString(number));
        for (String f : COPIED_TO_INVOICE) {
            if (order.has(f)) {
                header.set(f, order.get(f));
            }
        }
        header.put("Date", date);
        header.put("DueDate", date);
        header.put("OrderNumber", orderNumber);
        header.put("NetAmount", net.doubleValue());
        header.put("VatAmount", vatAmount.doubleValue());
        header.put("TotalAmount", net.add(vatAmount).doubleValue());
        if (shipmentText != null) {
            header.put("ShipmentText", shipmentText);
        }
        // user fields the invoice has and the order carries under the same name go along (guess), then the given ones
        invoices.userFields().keySet().stream().filter(order::has).forEach(f -> header.set(f, order.get(f)));
        userFields.forEach(header::set);
        company.put(invoices, header);
        invoiced.forEach(l -> company.put(invoiceLines, l));
        // the invoice is an open item on the customer's account until paid (a credit note settles what it names)
        ledger.postInvoice(header, text(order, "Settlements"));

        ObjectNode debtor = debtor(text(order, "Account"));
        debtor.put("CurBalance", cents(BigDecimal.valueOf(number(debtor, "CurBalance")).add(net).add(vatAmount)).doubleValue());
        company.put(debtors, debtor);

        settleOrder(orderNumber, date);
        return number;
    }

    /** After invoicing: the order's LastInvoice, and the deletions DeleteOrder and DeleteLines ask for. */
    private void settleOrder(long orderNumber, String date) {
        ObjectNode order = order(orderNumber);
        List<ObjectNode> own = linesOf(orderNumber);
        boolean allDone = own.stream().allMatch(l -> number(l, "QtyInvoiced") == number(l, "Qty"));
        if (order.path("DeleteOrder").asBoolean() && allDone) {
            own.forEach(l -> company.remove(lines, lines.keyOf(l)));
            company.remove(orders, orders.keyOf(order));
            return;
        }
        if (order.path("DeleteLines").asBoolean()) {
            own.stream().filter(l -> number(l, "QtyInvoiced") == number(l, "Qty"))
                    .forEach(l -> company.remove(lines, lines.keyOf(l)));
        }
        order.put("LastInvoice", date);
        order.put("UpdatedAt", company.now());
        company.put(orders, totals(order));
    }

    /** The merchant edits an order's header fields on its screen (e.g. Blocked, Shipment). */
    void editOrder(long orderNumber, Map<String, JsonNode> fields) {
        ObjectNode order = order(orderNumber);
        fields.forEach(order::set);
        order.put("UpdatedAt", company.now());
        company.put(orders, order);
    }

    /** A pack note: the lines' QtyDelivered grow by these quantities (LineNumber to quantity), nothing invoiced. */
    void deliver(long orderNumber, Map<Double, Double> quantities) {
        order(orderNumber);
        for (ObjectNode line : linesOf(orderNumber)) {
            Double qty = quantities.get(number(line, "LineNumber"));
            if (qty == null || qty == 0) {
                continue;
            }
            double delivered = number(line, "QtyDelivered") + qty;
            if (Math.abs(delivered) > Math.abs(number(line, "Qty"))) {
                throw refuse(Code.NoSucces, "Line " + number(line, "LineNumber") + " cannot deliver more than its Qty");
            }
            line.put("QtyDelivered", delivered);
            line.put("UpdatedAt", company.now());
            company.put(lines, line);
        }
    }

    // ---- VAT and money ----

    void addVat(String code, String name, double ratePct) {
        ObjectNode row = Table.NODES.objectNode();
        row.put("Vat", code);
        row.put("Name", name);
        row.put("Rate", ratePct);
        company.put(vats, row);
    }

    /** The VAT in an amount at rate {@code r}, to the cent: on it, or within it where prices include VAT. */
    private static BigDecimal vatOf(BigDecimal amount, BigDecimal r, boolean inclVat) {
        return inclVat ? cents(amount.subtract(amount.divide(BigDecimal.ONE.add(r), 10, RoundingMode.HALF_UP)))
                : cents(amount.multiply(r));
    }

    private BigDecimal rate(String vat) {
        if (vat == null) {
            return BigDecimal.ZERO;
        }
        return company.get(vats, vat).map(v -> BigDecimal.valueOf(number(v, "Rate")).movePointLeft(2))
                .orElse(BigDecimal.ZERO);
    }

    private static BigDecimal endFactor(ObjectNode order) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(number(order, "EndDiscountPct")).movePointLeft(2));
    }

    static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    /** Currencies are the ISO codes (guess: Uniconta's Currencies enum names; enum encoding on REST is UNCONFIRMED). */
    private static void checkCurrency(ObjectNode row) {
        String currency = text(row, "Currency");
        if (currency == null) {
            return;
        }
        try {
            java.util.Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw refuse(Code.NoSucces, "Unknown Currency " + currency);
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
