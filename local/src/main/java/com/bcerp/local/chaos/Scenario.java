package com.bcerp.local.chaos;

import com.bcerp.acumatica.AcumaticaType;
import com.bcerp.bigcommerce.webhook.WebhookRegistrar;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.sync.KeyScope;
import com.bcerp.core.sync.Outcome;
import com.bcerp.extensiv.ExtensivType;
import com.bcerp.local.demo.OrderSeeder;
import com.bcerp.local.ops.DeadLetters;
import com.bcerp.local.ops.OpsTarget;
import com.bcerp.local.ops.Operations;
import com.bcerp.local.runtime.LocalAws;
import com.bcerp.local.runtime.LocalBackOffice;
import com.bcerp.local.runtime.LocalRuntime;
import com.bcerp.local.runtime.QueuePump;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chaos scenarios: each starts its own local runtime (so each is measured alone), injects one kind of fault
 * while orders flow, and leaves the measuring to {@link ChaosRunner}. Times are shortened in the deployed
 * proportions (see {@link LocalRuntime.Timing}): a claim's lease outlives any one attempt and runs out before the
 * queue's visibility timeout brings a message back. The order catch-up only runs where it is the mechanism under
 * test (dropped webhooks), so every other scenario shows its own mechanism recovering.
 */
public enum Scenario {

    DUPLICATE_DELIVERIES("duplicate-deliveries", "every webhook delivered three times, concurrently") {
        @Override
        void act(Harness h) {
            h.runtime().bigcommerce().faults().deliveriesPerEvent(3);
            h.place(h.orders());
            h.fact("webhook_copies_per_event", 3);
        }
    },

    OUT_OF_ORDER("out-of-order", "events for one order out of order: placed incomplete, then completed and moved on "
            + "(with a warehouse under test: Pending, then Awaiting Fulfillment, the status it takes orders in), "
            + "five events per order delivered shuffled") {
        @Override
        void act(Harness h) {
            h.runtime().bigcommerce().faults().shuffleDeliveries(true);
            // a warehouse takes only Awaiting Fulfillment orders (Extensiv's own integration downloads no others), so an
            // order moved on to Awaiting Shipment before its events are handled rightly never reaches it; with one
            // under test the orders end in Awaiting Fulfillment, through Pending, so every one must arrive
            boolean warehouse = h.warehouseUnderTest();
            List<OrderSeeder.Placed> placed = h.place(h.orders(), 0, i -> false);
            for (OrderSeeder.Placed order : placed) {
                h.moveTo(order, warehouse ? 1 : 11); // the checkout completes: Pending, or Awaiting Fulfillment
            }
            for (OrderSeeder.Placed order : placed) {
                h.moveTo(order, warehouse ? 11 : 9); // then Awaiting Fulfillment, or Awaiting Shipment
            }
            h.fact("events_per_order", 5);
            h.fact("statuses", warehouse ? List.of(0, 1, 11) : List.of(0, 11, 9));
        }
    },

    BACK_OFFICE_OUTAGE("back-office-outage", "the back office failing mid-run: 30% of calls time out (the writes "
            + "among them after they are stored) for 5 s, then every call answers 503 for 4 s, then back") {
        @Override
        void act(Harness h) throws InterruptedException {
            Thread placing = h.placeInBackground(h.orders());
            List<LocalBackOffice> backOffices = h.backOffices();
            h.awaitPlaced(h.orders() / 4);
            backOffices.forEach(b -> b.loseAnswers(0.3, Duration.ofSeconds(2)));
            Thread.sleep(5_000);
            backOffices.forEach(b -> {
                b.resetFaults();
                b.unavailable(true);
            });
            Thread.sleep(4_000);
            backOffices.forEach(LocalBackOffice::resetFaults);
            placing.join();
            h.fact("timeouts_injected", backOffices.stream().mapToLong(LocalBackOffice::answersLost).sum());
        }

        @Override
        void after(Harness h) {
            h.fact("linked_existing_after_a_lost_answer", h.outcomes().getOrDefault("LINKED_EXISTING", 0L));
        }
    },

