package com.bcerp.bigcommerce.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.fakes.InMemorySyncState;
import com.bcerp.http.JsonSupport;
import com.bcerp.sandbox.bigcommerce.BigCommerceSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook-health job against the store sandbox over HTTP: what BigCommerce breaks, it puts right. */
class WebhookHealthIT {

    static final Map<String, String> HEADERS = WebhookDeliveryIT.HEADERS;
    static final List<String> SCOPES = WebhookDeliveryIT.SCOPES;

    BigCommerceSandbox sandbox;
    BigCommerceClient connector;
    Destination destination;
    Destination exceptions;
    InMemorySyncState state = new InMemorySyncState(Clock.systemUTC());
    WebhookHealth health;

    @BeforeEach
    void start() {
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults()
                .withWebhookRetryTimeScale(WebhookDeliveryIT.TIME_SCALE));
        connector = BigCommerceClient.create(new BigCommerceSettings(URI.create(sandbox.baseUrl()), sandbox.storeHash(),
                sandbox.connectorAccessToken()));
        destination = new Destination(200);
        exceptions = new Destination(200);
        health = new WebhookHealth(sandbox.storeHash(), new WebhookRegistrar(connector), state,
                new WebhookHealth.Target(SCOPES, destination.url(), exceptions.url(), HEADERS), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        destination.close();
        exceptions.close();
        sandbox.close();
    }

    private List<Webhook> hooks() {
        return new WebhookRegistrar(connector).list(destination.url());
    }

    private long placeOrder() {
        JsonNode order = BigCommerceClient.expect(BigCommerceClient.create(new BigCommerceSettings(
                URI.create(sandbox.baseUrl()), sandbox.storeHash(), sandbox.adminAccessToken())).post("/v2/orders", Map.of(
                "billing_address", Map.of("first_name", "A", "last_name", "B", "email", "a@example.com"),
                "products", List.of(Map.of("product_id", sandbox.catalog().simpleItems().get(0).productId(),
                        "quantity", 1)))), "POST /v2/orders", Set.of(201)).json();
        return order.path("id").asLong();
    }

    @Test
    void the_first_check_registers_every_scope_and_the_delivery_exception_hook_and_the_next_changes_nothing() {
        WebhookHealth.Report first = health.check();

        assertThat(first.hooks().created()).containsExactlyInAnyOrderElementsOf(SCOPES);
        assertThat(first.deliveryExceptionHook()).isEqualTo("created");
        WebhookHealth.Report second = health.check();
        assertThat(second.changedAnything()).isFalse();
        assertThat(state.cursor(WebhookHealth.cursorName(sandbox.storeHash())).orElseThrow().note())
                .isEqualTo(WebhookReceiver.ORDER_SCOPES.size() + " hook(s) healthy; delivery-exception hook unchanged");
    }

    @Test
    void a_deactivated_hook_is_reactivated_a_deleted_one_recreated_and_deliveries_resume() throws Exception {
        health.check();
        Webhook created = hooks().stream().filter(h -> h.scope().equals("store/order/created")).findFirst().orElseThrow();
        Webhook updated = hooks().stream().filter(h -> h.scope().equals("store/order/updated")).findFirst().orElseThrow();
        BigCommerceClient.expect(connector.put("/v3/hooks/" + created.id(), Map.of("is_active", false)), "deactivate",
                Set.of(200));
        BigCommerceClient.expect(connector.delete("/v3/hooks/" + updated.id()), "delete", Set.of(200));

        WebhookHealth.Report report = health.check();

        assertThat(report.hooks().reactivated()).containsExactly("store/order/created");
        assertThat(report.hooks().created()).containsExactly("store/order/updated");
        assertThat(hooks()).hasSize(WebhookReceiver.ORDER_SCOPES.size()).allSatisfy(h -> assertThat(h.active()).isTrue());
        long orderId = placeOrder();
        destination.await(r -> r.text().contains("store/order/created") && r.text().contains("\"id\":" + orderId),
                Duration.ofSeconds(5));
    }

