package com.bcerp.local.check;

import com.bcerp.handlers.worker.check.CheckReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.sync.SyncProgress;
import com.bcerp.local.runtime.LocalRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The HTML report of a gaps run, opened in headless Chromium (Debian's {@code chromium}, which {@code .ci/run}
 * installs where it can) with networking off, asserting on the text the browser rendered.
 */
class HtmlReportIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void theGapsReportRendersInABrowserWithoutTheNetwork() throws Exception {
        Path dir = Files.createTempDirectory("html-report-it");
        String html;
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(dir)
                .withConfigFile(GapsScenario.writeConfig(dir)))) {
            runtime.bigcommerce().faults().dropDeliveryShare(1.0);
            GapsScenario.seed(runtime);
            CheckReport report = CheckTarget.preflight(runtime, SyncProgress.NONE).run(250, true);
            html = HtmlReport.render(report, "Pre-flight check: store " + runtime.bigcommerce().storeHash());
        }
        // self-contained: nothing to fetch when it is opened (the text may name URLs; no element loads one)
        assertThat(html).doesNotContain("src=", "href=", "url(", "@import", "<script", "<link").contains("<svg");
        Path file = Path.of("target", "check-report.html").toAbsolutePath();
        Files.writeString(file, html);

        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM
                + " is absent (apt-get install -y chromium; .ci/run installs it where apt is available)");
        Path profile = Files.createTempDirectory("chromium-profile");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--user-data-dir=" + profile, "--dump-dom",
                file.toUri().toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = dom.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        assertThat(text).contains("Pre-flight check: store", "FAILED", "Catalogue coverage",
                "2 of 68 have no item in acumatica: GAP-STORE-SKU, SKU-STORE-ONLY", "Cash on Delivery",
                "unmapped_tax_class:4", "Dry run: documents that would be created", "Store SKUs with an item in acumatica");
    }
}
