package com.bcerp.core.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.backoffice.CustomerDraft;
import com.bcerp.core.config.ConnectorConfig;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemoryStore;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.model.Address;
import com.bcerp.core.model.StoreCustomer;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.order.OrderFlows;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerSyncTest {

    private static final String STORE = StoreOrders.STORE;
    private static final Instant T1 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-23T11:00:00Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySyncState state = new InMemorySyncState(clock);
    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of("SKU-0100"));
    private final InMemoryStore store = new InMemoryStore();

    private OrderFlows flows(boolean createWithoutOrders, String match) {
        ConnectorConfig d = ConnectorConfig.defaults();
        CustomerSettings customers = new CustomerSettings(match, CustomerSettings.NEW, null, true,
                createWithoutOrders, Map.of("2", "WHOLESALE"), Map.of("2", "TRADE"));
        ConnectorConfig config = new ConnectorConfig(d.orders(), d.statuses(), customers, d.payments(), d.routing(),
                d.stock(), d.catalog(), d.fulfilment(), d.reliability(), d.backOffices(), d.priceLists(), d.invoices(), d.units());
        return OrderFlows.wire(store, backOffice.backOffice(), state, state, config, clock, Duration.ofMinutes(2));
    }

    private OrderFlows flows() {
        return flows(false, CustomerSettings.EMAIL);
    }

    private static StoreCustomer jane(String email, String street, long group, Instant modified) {
        return new StoreCustomer(11, email, "Jane", "Doe", null, "555-0101", group, modified,
                List.of(new Address("Jane", "Doe", null, street, null, "Austin", "Texas", "78701", "US", null, null)));
    }

    private static StoreEvent event(String scope, Map<String, Object> data, String hash) {
        return new StoreEvent(STORE, scope, "customer", String.valueOf(data.get("id")), 1_700_000_000L, hash, data);
    }

    private static StoreEvent updated(String hash) {
        return event("store/customer/updated", Map.of("type", "customer", "id", 11), hash);
    }

    /** Jane ordered once, so the back office has her as C1. */
    private void janeHasOrdered(OrderFlows flows) {
        store.place(StoreOrders.order().line("SKU-0100", 1, "10.00").build());
        flows.orderImport().importOrder(STORE, 250, "store/order/created o1");
        assertThat(backOffice.customers).containsOnlyKeys("C1");
    }

    @Test
    void a_name_email_and_address_change_reaches_the_back_office_customer_the_order_made() {
        OrderFlows flows = flows();
        janeHasOrdered(flows);
        store.customer(new StoreCustomer(11, "jane.doe@example.com", "Jane", "Doe-Smith", "Harbor & Co", "555-0199",
                2, T1, List.of(new Address("Jane", "Doe-Smith", "Harbor & Co", "1 New St", null, "Austin", "Texas",
                        "78702", "US", null, null))));

        Optional<Outcome> outcome = flows.events().handle(updated("h1"));

        assertThat(outcome).contains(Outcome.UPDATED);
        CustomerDraft now = backOffice.customers.get("C1");
        assertThat(now.name()).isEqualTo("Harbor & Co (Jane Doe-Smith)");
        assertThat(now.email()).isEqualTo("jane.doe@example.com");
        assertThat(now.phone()).isEqualTo("555-0199");
        assertThat(now.billing().street1()).isEqualTo("1 New St");
        assertThat(now.shipping().postalCode()).isEqualTo("78702");
        assertThat(now.customerClass()).as("group 2 maps to a class").isEqualTo("WHOLESALE");
        assertThat(now.priceClass()).isEqualTo("TRADE");
        assertThat(backOffice.customerCreates.get()).isEqualTo(1);
    }

    @Test
    void an_address_event_is_routed_by_the_customer_it_names_not_the_address_id() {
        OrderFlows flows = flows();
        janeHasOrdered(flows);
        store.customer(jane("jane@example.com", "9 Address Rd", 0, T1));
        StoreEvent address = event("store/customer/address/updated",
                Map.of("type", "customer", "id", 60, "address", Map.of("customer_id", 11)), "a1");

        assertThat(flows.events().handle(address)).contains(Outcome.UPDATED);
        assertThat(address.orderingKey()).isEqualTo(STORE + ":customer:11");
        assertThat(backOffice.customers.get("C1").billing().street1()).isEqualTo("9 Address Rd");
        assertThat(backOffice.customers.get("C1").customerClass()).as("an unmapped group leaves the class").isNull();
    }

    @Test
    void duplicate_deliveries_write_once_and_are_audited() {
        OrderFlows flows = flows();
        janeHasOrdered(flows);
        store.customer(jane("jane@example.com", "2 Second St", 0, T1));

        assertThat(flows.events().handle(updated("h1"))).contains(Outcome.UPDATED);
        assertThat(flows.events().handle(updated("h1"))).contains(Outcome.ALREADY_SYNCED);
        assertThat(flows.events().handle(updated("h2"))).contains(Outcome.ALREADY_SYNCED);

        assertThat(backOffice.customerUpdates.get()).isEqualTo(1);
        assertThat(state.history(CustomerSync.recordKey(STORE, 11))).extracting(AuditRecord::outcome)
                .containsExactly(Outcome.UPDATED, Outcome.ALREADY_SYNCED, Outcome.ALREADY_SYNCED);
    }

    @Test
    void an_older_version_read_after_a_newer_one_was_applied_never_overwrites_it() {
        OrderFlows flows = flows();
        janeHasOrdered(flows);
        store.customer(jane("jane@example.com", "2 Newer St", 0, T2));
        flows.events().handle(updated("new"));
        // a lagging read of the store answers the customer as it was before
        store.customer(jane("jane@example.com", "1 Older St", 0, T1));

        assertThat(flows.events().handle(updated("old"))).contains(Outcome.SKIPPED);

        assertThat(backOffice.customers.get("C1").billing().street1()).isEqualTo("2 Newer St");
        assertThat(state.history(CustomerSync.recordKey(STORE, 11))).last().extracting(AuditRecord::error)
                .asString().contains("customer 11", "older than the version applied");
    }

    @Test
    void an_email_change_is_followed_on_the_same_back_office_customer_when_matching_by_email() {
        OrderFlows flows = flows();
        janeHasOrdered(flows);
        store.customer(jane("jane@example.com", "2 Second St", 0, T1));
        flows.events().handle(updated("h1"));
        store.customer(jane("jane.new@example.com", "2 Second St", 0, T2));

        assertThat(flows.events().handle(updated("h2"))).contains(Outcome.UPDATED);

        assertThat(backOffice.customers).containsOnlyKeys("C1");
        assertThat(backOffice.customers.get("C1").email()).isEqualTo("jane.new@example.com");
    }

    @Test
    void a_customer_who_has_not_ordered_is_created_only_when_the_config_says_so() {
        store.customer(jane("new@example.com", "3 Third St", 2, T1));

        assertThat(flows(false, CustomerSettings.EMAIL).events().handle(updated("h1"))).contains(Outcome.SKIPPED);
        assertThat(backOffice.customers).isEmpty();
        assertThat(state.history(CustomerSync.recordKey(STORE, 11))).last().extracting(AuditRecord::error)
                .asString().contains("create_without_orders");

        assertThat(flows(true, CustomerSettings.EMAIL).events().handle(updated("h1"))).contains(Outcome.CREATED);
        assertThat(backOffice.customers).containsOnlyKeys("C1");
        CustomerDraft created = backOffice.customers.get("C1");
        assertThat(created.externalRef()).isEqualTo("BC-abc123-C11");
        assertThat(created.customerClass()).isEqualTo("WHOLESALE");
        assertThat(backOffice.customerUpdates.get()).as("created as it is: no update after").isZero();
    }

    @Test
    void matching_by_external_id_finds_a_customer_staff_linked_to_the_store_id() {
        backOffice.existingCustomer("ACME01", "someone.else@example.com", "BC-abc123-C11");
        store.customer(jane("jane@example.com", "4 Fourth St", 0, T1));

        assertThat(flows(false, CustomerSettings.EXTERNAL_ID).events().handle(updated("h1"))).contains(Outcome.UPDATED);
        assertThat(backOffice.customers.get("ACME01").email()).isEqualTo("jane@example.com");
    }

    @Test
    void bad_input_parks_the_customer_naming_the_record_and_the_field() {
        OrderFlows flows = flows();
        janeHasOrdered(flows);
        store.customer(jane("not-an-email", "1 Main St", 0, T1));
        assertThat(flows.events().handle(updated("h1"))).contains(Outcome.PARKED);
        assertThat(state.parked()).singleElement().satisfies(p -> assertThat(p.reason())
                .contains("customer 11", "email", "not-an-email"));

        store.customer(new StoreCustomer(11, "jane@example.com", "Jane", "Doe", null, null, 0, T2,
                List.of(new Address("Jane", "Doe", null, "1 Main St", null, "Austin", null, "78701", "USA", null, null))));
        assertThat(flows.events().handle(updated("h2"))).contains(Outcome.PARKED);
        assertThat(state.parked()).singleElement().satisfies(p -> assertThat(p.reason())
                .contains("customer 11", "addresses[0].country_code", "USA"));
        assertThat(backOffice.customerUpdates.get()).isZero();
    }

    @Test
    void a_deleted_customer_is_skipped_and_customer_scopes_are_ignored_with_sync_off() {
        OrderFlows flows = flows();
        assertThat(flows.events().handle(updated("h1"))).contains(Outcome.SKIPPED);

        store.customer(jane("jane@example.com", "1 Main St", 0, T1));
        OrderFlows off = OrderFlows.wire(store, backOffice.backOffice(), state, state, ConnectorConfig.defaults(), clock,
                Duration.ofMinutes(2));
        assertThat(off.events().handle(updated("h2"))).isEmpty();
        assertThat(backOffice.customers).isEmpty();
    }
}
