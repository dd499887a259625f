package com.bcerp.local.ops;

import com.bcerp.aws.Environment;
import com.bcerp.aws.SqsEventQueue;
import com.bcerp.bigcommerce.BigCommerceClient;
import com.bcerp.bigcommerce.BigCommerceSettings;
import com.bcerp.bigcommerce.webhook.MalformedWebhookException;
import com.bcerp.bigcommerce.webhook.WebhookEventQueue;
import com.bcerp.bigcommerce.webhook.WebhookHealth;
import com.bcerp.bigcommerce.webhook.WebhookPayloads;
import com.bcerp.bigcommerce.webhook.WebhookRegistrar;
import com.bcerp.core.model.StoreEvent;
import com.bcerp.core.order.OrderCatchUp;
import com.bcerp.core.customer.CustomerSync;
import com.bcerp.core.order.OrderImport;
import com.bcerp.core.port.SyncState;
import com.bcerp.core.sync.AuditRecord;
import com.bcerp.core.catalog.CatalogSync;
import com.bcerp.core.stock.StockSync;
import com.bcerp.core.fulfilment.FulfilmentSync;
import com.bcerp.core.sync.Cursor;
import com.bcerp.core.sync.Outcome;
import com.bcerp.core.sync.ParkedRecord;
import com.bcerp.handlers.worker.check.CheckReport;
import com.bcerp.handlers.worker.check.PreflightCheckHandler;
import com.bcerp.local.runtime.LocalLambdaContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What ops can see and do, against one deployment ({@link OpsTarget}): the records that failed and why, their
 * history, replaying them through the normal path, redriving the dead-letter queue, the jobs' cursors and the
 * queues' depths, and registering the webhooks. Each answer is a record the CLI prints as text or JSON.
 */
public final class Operations {

    private static final Set<Outcome> SYNCED = Set.of(Outcome.CREATED, Outcome.LINKED_EXISTING, Outcome.ALREADY_SYNCED,
            Outcome.UPDATED);

    /** A failed record: parked with its reason, or dead-lettered with the last reason its attempts recorded. */
    public record Failure(String kind, String recordKey, String reason, Instant since, int receives) {}

    /** A record put back on the queue. */
    public record Replay(String recordKey, String note) {}

    public record QueueDepth(String url, int visible, int inFlight, int delayed) {}

    public record CursorStatus(String name, String position, String note, Instant updatedAt, Long secondsSinceRun) {}

    public record Status(String target, String storeHash, List<CursorStatus> cursors, QueueDepth events,
            QueueDepth deadLetters, int parked, Long oldestParkedSeconds) {}

    private final OpsTarget target;
    private final SyncState state;
    private final Clock clock;

    public Operations(OpsTarget target, Clock clock) {
        this.target = target;
        this.state = target.state();
        this.clock = clock;
    }

    public OpsTarget target() {
        return target;
    }

    /** Parked records (oldest first) and dead-lettered messages, each with its reason. */
    public List<Failure> errors() {
        List<Failure> failures = new ArrayList<>();
        for (ParkedRecord p : state.parked()) {
            failures.add(new Failure("parked", p.recordKey(), p.reason(), p.parkedAt(), 0));
        }
        for (DeadLetters.Letter letter : deadLetters().peek()) {
            String key;
            String reason;
            try {
                StoreEvent event = WebhookPayloads.parse(letter.body());
                key = event.isOrderEvent() ? OrderImport.recordKey(event.storeHash(), Long.parseLong(event.resourceId()))
                        : event.customerId().isPresent()
                        ? CustomerSync.recordKey(event.storeHash(), event.customerId().getAsLong())
                        : event.scope() + " " + event.resourceType() + " " + event.resourceId();
                reason = lastError(key).orElse("no attempt recorded a reason (the message failed before its first "
                        + "attempt finished, e.g. a crash or a timeout)");
            } catch (MalformedWebhookException | NumberFormatException e) {
                key = "message " + letter.messageId();
                reason = "the message is not a store event: " + e.getMessage();
            }
            failures.add(new Failure("dead-lettered", key, reason, letter.firstSent(), letter.receiveCount()));
        }
        return failures;
    }

