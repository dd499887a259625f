package com.bcerp.core.backoffice;

import com.bcerp.core.model.Address;

/**
 * A back-office customer to create for a store buyer.
 *
 * @param externalRef the store's customer, as the back office carries it (Acumatica: AccountRef); null for a guest
 */
public record CustomerDraft(
        String name, String email, String company, String phone, Address billing, Address shipping,
        String externalRef, boolean guest) {}
