package com.bcerp.sandbox.bigcommerce;

/** An order's shipping address, which V2 also presents as a shipping consignment with its own charges. */
record ShippingAddress(long id, OrderAddress address, String shippingMethod, Charge cost, Charge handling) {

    ShippingAddress withCost(Charge newCost) {
        return new ShippingAddress(id, address, shippingMethod, newCost, handling);
    }
}
