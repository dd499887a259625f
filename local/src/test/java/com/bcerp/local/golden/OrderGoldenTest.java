package com.bcerp.local.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden corpus: for every case (BigCommerce's own examples, and crafted orders of every shape with what
 * happened to them afterwards), the exact Acumatica request documents, parked records and resulting documents are
 * those in the case's {@code expected.json}. Run with {@code -Dgolden.update=true} to rewrite the expectations after
 * a deliberate change, then review the diff.
 *
 * <p>Independently of the expectations, every case that parked nothing must leave the back office owing what the
 * store says: its sales less its credits equal the store's total less its refunds, to the cent (or, for a cancelled
 * order, every sale cancelled).
 */
class OrderGoldenTest {

    static final Path CORPUS = Path.of("src", "test", "resources", "golden");

    static Stream<String> cases() throws Exception {
        return GoldenCase.all(CORPUS).map(p -> p.getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_back_office_documents_are_the_golden_ones(String name) throws Exception {
        GoldenCase golden = new GoldenCase(CORPUS.resolve(name));
        GoldenCase.Result result = golden.run();
        String actual = GoldenCase.json().writeValueAsString(result.documents()) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden.expectedFile(), actual);
        }
        // a case without expectations fails rather than passing on whatever the code does today
        assertThat(golden.expectedFile()).as("%s has no expected.json: write it with -Dgolden.update=true and review it",
                name).exists();
        JsonNode expected = GoldenCase.json().readTree(golden.expectedFile().toFile());
        if (!expected.equals(result.documents())) {
            Path diff = Path.of("target", "golden-actual", name + ".json");
            Files.createDirectories(diff.getParent());
            Files.writeString(diff, actual);
            assertThat(actual).as("%s: the documents differ from %s (actual in %s)", name, golden.expectedFile(), diff)
                    .isEqualTo(GoldenCase.json().writeValueAsString(expected) + "\n");
        }
        if (result.parked().isEmpty()) {
            assertOwesWhatTheStoreSays(name, result);
        }
    }

    private static void assertOwesWhatTheStoreSays(String name, GoldenCase.Result result) {
        JsonNode documents = result.documents().path("back_office_orders");
        if (documents.isEmpty()) {
            return; // not imported (filtered), which the expectations pin down
        }
        JsonNode order = result.finalOrder();
        if (order.path("status_id").asInt() == 5) {
            for (JsonNode d : documents) {
                if (d.path("order").asText().startsWith("SO/")) {
                    assertThat(d.path("status").asText()).as("%s: %s after the cancellation", name, d.path("order"))
                            .isEqualTo("Cancelled");
                }
            }
            return;
        }
        BigDecimal net = BigDecimal.ZERO;
        for (JsonNode d : documents) {
            BigDecimal total = new BigDecimal(d.path("total").asText());
            net = d.path("order").asText().startsWith("SO/") ? net.add(total) : net.subtract(total);
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
