package com.bcerp.config;

import static com.bcerp.core.config.InvalidConfig.require;

import com.bcerp.core.config.InvalidConfig;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How the connector is deployed on AWS (the config file's {@code deployment} section): read by the CDK stack at synth (it becomes the functions' environment, the
 * queue, the schedules and the alarms); the local runtime ignores it. The store hash and the Acumatica URL have no
 * default: a deployment needs them, a local run does not, so the stack checks them at synth.
 *
 * @param storeHash          the BigCommerce store hash (the {@code {hash}} in {@code /stores/{hash}/v3/...})
 * @param bigcommerceApiUrl  the BigCommerce API base
 * @param acumatica          the Acumatica instance of the back office named {@code acumatica} (the default one)
 * @param backOffices        each other back office's settings, by its name in {@code back_offices.systems}: setting
 *                           {@code company_id} of {@code books} becomes the functions' {@code BOOKS_COMPANY_ID} (its
 *                           adapter's README lists them); for {@code acumatica} they add to the section above
 * @param webhooks           how the receiver judges deliveries
 * @param storeEvents        the store-events FIFO queue
 * @param orderWorker        the order worker's size and its share of the store's API quota
 * @param schedules          how often each scheduled job runs, and the size of their functions
 * @param auditRetentionDays audit records expire after this many days (DynamoDB TTL)
 * @param logRetentionDays   how long CloudWatch keeps the functions' logs (one of CloudWatch's retention periods)
 * @param alarms             where alarms go and when they fire
 */
