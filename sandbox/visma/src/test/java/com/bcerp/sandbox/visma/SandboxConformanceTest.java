package com.bcerp.sandbox.visma;

import static com.bcerp.sandbox.visma.Dto.wrapped;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request these tests send and every answer the sandbox gives conforms to the vendor's OpenAPI file
 * ({@code visma/swagger.json}); error answers, which the file does not declare, have one of Visma's error shapes.
 */
class SandboxConformanceTest {

    private static VismaSpec spec;
    private static VismaSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        spec = VismaSpec.load();
        sandbox = VismaSandbox.start(VismaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void reset() {
        sandbox.calls().reset();
    }

    private void assertEveryExchangeConforms() {
        assertThat(sandbox.calls().exchanges()).isNotEmpty().allSatisfy(spec::assertConforms);
    }

    @Test
    void customer_and_reference_data_exchanges_conform() {
        String number = http.post("/v1/customer", CustomerTest.grace()).createdKey();
        http.put("/v1/customer/" + number, wrapped("name", "Grace B. Hopper", "status", "OnHold"));
        http.get("/v1/customer/" + number);
        http.get("/v1/customer", "email", "grace@example.com", "pageNumber", "1", "pageSize", "100");
        http.get("/v1/customer", "attributes", "{\"BCID\":\"42\"}", "lastModifiedDateTime", "2020-01-01 00:00:00",
                "lastModifiedDateTimeCondition", ">=");
        http.get("/v1/vat");
        http.get("/v1/vat/3");
        http.get("/v1/vatCategory");
        http.get("/v1/vatCategory/HIGH");
        http.get("/v1/vatZone", "pageNumber", "1", "pageSize", "10");
        http.get("/v1/vatZone/DOMESTIC");
        assertEveryExchangeConforms();
    }

    @Test
    void error_answers_have_visma_shapes() {
        http.post("/v1/customer", wrapped("currencyId", "NOK"));          // 400 message: no name
        http.get("/v1/customer/NOBODY");                                   // 404 message
        http.get("/v1/customer", "lastModifiedDateTime", "2020-01-01");     // 400: condition missing
        assertThat(sandbox.calls().exchanges()).extracting(e -> e.status()).containsExactly(400, 404, 400);
        assertEveryExchangeConforms();
    }
}
