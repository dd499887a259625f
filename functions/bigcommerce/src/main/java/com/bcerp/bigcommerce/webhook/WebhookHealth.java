package com.bcerp.bigcommerce.webhook;

import com.bcerp.core.port.SyncState;
import java.time.Clock;
import java.util.ArrayList;
import com.bcerp.core.order.StoreEventHandler;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled check that the store will keep telling the connector about orders: lists the connector's hooks,
 * re-activates the ones BigCommerce deactivated (after 48 hours of failed deliveries, or 90 days idle), recreates
 * missing scopes, repairs the secret header, and keeps the delivery-exception hook registered at its own
 * destination. Reports a domain BigCommerce has blocklisted for the connector's app (its deliveries' success ratio fell
 * below 90 %): a warning naming the domain, the time left and the failures, and the same in the cursor's note. Records
 * what it did as a cursor ({@code webhook-health#{store}}) for {@code ops status}.
 */
public final class WebhookHealth {

    private static final Logger log = LoggerFactory.getLogger(WebhookHealth.class);

    /**
     * @param scopes               the scopes the receiver handles
     * @param destination          the receiver's webhook URL
     * @param exceptionDestination where BigCommerce reports failed deliveries; must differ from {@code destination}
     * @param headers              sent with every delivery (the connector's secret header); values never logged
     */
    public record Target(List<String> scopes, String destination, String exceptionDestination,
            Map<String, String> headers) {

        public Target {
            scopes = List.copyOf(scopes);
            headers = Map.copyOf(headers);
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(exceptionDestination, "exceptionDestination");
            if (destination.equals(exceptionDestination)) {
                throw new IllegalArgumentException("the delivery-exception destination must differ from the webhook "
                        + "destination (BigCommerce refuses the same one): " + destination);
            }
        }

        /**
         * The order scopes, and the customer scopes when {@code customerSync} ({@code customers.sync}) is on, with
         * the connector's secret header, at the receiver's URLs.
         */
        public static Target of(String destination, String exceptionDestination, String connectorSecret,
                boolean customerSync) {
            TreeSet<String> scopes = new TreeSet<>(WebhookReceiver.ORDER_SCOPES);
            if (customerSync) {
                scopes.addAll(StoreEventHandler.CUSTOMER_SCOPES);
            }
            return new Target(List.copyOf(scopes), destination, exceptionDestination,
                    Map.of(WebhookAuthenticator.SECRET_HEADER, connectorSecret));
        }

        @Override
        public String toString() {
            return "WebhookHealth.Target[" + scopes + " -> " + destination + ", exceptions -> " + exceptionDestination
                    + ", headers (redacted)]";
        }
    }

    /** What one check found and did. */
    public record Report(WebhookRegistrar.Report hooks, String deliveryExceptionHook,
            List<WebhookRegistrar.BlockedDomain> blockedDomains) {

        public Report {
            blockedDomains = List.copyOf(blockedDomains);
        }

        public boolean changedAnything() {
            return hooks.changedAnything() || !"unchanged".equals(deliveryExceptionHook);
        }

        /** Something had broken since the last check (a first registration is not a repair). */
        public boolean repairedAnything() {
            boolean firstRegistration = hooks.unchanged().isEmpty() && hooks.reactivated().isEmpty()
                    && hooks.repaired().isEmpty();
            return !hooks.reactivated().isEmpty() || !hooks.repaired().isEmpty()
                    || (!hooks.created().isEmpty() && !firstRegistration)
                    || !Set.of("unchanged", "created").contains(deliveryExceptionHook);
        }

        public String summary() {
            List<String> parts = new ArrayList<>();
            parts.add(hooks.unchanged().size() + " hook(s) healthy");
            if (!hooks.reactivated().isEmpty()) {
                parts.add("re-activated " + hooks.reactivated());
            }
            if (!hooks.created().isEmpty()) {
                parts.add("created " + hooks.created());
            }
            if (!hooks.repaired().isEmpty()) {
                parts.add("repaired headers of " + hooks.repaired());
            }
            parts.add("delivery-exception hook " + deliveryExceptionHook);
            if (!blockedDomains.isEmpty()) {
                parts.add("BigCommerce blocklists " + String.join(", ",
                        blockedDomains.stream().map(WebhookRegistrar.BlockedDomain::toString).toList()));
            }
            return String.join("; ", parts);
        }
    }

    private final String storeHash;
    private final WebhookRegistrar registrar;
    private final SyncState state;
    private final Target target;
    private final Clock clock;

    public WebhookHealth(String storeHash, WebhookRegistrar registrar, SyncState state, Target target, Clock clock) {
        this.storeHash = storeHash;
        this.registrar = registrar;
        this.state = state;
        this.target = target;
        this.clock = clock;
    }

    public static String cursorName(String storeHash) {
        return "webhook-health#" + storeHash;
    }

    public Report check() {
        WebhookRegistrar.Report hooks = registrar.ensure(target.scopes(), target.destination(), target.headers());
        String exceptionHook = registrar.ensureDeliveryExceptionHook(target.exceptionDestination(), target.headers());
        Report report = new Report(hooks, exceptionHook, registrar.blockedDomains());
        if (report.repairedAnything() || !report.blockedDomains().isEmpty()) {
            log.warn("webhook health for store {}: {}", storeHash, report.summary());
        } else {
            log.info("webhook health for store {}: {}", storeHash, report.summary());
        }
        state.saveCursor(cursorName(storeHash), clock.instant().toString(), report.summary());
        return report;
    }
}
