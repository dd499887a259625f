package com.bcerp.core.fakes;

import com.bcerp.core.fulfilment.FulfilmentOrder;
import com.bcerp.core.fulfilment.ShipmentDraft;
import com.bcerp.core.fulfilment.StoreShipment;
import com.bcerp.core.port.StoreFulfilment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A store's orders, shipments, statuses and staff notes, validating a shipment as BigCommerce does (the address and
 * products must be the order's, no more than is left to ship) and moving the order to Shipped or Partially Shipped.
 */
public final class InMemoryStoreFulfilment implements StoreFulfilment {

    private final Map<Long, FulfilmentOrder> orders = new LinkedHashMap<>();
    private final Map<Long, List<StoreShipment>> shipments = new HashMap<>();
    private long nextShipmentId = 1;
    /** Each status change, as the store's statusUpdated webhook would report it: order id, new status. */
    public BiConsumer<Long, Integer> onStatus = (o, s) -> { };
    /** When set, the next shipment is stored and then the call fails, as a process dying before it heard back. */
    public boolean crashAfterNextCreate;
    public int creates;

    /** An order (status Awaiting Fulfillment) of products: id, sku, quantity triples, all to address 1. */
    public InMemoryStoreFulfilment order(long id, Object... products) {
        List<FulfilmentOrder.Product> list = new ArrayList<>();
        for (int i = 0; i < products.length; i += 3) {
            list.add(new FulfilmentOrder.Product(((Number) products[i]).longValue(), (String) products[i + 1],
                    new BigDecimal(products[i + 2].toString()), 1));
        }
        orders.put(id, new FulfilmentOrder(id, 11, "", list));
        return this;
    }

    public InMemoryStoreFulfilment product(long orderId, long productId, String sku, int quantity, long addressId) {
        return product(orderId, new FulfilmentOrder.Product(productId, sku, BigDecimal.valueOf(quantity), addressId));
    }

    /** A custom product (typed into the order, no catalogue product) to address 1. */
    public InMemoryStoreFulfilment customProduct(long orderId, long productId, String sku, int quantity) {
        return product(orderId, new FulfilmentOrder.Product(productId, sku, BigDecimal.valueOf(quantity), 1, true));
    }

    private InMemoryStoreFulfilment product(long orderId, FulfilmentOrder.Product product) {
        FulfilmentOrder o = orders.get(orderId);
        List<FulfilmentOrder.Product> list = new ArrayList<>(o.products());
        list.add(product);
        orders.put(orderId, new FulfilmentOrder(orderId, o.statusId(), o.staffNotes(), list));
        return this;
    }

    @Override
    public Optional<FulfilmentOrder> order(long orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public List<StoreShipment> shipments(long orderId) {
        return List.copyOf(shipments.getOrDefault(orderId, List.of()));
    }

    @Override
    public synchronized StoreShipment createShipment(long orderId, ShipmentDraft draft) {
        FulfilmentOrder order = orders.get(orderId);
        Map<Long, Integer> shipped = shippedQuantities(orderId);
        for (StoreShipment.Item item : draft.items()) {
            FulfilmentOrder.Product p = order.product(item.orderProductId())
                    .orElseThrow(() -> new IllegalArgumentException("order product " + item.orderProductId() + " is not in the order"));
            if (p.orderAddressId() != draft.orderAddressId()) {
                throw new IllegalArgumentException("order product " + p.id() + " ships to another address");
            }
            if (shipped.getOrDefault(p.id(), 0) + item.quantity() > p.quantity().intValue()) {
                throw new IllegalArgumentException("more of order product " + p.id() + " than is left to ship");
            }
        }
        StoreShipment made = new StoreShipment(nextShipmentId++, draft.orderAddressId(), draft.trackingNumber(),
                draft.shippingProvider(), draft.trackingCarrier(), draft.comments(), draft.items());
        shipments.computeIfAbsent(orderId, k -> new ArrayList<>()).add(made);
        creates++;
        Map<Long, Integer> after = shippedQuantities(orderId);
        boolean all = order.products().stream().filter(p -> p.orderAddressId() != 0)
                .allMatch(p -> after.getOrDefault(p.id(), 0) >= p.quantity().intValue());
        setStatus(orderId, all ? 2 : 3);
        if (crashAfterNextCreate) {
            crashAfterNextCreate = false;
            throw new IllegalStateException("the process died after the store created shipment " + made.id());
        }
        return made;
    }

    @Override
    public synchronized void setStatus(long orderId, int statusId) {
        FulfilmentOrder o = orders.get(orderId);
        orders.put(orderId, new FulfilmentOrder(orderId, statusId, o.staffNotes(), o.products()));
        if (o.statusId() != statusId) {
            onStatus.accept(orderId, statusId);
        }
    }

    @Override
    public synchronized void setStaffNotes(long orderId, String staffNotes) {
        FulfilmentOrder o = orders.get(orderId);
        orders.put(orderId, new FulfilmentOrder(orderId, o.statusId(), staffNotes, o.products()));
    }

    /** Staff typing in the control panel. */
    public void staffNotes(long orderId, String notes) {
        setStaffNotes(orderId, notes);
    }

    public Map<Long, Integer> shippedQuantities(long orderId) {
        Map<Long, Integer> shipped = new HashMap<>();
        shipments.getOrDefault(orderId, List.of()).stream().flatMap(s -> s.items().stream())
                .forEach(i -> shipped.merge(i.orderProductId(), i.quantity(), Integer::sum));
        return shipped;
    }
}
