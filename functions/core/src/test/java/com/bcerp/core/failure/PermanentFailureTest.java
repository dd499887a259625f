package com.bcerp.core.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermanentFailureTest {

    @Test
    void the_reason_names_the_field_once_whether_or_not_the_message_does() {
        assertThat(new PermanentFailure("taxes.tax_class_id", "order 250: tax class 7 is not mapped").reason())
                .isEqualTo("taxes.tax_class_id: order 250: tax class 7 is not mapped");
        assertThat(new PermanentFailure("Details[1].InventoryID", "Details[1].InventoryID: 'Inventory ID' cannot be"
                + " found in the system. (order 250 line 2)").reason())
                .isEqualTo("Details[1].InventoryID: 'Inventory ID' cannot be found in the system. (order 250 line 2)");
        assertThat(new PermanentFailure(null, "Acumatica 500 for order 250").reason())
                .isEqualTo("Acumatica 500 for order 250");
    }
}
