package com.bcerp.core.fulfilment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What fulfilment needs of a store order: its status, the staff notes the references go into, and its products with
 * the address each ships to.
 */
public record FulfilmentOrder(long id, int statusId, String staffNotes, List<Product> products) {

    public FulfilmentOrder {
        staffNotes = staffNotes == null ? "" : staffNotes;
        products = List.copyOf(products);
    }

    /**
     * An order product.
     *
     * @param orderAddressId the shipping address it ships to; 0 for one that does not ship (digital, gift certificate)
     */
    public record Product(long id, String sku, BigDecimal quantity, long orderAddressId) {}

    public Optional<Product> product(long id) {
        return products.stream().filter(p -> p.id() == id).findFirst();
    }
}
