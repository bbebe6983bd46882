package io.integrationhost.host.admin;

import io.integrationhost.host.config.StartupException;
import io.integrationhost.host.security.Tokens;
import io.integrationhost.host.storage.DataFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Who is an administrator. The credential is one token: {@code HOST_ADMIN_TOKEN}, or else one generated on
 * first start, printed once to the console (not the log) and kept only as a hash in the data folder.
 * Clients send it as a bearer token; the web pages exchange it for a session cookie with a CSRF token.
 * Sessions live in the database so that any host instance accepts them.
 */
public final class AdminAccess {

    public static final String ENVIRONMENT_VARIABLE = "HOST_ADMIN_TOKEN";
    /**
     * What stands against guessing. The throttle answers wrong tokens but never refuses the right one, so it cannot cap
     * how many guesses are compared: only the token's length can put guessing out of reach.
     */
    static final int MIN_TOKEN_LENGTH = 16;
    static final String HASH_FILE = "admin-token.sha256";
    private static final Duration SESSION_LIFETIME = Duration.ofHours(8);

    private final String tokenHash;
    private final AdminSessionStore sessions;
    private final Clock clock;

    private AdminAccess(String tokenHash, AdminSessionStore sessions, Clock clock) {
        this.tokenHash = tokenHash;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * @param configured the token from the environment, or {@code null}
     * @param console where a generated token is shown once
     */
    public static AdminAccess create(String configured, Path dataDir, AdminSessionStore sessions, Clock clock,
                                     PrintStream console) {
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() < MIN_TOKEN_LENGTH) {
                throw new StartupException(ENVIRONMENT_VARIABLE + " is shorter than " + MIN_TOKEN_LENGTH
                        + " characters: it guards every credential the host stores.", "Choose a longer token, or unset "
                        + ENVIRONMENT_VARIABLE + " to have the host generate one.");
            }
            return new AdminAccess(Tokens.hash(configured.strip()), sessions, clock);
        }
        Path file = dataDir.resolve(HASH_FILE);
        try {
            // Whoever creates the file first, this start or another instance's on the same folder, prints the token.
            String token = Tokens.newToken();
            String hash = DataFiles.readOrCreate(file, "administrator token hash", () -> Tokens.hash(token),
                    () -> showOnce(console, file, token));
            return new AdminAccess(hash, sessions, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    private static void showOnce(PrintStream console, Path file, String token) {
        console.println();
        console.println("  Administrator token (shown only this once; only its hash is kept in " + file + "):");
        console.println();
        console.println("      " + token);
        console.println();
        console.println("  Use it to sign in to the web pages, or as 'Authorization: Bearer <token>' with the API.");
        console.println("  Lost it? Stop the host, delete " + file + " and start again, or set " + ENVIRONMENT_VARIABLE + ".");
        console.println();
    }

    /** Whether {@code token} is the administrator's token. */
    public boolean isAdminToken(String token) {
        return token != null && Tokens.sameHash(tokenHash, Tokens.hash(token));
    }

    /** A new session for the holder of the admin token. */
    public record Session(String id, String csrfToken, long expiresAtMillis) {
        @Override
        public String toString() {
            return "Session[hidden]";
        }
    }

    /** Opens a session if {@code token} is the admin token. */
    public Optional<Session> signIn(String token) {
        if (!isAdminToken(token)) {
            return Optional.empty();
        }
        long now = clock.millis();
        Session session = new Session(Tokens.newToken(), Tokens.newToken(), now + SESSION_LIFETIME.toMillis());
        sessions.insert(Tokens.hash(session.id()), session.csrfToken(), now, session.expiresAtMillis());
        return Optional.of(session);
    }

    /** The CSRF token of a live session, if {@code sessionId} names one. */
    public Optional<String> csrfTokenOf(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return Optional.empty();
        }
        return sessions.csrfTokenOf(Tokens.hash(sessionId), clock.millis());
    }

    public void signOut(String sessionId) {
        if (sessionId != null) {
            sessions.delete(Tokens.hash(sessionId));
        }
    }
}
