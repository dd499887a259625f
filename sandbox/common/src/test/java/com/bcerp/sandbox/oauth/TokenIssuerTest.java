package com.bcerp.sandbox.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bcerp.sandbox.ManualClock;
import com.bcerp.sandbox.http.HttpError;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import com.bcerp.sandbox.oauth.TokenIssuer.Grant;
import com.bcerp.sandbox.oauth.TokenIssuer.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final TokenIssuer tokens = new TokenIssuer(clock, Duration.ofMinutes(60));
    private final Grant grant = new Grant("client-1", "api-user", new LinkedHashSet<>(List.of("api", "offline_access")));

    @Test
    void an_access_token_works_for_its_lifetime_on_the_injected_clock_and_not_a_moment_longer() {
        Issued issued = tokens.issue(grant, false);

        assertThat(issued.expiresInSeconds()).isEqualTo(3600);
        assertThat(issued.refreshToken()).isEmpty();
        assertThat(tokens.authorise("Bearer " + issued.accessToken())).contains(grant);
        clock.advance(Duration.ofMinutes(60).minusMillis(1));
        assertThat(tokens.authorise("bearer " + issued.accessToken())).as("the scheme is case-insensitive").isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.authorise("Bearer " + issued.accessToken())).isEmpty();
        assertThat(tokens.authorise(issued.accessToken())).as("no Bearer scheme").isEmpty();
        assertThat(tokens.authorise(null)).isEmpty();
    }

    @Test
    void expires_in_is_whole_seconds_rounded_up_and_at_least_one() {
        assertThat(new TokenIssuer(clock, Duration.ofMillis(1500)).issue(grant, false).expiresInSeconds()).isEqualTo(2);
        assertThat(new TokenIssuer(clock, Duration.ofMillis(10)).issue(grant, false).expiresInSeconds()).isEqualTo(1);
        assertThatThrownBy(() -> new TokenIssuer(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_refresh_token_rotates_it_works_once_and_the_answer_carries_the_next_one_for_the_same_grant() {
        Issued first = tokens.issue(grant, true);
        clock.advance(Duration.ofHours(2)); // the access token is long gone; the refresh token does not expire

        Issued second = tokens.refresh(first.refreshToken().orElseThrow());

        assertThat(second.grant()).isEqualTo(grant);
        assertThat(second.refreshToken()).isPresent().isNotEqualTo(first.refreshToken());
        assertThat(tokens.authorise("Bearer " + second.accessToken())).contains(grant);
        assertThatThrownBy(() -> tokens.refresh(first.refreshToken().orElseThrow()))
                .isInstanceOfSatisfying(OAuthError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_grant");
                });
        assertThatThrownBy(() -> tokens.refresh(null)).isInstanceOf(OAuthError.class);
    }

    @Test
    void a_refresh_token_with_a_lifetime_is_refused_once_it_has_passed() {
        tokens.refreshLifetime(Duration.ofDays(30));
        Issued issued = tokens.issue(grant, true);
        clock.advance(Duration.ofDays(30));

        assertThatThrownBy(() -> tokens.refresh(issued.refreshToken().orElseThrow())).isInstanceOf(OAuthError.class);
    }

    @Test
    void revoking_ends_one_token_expiring_ends_access_tokens_and_revoke_all_ends_every_token() {
        Issued a = tokens.issue(grant, true);
        Issued b = tokens.issue(grant, true);

        assertThat(tokens.revoke(a.accessToken())).isTrue();
        assertThat(tokens.revoke(a.accessToken())).isFalse();
        assertThat(tokens.grantOf(a.accessToken())).isEmpty();
        assertThat(tokens.grantOf(b.accessToken())).isPresent();

        tokens.expireAccessTokens();
        assertThat(tokens.grantOf(b.accessToken())).isEmpty();
        Issued c = tokens.refresh(b.refreshToken().orElseThrow()); // refresh tokens survive an access-token purge

        tokens.revokeAll();
        assertThat(tokens.grantOf(c.accessToken())).isEmpty();
        assertThatThrownBy(() -> tokens.refresh(c.refreshToken().orElseThrow())).isInstanceOf(OAuthError.class);
        assertThatThrownBy(() -> tokens.refresh(a.refreshToken().orElseThrow())).isInstanceOf(OAuthError.class);
        assertThat(tokens.issuedTokens()).contains(a.accessToken(), a.refreshToken().orElseThrow(), c.accessToken());
    }

    @Test
    void the_answer_is_the_rfc_6749_body_and_is_not_cached() throws Exception {
        Issued issued = tokens.issue(grant, true);
        HttpResponse answer = issued.answer();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("Cache-Control", "no-store");
        Map<String, Object> body = com.bcerp.sandbox.http.Json.MAPPER.readValue(answer.body(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        assertThat(body).containsEntry("access_token", issued.accessToken()).containsEntry("token_type", "Bearer")
                .containsEntry("expires_in", 3600).containsEntry("scope", "api offline_access")
                .containsEntry("refresh_token", issued.refreshToken().orElseThrow());
        assertThat(issued.toString()).doesNotContain(issued.accessToken());
    }

    @Test
    void the_bearer_filter_refuses_protected_requests_without_a_live_token_with_the_vendors_answer() {
        Issued issued = tokens.issue(grant, false);
        Router router = new Router()
                .filter(tokens.requireBearer(r -> r.path().startsWith("/api/"), () -> new HttpError(401, "Log in first")))
                .route("GET", "/api/orders", r -> HttpResponse.json(200, Map.of("orders", 0)))
                .route("GET", "/health", r -> HttpResponse.empty(204));

        assertThat(router.dispatch("GET", "/api/orders", null, Map.of(), new byte[0]).status()).isEqualTo(401);
        assertThat(router.dispatch("GET", "/api/orders", null,
                Map.of("authorization", "Bearer " + issued.accessToken()), new byte[0]).status()).isEqualTo(200);
        assertThat(router.dispatch("GET", "/health", null, Map.of(), new byte[0]).status()).isEqualTo(204);
        clock.advance(Duration.ofHours(1));
        assertThat(router.dispatch("GET", "/api/orders", null,
                Map.of("authorization", "Bearer " + issued.accessToken()), new byte[0]).status()).isEqualTo(401);
    }
}
