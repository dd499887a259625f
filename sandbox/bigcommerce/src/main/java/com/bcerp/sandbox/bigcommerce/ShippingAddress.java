package com.bcerp.sandbox.bigcommerce;

/** An order's shipping address, which V2 also presents as a shipping consignment. */
record ShippingAddress(long id, OrderAddress address, String shippingMethod, Charge cost, Charge handling) {}
