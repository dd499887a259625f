package com.bcerp.sandbox.uniconta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ODataTest {

    private UnicontaSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = UnicontaSandbox.start(UnicontaSandbox.Settings.defaults());
        http = new SandboxHttp(sandbox);
        for (int i = 1; i <= 5; i++) {
            http.insert("DebtorClientUser", OrderTest.obj().put("Account", "100" + i).put("Name", "Customer " + (6 - i))
                    .put("CreditMax", i * 100).put("StoreCustomerId", "BC-" + i));
        }
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SandboxHttp.Response odata(String path, String accept) {
        String basic = Base64.getEncoder().encodeToString((sandbox.settings().loginName() + ":"
                + sandbox.settings().password()).getBytes());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path.replace(" ", "%20")
                .replace("'", "%27"))).header("Authorization", "Basic " + basic).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b);
    }

    private SandboxHttp.Response json(String entityAndQuery) {
        return odata("/odata/" + sandbox.settings().companyId() + "/" + entityAndQuery, "application/json");
    }

    private static List<String> accounts(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("value").forEach(r -> out.add(r.get("Account").asText()));
        return out;
    }

    @Test
    void answers_in_a_value_envelope_with_filter_orderby_top_and_skip() {
        var r = json("DebtorClient?$filter=CreditMax gt 100&$orderby=Name asc&$top=2&$skip=1");

        assertThat(r.status()).isEqualTo(200);
        assertThat(accounts(r.json())).containsExactly("1004", "1003");
        assertThat(r.json().has("@odata.nextLink")).isFalse();
        assertThat(accounts(json("DebtorClient?$filter=Account eq '1002'").json())).containsExactly("1002");
        assertThat(accounts(json("DebtorClientUser?$filter=StoreCustomerId eq 'BC-5'").json())).containsExactly("1005");
    }

    @Test
    void or_works_on_one_field_only() {
        var same = json("DebtorClient?$filter=Account eq '1001' or Account eq '1003'");
        var two = json("DebtorClient?$filter=Account eq '1001' or Name eq 'Customer 1'");

        assertThat(accounts(same.json())).containsExactly("1001", "1003");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().get("ErrorCode").asText()).isEqualTo("NoSucces");
        assertThat(json("DebtorClient?$filter=contains(Name,'x')").status()).isEqualTo(400);
        assertThat(json("DebtorClient?$filter=Nope eq 1").status()).isEqualTo(400);
    }

    @Test
    void dates_compare_with_the_datetime_literal() {
        var today = json("DebtorClient?$filter=Created ge datetime'2000-01-01T00:00:00' and Created le datetime'2999-12-31T00:00:00'");
        var none = json("DebtorClient?$filter=Created ge datetime'2999-01-01T00:00:00'");

        assertThat(today.json().get("value")).hasSize(5);
        assertThat(none.json().get("value")).isEmpty();
    }

    @Test
    void without_accept_json_the_answer_is_xml() {
        var r = odata("/odata/" + sandbox.settings().companyId() + "/DebtorClient", null);

        assertThat(r.contentType()).contains("xml");
        assertThat(r.body()).startsWith("<?xml").contains("<d:Account>1001</d:Account>");
    }

    @Test
    void another_company_in_the_path_is_403_and_the_root_lists_the_classes() {
        assertThat(odata("/odata/999/DebtorClient", "application/json").status()).isEqualTo(403);
        var index = odata("/odata/" + sandbox.settings().companyId(), "application/json");
        List<String> names = new ArrayList<>();
        index.json().get("value").forEach(v -> names.add(v.get("name").asText()));
        assertThat(names).contains("InvItemStorageClient", "DebtorOrderClientUser");
    }

    @Test
    void server_paging_hands_out_next_links_until_the_end() {
        sandbox.faults().odataPageSize(2);
        List<String> seen = new ArrayList<>();
        String next = "/odata/" + sandbox.settings().companyId() + "/DebtorClient?$orderby=Account";
        int pages = 0;
        while (next != null) {
            JsonNode body = odata(next, "application/json").json();
            seen.addAll(accounts(body));
            next = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText().substring(sandbox.baseUrl().length()) : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("1001", "1002", "1003", "1004", "1005");
    }

    @Test
    void the_skip_knob_makes_every_page_the_first() {
        sandbox.faults().odataIgnoresSkip(true);

        assertThat(accounts(json("DebtorClient?$top=2&$skip=2").json())).containsExactly("1001", "1002");
    }
}
