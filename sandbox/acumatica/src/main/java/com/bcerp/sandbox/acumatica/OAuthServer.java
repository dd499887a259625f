package com.bcerp.sandbox.acumatica;

import com.bcerp.sandbox.http.HttpRequest;
import com.bcerp.sandbox.http.HttpResponse;
import com.bcerp.sandbox.oauth.OAuthError;
import com.bcerp.sandbox.oauth.TokenIssuer;
import com.bcerp.sandbox.oauth.TokenRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The instance's token endpoint ({@code POST /identity/connect/token}, form-encoded), for the grants a server-side
 * integration uses: {@code password} (resource owner; scope must include {@code api}, {@code offline_access} adds a
 * refresh token) and {@code refresh_token} (rotating: the used refresh token stops working). Errors are OAuth JSON:
 * {@code invalid_client} (401), {@code invalid_grant}, {@code invalid_scope}, {@code unsupported_grant_type},
 * {@code invalid_request} (400). The client authenticates with {@code client_id} and {@code client_secret} in the form.
 *
 * <p>With the {@code rejectLogin} fault the password grant answers 400 {@code invalid_grant} whose description is
 * "API Login Limit": Acumatica's official client recognises that text (the exact status a live instance uses is not
 * documented).
 *
 * <p>Sessions: each password grant opens a session, which takes one of the licence's API-user slots until it is
 * signed out ({@code POST /entity/auth/logout} with one of its access tokens) or ends idle. A refresh keeps its
 * grant's session ("the system uses a single session for each access granted" with {@code api offline_access}). With
 * every slot taken ({@link Faults#apiUserLimit}; a trial licence has 2) a new grant is refused with "API Login Limit".
 * A session that has ended takes its tokens with it: the harsher reading, as Acumatica does not say whether a refresh
 * token outlives an idle-ended session.
 */
final class OAuthServer {

    private static final Set<String> KNOWN_SCOPES = Set.of("api", "offline_access", "api:concurrent_access", "openid",
            "email", "profile", "phone");

    private final AcumaticaSandbox.Settings settings;
    private final Faults faults;
    private final TokenIssuer tokens;
    private final Clock clock;
    private volatile String password;
    /** Open sessions by id, and the session of each live access or refresh token. Guarded by {@code this}. */
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Session> sessionOfToken = new HashMap<>();
    private int opened;
    private int mostOpen;
    private int refusedAtLimit;

    private static final class Session {
        final String id = UUID.randomUUID().toString();
        final Set<String> tokens = new HashSet<>();
        Instant lastUsed;

        Session(Instant opened) {
            lastUsed = opened;
        }
    }

    OAuthServer(AcumaticaSandbox.Settings settings, Clock clock, Faults faults) {
        this.settings = settings;
        this.faults = faults;
        this.clock = clock;
        this.tokens = new TokenIssuer(clock, settings.tokenLifetime());
        this.password = settings.password();
    }

    TokenIssuer tokens() {
        return tokens;
    }

    synchronized void changePasswordAndRevokeSessions(String newPassword) {
        password = newPassword;
        tokens.revokeAll();
        sessions.clear();
        sessionOfToken.clear();
    }

    /** Sessions holding an API-user slot now. */
    synchronized int openSessions() {
        endIdleSessions();
        return sessions.size();
    }

    /** What the instance's session records show since it started. */
    synchronized AcumaticaSandbox.SessionRecords sessionRecords() {
        endIdleSessions();
        return new AcumaticaSandbox.SessionRecords(sessions.size(), opened, mostOpen, refusedAtLimit);
    }

    /**
     * The session of a request's live bearer token, marked as used now; empty without one. Requests of one session
     * share its locks (see {@link LongOperations}).
     */
    synchronized Optional<String> useSession(String authorization) {
        endIdleSessions();
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        Session session = sessionOfToken.get(authorization.substring(7).trim());
        if (session == null) {
            return Optional.empty();
        }
        session.lastUsed = clock.instant();
        return Optional.of(session.id);
    }

    /** {@code POST /entity/auth/logout}: ends the bearer token's session and frees its slot; 204 either way. */
    synchronized HttpResponse logout(HttpRequest request) {
        useSession(request.header("Authorization").orElse(null))
                .map(sessions::get).ifPresent(this::end);
        return HttpResponse.empty(204);
    }

    HttpResponse token(HttpRequest request) {
        TokenRequest t = TokenRequest.read(request);
        t.requireClient(settings.clientId(), settings.clientSecret());
        return switch (t.grantType()) {
            case "password" -> passwordGrant(t);
            case "refresh_token" -> refreshGrant(t.refreshToken().orElse(null));
            default -> throw OAuthError.unsupportedGrantType();
        };
    }

    private synchronized HttpResponse refreshGrant(String refreshToken) {
        endIdleSessions();
        Session session = refreshToken == null ? null : sessionOfToken.remove(refreshToken);
        TokenIssuer.Issued issued = tokens.refresh(session == null ? null : refreshToken);
        session.tokens.remove(refreshToken);
        session.lastUsed = clock.instant();
        return attach(session, issued);
    }

    private synchronized HttpResponse passwordGrant(TokenRequest t) {
        endIdleSessions();
        if (faults.rejectLogin() || sessions.size() >= faults.apiUserLimit()) {
            refusedAtLimit++;
            throw OAuthError.invalidGrant("API Login Limit");
        }
        if (!settings.username().equals(t.username().orElse(null)) || !password.equals(t.password().orElse(null))) {
            throw OAuthError.invalidGrant("invalid_username_or_password");
        }
        Set<String> scopes = t.scopes();
        if (!scopes.contains("api") || !KNOWN_SCOPES.containsAll(scopes)) {
            throw OAuthError.invalidScope();
        }
        Session session = new Session(clock.instant());
        sessions.put(session.id, session);
        opened++;
        mostOpen = Math.max(mostOpen, sessions.size());
        return attach(session, tokens.issue(new TokenIssuer.Grant(settings.clientId(), settings.username(), scopes),
                scopes.contains("offline_access")));
    }

    private HttpResponse attach(Session session, TokenIssuer.Issued issued) {
        session.tokens.add(issued.accessToken());
        issued.refreshToken().ifPresent(session.tokens::add);
        session.tokens.forEach(token -> sessionOfToken.put(token, session));
        return issued.answer();
    }

    private void end(Session session) {
        sessions.remove(session.id);
        session.tokens.forEach(token -> {
            tokens.revoke(token);
            sessionOfToken.remove(token);
        });
    }

    /** GUESS: how long an unused session keeps its slot is unconfirmed (the docs say to wait up to an hour). */
    private void endIdleSessions() {
        Duration idle = faults.sessionIdleTimeout();
        if (idle != null) {
            Instant cutoff = clock.instant().minus(idle);
            sessions.values().stream().filter(s -> !s.lastUsed.isAfter(cutoff)).toList().forEach(this::end);
        }
    }
}
