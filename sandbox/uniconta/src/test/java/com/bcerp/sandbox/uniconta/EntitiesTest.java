package com.bcerp.sandbox.uniconta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntitiesTest {

    private UnicontaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static ObjectNode debtor(String account, String name, String email) {
        return SandboxHttp.JSON.createObjectNode().put("Account", account).put("Name", name).put("ContactEmail", email);
    }

    @Test
    void insert_answers_200_with_the_stored_row_and_read_finds_it_by_plain_equality() {
        var inserted = http.insert("DebtorClient", debtor("10001", "Jane Doe", "jane@example.com")
                .put("DeliveryCity", "Oslo").put("PricesInclVat", true));

        assertThat(inserted.status()).isEqualTo(200);
        JsonNode row = inserted.json();
        assertThat(row.get("Account").asText()).isEqualTo("10001");
        assertThat(row.get("RowId").asLong()).isPositive();
        assertThat(row.get("Created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        assertThat(row.get("PricesInclVat").asBoolean()).isTrue();
        assertThat(row.get("CreditMax").asDouble()).isZero();     // value types are always there
        assertThat(row.has("Address2")).isFalse();                // null reference types are left out

        var byEmail = http.read("DebtorClient", "ContactEmail", "jane@example.com");
        assertThat(byEmail.json()).hasSize(1);
        assertThat(http.read("DebtorClient", "ContactEmail", "JANE@example.com").json()).isEmpty();
        assertThat(http.send(http.request("DebtorClient?Name=Account&Value=10001").GET()).json()).hasSize(1);
    }

    @Test
    void user_fields_live_only_on_the_user_class() {
        http.insert("DebtorClient", debtor("10001", "Jane", "j@example.com").put("StoreCustomerId", "BC-7"));
        http.insert("DebtorClientUser", debtor("10002", "John", "jo@example.com").put("StoreCustomerId", "BC-8"));

        assertThat(http.read("DebtorClientUser", "StoreCustomerId", "BC-7").json()).isEmpty(); // dropped on DebtorClient
        JsonNode found = http.read("DebtorClientUser", "StoreCustomerId", "BC-8").json();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("Account").asText()).isEqualTo("10002");
        assertThat(http.read("DebtorClient", "Account", "10002").json().get(0).has("StoreCustomerId")).isFalse();
        assertThat(http.read("DebtorClient", "StoreCustomerId", "BC-8").status()).isEqualTo(400);
    }

    @Test
    void update_replaces_the_whole_row_and_keeps_what_the_server_sets() {
        JsonNode created = http.insert("DebtorClientUser", debtor("10001", "Jane", "j@example.com")
                .put("Phone", "123").put("StoreCustomerId", "BC-7")).json();

        var updated = http.update("DebtorClient", SandboxHttp.JSON.createObjectNode().put("Account", "10001")
                .put("Name", "Jane Smith"));

        assertThat(updated.status()).isEqualTo(200);
        JsonNode row = http.read("DebtorClientUser", "Account", "10001").json().get(0);
        assertThat(row.get("Name").asText()).isEqualTo("Jane Smith");
        assertThat(row.has("Phone")).isFalse();                                   // left out, so cleared
        assertThat(row.has("ContactEmail")).isFalse();
        assertThat(row.get("StoreCustomerId").asText()).isEqualTo("BC-7");       // not part of DebtorClient
        assertThat(row.get("Created").asText()).isEqualTo(created.get("Created").asText());
        assertThat(row.get("RowId").asLong()).isEqualTo(created.get("RowId").asLong());
    }

    @Test
    void refusals_carry_the_error_code_name() {
        http.insert("DebtorClient", debtor("10001", "Jane", "j@example.com"));

        var duplicate = http.insert("DebtorClient", debtor("10001", "Again", "a@example.com"));
        var blank = http.insert("DebtorClient", SandboxHttp.JSON.createObjectNode().put("Name", "No account"));
        var missing = http.update("DebtorClient", debtor("99", "Nobody", null));
        var wrongType = http.insert("DebtorClient", debtor("10003", "X", "x@example.com").put("CreditMax", "lots"));

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("ErrorCode").asText()).isEqualTo("KeyExists");
        assertThat(duplicate.json().get("Message").asText()).isNotBlank();
        assertThat(blank.json().get("ErrorCode").asText()).isEqualTo("FieldCannotBeBlank");
        assertThat(missing.json().get("ErrorCode").asText()).isEqualTo("CouldNotFind");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(http.read("DebtorClient").json()).hasSize(1);

        sandbox.faults().refusalStatus(500);
        assertThat(http.insert("DebtorClient", debtor("10001", "Again", null)).status()).isEqualTo(500);
    }

    @Test
    void an_unknown_class_is_404_and_read_only_classes_refuse_writes() {
        var unknown = http.read("NoSuchClient");
        var storage = http.insert("InvItemStorageClient", SandboxHttp.JSON.createObjectNode().put("Item", "SKU-0100"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("ErrorCode").asText()).isEqualTo("CouldNotFind");
        assertThat(storage.json().get("ErrorCode").asText()).isEqualTo("NoRights");
    }

    @Test
    void delete_takes_the_row_and_answers_200() {
        JsonNode row = http.insert("DebtorClient", debtor("10001", "Jane", "j@example.com")).json();

        var deleted = http.delete("DebtorClient", row);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(http.read("DebtorClient").json()).isEmpty();
        assertThat(http.delete("DebtorClient", row).json().get("ErrorCode").asText()).isEqualTo("CouldNotFind");
    }

    @Test
    void insert_list_stores_all_or_none_by_default() {
        var ok = http.insertList("DebtorClient", List.of(debtor("1", "A", null), debtor("2", "B", null)));
        var refused = http.insertList("DebtorClient", List.of(debtor("3", "C", null), debtor("1", "dup", null)));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json()).hasSize(2);
        assertThat(refused.json().get("ErrorCode").asText()).isEqualTo("KeyExists");
        assertThat(http.read("DebtorClient").json()).extracting(r -> r.get("Account").asText()).containsExactly("1", "2");
    }

    @Test
    void insert_list_can_keep_the_rows_before_the_refused_one() {
        sandbox.faults().insertListStopsAtFirstError(true);

        var refused = http.insertList("DebtorClient", List.of(debtor("3", "C", null), debtor("3", "dup", null),
                debtor("4", "D", null)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(http.read("DebtorClient").json()).extracting(r -> r.get("Account").asText()).containsExactly("3");
    }

    @Test
    void inserts_can_answer_204_without_a_body() {
        sandbox.faults().insertWithoutBody(true);

        var one = http.insert("DebtorClient", debtor("1", "A", null));
        var list = http.insertList("DebtorClient", List.of(debtor("2", "B", null)));

        assertThat(one.status()).isEqualTo(204);
        assertThat(one.body()).isEmpty();
        assertThat(list.status()).isEqualTo(204);
        assertThat(http.read("DebtorClient").json()).hasSize(2);
    }

    @Test
    void calls_are_counted_per_route_and_user() {
        http.insert("DebtorClient", debtor("1", "A", null));
        http.read("DebtorClient");
        http.send(http.request("DebtorClient").GET());

        assertThat(sandbox.calls().count("POST /api/Entities/Insert/DebtorClient")).isEqualTo(1);
        assertThat(sandbox.calls().count("GET /api/Entities/Read/DebtorClient")).isEqualTo(2);
        assertThat(sandbox.callBudget().callsToday(sandbox.settings().user())).isEqualTo(3);
        assertThat(sandbox.rows("DebtorClient")).hasSize(1);
    }
}