public record DeploymentSettings(
        String storeHash, String bigcommerceApiUrl, Acumatica acumatica, Map<String, Map<String, String>> backOffices,
        Webhooks webhooks, StoreEvents storeEvents, OrderWorker orderWorker, Schedules schedules,
        int auditRetentionDays, int logRetentionDays, Alarms alarms) {

    private static final Pattern STORE_HASH = Pattern.compile("[a-z0-9]{1,32}");
    private static final Pattern SETTING = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Set by the stack itself: each back office's secret is created in the secrets' stack. */
    public static final String SECRET_SETTING = "secret";
    /** The retention periods CloudWatch Logs accepts, in days. */
    public static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public DeploymentSettings {
        require(storeHash == null || STORE_HASH.matcher(storeHash).matches(), "store_hash",
                "must be the store hash: lower-case letters and digits, e.g. abc123def");
        requireHttps(bigcommerceApiUrl, "bigcommerce_api_url");
        require(acumatica != null, "acumatica", "must be given");
        require(backOffices != null, "back_offices", "must be a mapping of back-office names to their settings");
        backOffices.forEach((name, settings) -> {
            require(settings != null, "back_offices." + name, "must be a mapping of settings (company_id: ...)");
            settings.forEach((setting, value) -> {
                String field = "back_offices." + name + "." + setting;
                require(SETTING.matcher(setting).matches(), field,
                        "a setting is lower-case letters, digits and _ (it names the variable {NAME}_{SETTING})");
                require(!SECRET_SETTING.equals(setting), field,
                        "is set by the stack: each back office's secret is {stack}/{name} in the secrets' stack");
                require(value != null && !value.isBlank(), field, "must have a value");
            });
        });
        // sorted, so the functions' environment is the same on every synth
        TreeMap<String, Map<String, String>> copy = new TreeMap<>();
        backOffices.forEach((name, settings) -> copy.put(name, Collections.unmodifiableMap(new TreeMap<>(settings))));
        backOffices = Collections.unmodifiableMap(copy);
        require(webhooks != null, "webhooks", "must be given");
        require(storeEvents != null, "store_events", "must be given");
        require(orderWorker != null, "order_worker", "must be given");
        require(schedules != null, "schedules", "must be given");
        require(alarms != null, "alarms", "must be given");
        requireBetween(auditRetentionDays, 1, 3650, "audit_retention_days", "");
        require(LOG_RETENTION_DAYS.contains(logRetentionDays), "log_retention_days",
                "must be one of CloudWatch's retention periods " + LOG_RETENTION_DAYS.stream().sorted().toList()
                        + ", was " + logRetentionDays);
    }

    public static DeploymentSettings defaults() {
        return new DeploymentSettings(null, "https://api.bigcommerce.com", Acumatica.defaults(), Map.of(),
                Webhooks.defaults(), StoreEvents.defaults(), OrderWorker.defaults(), Schedules.defaults(), 90, 30, Alarms.defaults());
    }

    /**
     * The Acumatica instance.
     *
     * @param url             the instance root, e.g. {@code https://acme.acumatica.com/ACME}
     * @param endpointName    the contract-based endpoint's name
     * @param endpointVersion the contract-based endpoint's version
     * @param orderType       the sales order type the connector creates
     * @param creditOrderType the order type of the credits an edit or refund makes (Acumatica: CM, a credit memo; CR is a cash return)
     * @param returnOrderType the order type of returns for credit (Acumatica: RC)
     * @param customerClass   the class of customers the connector creates; none sends no class
     * @param timeoutSeconds  per-request timeout
     */
    public record Acumatica(String url, String endpointName, String endpointVersion, String orderType,
            String creditOrderType, String returnOrderType, String customerClass, int timeoutSeconds,
            String baseCurrency, int concurrency) {

        public Acumatica {
            if (url != null) {
                requireHttps(url, "url");
            }
            require(endpointName != null && !endpointName.isBlank(), "endpoint_name", "must name the endpoint");
            require(endpointVersion != null && endpointVersion.matches("\\d+\\.\\d+\\.\\d+"), "endpoint_version",
                    "must be a version like 24.200.001");
            require(orderType != null && !orderType.isBlank(), "order_type", "must name the sales order type");
            require(creditOrderType != null && !creditOrderType.isBlank(), "credit_order_type",
                    "must name the order type of credits (Acumatica: CM)");
            require(returnOrderType != null && !returnOrderType.isBlank(), "return_order_type",
                    "must name the order type of returns for credit (Acumatica: RC)");
            require(customerClass == null || !customerClass.isBlank(), "customer_class", "must not be blank");
            requireBetween(timeoutSeconds, 1, 300, "timeout_seconds", "");
            require(baseCurrency != null && baseCurrency.matches("[A-Z]{3}"), "base_currency",
                    "must be an ISO 4217 code like USD");
            requireBetween(concurrency, 1, 32, "concurrency", "");
        }

        static Acumatica defaults() {
            return new Acumatica(null, "Default", "24.200.001", "SO", "CM", "RC", null, 30, "USD", 4);
        }
    }

    /**
     * @param requireSignature refuse deliveries without a Standard Webhooks signature
     * @param toleranceSeconds how far a delivery's timestamp may be in the future (in the past it may be as old as
     *                         BigCommerce's retries: WebhookAuthenticator.RETRY_HORIZON)
     * @param maxBodyBytes     larger bodies are refused with 413
     */
    public record Webhooks(boolean requireSignature, int toleranceSeconds, int maxBodyBytes) {

        public Webhooks {
            // clock skew: at most WebhookAuthenticator.MAX_TOLERANCE
            requireBetween(toleranceSeconds, 1, 300, "tolerance_seconds", "");
            requireBetween(maxBodyBytes, 1024, 1024 * 1024, "max_body_bytes", "");
        }

        static Webhooks defaults() {
            return new Webhooks(true, 300, 64 * 1024);
        }
    }

    /** @param maxReceiveCount deliveries of one message before it is moved to the dead-letter queue */
    public record StoreEvents(int maxReceiveCount) {

        public StoreEvents {
            requireBetween(maxReceiveCount, 1, 1000, "max_receive_count", "");
        }

        static StoreEvents defaults() {
            return new StoreEvents(5);
        }
    }

    /**
     * The order worker. Its maximum concurrency bounds the calls it makes on the store's shared API quota and the
     * back-office sessions it holds (each instance holds one).
     *
     * @param batchSize      messages per invocation (1 to 10: a FIFO event source takes at most 10)
     * @param maxConcurrency instances the queue may run at once (2 is the least SQS allows)
     * @param timeoutSeconds the function timeout; the queue's visibility timeout is six times this
     * @param memoryMb       the function's memory (and so its CPU share)
     */
    public record OrderWorker(int batchSize, int maxConcurrency, int timeoutSeconds, int memoryMb) {

        public OrderWorker {
            requireBetween(batchSize, 1, 10, "batch_size", "a FIFO event source takes at most 10");
            requireBetween(maxConcurrency, 2, 1000, "max_concurrency", "SQS event source limits");
            requireBetween(timeoutSeconds, 10, 900, "timeout_seconds", "");
            requireMemory(memoryMb);
        }

        static OrderWorker defaults() {
            return new OrderWorker(5, 2, 120, 1024);
        }
    }

    /**
     * How often each scheduled job runs (in minutes), and the size of the scheduled functions.
     *
     * @param timeoutSeconds the scheduled functions' timeout
     * @param memoryMb       the scheduled functions' memory
     */
    public record Schedules(int stockSyncMinutes, int catalogSyncMinutes, int fulfilmentSyncMinutes,
            int orderCatchUpMinutes, int webhookHealthMinutes, int timeoutSeconds, int memoryMb) {

        public Schedules {
            requireRate(stockSyncMinutes, "stock_sync_minutes");
            requireRate(catalogSyncMinutes, "catalog_sync_minutes");
            requireRate(fulfilmentSyncMinutes, "fulfilment_sync_minutes");
            requireRate(orderCatchUpMinutes, "order_catch_up_minutes");
            requireRate(webhookHealthMinutes, "webhook_health_minutes");
            requireBetween(timeoutSeconds, 10, 900, "timeout_seconds", "");
            requireMemory(memoryMb);
        }

        static Schedules defaults() {
            return new Schedules(5, 60, 15, 15, 60, 300, 1024);
        }

        private static void requireRate(int minutes, String field) {
            requireBetween(minutes, 1, 1440, field, "minutes");
        }
    }

    /**
     * @param email                 an address the alarm topic notifies (it must confirm the subscription); none
     *                              leaves subscribing to the topic to the merchant
     * @param oldestMessageMinutes  alarm when the oldest store event has waited longer than this
     * @param syncLagMinutes        alarm when an order reaches the back office later than this after the store
     *                              event
     * @param errorRatePercent      alarm when more than this share of a function's invocations fail
     * @param throttledMinutes      alarm when a back office has declined calls with 429 in every 5 minutes for this
     *                              long: its licence or quota is too small for the load (a lone 429 is retried)
     * @param feedLagSchedules      alarm when a scheduled feed (stock, catalogue, fulfilment) has not caught up for
     *                              this many of its schedule's intervals: its runs have been failing
     */
    public record Alarms(String email, int oldestMessageMinutes, int syncLagMinutes, int errorRatePercent,
            int throttledMinutes, int feedLagSchedules) {

        public Alarms {
            require(email == null || email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "email",
                    "must be an email address");
            requireBetween(oldestMessageMinutes, 1, 20160, "oldest_message_minutes", "14 days");
            requireBetween(syncLagMinutes, 1, 10080, "sync_lag_minutes", "7 days");
            requireBetween(errorRatePercent, 1, 100, "error_rate_percent", "");
            requireBetween(throttledMinutes, 5, 1440, "throttled_minutes", "judged in 5-minute periods, up to a day");
            requireBetween(feedLagSchedules, 2, 100, "feed_lag_schedules", "one late run is not yet a problem");
        }

        static Alarms defaults() {
            return new Alarms(null, 15, 30, 5, 15, 3);
        }
    }

    private static void requireHttps(String url, String field) {
        require(url != null && !url.isBlank(), field, "must be given");
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfig(field, "is not a URL: '" + url + "'");
        }
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
        // plain http only to this machine (a local stand-in the pre-flight check can be pointed at): nothing leaves it
        boolean loopback = uri.getHost() != null && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"));
        require(uri.getHost() != null && (scheme.equals("https") || scheme.equals("http") && loopback), field,
                "must be an https URL, was '" + url + "'");
    }

    private static void requireMemory(int memoryMb) {
        requireBetween(memoryMb, 128, 10240, "memory_mb", "");
    }

    /** {@code why}, when given, says where the limits come from. */
    private static void requireBetween(int value, int min, int max, String field, String why) {
        require(value >= min && value <= max, field, "must be between " + min + " and " + max
                + (why.isEmpty() ? "" : " (" + why + ")") + ", was " + value);
    }
}
