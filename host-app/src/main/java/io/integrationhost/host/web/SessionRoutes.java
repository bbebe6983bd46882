package io.integrationhost.host.web;

import io.integrationhost.host.admin.AdminAccess;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URI;
import java.util.Map;

/**
 * Signing in to the pages: the admin token is exchanged for an HttpOnly, SameSite=Strict session cookie
 * and a CSRF token the page sends with every change.
 */
final class SessionRoutes {

    private final AdminAccess admin;
    private final AdminFilter filter;
    /** Behind a TLS-terminating proxy the request arrives over http; the public address says what the browser used. */
    private final boolean publicUrlIsHttps;

    SessionRoutes(AdminAccess admin, AdminFilter filter, URI publicUrl) {
        this.admin = admin;
        this.filter = filter;
        this.publicUrlIsHttps = publicUrl != null && "https".equalsIgnoreCase(publicUrl.getScheme());
    }

    /** The body of {@code POST /api/session}: the admin token. */
    record SignIn(String token) {
    }

    void register(Javalin app) {
        app.post("/api/session", this::signIn);
        app.get("/api/session", ctx -> ctx.json(Map.of("signedIn", true,
                "csrfToken", admin.csrfTokenOf(ctx.cookie(AdminFilter.SESSION_COOKIE)).orElse(""))));
        app.delete("/api/session", ctx -> {
            admin.signOut(ctx.cookie(AdminFilter.SESSION_COOKIE));
            ctx.cookie(cookie("", 0, ctx));
            ctx.status(204);
        });
    }

    private void signIn(Context ctx) {
        String token = Bodies.read(ctx, SignIn.class).token();
        filter.requireTokenAccepted(ctx, token);
        AdminAccess.Session session = admin.signIn(token).orElseThrow(AdminFilter::unauthorized);
        int maxAge = (int) Math.max(1, (session.expiresAtMillis() - System.currentTimeMillis()) / 1000);
        ctx.cookie(cookie(session.id(), maxAge, ctx));
        ctx.json(Map.of("signedIn", true, "csrfToken", session.csrfToken()));
    }

    private Cookie cookie(String value, int maxAge, Context ctx) {
        Cookie cookie = new Cookie(AdminFilter.SESSION_COOKIE, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setMaxAge(maxAge);
        cookie.setSecure(publicUrlIsHttps || "https".equalsIgnoreCase(ctx.scheme()));
        return cookie;
    }
}