    RATE_LIMIT_STORM("rate-limit-storm", "a BigCommerce 429 storm: every request refused for 3 s mid-run") {
        @Override
        LocalRuntime.Options options(LocalRuntime.Options base) {
            // a 5-second window keeps the store's reset waits inside an attempt's lease
            return super.options(base).withQuota(150).withTiming(timing(Duration.ofSeconds(5), Duration.ofSeconds(20),
                    Duration.ofHours(1))).withQueues(queues(Duration.ofSeconds(25), 5));
        }

        @Override
        void act(Harness h) throws InterruptedException {
            Thread placing = h.placeInBackground(h.orders());
            h.awaitPlaced(h.orders() / 4);
            h.runtime().bigcommerce().faults().rateLimitStorm(true);
            Thread.sleep(3_000);
            h.runtime().bigcommerce().faults().rateLimitStorm(false);
            placing.join();
            h.fact("storm_seconds", 3);
        }
    },

    CRASH_AFTER_WRITE("crash-after-write", "one back-office create in ten is followed by the attempt dying before the "
            + "state write (its whole batch comes back, as from a Lambda instance that died)") {
        @Override
        LocalRuntime.Options options(LocalRuntime.Options base) {
            // attempts are quick here: a short lease and visibility bring the crashed batches back in seconds
            return super.options(base).withTiming(timing(Duration.ofSeconds(30), Duration.ofSeconds(5),
                    Duration.ofHours(1))).withQueues(queues(Duration.ofSeconds(7), 5));
        }

        @Override
        void act(Harness h) {
            h.runtime().crashes().share(0.1);
            h.place(h.orders());
        }

        @Override
        void after(Harness h) {
            h.fact("attempts_crashed", h.runtime().crashes().crashes());
            h.fact("linked_existing_after_crash", h.outcomes().getOrDefault("LINKED_EXISTING", 0L));
        }
    },

    POISON_RECORDS("poison-records", "one order in ten has a SKU the back office does not know") {
        @Override
        void act(Harness h) {
            h.place(h.orders(), 11, i -> i % 10 == 3);
        }
    },

    DROPPED_WEBHOOKS("dropped-webhooks", "30% of the webhooks never delivered; the order catch-up runs every 2 s") {
        @Override
        LocalRuntime.Options options(LocalRuntime.Options base) {
            return super.options(base).withTiming(timing(Duration.ofSeconds(30), Duration.ofSeconds(12),
                    Duration.ofSeconds(2)));
        }

        @Override
        void act(Harness h) {
            h.runtime().bigcommerce().faults().dropDeliveryShare(0.3);
            h.place(h.orders());
        }

        @Override
        void after(Harness h) {
            h.fact("webhooks_dropped", h.runtime().bigcommerce().deliveries().dropped());
            h.fact("catch_up_runs", h.runtime().ticker().ticks());
        }
    },

    TOKEN_EXPIRY("token-expiry", "back-office access tokens live 3 s (Extensiv's keep their hour), and the back "
            + "office drops every token each second (401 mid-run)") {
        @Override
        Optional<String> notApplicable(List<String> backOfficeTypes) {
            return backOfficeTypes.stream().anyMatch(TOKEN_TYPES::contains) ? Optional.empty()
                    : Optional.of("its fault is an access token ending mid-run, as Acumatica's OAuth sign-in and "
                            + "Extensiv's token exchange issue them; " + String.join(",", backOfficeTypes)
                            + " has no such thing here");
        }

        @Override
        LocalRuntime.Options options(LocalRuntime.Options base) {
            return super.options(base).withTiming(shortLivedTokens(base.timing()));
        }

        /**
         * The short lifetime is Acumatica's; Extensiv's adapter renews a token a minute before it ends, so a 3-s token
         * would be asked for anew on every call and never meet a 401: Extensiv's tokens keep their own lifetime and
         * are ended by the drop alone.
         */
        @Override
        void act(Harness h) throws InterruptedException {
            List<LocalBackOffice> expiring = h.backOffices().stream().filter(b -> TOKEN_TYPES.contains(b.type())).toList();
            Thread placing = h.placeInBackground(h.orders());
            while (placing.isAlive()) {
                Thread.sleep(1_000);
                expiring.forEach(LocalBackOffice::expireAccessTokens);
            }
        }

        @Override
        void after(Harness h) {
            if (h.backOffices().stream().noneMatch(b -> b.type().equals(AcumaticaType.SYSTEM))) {
                return; // Extensiv issues no refresh token: a new access token is asked for, nothing is written back
            }
            h.fact("token_requests", h.runtime().acumatica().calls().tokenRequests());
            String stored = h.runtime().secrets().get(com.bcerp.handlers.worker.BackOfficeRegistry.defaultSecretName("acumatica"))
                    .get("refresh_token");
            boolean rotated = stored != null && h.runtime().acumatica().issuedTokens().contains(stored);
            h.fact("rotated_refresh_token_written_back", rotated);
            if (!rotated) {
                h.fail("the secret does not hold a refresh token the instance issued");
            }
        }
    },

