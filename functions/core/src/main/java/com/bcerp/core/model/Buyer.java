package com.bcerp.core.model;

/**
 * Who placed a store order. {@code storeCustomerId} is 0 for a guest checkout.
 */
public record Buyer(long storeCustomerId, String email, String firstName, String lastName, String company, String phone) {

    public boolean isGuest() {
        return storeCustomerId == 0;
    }

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        if (company != null && !company.isBlank()) {
            return name.isEmpty() ? company : company + " (" + name + ")";
        }
        return name.isEmpty() ? email : name;
    }
}
