package com.bcerp.sandbox.uniconta;

import static com.bcerp.sandbox.uniconta.Company.number;
import static com.bcerp.sandbox.uniconta.Company.refuse;
import static com.bcerp.sandbox.uniconta.Company.text;
import static com.bcerp.sandbox.uniconta.FieldType.BOOL;
import static com.bcerp.sandbox.uniconta.FieldType.DATE;
import static com.bcerp.sandbox.uniconta.FieldType.INT;
import static com.bcerp.sandbox.uniconta.FieldType.NUMBER;
import static com.bcerp.sandbox.uniconta.FieldType.TEXT;

import com.bcerp.sandbox.uniconta.UnicontaErrors.Code;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The customers' ledger: a transaction ({@code DebtorTransClient}, read-only, [U-ODATA]) per posted invoice and per
 * payment, and the daily journal ({@code GLDailyJournalLineClient}) a bookkeeper fills through the API
 * ({@code InsertList}, [U-VBA]) and then posts. A payment is settled against an invoice as Uniconta's own "mark invoice
 * paid" screen does it (Uniconta-Pages, MarkInvoicePaidPage): a journal line with {@code AccountType} Debtor, the
 * debtor's {@code Account}, the amount in {@code Credit}, the bank in {@code OffsetAccount} and the invoice's number in
 * {@code Invoice}, posted with {@code PostingAPI.PostDailyJournal}. The invoice's transaction then shows what is left
 * in {@code AmountOpen} (the open-items screen's column), 0 once settled in full.
 *
 * <p>GUESSES (payment fields UNCONFIRMED, §10.2.3): posting a journal is the .NET PostingAPI only, with no REST path
 * found, so it is the merchant's side here ({@code UnicontaSandbox.postJournal}), as invoicing is; {@code AccountType}
 * and {@code PostType} are written as their enum names ({@code Debtor}; {@code Invoice}, {@code Payment}, as the open-items
 * screen's filter names the post type); {@code Invoice} is text (the journal line takes the invoice's alphanumeric
 * number, {@code InvoiceAN}); a line without {@code Voucher} gets the next voucher number; a payment's transaction
 * carries the invoice it settled and its own unsettled part (negative) in {@code AmountOpen}; a credit note settles
 * the invoice its order's {@code Settlements} names; a journal line for another account type is refused.
 */
final class Ledger {

    final Table transactions = Table.named("DebtorTransClient", null)
            .readOnly(TEXT, "Account")
            .readOnly(DATE, "Date")
            .readOnly(INT, "Voucher")
            .readOnly(TEXT, "Invoice", "PostType", "Text", "Currency")
            .readOnly(NUMBER, "Amount", "AmountOpen")
            .readOnly(DATE, "DueDate")
            .keyedBy("Voucher", "Invoice", "PostType");

    final Table journalLines = Table.named("GLDailyJournalLineClient", null)
            .text("Journal")
            .number("LineNumber")
            .date("Date")
            .text("AccountType", "Account", "Text")
            .number("Debit", "Credit")
            .text("OffsetAccount", "Invoice")
            .integer("Voucher")
            .bool("Approved")
            .keyedBy("Journal", "LineNumber");

    private final Company company;
    private final Table debtors;
    private long lastVoucher;
    private long lastJournalLine;

    Ledger(Company company, Table debtors) {
        this.company = company;
        this.debtors = debtors;
        List.of(transactions, journalLines).forEach(company::add);
    }

    // ---- invoices ----

    /**
     * The transaction of a posted invoice (or credit note: a negative amount), open for its whole amount; a credit note
     * settles what it can of the invoice its order's {@code Settlements} names.
     */
    void postInvoice(ObjectNode invoice, String settles) {
        BigDecimal amount = money(number(invoice, "TotalAmount"));
        BigDecimal open = amount;
        if (settles != null && amount.signum() < 0) {
            ObjectNode settled = invoiceTransaction(settles);
            BigDecimal take = open.negate().min(money(number(settled, "AmountOpen")).max(BigDecimal.ZERO));
            settled.put("AmountOpen", money(number(settled, "AmountOpen")).subtract(take).doubleValue());
            company.put(transactions, settled);
            open = open.add(take);
        }
        ObjectNode t = Table.NODES.objectNode();
        t.put("Account", text(invoice, "Account"));
        t.set("Date", invoice.get("Date"));
        t.put("Voucher", ++lastVoucher);
        t.put("Invoice", text(invoice, "InvoiceNum"));
        t.put("PostType", "Invoice");
        t.put("Text", (amount.signum() < 0 ? "Credit note " : "Invoice ") + text(invoice, "InvoiceNum"));
        if (text(invoice, "Currency") != null) {
            t.put("Currency", text(invoice, "Currency"));
        }
        t.put("Amount", amount.doubleValue());
        t.put("AmountOpen", open.doubleValue());
        t.set("DueDate", invoice.get("DueDate"));
        company.put(transactions, t);
    }

    private ObjectNode invoiceTransaction(String invoice) {
        return company.list(transactions, t -> "Invoice".equals(text(t, "PostType")) && invoice.equals(text(t, "Invoice")))
                .stream().findFirst().orElseThrow(() -> refuse(Code.CouldNotFind, "No open item for invoice " + invoice));
    }

    // ---- the daily journal ----

    ObjectNode insertLine(ObjectNode row) {
        if (text(row, "Journal") == null) {
            throw refuse(Code.FieldCannotBeBlank, "GLDailyJournalLineClient.Journal cannot be blank");
        }
        // numbered when 0, as order lines are (guess)
        if (row.path("LineNumber").asDouble(0) == 0) {
            row.put("LineNumber", (double) ++lastJournalLine);
        }
        if (company.get(journalLines, journalLines.keyOf(row)).isPresent()) {
            throw refuse(Code.KeyExists, "Journal " + text(row, "Journal") + " has a line " + text(row, "LineNumber"));
        }
        return company.put(journalLines, row);
    }

    ObjectNode updateLine(ObjectNode sent, boolean withUserFields) {
        return company.put(journalLines, journalLines.replace(line(sent), sent, withUserFields));
    }

    void deleteLine(ObjectNode keys) {
        company.remove(journalLines, journalLines.keyOf(line(keys)));
    }

    private ObjectNode line(ObjectNode keys) {
        return company.get(journalLines, journalLines.keyOf(keys)).orElseThrow(() -> refuse(Code.CouldNotFind,
                "No GLDailyJournalLineClient in journal " + text(keys, "Journal") + " with LineNumber "
                        + text(keys, "LineNumber")));
    }

    /**
     * Posts the journal's lines, oldest first, and empties it: each debtor line is a payment ({@code Credit} less
     * {@code Debit}) on the debtor's account, settling the invoice it names as far as that invoice is open. Returns
     * the vouchers posted, in line order. All or nothing.
     */
    List<Long> post(String journal) {
        List<ObjectNode> lines = company.list(journalLines, l -> journal.equals(text(l, "Journal")));
        if (lines.isEmpty()) {
            throw refuse(Code.NoLinesToUpdate, "Journal " + journal + " has no lines");
        }
        List<Long> vouchers = new ArrayList<>();
        for (ObjectNode line : lines) {
            if (!"Debtor".equals(text(line, "AccountType"))) {
                throw refuse(Code.NoSucces, "Journal line " + text(line, "LineNumber") + ": only Debtor lines are modelled, not "
                        + text(line, "AccountType"));
            }
            String account = text(line, "Account");
            ObjectNode debtor = company.get(debtors, account == null ? "" : account)
                    .orElseThrow(() -> refuse(Code.CouldNotFind, "No DebtorClient with Account " + account));
            BigDecimal paid = money(number(line, "Credit")).subtract(money(number(line, "Debit")));
            if (paid.signum() <= 0) {
                throw refuse(Code.NoSucces, "Journal line " + text(line, "LineNumber") + " pays nothing");
            }
            String invoice = text(line, "Invoice");
            BigDecimal settled = BigDecimal.ZERO;
            if (invoice != null) {
                ObjectNode open = invoiceTransaction(invoice);
                if (!account.equals(text(open, "Account"))) {
                    throw refuse(Code.NoSucces, "Invoice " + invoice + " belongs to another customer");
                }
                settled = paid.min(money(number(open, "AmountOpen")).max(BigDecimal.ZERO));
                open.put("AmountOpen", money(number(open, "AmountOpen")).subtract(settled).doubleValue());
                company.put(transactions, open);
            }
            long voucher = line.path("Voucher").asLong(0) > 0 ? line.path("Voucher").asLong() : ++lastVoucher;
            ObjectNode t = Table.NODES.objectNode();
            t.put("Account", account);
            t.set("Date", line.hasNonNull("Date") ? line.get("Date") : Table.NODES.textNode(
                    Table.WIRE_TIME.format(company.today().atStartOfDay())));
            t.put("Voucher", voucher);
            if (invoice != null) {
                t.put("Invoice", invoice);
            }
            t.put("PostType", "Payment");
            if (text(line, "Text") != null) {
                t.put("Text", text(line, "Text"));
            }
            t.put("Amount", paid.negate().doubleValue());
            t.put("AmountOpen", settled.subtract(paid).doubleValue());
            if (company.get(transactions, transactions.keyOf(t)).isPresent()) {
                throw refuse(Code.KeyExists, "Voucher " + voucher + " is posted already");
            }
            company.put(transactions, t);
            debtor.put("CurBalance", money(number(debtor, "CurBalance")).subtract(paid).doubleValue());
            company.put(debtors, debtor);
            company.remove(journalLines, journalLines.keyOf(line));
            vouchers.add(voucher);
        }
        return vouchers;
    }

    /** The "mark invoice paid" screen: one line on a journal of its own, posted; the payment's voucher. */
    long pay(String invoice, double amount, String text) {
        ObjectNode line = Table.NODES.objectNode().put("Journal", "MARKPAID").put("AccountType", "Debtor")
                .put("Account", text(invoiceTransaction(invoice), "Account")).put("Credit", amount)
                .put("OffsetAccount", "BANK").put("Invoice", invoice).put("Text", text);
        insertLine(line);
        return post("MARKPAID").get(0);
    }

    private static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }
}
