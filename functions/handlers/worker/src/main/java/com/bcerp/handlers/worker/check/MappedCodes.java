package com.bcerp.handlers.worker.check;

import com.bcerp.core.port.ReferenceCodes;
import com.bcerp.core.port.ReferenceCodes.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rule behind the check's code lines: each code the config maps to a back office, against the codes of its kind
 * the back office lists. One line per kind: pass when every mapped code exists; fail naming each missing one with its
 * config field (warn where a missing code harms nothing, e.g. a carrier mapping never used); "not checked" when the
 * kind is not applicable to the back office, or its API cannot list them (then the codes to check by hand are named).
 */
final class MappedCodes {

    /**
     * One code the config maps.
     *
     * @param field    the config field that names it, e.g. {@code orders.payment_methods.Credit Card}
     * @param required its absence makes records park (fail); otherwise the mapping is merely never used (warn)
     */
    record Mapped(String field, Kind kind, String code, boolean required) {

        static Mapped required(String field, Kind kind, String code) {
            return new Mapped(field, kind, code, true);
        }

        String named() {
            return field + "=" + code;
        }
    }

    private MappedCodes() {}

    /**
     * @param system   the back office's name in the config
     * @param type     its kind of system, for the text
     * @param listings the back office's answer for a kind; a failure to read is reported as a warning, not a pass
     */
    static List<Finding> findings(String section, String system, String type, List<Mapped> mapped,
            Function<Kind, ReferenceCodes.Listing> listings) {
        Map<Kind, List<Mapped>> byKind = new EnumMap<>(Kind.class);
        mapped.forEach(m -> byKind.computeIfAbsent(m.kind(), k -> new ArrayList<>()).add(m));
        List<Finding> findings = new ArrayList<>();
        byKind.forEach((kind, codes) -> {
            String subject = system + ": " + kind.plural();
            String named = codes.stream().map(Mapped::named).collect(Collectors.joining(", "));
            ReferenceCodes.Listing listing;
            try {
                listing = listings.apply(kind);
            } catch (RuntimeException e) {
                findings.add(new Finding(section, Finding.Status.WARN, subject, "could not be read: " + (e.getMessage() == null ? e : e.getMessage()),
                        "check in " + type + " that these exist: " + named + "; give the API user read access to them",
                        List.of()));
                return;
            }
            findings.add(switch (listing) {
                case ReferenceCodes.NotApplicable n -> new Finding(section, Finding.Status.NOT_CHECKED, subject,
                        "not applicable: " + n.why() + "; not sent to " + system + ": " + named, null, List.of());
                case ReferenceCodes.Unreadable u -> Finding.notChecked(section, subject, u.why() + "; check in " + type
                        + " that these exist: " + named);
                case ReferenceCodes.Listed listed -> compare(section, subject, system, type, kind, codes, listed);
            });
        });
        return findings;
    }

    private static Finding compare(String section, String subject, String system, String type, Kind kind,
            List<Mapped> codes, ReferenceCodes.Listed listed) {
        List<Mapped> missing = codes.stream().filter(m -> !listed.codes().contains(m.code())).toList();
        if (missing.isEmpty()) {
            return Finding.pass(section, subject, "all " + codes.size() + " exist: "
                    + codes.stream().map(Mapped::named).collect(Collectors.joining(", ")));
        }
        boolean harmful = missing.stream().anyMatch(Mapped::required);
        return new Finding(section, harmful ? Finding.Status.FAIL : Finding.Status.WARN, subject,
                missing.size() + " of " + codes.size() + " missing in " + system + ": "
                        + missing.stream().map(Mapped::named).collect(Collectors.joining(", ")),
                "create " + (missing.size() == 1 ? "it" : "them") + " in " + type + ", or name an existing one in "
                        + (missing.size() == 1 ? "that field" : "each field") + " (" + type + " has "
                        + shown(listed) + "); " + consequence(kind, harmful),
                missing.stream().map(m -> "code_missing:" + system + ":" + m.named()).toList());
    }

    private static String shown(ReferenceCodes.Listed listed) {
        List<String> sorted = listed.codes().stream().sorted().toList();
        return sorted.isEmpty() ? "none" : sorted.size() <= 12 ? String.join(", ", sorted)
                : String.join(", ", sorted.subList(0, 12)) + " and " + (sorted.size() - 12) + " more";
    }

    private static String consequence(Kind kind, boolean harmful) {
        if (!harmful) {
            return "until then the mapping is never used";
        }
        return switch (kind) {
            case TAX_ID -> "an order taxed under a missing one parks";
            case SHIP_VIA -> "an order shipped by a missing one parks";
            case PAYMENT_METHOD -> "an order or payment with a missing one parks";
            case CASH_ACCOUNT -> "a payment into a missing one parks";
            case ORDER_TYPE -> "every document of a missing type parks";
            case CUSTOMER_CLASS, PRICE_CLASS -> "a customer given a missing one parks";
            case BRANCH -> "an order routed to a missing one parks";
            case TAX_ZONE -> "an order in a missing zone parks";
        };
    }
}
