package com.bcerp.core.port;

import com.bcerp.core.backoffice.PaymentDraft;
import com.bcerp.core.backoffice.PostedPayment;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Customer payments applied to sales orders. */
public interface Payments {

    PostedPayment createPayment(PaymentDraft payment);

    /** Brings an existing payment to the draft's amount and hold state (an authorisation captured). */
    PostedPayment updatePayment(PostedPayment existing, PaymentDraft desired);

    /** Voids a payment (the store voided the authorisation or the charge). */
    void voidPayment(PostedPayment payment);

    /** These payments by their ids; ids the back office does not have are left out. */
    List<PostedPayment> readPayments(Collection<String> ids);

    /**
     * The back office's own look-up: every payment whose external reference starts with {@code externalRefPrefix}.
     * Empty when it cannot search payments by reference (then the link table alone says what was posted).
     */
    Optional<List<PostedPayment>> findPayments(String externalRefPrefix);
}
