package com.bcerp.core.backoffice;

import com.bcerp.core.model.Address;

/**
 * A back-office customer to create for a store buyer, or the state an existing one is brought to.
 *
 * @param externalRef   the store's customer, as the back office carries it (Acumatica: AccountRef); null for a guest
 * @param customerClass the back-office customer class (from the store's customer group); null: the back office's
 *                      default on a create, unchanged on an update
 * @param priceClass    the back-office price class, likewise
 */
public record CustomerDraft(
        String name, String email, String company, String phone, Address billing, Address shipping,
        String externalRef, boolean guest, String customerClass, String priceClass) {

    /** An order's buyer: no class of its own (the store's order does not carry the customer group). */
    public CustomerDraft(String name, String email, String company, String phone, Address billing, Address shipping,
            String externalRef, boolean guest) {
        this(name, email, company, phone, billing, shipping, externalRef, guest, null, null);
    }
}
