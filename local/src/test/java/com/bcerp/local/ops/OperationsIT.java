package com.bcerp.local.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.webhook.Webhook;
import com.bcerp.bigcommerce.webhook.WebhookRegistrar;
import com.bcerp.core.order.OrderCatchUp;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.Outcome;
import com.bcerp.handlers.worker.OrderCatchUpHandler;
import com.bcerp.handlers.worker.WebhookHealthHandler;
import com.bcerp.local.demo.DemoReport;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.runtime.LocalAws;
import com.bcerp.local.runtime.LocalRuntime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ops against the local runtime, in this process: the scheduled handlers, what `ops errors` shows, replay, redrive
 * (both methods), status. Queues with a 2-second visibility timeout and two receives dead-letter in seconds.
 */
class OperationsIT {

    private static LocalRuntime runtime;
    private static Operations ops;
    private static OrderSeeder seeder;

    @BeforeAll
    static void start() throws Exception {
        LocalAws.QueueSettings q = LocalAws.QueueSettings.defaults();
        LocalRuntime.Timing t = LocalRuntime.Timing.defaults();
        Path dir = Files.createTempDirectory("operations-it");
        // one message per batch, as the deployed proportion keeps a batch inside the visibility timeout (6 x the
        // function timeout): a batch of failing orders retrying against an unavailable back office takes longer
        // than these 2 seconds, and its later messages would come back before they were tried
        Path config = Files.writeString(dir.resolve("connector.yaml"), "deployment:\n  order_worker:\n    batch_size: 1\n");
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir).withConfigFile(config)
                .withQueues(new LocalAws.QueueSettings(q.eventsQueue(), q.deadLetterQueue(), Duration.ofSeconds(2), 2))
                .withTiming(new LocalRuntime.Timing(t.quotaWindow(), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        t.accessTokenLifetime(), Duration.ofHours(1), Duration.ofHours(1))));
        ops = new Operations(OpsTarget.of(runtime), Clock.systemUTC());
        seeder = new OrderSeeder(runtime.bigcommerce(), 5);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static void awaitSettled() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!runtime.isSettled(Duration.ofSeconds(2)) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private static boolean inBackOffice(OrderSeeder.Placed order) {
        return DemoReport.salesOrdersByCustomerOrder(runtime).containsKey(Long.toString(order.id()));
    }

    private static void awaitDeadLettered(int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl()) < count && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    @Test
    void the_catch_up_imports_orders_whose_webhooks_never_came_and_moves_its_cursor() throws Exception {
        runtime.bigcommerce().faults().dropDeliveryShare(1.0);
        List<OrderSeeder.Placed> placed;
        try {
            placed = seeder.place(4);
        } finally {
            runtime.bigcommerce().faults().reset();
        }
        awaitSettled();
        assertThat(placed).noneMatch(OperationsIT::inBackOffice);

        String summary = new OrderCatchUpHandler(runtime.worker().catchUp()).handleRequest(null, null);
        awaitSettled();

        assertThat(placed).allMatch(OperationsIT::inBackOffice);
        assertThat(summary).startsWith("enqueued ");
        Operations.CursorStatus cursor = ops.status().cursors().stream()
                .filter(c -> c.name().equals(OrderCatchUp.cursorName(runtime.bigcommerce().storeHash())))
                .findFirst().orElseThrow();
        assertThat(cursor.position()).isNotNull();
        assertThat(cursor.note()).contains("enqueued");
        assertThat(ops.history(ops.orderKey(placed.get(0).id()))).extracting(AuditRecord::trigger)
                .anyMatch(trigger -> trigger.startsWith("store/order/updated catch-up@"));
    }

    @Test
    void the_webhook_health_handler_reactivates_a_hook_the_store_deactivated() {
        BigCommerceClient connector = BigCommerceClient.create(new BigCommerceSettings(
                URI.create(runtime.bigcommerce().baseUrl()), runtime.bigcommerce().storeHash(),
                runtime.bigcommerce().connectorAccessToken()));
        WebhookRegistrar registrar = new WebhookRegistrar(connector);
        Webhook hook = registrar.list(runtime.frontDoor().webhookUrl()).get(0);
        BigCommerceClient.expect(connector.put("/v3/hooks/" + hook.id(), Map.of("is_active", false)), "deactivate",
                Set.of(200));

        String summary = new WebhookHealthHandler(runtime.worker().webhookHealth()).handleRequest(null, null);

        assertThat(summary).contains("re-activated [" + hook.scope() + "]");
        assertThat(registrar.list(runtime.frontDoor().webhookUrl())).allMatch(Webhook::active);
    }

    @Test
    void errors_show_parked_and_dead_lettered_records_with_their_reasons_and_a_redrive_after_the_fix_imports_them()
            throws Exception {
        OrderSeeder.Placed poison = seeder.place(1, 11, i -> true).get(0);
        awaitSettled();
        runtime.acumatica().faults().unavailable(true);
        List<OrderSeeder.Placed> stuck;
        try {
            stuck = seeder.place(3);
            awaitDeadLettered(3);
            awaitSettled();

            List<Operations.Failure> errors = ops.errors();
            assertThat(errors).filteredOn(f -> f.kind().equals("parked")).extracting(Operations.Failure::recordKey)
                    .contains(ops.orderKey(poison.id()));
            assertThat(errors).filteredOn(f -> f.recordKey().equals(ops.orderKey(poison.id()))).singleElement()
                    .satisfies(f -> assertThat(f.reason()).contains("InventoryID").contains("SKU-STORE-ONLY"));
            List<String> stuckKeys = stuck.stream().map(o -> ops.orderKey(o.id())).toList();
            List<Operations.Failure> dead = errors.stream().filter(f -> f.kind().equals("dead-lettered"))
                    .filter(f -> stuckKeys.contains(f.recordKey())).toList();
            assertThat(dead).extracting(Operations.Failure::recordKey).containsExactlyInAnyOrderElementsOf(stuckKeys);
            assertThat(dead).allSatisfy(f -> {
                assertThat(f.reason()).contains("RETRYING").contains("503");
                assertThat(f.receives()).isGreaterThanOrEqualTo(2);
            });
            // listing leaves them where they are
            assertThat(ops.errors().stream().filter(f -> stuckKeys.contains(f.recordKey()))).hasSize(3);
        } finally {
            runtime.acumatica().faults().reset();
        }

        DeadLetters.Redrive redrive = ops.redrive(DeadLetters.Method.AUTO, message -> { });
        awaitSettled();

        assertThat(redrive.method()).as("2 receives x 2 s is inside the 5-minute deduplication window")
                .isEqualTo(DeadLetters.Method.RESEND);
        assertThat(redrive.moved()).isGreaterThanOrEqualTo(3);
        assertThat(redrive.left()).isZero();
        assertThat(stuck).allMatch(OperationsIT::inBackOffice);
        assertThat(ops.status().deadLetters().visible()).isZero();
    }

    @Test
    void a_message_move_task_leaves_what_it_did_not_move_in_the_dead_letter_queue_and_says_so() throws Exception {
        runtime.acumatica().faults().unavailable(true);
        List<OrderSeeder.Placed> stuck;
        try {
            stuck = seeder.place(2);
            awaitDeadLettered(2);
        } finally {
            runtime.acumatica().faults().reset();
        }

        DeadLetters.Redrive moveTask = ops.redrive(DeadLetters.Method.MOVE_TASK, message -> { });
        awaitSettled();

        // What a move task did not move stays in the dead-letter queue and is reported, never lost. (ElasticMQ 1.7.1
        // completes a move task out of a FIFO queue without moving anything; SQS moves them.)
        assertThat(moveTask.method()).isEqualTo(DeadLetters.Method.MOVE_TASK);
        assertThat(moveTask.moved() + moveTask.left()).isGreaterThanOrEqualTo(2);
        long imported = stuck.stream().filter(OperationsIT::inBackOffice).count();
        assertThat(imported).isEqualTo(Math.min(2, moveTask.moved()));
        DeadLetters.Redrive rest = ops.redrive(DeadLetters.Method.RESEND, message -> { });
        awaitSettled();

        assertThat(rest.moved()).isEqualTo(moveTask.left());
        assertThat(stuck).allMatch(OperationsIT::inBackOffice);
        assertThat(runtime.aws().visibleAndInFlight(runtime.aws().deadLetterQueueUrl())).isZero();
    }

    @Test
    void a_replay_of_a_synced_order_changes_nothing_and_only_order_records_can_be_replayed() throws Exception {
        OrderSeeder.Placed order = seeder.place(1).get(0);
        awaitSettled();

        Operations.Replay replay = ops.replay(ops.orderKey(order.id()));
        awaitSettled();

        assertThat(replay.note()).contains("already synced");
        assertThat(ops.history(ops.orderKey(order.id()))).extracting(AuditRecord::outcome)
                .containsExactly(Outcome.CREATED, Outcome.ALREADY_SYNCED);
        assertThat(DemoReport.salesOrdersByCustomerOrder(runtime).get(Long.toString(order.id()))).hasSize(1);
        assertThatThrownBy(() -> ops.replay("customer#email#a@example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only order and customer records");
    }
}
