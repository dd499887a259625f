package com.bcerp.handlers.worker.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the pre-flight report: what was checked, how it came out and what to do about it.
 *
 * @param gaps machine-readable keys of the mismatches found ({@code kind:system:subject}), one per SKU, method or
 *             class, so a test can compare them with what was seeded; empty for a pass or a failure to connect
 */
public record Finding(String section, Status status, String subject, String detail, String action, List<String> gaps) {

    public enum Status {
        PASS, WARN, FAIL, NOT_CHECKED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public Finding {
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
    }

    static Finding pass(String section, String subject, String detail) {
        return new Finding(section, Status.PASS, subject, detail, null, List.of());
    }

    static Finding notChecked(String section, String subject, String why) {
        return new Finding(section, Status.NOT_CHECKED, subject, "not checked: " + why, null, List.of());
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status.label());
        json.put("subject", subject);
        json.put("detail", detail);
        if (action != null) {
            json.put("action", action);
        }
        if (!gaps.isEmpty()) {
            json.put("gaps", gaps);
        }
        return json;
    }
}
