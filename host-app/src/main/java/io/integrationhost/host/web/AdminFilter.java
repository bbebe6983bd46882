package io.integrationhost.host.web;

import io.integrationhost.host.admin.AdminAccess;
import io.integrationhost.host.admin.GuessThrottle;
import io.integrationhost.host.security.Tokens;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Lets only administrators use the API: a bearer token (for programs), or a session cookie from signing
 * in (for the pages). A request authenticated by cookie must also carry the session's CSRF token in
 * {@code X-CSRF-Token} to change anything, so another site cannot make a signed-in browser act.
 */
final class AdminFilter {

    static final String SESSION_COOKIE = "host_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final AdminAccess admin;
    private final GuessThrottle guesses;

    AdminFilter(AdminAccess admin, GuessThrottle guesses) {
        this.admin = admin;
        this.guesses = guesses;
    }

    void require(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            requireTokenAccepted(ctx, authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).strip() : null);
            return;
        }
        Optional<String> csrf = admin.csrfTokenOf(ctx.cookie(SESSION_COOKIE));
        if (csrf.isEmpty()) {
            throw unauthorized();
        }
        if (changes(ctx.method())) {
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null || !Tokens.sameHash(Tokens.hash(csrf.get()), Tokens.hash(sent))) {
                throw new HostException(FailureKind.CSRF_TOKEN_INVALID, "This change was refused: the CSRF token is missing or wrong.",
                        "Reload the page and try again.");
            }
        }
    }

    /**
     * Passes when {@code token} is the administrator's; counts wrong ones, by the address the connection comes from,
     * and refuses them once over the limit. The token is always compared first (hashed, then in constant time), so
     * the right token passes whatever the counts, and the answer's timing says nothing about how close a guess came.
     */
    void requireTokenAccepted(Context ctx, String token) {
        if (admin.isAdminToken(token)) {
            return;
        }
        // The peer address of the connection: forwarded headers are not read, since any client can write them. Over the
        // limit this throws TOO_MANY_ATTEMPTS, whose answer carries Retry-After like every error that says how long to wait.
        guesses.wrongToken(ctx.ip());
        throw unauthorized();
    }

    private static boolean changes(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    static HostException unauthorized() {
        return new HostException(FailureKind.UNAUTHORIZED, "Administrator credentials are required.",
                "Send 'Authorization: Bearer <admin token>', or sign in on the host's page.");
    }
}
