package com.bcerp.local.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.local.runtime.LocalBackOffice;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden corpus: every case (BigCommerce's own examples, and crafted orders of every shape with what happened to
 * them afterwards) runs against every back office that takes orders, and what each then holds (its documents, lines
 * and totals as its sandbox's own records show them, and the records parked, with their reasons; for Acumatica also
 * the exact request documents) is that case's {@code expected-<type>.json}. A missing expectation fails. A case that
 * cannot apply to a back office says why in its {@code skip} file and is reported skipped. Run with
 * {@code -Dgolden.update=true} to rewrite the expectations after a deliberate change, then review the diff.
 *
 * <p>Independently of the expectations, every case that parked nothing must leave a back office that keeps amounts
 * owing what the store says: its sales less its credits equal the store's total less its refunds, to the cent (or,
 * for a cancelled order, every sale cancelled).
 */
class OrderGoldenTest {

    static final Path CORPUS = Path.of("src", "test", "resources", "golden");

    static Stream<Arguments> cases() throws Exception {
        return GoldenCase.all(CORPUS).flatMap(p -> LocalBackOffice.TYPES.stream()
                .map(type -> Arguments.of(p.getFileName().toString(), type)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void the_back_office_documents_are_the_golden_ones(String name, String type) throws Exception {
        GoldenCase golden = new GoldenCase(CORPUS.resolve(name));
        Path expectedFile = golden.expectedFile(type);
        Optional<String> skipped = golden.skipped(type);
        if (skipped.isPresent()) {
            assertThat(expectedFile).as("%s is skipped on %s but has %s", name, type, expectedFile).doesNotExist();
            Assumptions.abort(name + " does not apply to " + type + ": " + skipped.get());
        }
        GoldenCase.Result result = golden.run(type);
        String actual = GoldenCase.json().writeValueAsString(result.documents()) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expectedFile, actual);
        }
        // a case without expectations fails rather than passing on whatever the code does today
        assertThat(expectedFile).as("%s has no %s: write it with -Dgolden.update=true and review it", name,
                expectedFile.getFileName()).exists();
        JsonNode expected = GoldenCase.json().readTree(expectedFile.toFile());
        if (!expected.equals(result.documents())) {
            Path diff = Path.of("target", "golden-actual", name + "-" + type + ".json");
            Files.createDirectories(diff.getParent());
            Files.writeString(diff, actual);
            assertThat(actual).as("%s on %s: the documents differ from %s (actual in %s)", name, type, expectedFile,
                    diff).isEqualTo(GoldenCase.json().writeValueAsString(expected) + "\n");
        }
        if (result.parked().isEmpty()) {
            assertOwesWhatTheStoreSays(name + " on " + type, result);
        }
    }

    private static void assertOwesWhatTheStoreSays(String name, GoldenCase.Result result) {
        if (result.ledger().isEmpty()) {
            return; // not imported (filtered), which the expectations pin down
        }
        JsonNode order = result.finalOrder();
        if (order.path("status_id").asInt() == 5) {
            for (BackOfficeView.Entry d : result.ledger()) {
                if (!d.credit()) {
                    assertThat(d.cancelled()).as("%s: %s cancelled after the cancellation", name, d.document()).isTrue();
                }
            }
            return;
        }
        if (result.ledger().stream().anyMatch(d -> d.total() == null)) {
            return; // a warehouse keeps no amounts
        }
        BigDecimal net = BigDecimal.ZERO;
        for (BackOfficeView.Entry d : result.ledger()) {
            net = d.credit() ? net.subtract(d.total()) : net.add(d.total());
        }
        BigDecimal refunded = BigDecimal.ZERO;
        for (JsonNode r : result.finalRefunds()) {
            refunded = refunded.add(r.path("total_amount").decimalValue());
        }
        BigDecimal owed = new BigDecimal(order.path("total_inc_tax").asText()).setScale(2, RoundingMode.HALF_UP)
                .subtract(refunded);
        assertThat(net).as("%s: sales less credits in the back office vs the store's total less refunds", name)
                .isEqualByComparingTo(owed);
    }
}
