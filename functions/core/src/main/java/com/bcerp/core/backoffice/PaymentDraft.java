package com.bcerp.core.backoffice;

import com.bcerp.core.model.Money;
import java.time.LocalDate;

/**
 * A customer payment to record in the back office, applied to a sales order.
 *
 * @param externalRef   unique reference of the payment (the store transaction), looked up before creating
 * @param paymentMethod the back-office payment method the store's gateway and currency map to
 * @param cashAccount   the account the money goes to; null for the payment method's default
 * @param paymentRef    the gateway's transaction id, for reconciling with the gateway's statements
 * @param onHold        an authorisation not captured yet: kept on hold so it is not released before the capture
 */
public record PaymentDraft(String externalRef, String customerId, String paymentMethod, String cashAccount,
        Money amount, LocalDate date, String paymentRef, boolean onHold, DocumentRef appliesTo, String branch,
        String description) {}
