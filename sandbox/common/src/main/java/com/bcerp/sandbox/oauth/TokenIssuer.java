package com.bcerp.sandbox.oauth;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.http.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Issues and checks OAuth2 bearer tokens (RFC 6749, RFC 6750): access tokens that work for a lifetime on the
 * injected clock, refresh tokens that rotate (each works once, and the refresh answers a new one), revocation of one
 * token, and knobs that end every access token (an instance restart) or every token (an administrator signing the
 * integration out). What a grant needs checked (users, passwords, scopes) is the vendor's sandbox's; see
 * {@link TokenRequest}.
 *
 * <pre>{@code
 * TokenIssuer tokens = new TokenIssuer(clock, Duration.ofHours(1));
 * Issued issued = tokens.issue(new Grant(clientId, clientId, Set.of("api")), false);   // client_credentials
 * return issued.answer();                                                           // 200, RFC 6749 section 5.1 body
 * ...
 * router.filter(tokens.requireBearer(r -> r.path().startsWith("/api/"), () -> new HttpError(401, "Unauthorized")));
 * }</pre>
 */
public final class TokenIssuer {

    /**
     * Who a token was issued to and for what.
     *
     * @param subject the user of a password grant, or the client itself for client_credentials
     */
    public record Grant(String clientId, String subject, Set<String> scopes) {

        public Grant {
            scopes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes));
        }

        public boolean hasScope(String scope) {
            return scopes.contains(scope);
        }

        /** The scopes space-separated, as the token answer's {@code scope} carries them. */
        public String scope() {
            return String.join(" ", scopes);
        }
    }

    /** An issued access token, with the refresh token issued beside it if any. */
    public record Issued(String accessToken, Instant expiresAt, long expiresInSeconds, Optional<String> refreshToken,
            Grant grant) {

        /** The RFC 6749 section 5.1 body: access_token, expires_in, token_type, refresh_token (if any), scope. */
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", accessToken);
            body.put("expires_in", expiresInSeconds);
            body.put("token_type", "Bearer");
            refreshToken.ifPresent(r -> body.put("refresh_token", r));
            body.put("scope", grant.scope());
            return body;
        }

        /** 200 with {@link #body()} and {@code Cache-Control: no-store}, as RFC 6749 section 5.1 requires. */
        public HttpResponse answer() {
            return HttpResponse.json(200, body()).withHeader("Cache-Control", "no-store");
        }

        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + ", refresh=" + refreshToken.isPresent() + ", " + grant + ", tokens redacted]";
        }
    }

    private record Access(Grant grant, Instant expiresAt) {}

    private record Refresh(Grant grant, Instant expiresAt) {}

    private final Clock clock;
    private volatile Duration accessLifetime;
    private volatile Duration refreshLifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    /** Refresh tokens do not expire unless {@link #refreshLifetime(Duration)} says they do. */
    public TokenIssuer(Clock clock, Duration accessLifetime) {
        this.clock = clock;
        accessLifetime(accessLifetime);
    }

    public TokenIssuer accessLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("an access token's lifetime must be positive, was " + lifetime);
        }
        this.accessLifetime = lifetime;
        return this;
    }

    public Duration accessLifetime() {
        return accessLifetime;
    }

    /** How long a refresh token works once issued; null for no limit. */
    public TokenIssuer refreshLifetime(Duration lifetime) {
        this.refreshLifetime = lifetime;
        return this;
    }

    /** A new access token for the grant, and a refresh token too when {@code withRefreshToken}. */
    public Issued issue(Grant grant, boolean withRefreshToken) {
        Instant now = clock.instant();
        Duration lifetime = accessLifetime;
        String access = newToken();
        issued.add(access);
        accessTokens.put(access, new Access(grant, now.plus(lifetime)));
        Optional<String> refresh = Optional.empty();
        if (withRefreshToken) {
            String token = newToken();
            issued.add(token);
            Duration refreshFor = refreshLifetime;
            refreshTokens.put(token, new Refresh(grant, refreshFor == null ? null : now.plus(refreshFor)));
            refresh = Optional.of(token);
        }
        return new Issued(access, now.plus(lifetime), Math.max(1, (lifetime.toMillis() + 999) / 1000), refresh, grant);
    }

    /**
     * The refresh_token grant with rotation: the presented token stops working and the answer carries a new access
     * token and a new refresh token for the same grant. An unknown, used, revoked or expired one is a 400
     * invalid_grant.
     */
    public Issued refresh(String refreshToken) {
        Refresh used = refreshToken == null ? null : refreshTokens.remove(refreshToken);
        if (used == null || (used.expiresAt() != null && !clock.instant().isBefore(used.expiresAt()))) {
            throw OAuthError.invalidGrant(null);
        }
        return issue(used.grant(), true);
    }

    /** The grant behind an {@code Authorization} header's bearer token, when the token is known and not expired. */
    public Optional<Grant> authorise(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return grantOf(authorization.substring(7).trim());
    }

    /** The grant behind an access token, when it is known and not expired. */
    public Optional<Grant> grantOf(String accessToken) {
        Access access = accessTokens.get(accessToken);
        return access != null && clock.instant().isBefore(access.expiresAt()) ? Optional.of(access.grant()) : Optional.empty();
    }

    /** Revokes one token, access or refresh (RFC 7009); true when it was live. */
    public boolean revoke(String token) {
        return accessTokens.remove(token) != null | refreshTokens.remove(token) != null;
    }

    /** Ends every access token now (an instance restart); refresh tokens keep working. */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    /** Drops every token, access and refresh: each client must sign in again. */
    public void revokeAll() {
        accessTokens.clear();
        refreshTokens.clear();
    }

    /** Every access and refresh token issued so far, live or not (to check that none reaches a log). */
    public Set<String> issuedTokens() {
        return Set.copyOf(issued);
    }

    /**
     * A router filter that lets a request {@code protects} matches through only with a live bearer token; otherwise
     * it throws what {@code refusal} makes (the vendor's own 401 body).
     */
    public Router.Filter requireBearer(Predicate<HttpRequest> protects, Supplier<? extends RuntimeException> refusal) {
        return (request, next) -> {
            if (protects.test(request) && authorise(request.header("Authorization").orElse(null)).isEmpty()) {
                throw refusal.get();
            }
            return next.apply(request);
        };
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
