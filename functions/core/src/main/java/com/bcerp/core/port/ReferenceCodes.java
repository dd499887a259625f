package com.bcerp.core.port;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The codes a back office keeps for what the config maps to it (tax ids, ship-vias, payment methods, ...), read-only,
 * so the pre-flight check can say which mapped code the back office lacks before an order parks on it. Failures are
 * {@link com.bcerp.core.failure.TransientFailure} or {@link com.bcerp.core.failure.PermanentFailure}.
 */
public interface ReferenceCodes {

    /** The kinds of code a config maps to a back office. */
    enum Kind {
        TAX_ID("tax ids"),
        SHIP_VIA("ship-via codes"),
        PAYMENT_METHOD("payment methods"),
        CASH_ACCOUNT("cash accounts"),
        ORDER_TYPE("order types"),
        CUSTOMER_CLASS("customer classes"),
        PRICE_CLASS("price classes"),
        BRANCH("branches"),
        TAX_ZONE("tax zones");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }

        /** e.g. "tax ids", for report lines. */
        public String plural() {
            return plural;
        }
    }

    /** What a back office says about one kind of code. */
    sealed interface Listing permits Listed, NotApplicable, Unreadable {}

    /** Every code of the kind the back office has (active and usable, where it marks that). */
    record Listed(Set<String> codes) implements Listing {
        public Listed {
            codes = Set.copyOf(codes);
        }
    }

    /** The back office has no such thing (a warehouse has no tax ids): nothing it could be checked against. */
    record NotApplicable(String why) implements Listing {}

    /** The back office has them, but its API offers no read of them: they must be checked by hand. */
    record Unreadable(String why) implements Listing {}

    /**
     * A code one of the adapter's own settings names, e.g. the order type it creates.
     *
     * @param setting the setting as the deployment config names it under the back office, e.g. {@code order_type}
     */
    record Setting(String setting, Kind kind, String code) {
        public Setting {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(code, "code");
        }
    }

    /** The codes of this kind, or why there are none to compare with. */
    Listing codes(Kind kind);

    /** The codes the adapter's own settings name; none by default. */
    default List<Setting> settings() {
        return List.of();
    }
}
