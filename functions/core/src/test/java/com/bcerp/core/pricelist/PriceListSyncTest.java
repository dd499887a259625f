package com.bcerp.core.pricelist;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.fakes.InMemoryStorePriceLists;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceListSyncTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryStorePriceLists store = new InMemoryStorePriceLists();
    /** The back office's prices by price class. */
    private final Map<String, List<BackOfficePrice>> classes = new HashMap<>();
    private final PriceListSync sync = new PriceListSync(c -> List.copyOf(classes.getOrDefault(c, List.of())), store,
            state, new PriceListSettings(List.of(new PriceListSettings.Mapping("WHOLESALE", "Wholesale", null))), "h", clock);

    private void price(String item, String currency, String amount) {
        List<BackOfficePrice> prices = classes.computeIfAbsent("WHOLESALE", c -> new ArrayList<>());
        prices.removeIf(p -> p.itemId().equals(item) && p.currency().equals(currency));
        prices.add(new BackOfficePrice(item, currency, amount == null ? null : new BigDecimal(amount)));
    }

    @Test
    void writesNewPricesThenOnlyTheOneThatChangedThenNothing() {
        store.variant("SKU-1", 11).variant("SKU-2", 12).variant("SKU-3", 13);
        price("SKU-1", "USD", "10.00");
        price("SKU-2", "USD", "20.00");
        price("SKU-2", "EUR", "18.50");
        price("SKU-3", "USD", "30.00");

        PriceListSyncReport first = sync.run();
        assertThat(first.written()).isEqualTo(4);
        assertThat(store.price("Wholesale", "SKU-2", "EUR")).isEqualByComparingTo("18.50");

        price("SKU-2", "USD", "19.00");
        price("SKU-3", "USD", "30.0"); // the same amount, written differently: not a change
        PriceListSyncReport second = sync.run();
        assertThat(second.written()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(store.price("Wholesale", "SKU-2", "USD")).isEqualByComparingTo("19.00");

        int requests = store.upserts + store.deletes;
        PriceListSyncReport third = sync.run();
        assertThat(third.written()).isZero();
        assertThat(third.deleted()).isZero();
        assertThat(third.batches()).isZero();
        assertThat(store.upserts + store.deletes).isEqualTo(requests);
    }

    @Test
    void theMappedCustomerGroupGetsTheListOnceAndAGroupWithItsOwnDiscountsIsLeftAlone() {
        store.variant("SKU-1", 11);
        store.group("Trade", 7, false);
        store.group("VIP", 8, true);
        price("SKU-1", "USD", "10.00");
        PriceListSync grouped = new PriceListSync(c -> List.copyOf(classes.getOrDefault(c, List.of())), store, state,
                new PriceListSettings(List.of(new PriceListSettings.Mapping("WHOLESALE", "Wholesale", "Trade"),
                        new PriceListSettings.Mapping("WHOLESALE", "Wholesale VIP", "VIP"),
                        new PriceListSettings.Mapping("WHOLESALE", "Wholesale gone", "Nobody"))), "h", clock);

        PriceListSyncReport first = grouped.run();
        assertThat(first.groupsAssigned()).isEqualTo(1);
        assertThat(store.groupList("Trade")).isEqualTo(store.listId("Wholesale"));
        assertThat(store.groupList("VIP")).isNull();
        assertThat(state.parked()).extracting(p -> p.recordKey()).containsExactlyInAnyOrder(
                "pricelist#h#Wholesale VIP#group", "pricelist#h#Wholesale gone#group");
        assertThat(state.parked()).allSatisfy(p -> assertThat(p.reason()).startsWith("customer_group: "));

        PriceListSyncReport second = grouped.run();
        assertThat(second.groupsAssigned()).isZero();
        assertThat(store.assignments).isEqualTo(1);
    }

    @Test
    void aRunThatFindsAnotherHoldingTheLockDoesNothing() {
        store.variant("SKU-1", 11);
        price("SKU-1", "USD", "10.00");
        state.claim("price-lists#h", java.time.Duration.ofMinutes(15));
        assertThat(sync.run().lists()).isZero();
        assertThat(store.upserts).isZero();
        state.release("price-lists#h");
        assertThat(sync.run().written()).isEqualTo(1);
    }

    @Test
    void batchesWithinTheStoresLimit() {
        for (int i = 0; i < 2500; i++) {
            store.variant("SKU-" + i, 1000 + i);
            price("SKU-" + i, "USD", "1." + (i % 100));
        }
        PriceListSyncReport report = sync.run();
        assertThat(report.written()).isEqualTo(2500);
        assertThat(store.batchSizes).containsExactly(1000, 1000, 500);
        assertThat(report.batches()).isEqualTo(3);
    }

    @Test
    void deletesRecordsTheBackOfficeNoLongerPrices() {
        for (int i = 0; i < 150; i++) {
            store.variant("SKU-" + i, 1000 + i);
            price("SKU-" + i, "USD", "5.00");
        }
        price("SKU-0", "EUR", "4.50");
        sync.run();
        classes.get("WHOLESALE").removeIf(p -> !p.itemId().equals("SKU-0") || p.currency().equals("EUR"));

        PriceListSyncReport report = sync.run();
        assertThat(report.deleted()).isEqualTo(150); // 149 USD records and the EUR one
        assertThat(report.batches()).isEqualTo(3); // EUR, and USD in two deletes of at most 100
        assertThat(store.size("Wholesale")).isEqualTo(1);
        assertThat(store.price("Wholesale", "SKU-0", "USD")).isEqualByComparingTo("5.00");
        assertThat(sync.run().batches()).isZero();
    }

    @Test
    void itemsTheStoreDoesNotSellAreLeftOutAndTheSkuJoinIgnoresCase() {
        store.variant("sku-1", 11);
        price("SKU-1", "USD", "10.00");
        price("NOT-IN-STORE", "USD", "1.00");
        PriceListSyncReport report = sync.run();
        assertThat(report.written()).isEqualTo(1);
        assertThat(report.unmatched()).isEqualTo(1);
        assertThat(state.parked()).isEmpty();
        assertThat(sync.run().written()).isZero();
    }

    @Test
    void badBackOfficePricesAndStoreRefusalsParkNamingTheRecordAndTheOthersGoOn() {
        store.variant("SKU-1", 11).variant("SKU-2", 12).variant("SKU-3", 13);
        price("SKU-1", "USD", "-1.00");
        price("SKU-2", "USD", "20.00");
        price("SKU-3", "USD", "30.00");
        store.refuse("SKU-3");

        PriceListSyncReport report = sync.run();
        assertThat(report.written()).isEqualTo(1);
        assertThat(report.refused()).isEqualTo(2);
        assertThat(store.price("Wholesale", "SKU-2", "USD")).isEqualByComparingTo("20.00");
        assertThat(state.parked()).extracting(p -> p.recordKey())
                .containsExactlyInAnyOrder("pricelist#h#Wholesale#SKU-1#USD", "pricelist#h#Wholesale#SKU-3#USD");
        assertThat(state.parked()).anySatisfy(p -> assertThat(p.reason()).contains("item SKU-1", "price"));
    }
}
