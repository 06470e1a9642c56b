package dev.maa.server.internal;

import com.nimbusds.jwt.JWT;
import dev.maa.api.Principal;
import dev.maa.server.SessionSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's server-side sessions. The browser holds only the session's id, an opaque 256-bit random value in
 * an {@code HttpOnly} cookie; what the session stands for (the principal, the provider's ID token for sign-out, or
 * in dev mode the pasted API token) stays here, so script running in the page can steal no bearer token. A session
 * ends after the idle timeout, at its absolute lifetime, and at sign-out; its per-session CSRF token must come back
 * in a header with every state-changing request. Sessions live in memory: a restart signs everyone out, which
 * fails closed.
 */
public final class ConsoleSessions {

    /** The cookie holding the session id. */
    public static final String COOKIE = "maa_session";

    /** The header that carries the session's CSRF token on state-changing requests. */
    public static final String CSRF_HEADER = "X-MAA-CSRF";

    /** More sessions than this and sign-in is refused until some expire (memory stays bounded). */
    static final int MAX_SESSIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One session: either a principal from the provider ({@code idToken} set) or a dev API token re-checked on
     * every request ({@code devToken} set), so that a user removed from the users file is signed out at once.
     */
    public static final class Session {
        private final String id;
        private final String csrfToken;
        private final Principal principal;
        private final JWT idToken;
        private final String devToken;
        private final Instant expiresAt;
        private volatile Instant lastSeen;

        private Session(String id, Principal principal, JWT idToken, String devToken, Instant now, Instant end) {
            this.id = id;
            this.csrfToken = random();
            this.principal = principal;
            this.idToken = idToken;
            this.devToken = devToken;
            this.expiresAt = end;
            this.lastSeen = now;
        }

        public String id() {
            return id;
        }

        public String csrfToken() {
            return csrfToken;
        }

        /** The provider's principal, or {@code null} for a dev-token session. */
        public Principal principal() {
            return principal;
        }

        public Optional<JWT> idToken() {
            return Optional.ofNullable(idToken);
        }

        /** The pasted dev API token, or {@code null}. */
        public String devToken() {
            return devToken;
        }

        /** When the session ends at the latest. */
        public Instant expiresAt() {
            return expiresAt;
        }

        /** Whether {@code csrf} is this session's token (constant-time). */
        public boolean csrfMatches(String csrf) {
            return csrf != null
                    && MessageDigest.isEqual(
                            csrf.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final SessionSettings settings;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public ConsoleSessions(SessionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public SessionSettings settings() {
        return settings;
    }

    /** A new session for a provider's principal. */
    public Session signIn(Principal principal, JWT idToken) {
        return add(principal, idToken, null);
    }

    /** A new session standing for a dev API token (dev mode only). */
    public Session signInWithDevToken(String devToken) {
        return add(null, null, devToken);
    }

    private Session add(Principal principal, JWT idToken, String devToken) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
            if (sessions.size() >= MAX_SESSIONS) {
                throw ApiError.unauthenticated("The server holds " + MAX_SESSIONS + " console sessions, its limit;"
                        + " try again when idle sessions have expired.");
            }
        }
        Session s = new Session(random(), principal, idToken, devToken, now, now.plus(settings.lifetime()));
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with {@code id}, its idle clock restarted; expired ones are removed and not returned. */
    public Optional<Session> touch(String id) {
        return touch(id, true);
    }

    /**
     * The live session with {@code id}; {@code activity} restarts its idle clock (a console's background poll does
     * not, so an unattended tab still signs out).
     */
    public Optional<Session> touch(String id, boolean activity) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        if (activity) {
            s.lastSeen = now;
        }
        return Optional.of(s);
    }

    /** Ends the session {@code id} (sign-out); returns it if it was live. */
    public Optional<Session> end(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.remove(id));
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.expiresAt) || !now.isBefore(s.lastSeen.plus(settings.idleTimeout()));
    }

    /** 256 random bits, URL-safe. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
