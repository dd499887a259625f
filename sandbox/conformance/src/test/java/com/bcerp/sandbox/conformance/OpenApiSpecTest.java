package com.bcerp.sandbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.calls.CallLog;
import com.bcerp.sandbox.conformance.OpenApiSpec.Interaction;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class OpenApiSpecTest {

    private static final Path FILE = Path.of("src/test/resources/orders.yml");

    private static Interaction get(String path, Map<String, List<String>> query, int status, String body) {
        return new Interaction("GET", path, query, Map.of(), "", status, Map.of("Content-Type", "application/json"), body);
    }

    @Test
    void a_conforming_exchange_has_no_message_and_a_deviation_names_the_field() {
        OpenApiSpec spec = OpenApiSpec.from(FILE).basePath("/api/v1").build();

        assertThat(spec.validate(get("/api/v1/orders/7", Map.of(), 200, "{\"id\":7,\"total\":\"12.50\"}")).getMessages()).isEmpty();
        var bad = spec.validate(get("/api/v1/orders/7", Map.of("include", List.of("everything")), 200, "{\"id\":7,\"total\":12.5}"));
        assertThat(bad.hasErrors()).isTrue();
        assertThat(OpenApiSpec.describe(get("/api/v1/orders/7", Map.of(), 200, ""), bad))
                .startsWith("GET /api/v1/orders/7 {} -> 200").contains("everything").contains("/total");
        assertThat(spec.problems(List.of(get("/api/v1/orders/7", Map.of(), 200, "{\"id\":7,\"total\":\"1.00\"}"),
                get("/api/v1/orders/x", Map.of(), 404, "")))).hasSize(1).allMatch(p -> p.contains("/orders/x"));
        assertThatThrownBy(() -> spec.assertConforms(get("/api/v1/orders/7", Map.of(), 200, "{\"id\":7}")))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("total").hasMessageContaining("orders.yml");
    }

    @Test
    void a_patch_changes_the_document_in_memory_before_the_validator_is_built() {
        String empty = "{\"id\":7,\"total\":\"1.00\",\"lines\":[]}";
        OpenApiSpec asPublished = OpenApiSpec.from(FILE).basePath("/api/v1").build();
        OpenApiSpec patched = OpenApiSpec.from(FILE).basePath("/api/v1")
                .patch(doc -> ((ObjectNode) doc.at("/paths/~1orders~1{id}/get/responses/200/content/application~1json"
                        + "/schema/properties/lines")).remove("minItems"))
                .build();

        assertThat(asPublished.validate(get("/api/v1/orders/7", Map.of(), 200, empty)).hasErrors()).isTrue();
        assertThat(patched.validate(get("/api/v1/orders/7", Map.of(), 200, empty)).getMessages()).isEmpty();
    }

    @Test
    void exchanges_a_sandbox_recorded_are_checked_as_they_went_over_the_wire() {
        CallLog calls = new CallLog(Clock.systemUTC(), 10);
        Router router = new Router().filter(calls.filter(r -> r.method() + " /orders/{id}", r -> null, r -> false))
                .route("GET", "/api/v1/orders/{id}", r -> HttpResponse.json(200, Map.of("id", 7, "total", "9.99")));
        router.dispatch("GET", "/api/v1/orders/7", "include=lines", Map.of("authorization", "Bearer x"), new byte[0]);
        OpenApiSpec spec = OpenApiSpec.from(FILE).basePath("/api/v1").build();

        assertThat(calls.exchanges()).hasSize(1).allSatisfy(spec::assertConforms);
        assertThat(spec.validateResponse("GET", "/api/v1/orders/7", 200, "application/json", "{\"id\":\"seven\"}").hasErrors()).isTrue();
    }

    @Test
    void a_file_missing_from_the_specs_folder_skips_the_test_with_a_message_naming_it() {
        assertThatThrownBy(() -> OpenApiSpec.load("nowhere/none.yml")).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("nowhere/none.yml").hasMessageContaining("specs.dir=");
        assertThat(SpecFiles.find("nowhere/none.yml")).isEmpty();
    }

    @Test
    void the_build_points_specs_dir_at_the_shared_specs_folder() throws Exception {
        // skipped, with the message, on a checkout without ../shared/specs
        org.junit.jupiter.api.Assumptions.assumeTrue(SpecFiles.dir().isPresent(), "no specs folder at specs.dir="
                + System.getProperty(SpecFiles.PROPERTY));
        try (var vendors = java.nio.file.Files.list(SpecFiles.dir().orElseThrow())) {
            assertThat(vendors.filter(java.nio.file.Files::isDirectory)).as("a folder per vendor").isNotEmpty();
        }
    }
}
