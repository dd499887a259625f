package com.bcerp.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.local.runtime.LocalRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The coexist scenario in the local runtime, both sandboxes over HTTP: with the POS's ownership declared the store's
 * request log shows no connector write to it; without it, the same observer sees the connector overwrite the POS's
 * prices (so the measurement is not blind).
 */
class CoexistDemoIT {

    private static CoexistDemo.Result run(Path config) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(config.getParent())
                .withConfigFile(config))) {
            return CoexistDemo.run(runtime, Duration.ofSeconds(120));
        }
    }

    @Test
    void beside_a_pos_that_owns_prices_a_location_and_a_channel_the_connector_writes_only_its_own() throws Exception {
        CoexistDemo.Result result = run(CoexistDemo.writeConfig(Files.createTempDirectory("coexist-it")));

        assertThat(result.writesToOwnedFields()).isZero();
        assertThat(result.writesToOwnedLocations()).isZero();
        assertThat(result.posValuesOverwritten()).isEmpty();
        assertThat(result.ownFieldWrites()).as("names, descriptions, costs, weights").isPositive();
        assertThat(result.ownLocationWrites()).as("stock at the connector's location 1").isPositive();
        assertThat(result.webOrderImported()).isTrue();
        assertThat(result.posOrderImported()).isFalse();
        assertThat(result.posOrderAudit()).contains("from channel 2").contains("orders.ignored_channels");
        assertThat(result.posOrderOtherAttempts()).as("retries or other outcomes of the POS's order").isZero();
        assertThat(result.posOrderParked()).isFalse();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void without_the_catalogue_ownership_the_same_observer_sees_the_pos_prices_overwritten() throws Exception {
        Path dir = Files.createTempDirectory("coexist-it");
        Path config = Files.writeString(dir.resolve("no-catalog-ownership.yaml"), """
                orders:
                  ignored_channels: [2]
                stock:
                  cursor_overlap_seconds: 0
                  locations: {MAIN: 1}
                  owned_elsewhere: {2: pos}
                catalog:
                  cursor_overlap_seconds: 0
                """);

        CoexistDemo.Result result = run(config);

        assertThat(result.writesToOwnedFields()).as("one price per item the back office repriced")
                .isEqualTo(result.itemsChangedByBoth());
        assertThat(result.posValuesOverwritten()).hasSize(result.itemsChangedByBoth());
        assertThat(result.writesToOwnedLocations()).isZero();
        assertThat(result.ok()).isFalse();
    }
}
