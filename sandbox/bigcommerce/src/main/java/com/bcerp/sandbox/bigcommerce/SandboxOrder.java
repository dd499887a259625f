package com.bcerp.sandbox.bigcommerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One order in the sandbox store. Immutable: a change replaces it. Amounts are in {@code currency}, the currency
 * the shopper paid in; {@code exchangeRate} converts one unit of the store's {@code storeCurrency} into it.
 *
 * @param shippingAddresses each with its own shipping (and handling) charge: one shipping consignment per address
 * @param wrapping          the gift-wrapping charge of the order
 */
record SandboxOrder(
        long id,
        long customerId,
        Instant created,
        Instant modified,
        int statusId,
        int channelId,
        String currency,
        String storeCurrency,
        BigDecimal exchangeRate,
        boolean taxInclusive,
        OrderAddress billing,
        List<ShippingAddress> shippingAddresses,
        List<LineItem> lines,
        Charge wrapping,
        List<Fee> fees,
        List<CouponUse> coupons,
        BigDecimal giftCertificateAmount,
        BigDecimal storeCreditAmount,
        String paymentMethod,
        String paymentStatus,
        String customerMessage,
        String staffNotes,
        String externalSource,
        List<Transaction> transactions,
        List<Refund> refunds,
        List<Shipment> shipments) {

    SandboxOrder {
        shippingAddresses = List.copyOf(shippingAddresses);
        lines = List.copyOf(lines);
        fees = List.copyOf(fees);
        coupons = List.copyOf(coupons);
        transactions = List.copyOf(transactions);
        refunds = List.copyOf(refunds);
        shipments = shipments == null ? List.of() : List.copyOf(shipments);
    }

    /** Units of an order product in the order's shipments. */
    int quantityShipped(long lineId) {
        return shipments.stream().flatMap(s -> s.items().stream()).filter(i -> i.orderProductId() == lineId)
                .mapToInt(Shipment.Item::quantity).sum();
    }

    int itemsShipped() {
        return shipments.stream().flatMap(s -> s.items().stream()).mapToInt(Shipment.Item::quantity).sum();
    }

    int itemsShipped(long addressId) {
        return shipments.stream().filter(s -> s.orderAddressId() == addressId).flatMap(s -> s.items().stream())
                .mapToInt(Shipment.Item::quantity).sum();
    }

    SandboxOrder withShipments(List<Shipment> newShipments, int newStatusId, Instant newModified) {
        return new SandboxOrder(id, customerId, created, newModified, newStatusId, channelId, currency, storeCurrency,
                exchangeRate, taxInclusive, billing, shippingAddresses, lines, wrapping, fees, coupons,
                giftCertificateAmount, storeCreditAmount, paymentMethod, paymentStatus, customerMessage, staffNotes,
                externalSource, transactions, refunds, newShipments);
    }

    Charge shipping() {
        return shippingAddresses.stream().map(ShippingAddress::cost).reduce(Charge.NONE, Charge::plus);
    }

    Charge handling() {
        return shippingAddresses.stream().map(ShippingAddress::handling).reduce(Charge.NONE, Charge::plus);
    }

    Charge feeCharge() {
        return fees.stream().map(f -> new Charge(f.exTax(), f.tax())).reduce(Charge.NONE, Charge::plus);
    }

    /** Shipping, handling, wrapping and fees together. */
    Charge charges() {
        return shipping().plus(handling()).plus(wrapping).plus(feeCharge());
    }

    BigDecimal subtotalExTax() {
        return lines.stream().map(LineItem::totalExTax).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal subtotalTax() {
        return lines.stream().map(LineItem::totalTax).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal discountAmount() {
        return lines.stream().map(LineItem::discount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal couponDiscount() {
        return coupons.stream().map(CouponUse::discount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Tax on the discounted lines plus tax on the charges, each already rounded to the cent. */
    BigDecimal totalTax() {
        BigDecimal lineTax = lines.stream().map(LineItem::discountedTax).reduce(BigDecimal.ZERO, BigDecimal::add);
        return lineTax.add(charges().tax());
    }

    /** What the shopper pays: the discounted lines and the charges, tax included. */
    BigDecimal totalIncTax() {
        BigDecimal lines = this.lines.stream().map(l -> l.discountedTotalIncTax(taxInclusive))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return lines.add(charges().incTax());
    }

    BigDecimal totalExTax() {
        return totalIncTax().subtract(totalTax());
    }

    BigDecimal refundedAmount() {
        return refunds.stream().map(Refund::totalAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    int itemsTotal() {
        return lines.stream().mapToInt(LineItem::quantity).sum();
    }

    boolean isDigital() {
        return lines.stream().noneMatch(LineItem::isShipped);
    }

    String status() {
        return OrderStatuses.name(statusId);
    }

    Optional<LineItem> line(long lineId) {
        return lines.stream().filter(l -> l.id() == lineId).findFirst();
    }

    SandboxOrder with(int newStatusId, String newCustomerMessage, String newStaffNotes, Instant newModified) {
        return new SandboxOrder(id, customerId, created, newModified, newStatusId, channelId, currency, storeCurrency,
                exchangeRate, taxInclusive, billing, shippingAddresses, lines, wrapping, fees, coupons,
                giftCertificateAmount, storeCreditAmount, paymentMethod, paymentStatus, newCustomerMessage, newStaffNotes,
                externalSource, transactions, refunds, shipments);
    }

    SandboxOrder withLines(List<LineItem> newLines, List<Fee> newFees, Instant newModified) {
        return new SandboxOrder(id, customerId, created, newModified, statusId, channelId, currency, storeCurrency,
                exchangeRate, taxInclusive, billing, shippingAddresses, newLines, wrapping, newFees, coupons,
                giftCertificateAmount, storeCreditAmount, paymentMethod, paymentStatus, customerMessage, staffNotes,
                externalSource, transactions, refunds, shipments);
    }

    SandboxOrder withPayments(List<Transaction> newTransactions, String newPaymentStatus, Instant newModified) {
        return new SandboxOrder(id, customerId, created, newModified, statusId, channelId, currency, storeCurrency,
                exchangeRate, taxInclusive, billing, shippingAddresses, lines, wrapping, fees, coupons,
                giftCertificateAmount, storeCreditAmount, paymentMethod, newPaymentStatus, customerMessage, staffNotes,
                externalSource, newTransactions, refunds, shipments);
    }

    SandboxOrder withRefund(Refund refund, List<LineItem> newLines, int newStatusId, List<Transaction> newTransactions,
            String newPaymentStatus, Instant newModified) {
        List<Refund> all = new java.util.ArrayList<>(refunds);
        all.add(refund);
        return new SandboxOrder(id, customerId, created, newModified, newStatusId, channelId, currency, storeCurrency,
                exchangeRate, taxInclusive, billing, shippingAddresses, newLines, wrapping, fees, coupons,
                giftCertificateAmount, storeCreditAmount, paymentMethod, newPaymentStatus, customerMessage, staffNotes,
                externalSource, newTransactions, all, shipments);
    }

    /** The order with one of its refunds replaced (its payments declined later). */
    SandboxOrder withRefundReplaced(Refund refund, Instant newModified) {
        List<Refund> all = refunds.stream().map(r -> r.id() == refund.id() ? refund : r).toList();
        return new SandboxOrder(id, customerId, created, newModified, statusId, channelId, currency, storeCurrency,
                exchangeRate, taxInclusive, billing, shippingAddresses, lines, wrapping, fees, coupons,
                giftCertificateAmount, storeCreditAmount, paymentMethod, paymentStatus, customerMessage, staffNotes,
                externalSource, transactions, all, shipments);
    }
}
