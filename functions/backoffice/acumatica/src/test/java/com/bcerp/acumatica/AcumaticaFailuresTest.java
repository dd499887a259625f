package com.bcerp.acumatica;

import static org.assertj.core.api.Assertions.assertThat;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.http.ApiResponse;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcumaticaFailuresTest {

    private static final List<String> SOURCES = List.of("order 250 line 1 (product 127, sku SKU-0127)",
            "order 250 line 2 (product 128, sku SKU-0128)", "order 250 line 3 (product 129, sku SKU-0129)");

    private static ApiResponse response(int status, String body) {
        return new ApiResponse("PUT", URI.create("http://acumatica.test/entity/Default/24.200.001/SalesOrder"), status,
                HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }

    private static RuntimeException failure(int status, String body) {
        return AcumaticaFailures.of(response(status, body), "sales order BC-abc-250", SOURCES::get);
    }

    @Test
    void an_unknown_item_names_the_detail_field_and_the_store_line() {
        String body = """
                {"OrderNbr": {"value": "<NEW>"}, "error": "Inserting 'Sales Order' record raised at least one error.",
                 "Details": [{"InventoryID": {"value": "SKU-0127"}}, {"InventoryID": {"value": "SKU-0128"}},
                             {"rowNumber": 3, "InventoryID": {"value": "SKU-0129",
                              "error": "'Inventory ID' cannot be found in the system."}}]}""";

        RuntimeException failure = failure(422, body);

        assertThat(failure).isInstanceOf(PermanentFailure.class);
        assertThat(((PermanentFailure) failure).field()).isEqualTo("Details[2].InventoryID");
        assertThat(failure.getMessage()).isEqualTo("Details[2].InventoryID: 'Inventory ID' cannot be found in the system. "
                + "(order 250 line 3 (product 129, sku SKU-0129))");
    }

    @Test
    void a_header_error_names_the_record_and_several_errors_are_all_reported() {
        String body = """
                {"CustomerID": {"value": "NOBODY", "error": "'Customer' cannot be found in the system."},
                 "ShipToAddress": {"Country": {"value": "XX", "error": "'Country' cannot be found in the system."}},
                 "TaxDetails": [{"TaxID": {"value": "VAT", "error": "'Tax ID' cannot be found in the system."}}]}""";

        PermanentFailure failure = (PermanentFailure) failure(422, body);

        assertThat(failure.field()).isEqualTo("CustomerID");
        assertThat(failure.getMessage()).isEqualTo(
                "CustomerID: 'Customer' cannot be found in the system. (sales order BC-abc-250); "
                + "ShipToAddress.Country: 'Country' cannot be found in the system. (sales order BC-abc-250); "
                + "TaxDetails[0].TaxID: 'Tax ID' cannot be found in the system. (sales order BC-abc-250)");
    }

    @Test
    void a_422_with_only_a_record_error_keeps_it() {
        PermanentFailure failure = (PermanentFailure) failure(422, "{\"error\": \"The document is locked.\"}");

        assertThat(failure.field()).isNull();
        assertThat(failure.getMessage()).isEqualTo("The document is locked. (sales order BC-abc-250)");
    }

    @Test
    void a_400_http_error_is_permanent_with_its_message_and_field() {
        String body = """
                {"message": "An error has occurred.", "exceptionMessage": "CustomerOrder: the value must be wrapped",
                 "modelState": {"CustomerOrder": ["the value must be wrapped"]}}""";

        PermanentFailure failure = (PermanentFailure) failure(400, body);

        assertThat(failure.field()).isEqualTo("CustomerOrder");
        assertThat(failure.getMessage()).contains("sales order BC-abc-250").contains("CustomerOrder: the value must be wrapped");
    }

    @Test
    void the_api_login_limit_is_transient_whatever_the_status() {
        assertThat(failure(500, "{\"message\": \"API Login Limit\"}")).isInstanceOf(TransientFailure.class);
        assertThat(failure(400, "{\"error\": \"invalid_grant\", \"error_description\": \"API Login Limit\"}"))
                .isInstanceOf(TransientFailure.class);
    }

    @Test
    void access_and_endpoint_problems_are_permanent_and_server_trouble_is_transient() {
        assertThat(failure(403, "{\"message\": \"Forbidden\"}")).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("access rights");
        assertThat(failure(404, "{\"message\": \"No HTTP resource\"}")).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("endpoint");
        assertThat(failure(401, "{\"message\": \"You are not logged in.\"}")).isInstanceOf(PermanentFailure.class);
        assertThat(failure(412, "{\"message\": \"exists\"}")).isInstanceOf(PermanentFailure.class);
        assertThat(failure(500, "{\"message\": \"boom\"}")).isInstanceOf(TransientFailure.class);
        assertThat(failure(429, "")).isInstanceOf(TransientFailure.class);
        assertThat(failure(418, "not json")).isInstanceOf(PermanentFailure.class).hasMessageContaining("not json");
    }

    @Test
    void a_500_with_a_px_exception_is_a_verdict_and_the_others_are_trouble() {
        String missing = "{\"message\": \"An error has occurred.\", \"exceptionMessage\": \"No entity satisfies the condition.\","
                + " \"exceptionType\": \"PX.Api.ContractBased.NoEntitySatisfiesTheConditionException\"}";
        String rule = "{\"message\": \"An error has occurred.\", \"exceptionMessage\": \"The customer is on credit hold.\","
                + " \"exceptionType\": \"PX.Data.PXException\"}";
        String locked = "{\"message\": \"An error has occurred.\", \"exceptionMessage\": \"Another process has updated the record.\","
                + " \"exceptionType\": \"PX.Data.PXLockViolationException\"}";

        assertThat(AcumaticaFailures.isMissing(response(500, missing))).isTrue();
        assertThat(AcumaticaFailures.isVerdict(response(500, missing))).isTrue();
        assertThat(Records.record(response(500, missing), "sales order SO/SO999999")).isEmpty();
        assertThat(failure(500, missing)).isInstanceOf(PermanentFailure.class).hasMessageContaining("has no sales order");

        assertThat(AcumaticaFailures.isVerdict(response(500, rule))).isTrue();
        assertThat(failure(500, rule)).isInstanceOf(PermanentFailure.class)
                .hasMessage("Acumatica refused sales order BC-abc-250: The customer is on credit hold.");

        assertThat(AcumaticaFailures.isVerdict(response(500, locked))).isFalse();
        assertThat(failure(500, locked)).isInstanceOf(TransientFailure.class);
        assertThat(AcumaticaFailures.isVerdict(response(500, "{\"message\": \"An error has occurred.\"}"))).isFalse();
        assertThat(AcumaticaFailures.isVerdict(response(503, rule))).isFalse();
    }

    @Test
    void a_404_is_an_unpublished_endpoint_not_a_missing_record() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Records.record(
                response(404, "{\"message\": \"No HTTP resource was found that matches the request URI.\"}"), "sales order")))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("endpoint");
    }
}
