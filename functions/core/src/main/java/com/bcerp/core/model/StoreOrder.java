package com.bcerp.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A store order as the connector understands it, whatever store produced it. Amounts are in {@code currency}, the
 * currency the shopper paid in; {@code storeCurrency} is the store's own (default) currency and
 * {@code exchangeRate} converts one unit of it into {@code currency}.
 *
 * @param giftCertificateAmount paid with gift certificates (a payment, not a discount: the total includes it)
 * @param storeCreditAmount     paid with store credit (likewise a payment)
 * @param paymentStatus         whether a capture is still pending or was declined at the payment provider
 */
public record StoreOrder(
        String storeHash,
        long id,
        int statusId,
        String status,
        Instant createdAt,
        Instant modifiedAt,
        int channelId,
        String currency,
        String storeCurrency,
        BigDecimal exchangeRate,
        boolean taxInclusive,
        Buyer buyer,
        Address billingAddress,
        List<ShippingDestination> shipping,
        List<OrderLine> lines,
        List<OrderFee> fees,
        Money subtotalExTax,
        Money shippingExTax,
        Money shippingTax,
        Money handlingExTax,
        Money handlingTax,
        Money wrappingExTax,
        Money wrappingTax,
        Money discountTotal,
        Money totalExTax,
        Money totalTax,
        Money totalIncTax,
        Money giftCertificateAmount,
        Money storeCreditAmount,
        String paymentMethod,
        String customerMessage,
        PaymentStatus paymentStatus) {

    public StoreOrder {
        shipping = shipping == null ? List.of() : List.copyOf(shipping);
        lines = lines == null ? List.of() : List.copyOf(lines);
        fees = fees == null ? List.of() : List.copyOf(fees);
        storeCurrency = storeCurrency == null || storeCurrency.isBlank() ? currency : storeCurrency;
        exchangeRate = exchangeRate == null || exchangeRate.signum() <= 0 ? BigDecimal.ONE : exchangeRate;
        giftCertificateAmount = giftCertificateAmount == null ? Money.zero(currency) : giftCertificateAmount;
        storeCreditAmount = storeCreditAmount == null ? Money.zero(currency) : storeCreditAmount;
        paymentStatus = paymentStatus == null ? PaymentStatus.SETTLED : paymentStatus;
    }

    /** An order whose payment has nothing outstanding at the provider. */
    public StoreOrder(String storeHash, long id, int statusId, String status, Instant createdAt, Instant modifiedAt,
            int channelId, String currency, String storeCurrency, BigDecimal exchangeRate, boolean taxInclusive,
            Buyer buyer, Address billingAddress, List<ShippingDestination> shipping, List<OrderLine> lines,
            List<OrderFee> fees, Money subtotalExTax, Money shippingExTax, Money shippingTax, Money handlingExTax,
            Money handlingTax, Money wrappingExTax, Money wrappingTax, Money discountTotal, Money totalExTax,
            Money totalTax, Money totalIncTax, Money giftCertificateAmount, Money storeCreditAmount,
            String paymentMethod, String customerMessage) {
        this(storeHash, id, statusId, status, createdAt, modifiedAt, channelId, currency, storeCurrency, exchangeRate,
                taxInclusive, buyer, billingAddress, shipping, lines, fees, subtotalExTax, shippingExTax, shippingTax,
                handlingExTax, handlingTax, wrappingExTax, wrappingTax, discountTotal, totalExTax, totalTax, totalIncTax,
                giftCertificateAmount, storeCreditAmount, paymentMethod, customerMessage, PaymentStatus.SETTLED);
    }

    /** BigCommerce status 0: the checkout never completed. Such orders are never imported. */
    public boolean isIncomplete() {
        return statusId == 0;
    }

    /** BigCommerce status 4, Refunded: the whole order paid back. */
    public boolean isWhollyRefunded() {
        return statusId == 4;
    }

    /** Refunded (4) or Partially Refunded (14): the order has refunds to post. */
    public boolean hasRefunds() {
        return isWhollyRefunded() || statusId == 14;
    }

    /** Paid in another currency than the store's own. */
    public boolean isForeignCurrency() {
        return !currency.equals(storeCurrency);
    }

    public java.util.Optional<OrderLine> line(long lineId) {
        return lines.stream().filter(l -> l.id() == lineId).findFirst();
    }

    /** "order 250", as errors and audit name it. */
    public String describe() {
        return "order " + id;
    }
}
