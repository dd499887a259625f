package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One order in the sandbox store. Immutable: a change replaces it. */
record SandboxOrder(
        long id,
        long customerId,
        Instant created,
        Instant modified,
        int statusId,
        String currency,
        OrderAddress billing,
        List<ShippingAddress> shippingAddresses,
        List<LineItem> lines,
        Charge shipping,
        Charge handling,
        Charge wrapping,
        BigDecimal discountAmount,
        String paymentMethod,
        String customerMessage,
        String staffNotes,
        String externalSource,
        List<Transaction> transactions) {

    SandboxOrder {
        shippingAddresses = List.copyOf(shippingAddresses);
        lines = List.copyOf(lines);
        transactions = List.copyOf(transactions);
    }

    BigDecimal subtotalExTax() {
        return lines.stream().map(LineItem::totalExTax).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal subtotalTax() {
        return lines.stream().map(LineItem::totalTax).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Lines, shipping, handling and wrapping, less the discount. */
    BigDecimal totalExTax() {
        return subtotalExTax().add(shipping.exTax()).add(handling.exTax()).add(wrapping.exTax()).subtract(discountAmount);
    }

    /** Tax on the discounted lines plus tax on the charges, each already rounded to the cent. */
    BigDecimal totalTax() {
        BigDecimal lineTax = lines.stream().map(LineItem::discountedTax).reduce(BigDecimal.ZERO, BigDecimal::add);
        return lineTax.add(shipping.tax()).add(handling.tax()).add(wrapping.tax());
    }

    BigDecimal totalIncTax() {
        return totalExTax().add(totalTax());
    }

    int itemsTotal() {
        return lines.stream().mapToInt(LineItem::quantity).sum();
    }

    boolean isDigital() {
        return lines.stream().allMatch(LineItem::isDigital);
    }

    String status() {
        return OrderStatuses.name(statusId);
    }

    SandboxOrder with(int newStatusId, String newCustomerMessage, String newStaffNotes, Instant newModified) {
        return new SandboxOrder(id, customerId, created, newModified, newStatusId, currency, billing, shippingAddresses,
                lines, shipping, handling, wrapping, discountAmount, paymentMethod, newCustomerMessage, newStaffNotes,
                externalSource, transactions);
    }
}
