package com.bcerp.core.backoffice;

import com.bcerp.core.model.Address;
import com.bcerp.core.model.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * The sales order the connector asks a back office to create, already decided in core: every line, charge and tax
 * is here, and {@link #total()} is what the back office must show. Adapters translate it; they add nothing.
 *
 * @param externalRef   unique reference of the store order in the back office, looked up before creating
 * @param customerOrder the store's order number, as staff know it
 */
public record SalesOrderDraft(
        String externalRef,
        String customerOrder,
        String customerId,
        LocalDate date,
        String currency,
        String description,
        List<DraftLine> lines,
        Money freight,
        List<TaxLine> taxes,
        Address billTo,
        Address shipTo,
        String shipVia,
        String paymentMethod) {

    public SalesOrderDraft {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
    }

    public SalesOrderDraft withCustomerId(String id) {
        return new SalesOrderDraft(externalRef, customerOrder, id, date, currency, description, lines, freight, taxes,
                billTo, shipTo, shipVia, paymentMethod);
    }

    /** The order total as a back office that posts to the cent computes it: lines, freight, then taxes. */
    public Money total() {
        Money sum = freight.toCents();
        for (DraftLine line : lines) {
            sum = sum.plus(line.amount());
        }
        for (TaxLine tax : taxes) {
            sum = sum.plus(tax.amount().toCents());
        }
        return sum;
    }
}
