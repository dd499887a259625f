package com.bcerp.sandbox.uniconta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {

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

    @Test
    void the_documented_login_reads_a_bare_json_array() {
        var r = http.read("InvItemClient", "Item", "SKU-0100");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json()).hasSize(1);
        assertThat(r.json().get(0).get("Item").asText()).isEqualTo("SKU-0100");
    }

    @Test
    void a_wrong_password_is_401_with_a_basic_challenge() {
        var r = http.as(sandbox.settings().loginName(), "wrong").read("DebtorClient");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(r.json().get("ErrorCode").asText()).isEqualTo("NoSucces");
    }

    @Test
    void another_company_is_403_no_rights() {
        var r = http.as("00999999/" + sandbox.settings().user(), sandbox.settings().password()).read("DebtorClient");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("ErrorCode").asText()).isEqualTo("NoRights");
    }

    @Test
    void only_the_two_zero_company_form_signs_in() {
        String user = sandbox.settings().user();
        String pass = sandbox.settings().password();
        long id = sandbox.settings().companyId();

        assertThat(http.as(id + "/" + user, pass).read("DebtorClient").status()).isEqualTo(401);
        assertThat(http.as(user, pass).read("DebtorClient").status()).isEqualTo(401);
        assertThat(http.as("00" + id + "/" + user, pass).read("DebtorClient").status()).isEqualTo(200);
    }

    @Test
    void no_credentials_is_401_and_the_log_keeps_no_password() {
        var r = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(sandbox.baseUrl() + "/api/Entities/DebtorClient")).GET());
        http.read("DebtorClient");

        assertThat(r.status()).isEqualTo(401);
        assertThat(sandbox.calls().exchanges()).allSatisfy(e -> {
            assertThat(e.requestHeaders()).doesNotContainKey("authorization");
            assertThat(e.toString()).doesNotContain(sandbox.settings().password());
        });
        assertThat(sandbox.calls().total(sandbox.settings().user())).isEqualTo(1);
    }
}
