package com.bcerp.core.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.fakes.InMemoryBackOffice;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.core.fakes.MutableClock;
import com.bcerp.core.fakes.StoreOrders;
import com.bcerp.core.sync.KeyScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerMatcherTest {

    private final InMemorySyncState state = new InMemorySyncState(new MutableClock(Instant.parse("2026-11-23T09:00:00Z")));
    private final InMemoryBackOffice backOffice = new InMemoryBackOffice(Set.of());

    private CustomerMatcher matcher(CustomerSettings settings) {
        return new CustomerMatcher(backOffice, state, settings, KeyScope.primary("memory"), Duration.ofMinutes(2));
    }

    @Test
    void by_email_a_buyer_known_to_the_back_office_is_matched_not_created() {
        backOffice.existingCustomer("ACME01", "jane@example.com", null);

        assertThat(matcher(CustomerSettings.defaults()).customerFor(StoreOrders.order().build())).isEqualTo("ACME01");
        assertThat(backOffice.customerCreates.get()).isZero();
    }

    @Test
    void by_external_id_the_store_customer_id_wins_over_an_email_that_another_customer_has() {
        backOffice.existingCustomer("EMAILMATCH", "jane@example.com", null);
        backOffice.existingCustomer("IDMATCH", null, "BC-abc123-C11");

        CustomerMatcher byId = matcher(new CustomerSettings(CustomerSettings.EXTERNAL_ID, "new", null));

        assertThat(byId.customerFor(StoreOrders.order().build())).isEqualTo("IDMATCH");
    }

    @Test
    void external_id_then_email_falls_back_to_the_email_and_external_id_alone_creates_a_new_customer() {
        backOffice.existingCustomer("EMAILMATCH", "jane@example.com", null);

        assertThat(matcher(new CustomerSettings(CustomerSettings.EXTERNAL_ID_THEN_EMAIL, "new", null))
                .customerFor(StoreOrders.order().customer(12).build())).isEqualTo("EMAILMATCH");
        assertThat(matcher(new CustomerSettings(CustomerSettings.EXTERNAL_ID, "new", null))
                .customerFor(StoreOrders.order().customer(13).build())).isEqualTo("C1");
        assertThat(backOffice.customerCreates.get()).isEqualTo(1);
    }

    @Test
    void guests_go_to_the_generic_customer_without_asking_the_back_office() {
        CustomerMatcher generic = matcher(new CustomerSettings(CustomerSettings.EMAIL, CustomerSettings.GENERIC, "WEBGUEST"));
        int calls = backOffice.calls.get();

        assertThat(generic.customerFor(StoreOrders.order().guest().build())).isEqualTo("WEBGUEST");
        assertThat(backOffice.calls.get()).isEqualTo(calls);
        assertThat(generic.customerFor(StoreOrders.order().build())).as("a registered buyer still gets their own").isEqualTo("C1");
    }

    @Test
    void a_new_b2b_customer_is_named_by_its_company_and_carries_both_addresses_and_the_store_id() {
        CustomerMatcher m = matcher(CustomerSettings.defaults());
        m.customerFor(StoreOrders.order().company("Harbor & Co").build());

        // the fake keeps what it was given: found again by the store's id
        assertThat(backOffice.findCustomerByExternalRef("BC-abc123-C11")).contains("C1");
        assertThat(backOffice.findCustomerByEmail("jane@example.com")).contains("C1");
    }

    @Test
    void a_buyer_without_email_matched_by_email_is_a_permanent_failure_naming_the_field() {
        assertThatThrownBy(() -> matcher(CustomerSettings.defaults()).customerFor(StoreOrders.order().email("").build()))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("order 250")
                .extracting(e -> ((PermanentFailure) e).field()).isEqualTo("billing_address.email");
    }
}
