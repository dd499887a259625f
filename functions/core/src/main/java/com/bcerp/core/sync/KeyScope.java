package com.bcerp.core.sync;

/**
 * Whose records a state key belongs to when several back offices take the same store's orders: claims, parked
 * records and audit of each back office are its own, so each succeeds or fails on its own. The primary back office
 * (the first that takes orders) keeps the keys written before there could be several, so an upgraded deployment
 * finds its records; every other one carries its name in the store part of the key ({@code order#abc123@wms#250}).
 */
public record KeyScope(String backOffice, boolean primary) {

    public static KeyScope primary(String backOffice) {
        return new KeyScope(backOffice, true);
    }

    public static KeyScope secondary(String backOffice) {
        return new KeyScope(backOffice, false);
    }

    /** The store part of this back office's keys. */
    public String store(String storeHash) {
        return primary ? storeHash : storeHash + "@" + backOffice;
    }

    /** A customer match's key ({@code customer#ext#...}), per back office: each has its own customer ids. */
    public String customer(String rest) {
        return primary ? "customer#" + rest : "customer@" + backOffice + "#" + rest;
    }
}
