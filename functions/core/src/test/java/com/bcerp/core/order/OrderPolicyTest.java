package com.bcerp.core.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.StoreRefund;
import com.bcerp.core.sync.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderPolicyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100"));
    private final InMemoryStore store = new InMemoryStore();

    private OrderFlows flows(String syncStart, List<Integer> importStatuses) {
        return flows(syncStart, importStatuses, Set.of());
    }

    private OrderFlows flows(String syncStart, List<Integer> importStatuses, Set<Integer> ignoredChannels) {
        ConnectorConfig d = ConnectorConfig.defaults();
        OrderMappingSettings o = d.orders();
        OrderMappingSettings orders = new OrderMappingSettings(o.taxId(), o.taxClasses(), o.handlingItem(),
                o.wrappingItem(), o.roundingItem(), o.customProductItem(), o.giftCertificateItem(), o.feeItem(),
                o.refundItem(), o.roundingTolerance(), o.unitPriceDecimals(), o.shipVia(), o.paymentMethods(), syncStart,
                o.refundDocument(), ignoredChannels, o.lookUpBeforeCreate());
        StatusSettings statuses = new StatusSettings(importStatuses, List.of(5), Map.of());
        return OrderFlows.wire(store, backOffice.backOffice(), state, state, new ConnectorConfig(orders, statuses, d.customers(),
                d.payments(), d.routing(), d.stock(), d.catalog(), d.fulfilment(), d.reliability(), d.backOffices(), d.priceLists(), d.invoices(), d.units()), clock, Duration.ofMinutes(2));
    }

    @Test
    void only_orders_in_an_import_status_are_imported_and_a_later_status_change_imports_them() {
        OrderFlows flows = flows(null, List.of(11));
        store.place(StoreOrders.order().status(7).line("SKU-0100", 1, "20.00").build());

        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.SKIPPED);
        assertThat(state.history("order#abc123#250").get(0).error()).contains("status 7").contains("import_statuses");

        store.place(StoreOrders.order().status(11).line("SKU-0100", 1, "20.00").build());
        assertThat(flows.orderImport().importOrder("abc123", 250, "statusUpdated")).isEqualTo(Outcome.CREATED);
    }

    @Test
    void an_order_from_a_channel_another_integration_imports_and_its_refunds_are_left_alone() {
        OrderFlows flows = flows(null, List.of(11), Set.of(2));
        store.place(StoreOrders.order().channel(2).line("SKU-0100", 1, "20.00").build())
                .refund(new StoreRefund(1, 250, Instant.parse("2026-11-22T00:00:00Z"), "", com.bcerp.core.model.Money.of("1", "USD"),
                        com.bcerp.core.model.Money.of("0", "USD"), List.of(), List.of()));

        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.SKIPPED);
        assertThat(flows.refunds().sync("abc123", 250, "refund")).isEqualTo(Outcome.SKIPPED);
        assertThat(state.history("order#abc123#250").get(0).error()).contains("channel 2")
                .contains("orders.ignored_channels");
        assertThat(backOffice.orders()).isEmpty();

        store.place(StoreOrders.order().id(251).channel(1).line("SKU-0100", 1, "20.00").build());
        assertThat(flows.orderImport().importOrder("abc123", 251, "created")).isEqualTo(Outcome.CREATED);
    }

    @Test
    void an_order_created_before_the_sync_start_date_and_its_later_refunds_are_ignored() {
        OrderFlows flows = flows("2026-11-01", List.of(11));
        store.place(StoreOrders.order().created("2026-10-31T23:59:59Z").line("SKU-0100", 1, "20.00").build())
                .refund(new StoreRefund(1, 250, Instant.parse("2026-11-22T00:00:00Z"), "", com.bcerp.core.model.Money.of("1", "USD"),
                        com.bcerp.core.model.Money.of("0", "USD"), List.of(), List.of()));

        assertThat(flows.orderImport().importOrder("abc123", 250, "created")).isEqualTo(Outcome.SKIPPED);
        assertThat(flows.refunds().sync("abc123", 250, "refund")).isEqualTo(Outcome.SKIPPED);
        assertThat(backOffice.orders()).isEmpty();
        assertThat(state.history("order#abc123#250").get(0).error()).contains("before the sync start date");
    }

    @Test
    void an_order_created_on_the_start_date_is_imported() {
        store.place(StoreOrders.order().created("2026-11-01T00:00:00Z").line("SKU-0100", 1, "20.00").build());

        assertThat(flows("2026-11-01", List.of(11)).orderImport().importOrder("abc123", 250, "created"))
                .isEqualTo(Outcome.CREATED);
    }

    @Test
    void an_order_cancelled_before_it_was_imported_is_never_imported() {
        store.place(StoreOrders.order().status(5).line("SKU-0100", 1, "20.00").build());

        assertThat(flows(null, List.of(11)).orderImport().importOrder("abc123", 250, "statusUpdated"))
                .isEqualTo(Outcome.SKIPPED);
        assertThat(backOffice.orders()).isEmpty();
    }
}
