package com.bcerp.acumatica;

import com.bcerp.core.failure.PermanentFailure;
import com.bcerp.core.failure.TransientFailure;
import com.bcerp.core.port.CredentialLease;
import com.bcerp.core.port.SecretSource;
import com.bcerp.http.ApiClient;
import com.bcerp.http.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's OAuth2 session with one Acumatica instance: the resource-owner password grant with scope
 * {@code api offline_access}, the access token reused until shortly before it expires, then renewed with the refresh
 * token. Acumatica rotates refresh tokens, so each new one is written back to the secret at once: a restart (or the
 * next Lambda container) continues the session instead of signing in again and using up an API-user slot.
 *
 * <p>A refresh the instance refuses falls back to the password grant once; if that is refused too the credentials are
 * wrong, which is a {@link PermanentFailure} naming the secret (never a value from it): the work parks with that
 * reason. The session remembers the refused credentials and does not offer them again (repeated failed sign-ins can
 * lock the API user); it reads the secret afresh on every later attempt and signs in once the secret has changed.
 * Acumatica's "API Login Limit" refusal is transient: it passes when idle sessions end. One renewal at a time;
 * callers share it.
 *
 * <p>Every process shares one grant, so one session and one API-user slot: a renewal or sign-in happens only under
 * the {@link CredentialLease} (the state table's), and reads the secret afresh there, so it uses the refresh token
 * another process has just rotated instead of a spent one (which would be refused and cost a second grant). A refresh
 * the instance refuses ends the session: the connector signs out what it held before the one new grant. After "API
 * Login Limit" it sends no grant for {@link #LOGIN_LIMIT_PAUSE}, so a full licence never meets a loop of sign-ins.
 * {@link #signOut()} frees the slot when the process stops (the local runtime's close; Lambda has no shutdown hook,
 * so a Lambda's session stays until Acumatica ends it or the next refresh continues it).
 */
public final class AcumaticaSession {

    private static final Logger log = LoggerFactory.getLogger(AcumaticaSession.class);
    private static final String SCOPE = "api offline_access";
    private static final Duration MAX_EARLY_RENEWAL = Duration.ofSeconds(60);
    static final Duration LOGIN_LIMIT_PAUSE = Duration.ofMinutes(1);

    private record Token(String value, Instant renewAt) {}

    /** The token endpoint refused a grant (400/401 with an OAuth error). */
    private static final class Refused extends RuntimeException {
        Refused(String description) {
            super(description, null, false, false);
        }
    }

    private final AcumaticaSettings settings;
    private final SecretSource secrets;
    private final ApiClient api;
    private final Clock clock;
    private final CredentialLease lease;
    private final ReentrantLock lock = new ReentrantLock();
    private AcumaticaCredentials credentials;
    private Token token;
    /** The sign-in the instance refused, so it is not sent again; null when none was refused. */
    private AcumaticaCredentials refused;
    private PermanentFailure refusal;
    private Instant loginLimitUntil = Instant.MIN;
    private TransientFailure loginLimit;

    public AcumaticaSession(AcumaticaSettings settings, SecretSource secrets, ApiClient api, Clock clock) {
        this(settings, secrets, api, clock, CredentialLease.UNSHARED);
    }

    /** @param lease serialises renewals with the other processes that share the secret */
    public AcumaticaSession(AcumaticaSettings settings, SecretSource secrets, ApiClient api, Clock clock,
            CredentialLease lease) {
        this.settings = settings;
        this.secrets = secrets;
        this.api = api;
        this.clock = clock;
        this.lease = lease;
    }

    /** Signs the session out ({@code POST /entity/auth/logout}), freeing its API-user slot; the process stops using it. */
    public void signOut() {
        lock.lock();
        try {
            if (token != null) {
                logout(token.value());
                token = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A valid access token: the current one, or a renewed one when it is about to expire. */
    public String accessToken() {
        lock.lock();
        try {
            if (token == null || !clock.instant().isBefore(token.renewAt())) {
                token = obtain();
            }
            return token.value();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new token after the instance answered 401 to {@code rejected}. If another caller already renewed it, that
     * token is returned without asking the instance again.
     */
    public String renewAfterRejection(String rejected) {
        lock.lock();
        try {
            if (token == null || token.value().equals(rejected)) {
                token = obtain();
            }
            return token.value();
        } finally {
            lock.unlock();
        }
    }

    private Token obtain() {
        if (clock.instant().isBefore(loginLimitUntil)) {
            throw loginLimit;
        }
        String name = settings.secretName();
        awaitLease(name);
        try {
            credentials = AcumaticaCredentials.from(name, secrets.fresh(name)); // another process may have rotated it
            return obtainHoldingLease();
        } finally {
            lease.release(name);
        }
    }

    /** Waits while another process renews (a renewal is a few requests); past the lease it has run out anyway. */
    private void awaitLease(String name) {
        Duration hold = leaseLength();
        long deadline = System.nanoTime() + hold.toNanos();
        while (!lease.tryAcquire(name, hold)) {
            if (System.nanoTime() > deadline) {
                throw new TransientFailure("another process has been renewing the Acumatica session of secret '" + name
                        + "' for " + hold.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailure("interrupted while waiting to renew the Acumatica session");
            }
        }
    }

    /** Longer than a renewal can take: a refresh, a sign-out and a password grant, each within the request timeout. */
    private Duration leaseLength() {
        Duration three = settings.requestTimeout().multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(30)) > 0 ? three : Duration.ofSeconds(30);
    }

    private Token obtainHoldingLease() {
        if (refused != null) {
            credentials = null; // read the secret again: ops may have fixed it
            if (sameSignIn(credentials(), refused)) {
                throw refusal;
            }
            refused = null;
        }
        AcumaticaCredentials creds = credentials();
        if (creds.refreshToken() != null) {
            try {
                return grant(Map.of("grant_type", "refresh_token", "refresh_token", creds.refreshToken()), false);
            } catch (Refused e) {
                log.info("Acumatica refused the stored refresh token ({}); signing in with the password grant", e.getMessage());
                credentials = creds.withRefreshToken(null);
                if (token != null) {
                    logout(token.value()); // the session it belonged to is abandoned: free its slot
                    token = null;
                }
            }
        }
        try {
            return grant(Map.of("grant_type", "password", "username", creds.username(), "password", creds.password(),
                    "scope", SCOPE), true);
        } catch (Refused e) {
            refused = creds;
            refusal = new PermanentFailure("secret " + settings.secretName(), "Acumatica at " + settings.instanceUrl()
                    + " refused the connector's sign-in (" + e.getMessage() + "): check username, password, client_id "
                    + "(with its @tenant suffix) and client_secret in secret '" + settings.secretName() + "'; the "
                    + "connector will not sign in again with these credentials until the secret changes");
            throw refusal;
        }
    }

    private static boolean sameSignIn(AcumaticaCredentials a, AcumaticaCredentials b) {
        return a.username().equals(b.username()) && a.password().equals(b.password())
                && a.clientId().equals(b.clientId()) && a.clientSecret().equals(b.clientSecret());
    }

    /** Sends one grant; a refresh is not retried blindly, as a lost answer would have used up the refresh token. */
    private Token grant(Map<String, String> grantFields, boolean retryable) {
        AcumaticaCredentials creds = credentials();
        Map<String, String> form = new LinkedHashMap<>(grantFields);
        form.put("client_id", creds.clientId());
        form.put("client_secret", creds.clientSecret());
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Instant sentAt = clock.instant();
        ApiResponse response = api.send(attempt -> HttpRequest.newBuilder(settings.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), retryable);
        if (response.body() != null && response.body().contains("API Login Limit")) {
            loginLimitUntil = clock.instant().plus(LOGIN_LIMIT_PAUSE);
            loginLimit = new TransientFailure("Acumatica refused the sign-in: API Login Limit (every API user slot of the "
                    + "licence is in use; it frees when idle sessions end); no sign-in is tried before " + loginLimitUntil);
            throw loginLimit;
        }
        if (response.status() == 400 || response.status() == 401) {
            JsonNode error = json(response);
            throw new Refused(error.path("error").asText("status " + response.status())
                    + (error.hasNonNull("error_description") ? ": " + error.get("error_description").asText() : ""));
        }
        if (!response.isSuccess()) {
            throw new TransientFailure("Acumatica token endpoint: " + response.describe());
        }
        JsonNode answer = json(response);
        String access = answer.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new TransientFailure("Acumatica token endpoint answered without an access token");
        }
        Duration lifetime = Duration.ofSeconds(answer.path("expires_in").asLong(3600));
        Duration early = lifetime.dividedBy(4).compareTo(MAX_EARLY_RENEWAL) < 0 ? lifetime.dividedBy(4) : MAX_EARLY_RENEWAL;
        String refresh = answer.path("refresh_token").asText("");
        if (!refresh.isEmpty()) {
            keepRefreshToken(refresh);
        }
        return new Token(access, sentAt.plus(lifetime).minus(early));
    }

    /** Ends the session of {@code accessToken}; a failure only leaves it to end idle. */
    private void logout(String accessToken) {
        try {
            ApiResponse response = api.send(attempt -> HttpRequest.newBuilder(settings.logoutUrl())
                    .header("Authorization", "Bearer " + accessToken).POST(HttpRequest.BodyPublishers.noBody()).build(), false);
            if (!response.isSuccess()) {
                log.info("Acumatica did not sign the session out: {}", response.describe());
            }
        } catch (RuntimeException e) {
            log.info("could not sign the Acumatica session out: {}", e.getClass().getSimpleName());
        }
    }

    private void keepRefreshToken(String refresh) {
        credentials = credentials().withRefreshToken(refresh);
        try {
            Map<String, String> secret = new LinkedHashMap<>(secrets.get(settings.secretName()));
            secret.put(AcumaticaCredentials.REFRESH_TOKEN, refresh);
            secrets.put(settings.secretName(), secret);
        } catch (RuntimeException e) {
            // the session goes on; after a restart the password grant starts a new one
            log.warn("could not write the rotated Acumatica refresh token back to secret '{}': {}", settings.secretName(),
                    e.getClass().getSimpleName());
        }
    }

    private AcumaticaCredentials credentials() {
        if (credentials == null) {
            credentials = AcumaticaCredentials.from(settings.secretName(), secrets.get(settings.secretName()));
        }
        return credentials;
    }

    private static JsonNode json(ApiResponse response) {
        try {
            return response.json();
        } catch (IllegalStateException e) {
            return com.bcerp.http.JsonSupport.MAPPER.createObjectNode();
        }
    }
}
