package com.bcerp.handlers.worker.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What the pre-flight check found: findings by section, coverage per back office, the dry run's documents. */
public final class CheckReport {

    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Map<String, Object>> coverage = new LinkedHashMap<>();
    private final List<Map<String, Object>> dryRun = new ArrayList<>();
    private int ordersRead;

    synchronized void add(Finding finding) {
        findings.add(finding);
    }

    void coverage(String backOffice, int storeSkus, int matched, int backOfficeItems, int notInStore) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("store_skus", storeSkus);
        c.put("with_item", matched);
        c.put("without_item", storeSkus - matched);
        c.put("back_office_items", backOfficeItems);
        c.put("for_sale_not_in_store", notInStore);
        coverage.put(backOffice, c);
    }

    void dryRun(Map<String, Object> document) {
        dryRun.add(document);
    }

    void ordersRead(int count) {
        ordersRead = count;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Every mismatch found, each once, sorted: what a test compares with the seeded gaps. */
    public List<String> gaps() {
        TreeSet<String> all = new TreeSet<>();
        findings.forEach(f -> all.addAll(f.gaps()));
        return List.copyOf(all);
    }

    public List<Map<String, Object>> dryRunDocuments() {
        return List.copyOf(dryRun);
    }

    public Map<String, Map<String, Object>> coverage() {
        return coverage;
    }

    public int ordersRead() {
        return ordersRead;
    }

    /** Nothing failed (warnings and "not checked" do not fail a check). */
    public boolean ok() {
        return findings.stream().noneMatch(f -> f.status() == Finding.Status.FAIL);
    }

    public Map<Finding.Status, Long> counts() {
        Map<Finding.Status, Long> counts = new EnumMap<>(Finding.Status.class);
        for (Finding.Status s : Finding.Status.values()) {
            counts.put(s, findings.stream().filter(f -> f.status() == s).count());
        }
        return counts;
    }

    /** Sections in the order they ran, each with its findings. */
    public Map<String, List<Finding>> sections() {
        Map<String, List<Finding>> sections = new LinkedHashMap<>();
        findings.forEach(f -> sections.computeIfAbsent(f.section(), k -> new ArrayList<>()).add(f));
        return sections;
    }

    public Map<String, Long> dryRunOutcomes() {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        dryRun.forEach(d -> outcomes.merge(d.get("back_office") + " " + d.get("outcome"), 1L, Long::sum));
        return outcomes;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", ok());
        Map<String, Object> summary = new LinkedHashMap<>();
        counts().forEach((s, n) -> summary.put(s.name().toLowerCase(java.util.Locale.ROOT), n));
        json.put("summary", summary);
        List<Map<String, Object>> sections = new ArrayList<>();
        sections().forEach((name, list) -> {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("name", name);
            section.put("status", worst(list).label());
            section.put("findings", list.stream().map(Finding::toJson).toList());
            sections.add(section);
        });
        json.put("sections", sections);
        json.put("gaps", gaps());
        json.put("coverage", coverage);
        json.put("orders_read", ordersRead);
        if (!dryRun.isEmpty()) {
            Map<String, Object> dry = new LinkedHashMap<>();
            dry.put("outcomes", dryRunOutcomes());
            dry.put("documents", dryRun);
            json.put("dry_run", dry);
        }
        return json;
    }

    public static Finding.Status worst(List<Finding> list) {
        if (list.stream().anyMatch(f -> f.status() == Finding.Status.FAIL)) {
            return Finding.Status.FAIL;
        }
        if (list.stream().anyMatch(f -> f.status() == Finding.Status.WARN)) {
            return Finding.Status.WARN;
        }
        return list.stream().allMatch(f -> f.status() == Finding.Status.NOT_CHECKED) ? Finding.Status.NOT_CHECKED
                : Finding.Status.PASS;
    }

    public String toText() {
        StringBuilder out = new StringBuilder();
        sections().forEach((name, list) -> {
            out.append(name).append(" [").append(worst(list).label()).append("]\n");
            for (Finding f : list) {
                out.append(String.format("  %-11s %s: %s%n", f.status().label(), f.subject(), f.detail()));
                if (f.action() != null) {
                    out.append("              what to do: ").append(f.action()).append('\n');
                }
            }
        });
        if (!dryRun.isEmpty()) {
            out.append("Dry-run documents (never sent)\n");
            for (Map<String, Object> d : dryRun) {
                out.append(String.format("  order %s -> %s: %s", d.get("order_id"), d.get("back_office"), d.get("outcome")));
                if ("create".equals(d.get("outcome"))) {
                    Object customer = d.get("customer");
                    out.append(String.format(", %d lines, %s%s", ((List<?>) d.get("lines")).size(),
                            d.get("total") == null ? d.get("note")
                                    : "total " + d.get("total") + " (store " + d.get("store_total") + ")",
                            customer == null ? "" : ", customer " + customer));
                } else {
                    out.append(d.containsKey("field") ? " (" + d.get("field") + ") " : " ").append(d.get("reason"));
                }
                out.append('\n');
            }
        }
        Map<Finding.Status, Long> counts = counts();
        out.append(String.format("check: %d pass, %d warn, %d fail, %d not checked; %s%n", counts.get(Finding.Status.PASS),
                counts.get(Finding.Status.WARN), counts.get(Finding.Status.FAIL), counts.get(Finding.Status.NOT_CHECKED),
                ok() ? "nothing failed" : "FAILED"));
        return out.toString();
    }
}