    HOSTILE_DELIVERIES("hostile-deliveries", "forged, replayed, stale-timestamp, unsigned, malformed, oversized and "
            + "another store's deliveries, after genuine ones") {
        @Override
        int orders(int requested) {
            return Math.max(10, requested / 10);
        }

        @Override
        void act(Harness h) throws InterruptedException {
            h.place(h.orders());
            h.awaitSettled();
            long received = h.runtime().pump().received();
            var answers = new HostileDeliveries(h.runtime()).send(20);
            Thread.sleep(3_000); // anything enqueued would have been received by now
            h.awaitSettled();
            long enqueued = h.runtime().pump().received() - received;
            h.fact("attacks", answers);
            h.fact("messages_enqueued_by_attacks", enqueued);
            if (enqueued != 0) {
                h.fail(enqueued + " message(s) reached the queue during the attack");
            }
            answers.forEach((kind, statuses) -> {
                if (!HostileDeliveries.KINDS.get(kind).containsAll(statuses.keySet())) {
                    h.fail(kind + " was answered " + statuses.keySet() + ", expected " + HostileDeliveries.KINDS.get(kind));
                }
            });
        }
    },

    ASYNC_ACTIONS("async-actions", "the back office runs actions as long-running operations (202, a status to poll, "
            + "the session locked for 600 ms); one order in three is cancelled in the store once imported (in a "
            + "warehouse beside it too)") {
        @Override
        Optional<String> notApplicable(List<String> backOfficeTypes) {
            return acumaticaAmong(backOfficeTypes, "its fault is Acumatica's long-running actions (202 and a status to poll)");
        }

        @Override
        void act(Harness h) throws InterruptedException {
            h.runtime().acumatica().faults().actionDuration(Duration.ofMillis(600));
            List<OrderSeeder.Placed> placed = h.place(h.orders());
            h.awaitSettled();
            for (int i = 0; i < placed.size(); i += 3) {
                h.seeder().setStatus(placed.get(i).id(), 5); // Cancelled
            }
        }

        @Override
        void after(Harness h) {
            var documents = com.bcerp.local.demo.DemoReport.salesOrdersByCustomerOrder(h.runtime());
            long cancelled = 0;
            for (int i = 0; i < h.placed().size(); i += 3) {
                String id = Long.toString(h.placed().get(i).id());
                boolean done = documents.getOrDefault(id, List.of()).stream()
                        .anyMatch(d -> "Cancelled".equals(d.path("Status").path("value").asText()));
                if (done) {
                    cancelled++;
                } else {
                    h.fail("store order " + id + " was cancelled, its sales order is not");
                }
            }
            h.fact("sales_orders_cancelled", cancelled);
            h.fact("action_status_polls", h.runtime().acumatica().calls().count("GET /SalesOrder/CancelSalesOrder/status/{id}"));
            // a warehouse beside it cancels its open orders on its own, whatever Acumatica's actions take
            for (LocalBackOffice b : h.backOffices()) {
                if (!b.type().equals(ExtensivType.SYSTEM)) {
                    continue;
                }
                var orders = b.shippingDesk().orElseThrow().orders(h.runtime().bigcommerce().storeHash());
                long warehouseCancelled = 0;
                for (int i = 0; i < h.placed().size(); i += 3) {
                    var order = orders.get(h.placed().get(i).id());
                    if (order != null && order.status().equals("cancelled")) {
                        warehouseCancelled++;
                    } else {
                        h.fail("store order " + h.placed().get(i).id() + " was cancelled, its warehouse order is not");
                    }
                }
                h.fact("warehouse_orders_cancelled", warehouseCancelled);
            }
        }
    },

