package com.bcerp.visma;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiResponse;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Visma's answers as core's failures, without a server: status and both error shapes. */
class VismaMappingTest {

    private static ApiResponse answer(int status, String body) {
        return new ApiResponse("POST", URI.create("https://integration.visma.net/API/v1/salesorder"), status,
                HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }

    @Test
    void rate_limits_and_server_errors_are_transient() {
        assertThat(VismaFailures.of(answer(429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}"), "x", null))
                .isInstanceOf(TransientFailure.class);
        assertThat(VismaFailures.of(answer(503, "{\"message\":\"VismaId: 1a2b. The service is unavailable.\"}"), "x", null))
                .isInstanceOf(TransientFailure.class);
    }

    @Test
    void unauthorised_and_forbidden_are_permanent_credentials() {
        assertThat(((PermanentFailure) VismaFailures.of(answer(401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}"),
                "x", null)).field()).isEqualTo("credentials");
        assertThat(((PermanentFailure) VismaFailures.of(answer(403, "{\"message\":\"VismaId: 9f. No scope.\"}"),
                "x", null)).field()).isEqualTo("credentials");
    }

    @Test
    void the_message_shape_names_the_field_by_vismas_label_without_the_visma_id() {
        PermanentFailure f = (PermanentFailure) VismaFailures.of(answer(400, "{\"message\":\"VismaId: "
                + "3f2c1a9e-0000-4000-8000-000000000001. Error creating salesOrder. Error: 'Inventory ID' cannot be found "
                + "in the system: NOPE-1.\\r\\n\"}"), "sales order BC-1", null);
        assertThat(f.field()).isEqualTo("itemId");
        assertThat(f.getMessage()).startsWith("Visma refused sales order BC-1 (400): Error creating salesOrder.")
                .doesNotContain("VismaId");
        assertThat(((PermanentFailure) VismaFailures.of(answer(400, "{\"message\":\"VismaId: 1. Error: 'Customer' cannot"
                + " be found in the system: 99.\"}"), "x", null)).field()).isEqualTo("customerId");
    }

    @Test
    void the_ipp_exception_shape_is_permanent_and_12027_names_the_tenant() {
        PermanentFailure f = (PermanentFailure) VismaFailures.of(answer(400, "{\"ExceptionType\":\"IPPException\","
                + "\"ExceptionMessage\":\"No license for this company.\",\"ExceptionFaultCode\":\"12027\","
                + "\"ExceptionMessageID\":\"12027_x\",\"ExceptionDetails\":\"\"}"), "x", null);
        assertThat(f.field()).isEqualTo("tenant_id");
        assertThat(f.getMessage()).contains("No license for this company.");
        assertThat(((PermanentFailure) VismaFailures.of(answer(400, "{\"ExceptionType\":\"IPPException\","
                + "\"ExceptionMessage\":\"Context error\",\"ExceptionFaultCode\":\"12002\"}"), "x", null)).field())
                .isEqualTo("credentials");
    }
}
