package com.bcerp.core.model;

/** Where (part of) an order ships, and how: a BigCommerce shipping address / shipping consignment. */
public record ShippingDestination(long id, Address address, String shippingMethod, Money costExTax, Money costTax) {}