    LICENCE_DELAY("licence-delay", "a burst against the back office's licence of 10 requests per minute (a minute of "
            + "2 s): past half of it each request waits its turn in the licence's queue, answers slowing past the "
            + "connector's 1 s timeout") {
        @Override
        Optional<String> notApplicable(List<String> backOfficeTypes) {
            return acumaticaAmong(backOfficeTypes, "its fault is Acumatica's licence queue");
        }

        @Override
        int orders(int requested) {
            return Math.max(10, requested / 4); // the licence lets 5 requests a second through
        }

        @Override
        LocalRuntime.Options options(LocalRuntime.Options base) {
            // the visibility outlasts the licence's ten minutes (20 s here), as the deployed 720 s outlast Acumatica's:
            // a create that timed out in the queue has been made or declined before its retry looks it up
            return super.options(base).withQueues(queues(Duration.ofSeconds(25), 5));
        }

        @Override
        void act(Harness h) throws InterruptedException {
            h.runtime().acumatica().faults().licenceMinute(LICENCE_MINUTE).licenceLimit(10);
            h.runtime().pump().enabled(false); // the orders queue up, then arrive at once
            h.place(h.orders());
            h.runtime().bigcommerce().awaitDeliveriesIdle(Duration.ofSeconds(60));
            h.runtime().pump().enabled(true);
        }

        @Override
        void after(Harness h) {
            var faults = h.runtime().acumatica().faults();
            h.fact("calls_delayed_by_the_licence", faults.licenceDelayed());
            h.fact("calls_declined_by_the_licence", faults.licenceDeclined());
            h.fact("linked_existing_after_a_timeout", h.outcomes().getOrDefault("LINKED_EXISTING", 0L));
        }
    },

