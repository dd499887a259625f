package com.bcerp.core.model;

/** A discount the store allocated to one line: a coupon, an automatic promotion or a manual discount. */
public record AppliedDiscount(String id, String name, String code, Money amount, String target) {}
