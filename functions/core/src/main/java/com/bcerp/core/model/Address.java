package com.bcerp.core.model;

/** A postal address with the person or company at it, as the store recorded it. */
public record Address(
        String firstName,
        String lastName,
        String company,
        String street1,
        String street2,
        String city,
        String state,
        String postalCode,
        String countryIso2,
        String phone,
        String email) {

    public String fullName() {
        return (nullToEmpty(firstName) + " " + nullToEmpty(lastName)).trim();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