    @Test
    void failed_deliveries_are_reported_signed_to_the_exception_destination_and_the_disabled_hook_is_revived()
            throws Exception {
        health.check();
        destination.answer(503);
        placeOrder();

        Destination.Received retrying = exceptions.await(r -> r.text().contains("90001"), Duration.ofSeconds(10));
        Destination.Received disabled = exceptions.await(r -> r.text().contains("90002"), Duration.ofSeconds(30));

        JsonNode report = JsonSupport.MAPPER.readTree(disabled.body());
        assertThat(report.path("scope").asText()).isEqualTo("store/hook/deliveryException");
        assertThat(report.path("data").path("type").asText()).isEqualTo("webhook");
        assertThat(report.path("data").path("message").asText()).contains(destination.url());
        WebhookAuthenticator authenticator = new WebhookAuthenticator(WebhookAuthenticator.Config.of(
                sandbox.clientSecret(), WebhookDeliveryIT.CONNECTOR_SECRET), Clock.systemUTC());
        assertThat(authenticator.verify(retrying.headers(), retrying.body()).accepted()).isTrue();
        // the receiver notes the report and queues nothing
        WebhookReceiver receiver = new WebhookReceiver(WebhookReceiver.Config.of(sandbox.storeHash()), authenticator,
                (body, key, dedup) -> { throw new AssertionError("nothing may be queued"); });
        assertThat(receiver.receive(disabled.headers(), disabled.body()).status()).isEqualTo(200);
        // 90001 at most once per (scaled) ten minutes for the destination: at most one per failed retry. How many
        // fewer depends on how fast this machine runs the scaled schedule (18 ms intervals), so only the bound holds
        assertThat(exceptions.received().stream().filter(r -> r.text().contains("90001")).count())
                .isBetween(1L, 11L);

        destination.answer(200);
        assertThat(hooks()).filteredOn(h -> h.scope().equals("store/order/created"))
                .singleElement().satisfies(h -> assertThat(h.active()).isFalse());
        assertThat(health.check().hooks().reactivated()).containsExactly("store/order/created");
    }

    /**
     * 120 refused deliveries to one domain inside BigCommerce's 2-minute window (scaled): the domain is blocklisted,
     * as {@code GET /v3/hooks/admin} shows, the retries that come due wait, the app hears 90003 at its exception
     * hook on another domain, and the health job reports the block.
     */
    @Test
    void a_domain_whose_deliveries_fail_is_blocklisted_and_the_health_job_reports_it() throws Exception {
        sandbox.close();
        // 2 minutes are 6 s here and the block 9 s; the first retry comes after 3 s, inside the block
        sandbox = BigCommerceSandbox.start(BigCommerceSandbox.Settings.defaults().withWebhookRetryTimeScale(0.05));
        connector = BigCommerceClient.create(new BigCommerceSettings(URI.create(sandbox.baseUrl()), sandbox.storeHash(),
                sandbox.connectorAccessToken()));
        String exceptionsElsewhere = exceptions.url().replace("127.0.0.1", "localhost");
        health = new WebhookHealth(sandbox.storeHash(), new WebhookRegistrar(connector), state,
                new WebhookHealth.Target(SCOPES, destination.url(), exceptionsElsewhere, HEADERS), Clock.systemUTC());
        health.check();
        destination.answer(401);
        sandbox.faults().deliveriesPerEvent(120);
        placeOrder();

        Destination.Received blocked = exceptions.await(r -> r.text().contains("90003"), Duration.ofSeconds(10));
        assertThat(JsonSupport.MAPPER.readTree(blocked.body()).path("data").path("message").asText())
                .contains("blocked");
        List<WebhookRegistrar.BlockedDomain> domains = new WebhookRegistrar(connector).blockedDomains();
        assertThat(domains).singleElement().satisfies(d -> {
            assertThat(d.destination()).isEqualTo("http://127.0.0.1");
            assertThat(d.secondsLeft()).isBetween(1L, 180L);
            assertThat(d.reasons()).containsOnlyKeys("status 401");
            assertThat(d.reasons().get("status 401")).isGreaterThanOrEqualTo(11L);
        });
        int receivedAtBlock = destination.received().size();
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (sandbox.deliveries().heldByBlocklist() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sandbox.deliveries().heldByBlocklist()).as("retries due during the block wait").isPositive();

        WebhookHealth.Report report = health.check();
        assertThat(report.blockedDomains()).extracting(WebhookRegistrar.BlockedDomain::destination)
                .containsExactly("http://127.0.0.1");
        assertThat(state.cursor(WebhookHealth.cursorName(sandbox.storeHash())).orElseThrow().note())
                .contains("BigCommerce blocklists http://127.0.0.1 for ").contains("status 401 x");
        assertThat(destination.received().size()).as("nothing is sent to the domain while it is blocked")
                .isLessThanOrEqualTo(receivedAtBlock + 120);
    }

    @Test
    void the_exception_hook_cannot_share_a_destination_with_the_other_hooks() {
        health.check();

        assertThatThrownBy(() -> new WebhookRegistrar(connector).ensureDeliveryExceptionHook(destination.url(), HEADERS))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("422");
        assertThatThrownBy(() -> new WebhookHealth.Target(SCOPES, destination.url(), destination.url(), HEADERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }
}