    private Optional<String> lastError(String recordKey) {
        List<AuditRecord> history = state.history(recordKey);
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).error() != null) {
                return Optional.of(history.get(i).outcome() + ": " + history.get(i).error());
            }
        }
        return Optional.empty();
    }

    public List<AuditRecord> history(String recordKey) {
        return state.history(recordKey);
    }

    /** The record key of one of the store's orders. */
    public String orderKey(long orderId) {
        return OrderImport.recordKey(target.storeHash(), orderId);
    }

    /**
     * Puts an order event (or, for a customer record, a customer event) on the queue, so the record takes the normal
     * path again: a parked claim is taken again, a synced order answers "already synced" and nothing is written twice.
     */
    public Replay replay(String recordKey) {
        // order#{store}#{id}, or order#{store}@{back office}#{id} for a second back office taking orders: the
        // replayed event reaches every back office, and the ones that have the order answer "already synced"
        Matcher key = Pattern.compile("(order|customer-sync)#" + Pattern.quote(target.storeHash()) + "(@[^#]+)?#(\\d+)")
                .matcher(recordKey);
        if (!key.matches()) {
            throw new IllegalArgumentException("only order and customer records of store " + target.storeHash()
                    + " can be replayed (order#" + target.storeHash() + "#{order id}, customer-sync#"
                    + target.storeHash() + "#{customer id}); '" + recordKey + "' is not one");
        }
        boolean customer = key.group(1).equals("customer-sync");
        long id = Long.parseLong(key.group(3));
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", customer ? StoreEvent.CUSTOMER : "order");
        data.put("id", id);
        StoreEvent event = new StoreEvent(target.storeHash(), customer ? "store/customer/updated" : "store/order/updated",
                customer ? StoreEvent.CUSTOMER : "order", Long.toString(id), now.getEpochSecond(), "replay@" + now, data);
        new WebhookEventQueue(new SqsEventQueue(target.sqs(), target.eventsQueueUrl()))
                .publish(event, "replay:" + recordKey + ":" + now.toEpochMilli());
        List<AuditRecord> history = state.history(recordKey);
        String note = history.isEmpty() ? "no attempt recorded yet"
                : SYNCED.contains(history.get(history.size() - 1).outcome())
                        ? "already synced (" + history.get(history.size() - 1).document() + "): the replay changes nothing"
                        : "last attempt " + history.get(history.size() - 1).outcome();
        return new Replay(recordKey, "enqueued; " + note);
    }

    /** Every parked record, replayed (after the cause is fixed). */
    public List<Replay> replayParked() {
        return state.parked().stream().map(p -> replay(p.recordKey())).toList();
    }

    public DeadLetters.Redrive redrive(DeadLetters.Method method, Consumer<String> progress) {
        return deadLetters().redrive(method, progress);
    }

    public Status status() {
        Instant now = clock.instant();
        List<CursorStatus> cursors = new ArrayList<>();
        for (String name : new TreeSet<>(List.of(OrderCatchUp.cursorName(target.storeHash()),
                WebhookHealth.cursorName(target.storeHash()), StockSync.cursorName(target.storeHash()),
                CatalogSync.cursorName(target.storeHash()), FulfilmentSync.cursorName(target.storeHash())))) {
            Optional<Cursor> cursor = state.cursor(name);
            cursors.add(cursor.map(c -> new CursorStatus(name, c.position(), c.note(), c.updatedAt(),
                    Duration.between(c.updatedAt(), now).toSeconds()))
                    .orElse(new CursorStatus(name, null, "never run", null, null)));
        }
        List<ParkedRecord> parked = state.parked();
        Long oldest = parked.isEmpty() ? null : Duration.between(parked.get(0).parkedAt(), now).toSeconds();
        return new Status(target.description(), target.storeHash(), cursors, depth(target.eventsQueueUrl()),
                depth(target.deadLetterQueueUrl()), parked.size(), oldest);
    }

    /**
     * Registers (or repairs) the connector's order webhooks and its delivery-exception hook. Ops does not read the
     * merchant's config: the customer hooks ({@code customers.sync}) are added by the webhook-health job, which does.
     */
    public WebhookHealth.Report registerWebhooks() {
        Map<String, String> secret = target.secrets().get(target.bigcommerceSecret());
        String token = required(secret, "access_token");
        String webhookSecret = required(secret, "webhook_secret");
        BigCommerceClient client = BigCommerceClient.create(new BigCommerceSettings(target.bigcommerceApiUrl(),
                target.storeHash(), token));
        return new WebhookHealth(target.storeHash(), new WebhookRegistrar(client), state,
                WebhookHealth.Target.of(target.webhookUrl(), target.deliveryExceptionUrl(), webhookSecret, false), clock)
                .check();
    }

    /**
     * The pre-flight check as the deployment runs it: its function's handler, wired from the functions' variables and
     * secrets and invoked as the local runtime invokes handlers. A stack's check runs in its own function, which this
     * build cannot invoke (no AWS SDK Lambda client): the error says how to.
     */
    public CheckReport check(int orders, boolean dryRun) {
        if (target.functionEnvironment().isEmpty()) {
            String function = target.preflightCheckFunction() == null ? "<the stack's PreflightCheckFunctionName output>"
                    : target.preflightCheckFunction();
            throw new IllegalStateException("ops check against " + target.description() + " invokes its pre-flight "
                    + "check function, which this build cannot (the AWS SDK's Lambda client does not resolve): run "
                    + "`aws lambda invoke --function-name " + function + ":live --cli-binary-format raw-in-base64-out "
                    + "--payload '{\"orders\": " + orders + ", \"dry_run\": " + dryRun + "}' report.json`, or "
                    + "`./connector check --stack NAME --config FILE` from this machine");
        }
        PreflightCheckHandler handler = new PreflightCheckHandler(new Environment(target.functionEnvironment()),
                target.secrets());
        return handler.report(Map.of("orders", orders, "dry_run", dryRun),
                new LocalLambdaContext("preflight-check", Duration.ofMinutes(15)));
    }

    private String required(Map<String, String> secret, String field) {
        String value = secret.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("secret " + target.bigcommerceSecret() + " has no " + field);
        }
        return value;
    }

    private DeadLetters deadLetters() {
        return new DeadLetters(target.sqs(), target.deadLetterQueueUrl(), target.eventsQueueUrl());
    }

    private QueueDepth depth(String url) {
        Map<QueueAttributeName, String> a = target.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return new QueueDepth(url, number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    private static int number(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Integer.parseInt(value);
    }
}
