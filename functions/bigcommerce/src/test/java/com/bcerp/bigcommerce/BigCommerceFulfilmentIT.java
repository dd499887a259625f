package com.bcerp.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.fulfilment.FulfilmentOrder;
import com.bcerp.core.fulfilment.ShipmentDraft;
import com.bcerp.core.fulfilment.StoreShipment;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store side of fulfilment over real HTTP against the store sandbox: shipments made, listed and refused as
 * BigCommerce documents, the order's status moved by shipping, and the status and staff notes written; every exchange
 * conforms to orders.v2.oas2.yml.
 */
class BigCommerceFulfilmentIT {

    BigCommerceSandbox sandbox;
    BigCommerceFulfilment store;
    StoreAdmin admin;
    final List<BigCommerceSandbox.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withWebhookRetryTimeScale(0.001));
        admin = new StoreAdmin(sandbox);
        store = new BigCommerceFulfilment(BigCommerceClient.create(new BigCommerceSettings(URI.create(sandbox.baseUrl()),
                sandbox.storeHash(), sandbox.connectorAccessToken())));
        sandbox.onExchange(exchanges::add);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void partial_shipments_stay_partial_until_everything_shipped_and_each_carries_its_tracking() {
        long id = admin.createOrder(StoreAdmin.richOrder(sandbox, "ada@example.com")).path("id").asLong();
        FulfilmentOrder order = store.order(id).orElseThrow();
        assertThat(order.statusId()).isEqualTo(11);
        FulfilmentOrder.Product three = order.products().stream().filter(p -> p.quantity().intValue() == 3).findFirst()
                .orElseThrow();
        long address = three.orderAddressId();
        assertThat(address).isPositive();
        assertThat(store.shipments(id)).as("none yet: the store answers 204").isEmpty();

        StoreShipment first = store.createShipment(id, new ShipmentDraft(address,
                List.of(new StoreShipment.Item(three.id(), 2)), "1Z999AA1", "ups", null, "UPSGROUND",
                "Acumatica shipment SH000001"));

        assertThat(first.items()).containsExactly(new StoreShipment.Item(three.id(), 2));
        assertThat(first.shippingProvider()).isEqualTo("ups");
        assertThat(store.order(id).orElseThrow().statusId()).as("Partially Shipped").isEqualTo(3);

        List<StoreShipment.Item> rest = new ArrayList<>();
        for (FulfilmentOrder.Product p : order.products()) {
            int left = p.quantity().intValue() - (p.id() == three.id() ? 2 : 0);
            if (p.orderAddressId() == address && left > 0) {
                rest.add(new StoreShipment.Item(p.id(), left));
            }
        }
        store.createShipment(id, new ShipmentDraft(address, rest, "JD014600", null, "dhl", "DHL",
                "Acumatica shipment SH000002; packages: JD014600, JD014601"));

        assertThat(store.order(id).orElseThrow().statusId()).as("Shipped").isEqualTo(2);
        assertThat(store.shipments(id)).extracting(StoreShipment::comments, StoreShipment::trackingNumber,
                StoreShipment::shippingProvider, StoreShipment::trackingCarrier).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Acumatica shipment SH000001", "1Z999AA1", "ups", null),
                org.assertj.core.groups.Tuple.tuple("Acumatica shipment SH000002; packages: JD014600, JD014601",
                        "JD014600", null, "dhl"));

        store.setStatus(id, 10);
        store.setStaffNotes(id, "Back office: Acumatica sales order SO SO000001; invoice INV000001");
        FulfilmentOrder after = store.order(id).orElseThrow();
        assertThat(after.statusId()).isEqualTo(10);
        assertThat(after.staffNotes()).isEqualTo("Back office: Acumatica sales order SO SO000001; invoice INV000001");

        String token = sandbox.connectorAccessToken();
        admin.send("GET", "/v2/orders/" + id + "/shipments/count", null, token);
        admin.send("GET", "/v2/orders/" + id + "/shipments/" + first.id(), null, token);
        admin.send("DELETE", "/v2/orders/" + id + "/shipments/" + first.id(), null, token);
        assertThat(store.order(id).orElseThrow().statusId()).as("deleting does not move the status back").isEqualTo(10);
        assertThat(BigCommerceSpecs.forStore(sandbox.storeHash()).problems(List.copyOf(exchanges)))
                .as("exchanges that do not conform").isEmpty();
    }

    @Test
    void the_store_refuses_what_does_not_fit_the_order_and_the_adapter_says_why() {
        long id = admin.createOrder(StoreAdmin.richOrder(sandbox, "ada@example.com")).path("id").asLong();
        FulfilmentOrder order = store.order(id).orElseThrow();
        FulfilmentOrder.Product three = order.products().stream().filter(p -> p.quantity().intValue() == 3).findFirst()
                .orElseThrow();

        assertThatThrownBy(() -> store.createShipment(id, new ShipmentDraft(three.orderAddressId(),
                List.of(new StoreShipment.Item(three.id(), 4)), "T", null, null, null, "x")))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("only 3 remain to be shipped");
        assertThatThrownBy(() -> store.createShipment(id, new ShipmentDraft(999_999,
                List.of(new StoreShipment.Item(three.id(), 1)), "T", null, null, null, "x")))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("does not belong to order " + id);
        assertThatThrownBy(() -> store.createShipment(id, new ShipmentDraft(three.orderAddressId(),
                List.of(new StoreShipment.Item(777_777, 1)), "T", null, null, null, "x")))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("order product with ID 777777");
        assertThatThrownBy(() -> store.createShipment(id, new ShipmentDraft(three.orderAddressId(),
                List.of(new StoreShipment.Item(three.id(), 1)), "T", "pigeon", null, null, "x")))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("shipping_provider");
        assertThat(store.shipments(id)).isEmpty();
        assertThat(store.order(id).orElseThrow().statusId()).isEqualTo(11);
        assertThat(store.order(424_242)).isEmpty();
    }
}
