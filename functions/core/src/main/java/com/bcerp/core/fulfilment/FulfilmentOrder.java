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
     * @param custom         a custom product (typed into the order, no catalogue product): the back office takes it
     *                       on its non-stock item unless its SKU is one of its items, so it may never be shipped
     */
    public record Product(long id, String sku, BigDecimal quantity, long orderAddressId, boolean custom) {

        public Product(long id, String sku, BigDecimal quantity, long orderAddressId) {
            this(id, sku, quantity, orderAddressId, false);
        }
    }

    public Optional<Product> product(long id) {
        return products.stream().filter(p -> p.id() == id).findFirst();
    }
}