    DEAD_LETTER_REDRIVE("dead-letter-redrive", "the back office down until every message is dead-lettered; then fixed, "
            + "and the dead-letter queue redriven") {
        @Override
        LocalRuntime.Options options(LocalRuntime.Options base) {
            // two receives dead-letter a message quickly; the visibility timeout (and so each invocation's time, as
            // AWS allows no function timeout beyond it) leaves a batch of five time for two back offices on a busy machine
            return super.options(base).withTiming(timing(Duration.ofSeconds(30), Duration.ofSeconds(2),
                    Duration.ofHours(1))).withQueues(queues(Duration.ofSeconds(10), 2));
        }

        @Override
        void act(Harness h) throws InterruptedException {
            h.backOffices().forEach(b -> b.unavailable(true));
            h.place(h.orders());
            LocalAws aws = h.runtime().aws();
            // two receives a visibility timeout apart, for every event of every order, on a machine that may be busy
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            // every order's events (created, and the status or payment events some orders raise) must have failed
            // out of the source queue first: one still there when the redrive runs would be dead-lettered after it
            while ((aws.visibleAndInFlight(aws.deadLetterQueueUrl()) < h.orders()
                    || aws.visibleAndInFlight(aws.eventsQueueUrl()) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            h.fact("dead_lettered_before_redrive", aws.visibleAndInFlight(aws.deadLetterQueueUrl()));
            h.backOffices().forEach(b -> b.unavailable(false)); // the cause is fixed
            DeadLetters.Redrive redrive = new Operations(OpsTarget.of(h.runtime()), Clock.systemUTC())
                    .redrive(DeadLetters.Method.AUTO, message -> { });
            h.fact("redrive_method", redrive.method());
            h.fact("redriven", redrive.moved());
            // what the redrive itself saw left; a later failure of a redriven message shows in dead_lettered
            h.fact("left_after_redrive", redrive.left());
        }
    },

    DOMAIN_BLOCKLIST("domain-blocklist", "the webhook URL answering 503 until BigCommerce blocklists its domain; "
            + "deliveries wait for their retries, the webhook-health job reports the block, then the URL is back") {
        @Override
        LocalRuntime.Options options(LocalRuntime.Options base) {
            // BigCommerce's 2-minute window is 6 s here and its 3-minute block 9 s; the first retry comes after 3 s
            return super.options(base).withWebhookRetryTimeScale(0.05);
        }

        @Override
        int orders(int requested) {
            return Math.max(40, requested / 5);
        }

        @Override
        void act(Harness h) throws InterruptedException {
            // duplicates, as BigCommerce may send: enough deliveries inside the window for the ratio to count
            h.runtime().bigcommerce().faults().deliveriesPerEvent(3);
            h.runtime().frontDoor().unavailable(true);
            Thread placing = h.placeInBackground(h.orders());
            List<WebhookRegistrar.BlockedDomain> blocked = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (blocked.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                blocked = h.runtime().worker().webhookHealth().check().blockedDomains();
            }
            h.runtime().frontDoor().unavailable(false); // the cause is fixed
            placing.join();
            h.fact("reported_by_webhook_health", blocked.stream().map(Object::toString).toList());
            if (blocked.isEmpty()) {
                h.fail("BigCommerce never blocklisted the webhook URL's domain, or the webhook-health job missed it");
            }
        }

        @Override
        void after(Harness h) {
            h.fact("deliveries_held_by_blocklist", h.runtime().bigcommerce().deliveries().heldByBlocklist());
        }
    },

    SESSION_LIMIT("session-limit", "a trial licence of 2 API-user slots while " + Scenario.SESSION_WORKERS + " worker "
            + "processes import orders in waves: access tokens live 3 s and an unused session ends after 1.5 s, so "
            + "between waves every process meets an ended session") {
        @Override
        Optional<String> notApplicable(List<String> backOfficeTypes) {
            return acumaticaAmong(backOfficeTypes, "its fault is Acumatica's API-user slots and sessions");
        }

        @Override
        LocalRuntime.Options options(LocalRuntime.Options base) {
            return super.options(base).withTiming(shortLivedTokens(base.timing()));
        }

        @Override
        void act(Harness h) throws InterruptedException {
            h.runtime().acumatica().faults().apiUserLimit(2).sessionIdleTimeout(SESSION_IDLE);
            List<QueuePump> workers = new ArrayList<>(List.of(h.runtime().pump()));
            for (int i = 2; i <= SESSION_WORKERS; i++) {
                workers.add(h.runtime().startWorker("order-worker-" + i, 2)); // each its own process: its own session
            }
            int waves = 4;
            for (int wave = 0; wave < waves; wave++) {
                h.place(h.orders() / waves + (wave < h.orders() % waves ? 1 : 0));
                h.awaitSettled();
                if (wave < waves - 1) {
                    Thread.sleep(SESSION_IDLE.multipliedBy(2).toMillis()); // unused, the session ends
                }
            }
            h.fact("worker_processes", SESSION_WORKERS);
            h.fact("messages_received_by_each_worker", workers.stream().map(QueuePump::received).toList());
            h.fact("waves", waves);
        }

        @Override
        void after(Harness h) {
            var sessions = h.runtime().acumatica().sessionRecords();
            h.fact("sessions_opened", sessions.opened());
            h.fact("most_sessions_open_at_once", sessions.mostOpenAtOnce());
            h.fact("sessions_open_at_end", sessions.open());
            h.fact("grants_refused_api_login_limit", sessions.refusedAtLimit());
            h.fact("token_requests", h.runtime().acumatica().calls().tokenRequests());
            if (sessions.mostOpenAtOnce() > 1) {
                h.fail(sessions.mostOpenAtOnce() + " sessions were open at once: a process opened a second grant");
            }
            if (sessions.refusedAtLimit() > 0) {
                h.fail(sessions.refusedAtLimit() + " grant(s) refused with API Login Limit");
            }
            if (sessions.open() > 1) {
                h.fail(sessions.open() + " sessions left open: leaked");
            }
        }
    },

    DELETED_RECORD("deleted-record", "once the orders are imported, a person deletes one sales order in five in "
            + "Acumatica (DELETE /SalesOrder/{type}/{nbr}), then the store cancels those orders: Acumatica has no "
            + "such record (by its keys: 500 NoEntitySatisfiesTheConditionException)") {
        @Override
        Optional<String> notApplicable(List<String> backOfficeTypes) {
            return acumaticaAmong(backOfficeTypes, "its fault is a sales order deleted in Acumatica");
        }

        @Override
        void act(Harness h) throws InterruptedException {
            List<OrderSeeder.Placed> placed = h.place(h.orders());
            h.awaitSettled();
            String acumatica = acumaticaName(h);
            var documents = com.bcerp.local.demo.DemoReport.salesOrdersByCustomerOrder(h.runtime());
            List<String> deleted = new ArrayList<>();
            for (int i = 1; i < placed.size(); i += 5) {
                long id = placed.get(i).id();
                for (var so : documents.getOrDefault(Long.toString(id), List.of())) {
                    String type = so.path("OrderType").path("value").asText();
                    String nbr = so.path("OrderNbr").path("value").asText();
                    h.runtime().acumatica().deleteOrder(type, nbr);
                    deleted.add(type + " " + nbr);
                }
                h.deletedIn(acumatica, id);
            }
            for (int i = 1; i < placed.size(); i += 5) {
                h.seeder().setStatus(placed.get(i).id(), 5); // Cancelled
            }
            h.fact("sales_orders_deleted", deleted.size());
        }

        /**
         * Each cancellation of an order whose sales order is gone ends once, skipped or parked with the reason, and
         * is never retried: no attempt at it ends RETRYING, and its last attempt is SKIPPED or PARKED.
         */
        @Override
        void after(Harness h) {
            String acumatica = acumaticaName(h);
            KeyScope scope = h.runtime().takingOrders().get(0).equals(acumatica) ? KeyScope.primary(acumatica)
                    : KeyScope.secondary(acumatica);
            String store = scope.store(h.runtime().bigcommerce().storeHash());
            long skipped = 0;
            long parked = 0;
            java.util.Set<String> reasons = new java.util.TreeSet<>();
            for (long id : h.deletedIn(acumatica)) {
                String key = com.bcerp.core.order.OrderChanges.recordKey(store, id);
                List<AuditRecord> history = h.runtime().worker().state().history(key);
                long retried = history.stream().filter(r -> r.outcome() == Outcome.RETRYING).count();
                AuditRecord last = history.isEmpty() ? null : history.get(history.size() - 1);
                if (last == null) {
                    h.fail(key + ": the store's cancellation was never handled");
                } else if (retried > 0) {
                    h.fail(key + ": retried " + retried + " time(s) against a sales order that no longer exists");
                } else if (last.outcome() == Outcome.SKIPPED || last.outcome() == Outcome.PARKED) {
                    if (last.outcome() == Outcome.SKIPPED) {
                        skipped++;
                    } else {
                        parked++;
                    }
                    reasons.add(String.valueOf(last.error()).replaceAll("\\d+", "N"));
                } else {
                    h.fail(key + " ended " + last.outcome() + " (" + last.error() + "), not skipped or parked");
                }
            }
            h.fact("cancellations_skipped", skipped);
            h.fact("cancellations_parked", parked);
            h.fact("reasons", List.copyOf(reasons));
        }

        private static String acumaticaName(Harness h) {
            return h.runtime().takingOrders().stream()
                    .filter(n -> h.runtime().backOffices().get(n).type().equals(AcumaticaType.SYSTEM)).findFirst().orElseThrow();
        }
    },

    MULTI_STATUS_207("multi-status-207", "while orders flow, the catalogue sync writes " + Scenario.CATALOG_CHANGED
            + " changed products, and the store saves " + Scenario.CATALOG_URL_FAILS + " of them only in part: "
            + "207 Multi-Status, everything but the URL saved") {
        @Override
        Optional<String> notApplicable(List<String> backOfficeTypes) {
            return acumaticaAmong(backOfficeTypes, "its catalogue comes from the Acumatica sandbox's items here");
        }

        @Override
        void act(Harness h) throws InterruptedException {
            var sync = h.runtime().worker().catalogSync();
            sync.run(com.bcerp.core.catalog.CatalogSync.Mode.SCHEDULED, com.bcerp.core.sync.SyncProgress.NONE);
            List<com.bcerp.sandbox.SandboxCatalog.Item> all = h.runtime().bigcommerce().catalog().simpleItems();
            List<com.bcerp.sandbox.SandboxCatalog.Item> changed = all.subList(all.size() - CATALOG_CHANGED, all.size());
            List<String> failing = new ArrayList<>();
            Thread placing = h.placeInBackground(h.orders());
            h.awaitPlaced(h.orders() / 4);
            for (int i = 0; i < changed.size(); i++) {
                String sku = changed.get(i).sku();
                h.runtime().acumatica().items().updateItem(sku, c -> c.price(CATALOG_PRICE));
                if (i % 2 == 1 && failing.size() < CATALOG_URL_FAILS) {
                    h.runtime().bigcommerce().faults().urlSaveFails(sku);
                    failing.add(sku);
                }
            }
            var report = sync.run(com.bcerp.core.catalog.CatalogSync.Mode.SCHEDULED, com.bcerp.core.sync.SyncProgress.NONE);
            placing.join();
            h.fact("products_changed", changed.stream().map(com.bcerp.sandbox.SandboxCatalog.Item::sku).toList());
            h.fact("products_answered_207", failing);
            h.fact("products_updated", report.productsUpdated());
            h.fact("products_parked_by_the_sync", report.parked());
            var parked = h.runtime().worker().state().parked();
            for (var item : changed) {
                String sku = item.sku();
                var price = h.runtime().bigcommerce().products().view(sku, h.runtime().bigcommerce().inventory())
                        .map(p -> p.path("price").decimalValue());
                if (price.isEmpty() || price.get().compareTo(CATALOG_PRICE) != 0) {
                    h.fail("product " + sku + " does not carry its new price in the store: " + price.orElse(null));
                }
                var mine = parked.stream().filter(p -> p.recordKey().endsWith("#" + sku)).toList();
                mine.forEach(p -> h.parksByDesign(p.recordKey()));
                if (failing.contains(sku)) {
                    if (mine.size() != 1 || !mine.get(0).reason().contains("custom_url")) {
                        h.fail("product " + sku + " was answered 207 but is not parked once naming custom_url: " + mine);
                    }
                } else if (!mine.isEmpty()) {
                    h.fail("product " + sku + " was written whole but is parked: " + mine.get(0).reason());
                }
            }
        }
    };

    /** Lease and visibility for the scenarios that keep the defaults: attempts here take a few seconds at most. */
    static final Duration CHAOS_LEASE = Duration.ofSeconds(12);
    static final Duration CHAOS_VISIBILITY = Duration.ofSeconds(15);
    static final Duration CHAOS_BACK_OFFICE_TIMEOUT = Duration.ofSeconds(1);
    static final Duration LICENCE_MINUTE = Duration.ofSeconds(2);
    /** How long an unused Acumatica session keeps its slot in the session-limit scenario. */
    static final Duration SESSION_IDLE = Duration.ofMillis(1500);
    static final int SESSION_WORKERS = 4;
    /** The catalogue products the multi-status-207 scenario changes, and how many of them the store saves in part. */
    static final int CATALOG_CHANGED = 6;
    static final int CATALOG_URL_FAILS = 3;
    static final java.math.BigDecimal CATALOG_PRICE = new java.math.BigDecimal("61.00");

    /** The back-office types whose local sandboxes issue access tokens that the token-expiry scenario ends. */
    static final java.util.Set<String> TOKEN_TYPES = java.util.Set.of(AcumaticaType.SYSTEM, ExtensivType.SYSTEM);

    private final String id;
    private final String description;

    Scenario(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The runtime this scenario runs in. */
    LocalRuntime.Options options(LocalRuntime.Options base) {
        return base.withQuota(900).withTiming(timing(Duration.ofSeconds(30), CHAOS_LEASE, Duration.ofHours(1)))
                .withQueues(queues(CHAOS_VISIBILITY, 5));
    }

    /** The orders this scenario places, given the run's orders per scenario. */
    int orders(int requested) {
        return requested;
    }

    /** Why this scenario does not apply to back offices of these types (those taking the orders), or empty. */
    Optional<String> notApplicable(List<String> backOfficeTypes) {
        return Optional.empty();
    }

    private static Optional<String> acumaticaAmong(List<String> backOfficeTypes, String why) {
        return backOfficeTypes.contains(AcumaticaType.SYSTEM) ? Optional.empty()
                : Optional.of(why + "; " + String.join(",", backOfficeTypes) + " has no such thing");
    }

    /** Injects the fault while orders flow. */
    abstract void act(Harness h) throws InterruptedException;

    /** Records what the fault did, once the work has settled. */
    void after(Harness h) {}

    static LocalRuntime.Timing timing(Duration quotaWindow, Duration lease, Duration catchUpEvery) {
        return new LocalRuntime.Timing(quotaWindow, lease, CHAOS_BACK_OFFICE_TIMEOUT, Duration.ofHours(1), catchUpEvery,
                Duration.ofHours(1));
    }

    /** The chaos lease and back-office timeout, with back-office access tokens that live 3 s. */
    static LocalRuntime.Timing shortLivedTokens(LocalRuntime.Timing t) {
        return new LocalRuntime.Timing(t.quotaWindow(), CHAOS_LEASE, CHAOS_BACK_OFFICE_TIMEOUT, Duration.ofSeconds(3),
                Duration.ofHours(1), Duration.ofHours(1));
    }

    static LocalAws.QueueSettings queues(Duration visibility, int maxReceiveCount) {
        LocalAws.QueueSettings d = LocalAws.QueueSettings.defaults();
        return new LocalAws.QueueSettings(d.eventsQueue(), d.deadLetterQueue(), visibility, maxReceiveCount);
    }

    public static Scenario byId(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no scenario '" + id + "'; the scenarios are "
                + java.util.Arrays.stream(values()).map(Scenario::id).toList());
    }
}
