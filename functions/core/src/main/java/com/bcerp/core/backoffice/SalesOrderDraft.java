package com.bcerp.core.backoffice;

import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An order document the connector asks a back office to create (a sale, a credit or a return), already decided in
 * core: every line, charge and tax is here, and {@link #total()} is what the back office must show. Adapters
 * translate it; they add nothing.
 *
 * @param externalRef   unique reference of the document in the back office, looked up before creating
 * @param customerOrder the store's order number, as staff know it
 * @param currencyRate  base-currency units per unit of {@code currency}; null when the document is in the base currency
 * @param branch        the back-office branch (company unit) the document belongs to; null for the default
 * @param original      for a credit, return or added sale: the sales order it belongs to
 * @param freightTaxIds the back-office tax ids the store's shipping tax maps to (its shipping tax class's); empty
 *                      for untaxed freight
 * @param location      the store location the goods go from, where the order names one (a warehouse's order of a
 *                      pickup consignment); null for the back office's default
 */
public record SalesOrderDraft(
        DocumentKind kind,
        String externalRef,
        String customerOrder,
        String customerId,
        LocalDate date,
        String currency,
        BigDecimal currencyRate,
        String branch,
        String description,
        List<DraftLine> lines,
        Money freight,
        List<TaxLine> taxes,
        Address billTo,
        Address shipTo,
        String shipVia,
        String paymentMethod,
        DocumentRef original,
        List<String> freightTaxIds,
        Long location) {

    public SalesOrderDraft {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
        freight = freight == null ? Money.zero(currency) : freight;
        freightTaxIds = freightTaxIds == null ? List.of() : List.copyOf(freightTaxIds);
    }

    /** A document the order names no location for. */
    public SalesOrderDraft(DocumentKind kind, String externalRef, String customerOrder, String customerId,
            LocalDate date, String currency, BigDecimal currencyRate, String branch, String description,
            List<DraftLine> lines, Money freight, List<TaxLine> taxes, Address billTo, Address shipTo, String shipVia,
            String paymentMethod, DocumentRef original, List<String> freightTaxIds) {
        this(kind, externalRef, customerOrder, customerId, date, currency, currencyRate, branch, description, lines,
                freight, taxes, billTo, shipTo, shipVia, paymentMethod, original, freightTaxIds, null);
    }

    /** A document with untaxed freight. */
    public SalesOrderDraft(DocumentKind kind, String externalRef, String customerOrder, String customerId,
            LocalDate date, String currency, BigDecimal currencyRate, String branch, String description,
            List<DraftLine> lines, Money freight, List<TaxLine> taxes, Address billTo, Address shipTo, String shipVia,
            String paymentMethod, DocumentRef original) {
        this(kind, externalRef, customerOrder, customerId, date, currency, currencyRate, branch, description, lines,
                freight, taxes, billTo, shipTo, shipVia, paymentMethod, original, List.of());
    }

    /** A sale for the store order itself, with nothing to link back to. */
    public static SalesOrderDraft sale(String externalRef, String customerOrder, String customerId, LocalDate date,
            String currency, String description, List<DraftLine> lines, Money freight, List<TaxLine> taxes,
            Address billTo, Address shipTo, String shipVia, String paymentMethod) {
        return new SalesOrderDraft(DocumentKind.SALE, externalRef, customerOrder, customerId, date, currency, null, null,
                description, lines, freight, taxes, billTo, shipTo, shipVia, paymentMethod, null);
    }

    public SalesOrderDraft withCustomerId(String id) {
        return new SalesOrderDraft(kind, externalRef, customerOrder, id, date, currency, currencyRate, branch,
                description, lines, freight, taxes, billTo, shipTo, shipVia, paymentMethod, original, freightTaxIds, location);
    }

    public SalesOrderDraft withLines(List<DraftLine> newLines) {
        return new SalesOrderDraft(kind, externalRef, customerOrder, customerId, date, currency, currencyRate, branch,
                description, newLines, freight, taxes, billTo, shipTo, shipVia, paymentMethod, original, freightTaxIds,
                location);
    }

    /** Each line's and the freight's tax ids as given; lines keep their order. */
    public SalesOrderDraft withTaxIds(List<DraftLine> taxedLines, List<String> freightIds) {
        return new SalesOrderDraft(kind, externalRef, customerOrder, customerId, date, currency, currencyRate, branch,
                description, taxedLines, freight, taxes, billTo, shipTo, shipVia, paymentMethod, original, freightIds,
                location);
    }

    /** The tax ids of this document's line for a store line ref; none when it has no such line. */
    public List<String> taxIdsOf(String storeLineRef) {
        return lines.stream().filter(l -> storeLineRef != null && storeLineRef.equals(l.storeLineRef())).findFirst()
                .map(DraftLine::taxIds).orElse(List.of());
    }

    /** The order total as a back office with this arithmetic computes it: lines, freight, then taxes. */
    public Money total(LineArithmetic arithmetic) {
        Money sum = freight.toCents();
        for (DraftLine line : lines) {
            sum = sum.plus(line.amount(arithmetic));
        }
        for (TaxLine tax : taxes) {
            sum = sum.plus(tax.amount().toCents());
        }
        return sum;
    }
}
