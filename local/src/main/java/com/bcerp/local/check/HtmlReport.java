package com.bcerp.local.check;

import com.bcerp.handlers.worker.check.CheckReport;
import com.bcerp.handlers.worker.check.Finding;
import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS and SVG only, no script and nothing fetched when it is
 * opened, so it can be mailed or archived as it is.
 */
public final class HtmlReport {

    private HtmlReport() {}

    public static String render(CheckReport report, String title) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
                        + "margin:.5em 0 1.5em;width:100%}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;"
                        + "vertical-align:top}th{background:#f3f3f3}.pass{color:#1a7f37}.warn{color:#9a6700}"
                        + ".fail{color:#cf222e;font-weight:bold}.not-checked{color:#57606a}.badge{display:inline-block;"
                        + "padding:2px 8px;border-radius:4px;background:#f3f3f3;margin-right:6px}small{color:#57606a}")
                .append("</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1>");
        Map<Finding.Status, Long> counts = report.counts();
        h.append("<p id=\"summary\"><span class=\"badge ").append(report.ok() ? "pass\">PASSED" : "fail\">FAILED")
                .append("</span>");
        for (Finding.Status s : Finding.Status.values()) {
            h.append("<span class=\"badge ").append(css(s)).append("\">").append(counts.get(s)).append(' ')
                    .append(s.label()).append("</span>");
        }
        h.append("</p>");
        h.append(bars("Findings by outcome", counts.entrySet().stream()
                .map(e -> new Bar(e.getKey().label(), e.getValue(), colour(e.getKey()))).toList()));

        if (!report.coverage().isEmpty()) {
            h.append("<h2>Coverage</h2>");
            report.coverage().forEach((bo, c) -> {
                long total = ((Number) c.get("store_skus")).longValue();
                h.append(bars("Store SKUs with an item in " + bo + " (of " + total + ")", List.of(
                        new Bar("with item", ((Number) c.get("with_item")).longValue(), "#1a7f37"),
                        new Bar("without item", ((Number) c.get("without_item")).longValue(), "#cf222e"),
                        new Bar("for sale, not in store", ((Number) c.get("for_sale_not_in_store")).longValue(),
                                "#9a6700"))));
            });
        }
        report.sections().forEach((name, findings) -> {
            Finding.Status worst = CheckReport.worst(findings);
            h.append("<h2>").append(esc(name)).append(" <span class=\"").append(css(worst)).append("\">")
                    .append(worst.label()).append("</span></h2>");
            h.append("<table><tr><th>status</th><th>what</th><th>found</th><th>what to do</th></tr>");
            for (Finding f : findings) {
                h.append("<tr><td class=\"").append(css(f.status())).append("\">").append(f.status().label())
                        .append("</td><td>").append(esc(f.subject())).append("</td><td>").append(esc(f.detail()))
                        .append("</td><td>").append(f.action() == null ? "" : esc(f.action())).append("</td></tr>");
            }
            h.append("</table>");
        });
        if (!report.gaps().isEmpty()) {
            h.append("<h2>Gaps</h2><ul>");
            report.gaps().forEach(g -> h.append("<li><code>").append(esc(g)).append("</code></li>"));
            h.append("</ul>");
        }
        List<Map<String, Object>> docs = report.dryRunDocuments();
        if (!docs.isEmpty()) {
            h.append("<h2>Dry run: documents that would be created (none was sent)</h2>");
            h.append(bars("Orders by outcome", report.dryRunOutcomes().entrySet().stream()
                    .map(e -> new Bar(e.getKey(), e.getValue(), e.getKey().endsWith("parks") ? "#cf222e"
                            : e.getKey().endsWith("create") ? "#1a7f37" : "#57606a")).toList()));
            h.append("<table><tr><th>order</th><th>back office</th><th>outcome</th><th>customer</th><th>lines</th>"
                    + "<th>total</th><th>store total</th><th>field / reason</th></tr>");
            for (Map<String, Object> d : docs) {
                h.append("<tr><td>").append(d.get("order_id")).append("</td><td>").append(esc(str(d.get("back_office"))))
                        .append("</td><td>").append(esc(str(d.get("outcome")))).append("</td><td>")
                        .append(esc(customer(d.get("customer")))).append("</td><td>");
                if (d.get("lines") instanceof List<?> lines) {
                    for (Object l : lines) {
                        Map<?, ?> line = (Map<?, ?>) l;
                        h.append(esc(line.get("quantity") + " × " + line.get("item") + " = " + line.get("amount")))
                                .append("<br>");
                    }
                }
                h.append("</td><td>").append(esc(str(d.get("total")))).append("</td><td>")
                        .append(esc(str(d.get("store_total")))).append("</td><td>")
                        .append(esc((d.containsKey("field") ? d.get("field") + ": " : "") + str(d.get("reason"))))
                        .append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<p><small>Read-only: nothing was written to the store or the back offices.</small></p>");
        h.append("</body></html>\n");
        return h.toString();
    }

    private record Bar(String label, long value, String colour) {}

    /** A horizontal bar chart in inline SVG, each bar's length proportional to its value. */
    private static String bars(String caption, List<Bar> bars) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int rowHeight = 22;
        StringBuilder s = new StringBuilder("<figure><figcaption>").append(esc(caption)).append("</figcaption>");
        s.append("<svg width=\"520\" height=\"").append(bars.size() * rowHeight + 4)
                .append("\" role=\"img\" aria-label=\"").append(esc(caption)).append("\">");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = i * rowHeight + 2;
            long width = Math.round(300.0 * b.value() / max);
            s.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"13\">").append(esc(b.label()))
                    .append("</text><rect x=\"170\" y=\"").append(y + 3).append("\" width=\"").append(width)
                    .append("\" height=\"16\" fill=\"").append(b.colour()).append("\"/><text x=\"").append(175 + width)
                    .append("\" y=\"").append(y + 15).append("\" font-size=\"13\">").append(b.value()).append("</text>");
        }
        return s.append("</svg></figure>").toString();
    }

    private static String customer(Object customer) {
        if (!(customer instanceof Map<?, ?> c)) {
            return "";
        }
        Object id = c.get("id");
        return c.get("action") + (id != null ? " " + id : c.get("created_by_order") != null
                ? " (created by order " + c.get("created_by_order") + ")" : "");
    }

    private static String css(Finding.Status s) {
        return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String colour(Finding.Status s) {
        return switch (s) {
            case PASS -> "#1a7f37";
            case WARN -> "#9a6700";
            case FAIL -> "#cf222e";
            case NOT_CHECKED -> "#8c959f";
        };
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
