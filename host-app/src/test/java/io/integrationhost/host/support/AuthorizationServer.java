package io.integrationhost.host.support;

import com.nimbusds.oauth2.sdk.ErrorObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponseKt;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OAuth 2.0 authorization server in the test JVM ({@code no.nav.security:mock-oauth2-server}), for tests of the
 * host's OAuth: authorization code (with PKCE checked), refresh tokens, client credentials, revocation, userinfo.
 *
 * <p>Use it with try-with-resources ({@code try (var server = AuthorizationServer.builder().start())}) or as a JUnit 5
 * extension ({@code @RegisterExtension final AuthorizationServer server = AuthorizationServer.builder().build();}: it
 * starts before and stops after each test).
 *
 * <p>Beyond the mock server as it comes, it behaves as real providers do in two ways the host's tests rely on: a
 * refresh token revoked at its revocation endpoint is refused afterwards ({@code invalid_grant}), and the next token
 * requests can be answered with a scripted OAuth error ({@link #refuseNextTokenRequest}); the mock server itself
 * would issue tokens for any refresh token, and its {@code enqueueResponse} is not supported.
 *
 * <p>Every request it answers is recorded ({@link #seen()}); a recorded request's {@code toString} names its
 * parameters but never shows their values, so that an assertion message never prints a token, a code or a secret.
 */
public final class AuthorizationServer implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    /** The issuer id of {@link #authorizationUrl()} and the other shorthand URLs. */
    public static final String ISSUER = "issuer";

    private final Builder settings;
    private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<ErrorObject> scriptedRefusals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ErrorObject> scriptedRevocationRefusals = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new ArrayList<>();
    private MockOAuth2Server server;

    private AuthorizationServer(Builder settings) {
        this.settings = settings;
    }

    /** A server with the mock's defaults: no login page, tokens valid for an hour, refresh tokens not rotated. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts the server on a free local port. */
    public AuthorizationServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        Set<OAuth2TokenCallback> callbacks = Set.of(new DefaultOAuth2TokenCallback(
                ISSUER, settings.subject, "JWT", null, Map.of(), settings.expiry.toSeconds()));
        OAuth2Config config = new OAuth2Config(settings.interactiveLogin, null, null, settings.rotateRefreshTokens,
                new OAuth2TokenProvider(), callbacks);
        server = new MockOAuth2Server(config, new TokenDelay(settings.tokenDelay), new Revocation(),
                new RevokedRefreshTokenRefusal(), new ScriptedRefusal());
        server.start();
        return this;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** The mock server itself, for what this class does not wrap (such as {@code enqueueCallback}). */
    public MockOAuth2Server mock() {
        return running();
    }

    public URI authorizationUrl() {
        return authorizationUrl(ISSUER);
    }

    public URI tokenUrl() {
        return tokenUrl(ISSUER);
    }

    public URI revocationUrl() {
        return revocationUrl(ISSUER);
    }

    /** The userinfo endpoint: answers the claims of a valid, unexpired access token of the issuer, 401 otherwise. */
    public URI userinfoUrl() {
        return userinfoUrl(ISSUER);
    }

    public URI authorizationUrl(String issuer) {
        return running().authorizationEndpointUrl(issuer).uri();
    }

    public URI tokenUrl(String issuer) {
        return running().tokenEndpointUrl(issuer).uri();
    }

    public URI revocationUrl(String issuer) {
        return running().revocationEndpointUrl(issuer).uri();
    }

    public URI userinfoUrl(String issuer) {
        return running().userInfoUrl(issuer).uri();
    }

    /**
     * What the server answers a browser sent to {@code authorizationRequest} without the login page: the redirect to
     * the request's redirect URI, with {@code code} and {@code state} (or {@code error}) in its query.
     */
    public URI consent(URI authorizationRequest) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(authorizationRequest).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 302) {
                throw new AssertionError("the authorization endpoint answered " + answer.statusCode() + ", not a redirect: "
                        + answer.body());
            }
            return URI.create(answer.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Answers the next token request (of any grant) with this OAuth error instead of a token, as a provider does that
     * refuses a code, a client or a refresh token; status 400 (401 for {@code invalid_client}).
     */
    public void refuseNextTokenRequest(String error, String description) {
        int status = "invalid_client".equals(error) ? 401 : 400;
        scriptedRefusals.add(new ErrorObject(error, description, status));
    }

    /**
     * Answers the next revocation request with this OAuth error instead of revoking, as a provider does that refuses
     * the client ({@code invalid_client}, 401) or fails ({@code server_error}, 500; otherwise 400).
     */
    public void refuseNextRevocation(String error, String description) {
        int status = switch (error) {
            case "invalid_client" -> 401;
            case "server_error" -> 500;
            default -> 400;
        };
        scriptedRevocationRefusals.add(new ErrorObject(error, description, status));
    }

    /** Every request the server answered so far, oldest first. */
    public synchronized List<Seen> seen() {
        MockWebServerWrapper wrapper = (MockWebServerWrapper) running().getConfig().getHttpServer();
        try {
            RecordedRequest request;
            while ((request = wrapper.getMockWebServer().takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
                seen.add(Seen.of(request));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the requests seen", e);
        }
        return List.copyOf(seen);
    }

    /** The token requests seen with this {@code grant_type} ({@code authorization_code}, {@code refresh_token}, ...). */
    public List<Seen> tokenRequests(String grantType) {
        return seen().stream().filter(Seen::isTokenRequest).filter(r -> grantType.equals(r.form("grant_type"))).toList();
    }

    /** The revocation requests seen. */
    public List<Seen> revocationRequests() {
        return seen().stream().filter(r -> r.path().endsWith("/revoke")).toList();
    }

    private MockOAuth2Server running() {
        if (server == null) {
            throw new IllegalStateException("the authorization server is not started");
        }
        return server;
    }

    /** How the server behaves; {@link #start()} or {@link #build()} it. */
    public static final class Builder {
        private boolean interactiveLogin;
        private boolean rotateRefreshTokens;
        private Duration expiry = Duration.ofHours(1);
        private String subject = "jane.doe";
        private Duration tokenDelay = Duration.ZERO;

        private Builder() {
        }

        /**
         * Answers each token request only after {@code delay}, as a distant provider does: calls that race for one
         * refresh then overlap for that long (nothing is asserted about time).
         */
        public Builder tokenDelay(Duration delay) {
            this.tokenDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** Shows the mock's login page at the authorization endpoint (a browser types a user name) instead of redirecting. */
        public Builder interactiveLogin() {
            this.interactiveLogin = true;
            return this;
        }

        /** Issues a new refresh token with each refresh (the one used is then forgotten by the server). */
        public Builder rotateRefreshTokens() {
            this.rotateRefreshTokens = true;
            return this;
        }

        /** How long the tokens of issuer {@link #ISSUER} are valid ({@code expires_in}); an hour unless set. */
        public Builder tokenExpiry(Duration expiry) {
            this.expiry = Objects.requireNonNull(expiry);
            return this;
        }

        /**
         * The {@code sub} of the tokens of issuer {@link #ISSUER} ({@code jane.doe} unless set); with the login page,
         * the user name typed is the subject, and with client credentials the client id.
         */
        public Builder subject(String subject) {
            this.subject = Objects.requireNonNull(subject);
            return this;
        }

        /** The server, not started (a JUnit extension starts it). */
        public AuthorizationServer build() {
            return new AuthorizationServer(this);
        }

        public AuthorizationServer start() {
            return build().start();
        }
    }

    /**
     * A request the server saw. Its {@code toString} shows the method, the path and the names of the parameters
     * (the grant type's value too), never another value.
     *
     * @param form the form parameters of a POST, decoded
     * @param authorization the {@code Authorization} header, or {@code null}
     */
    public record Seen(String method, String path, Map<String, String> query, Map<String, String> form,
                       String authorization) {

        static Seen of(RecordedRequest request) {
            String body = request.getBody().clone().readUtf8();
            String contentType = request.getHeader("Content-Type");
            Map<String, String> form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                    ? decode(body) : Map.of();
            URI uri = request.getRequestUrl() == null ? URI.create(request.getPath()) : request.getRequestUrl().uri();
            return new Seen(request.getMethod(), uri.getPath(), decode(uri.getRawQuery()), form,
                    request.getHeader("Authorization"));
        }

        public boolean isTokenRequest() {
            return "POST".equals(method) && path.endsWith("/token");
        }

        /** A form parameter's value, or {@code null}. */
        public String form(String name) {
            return form.get(name);
        }

        /** Whether the client authenticated with HTTP Basic ({@code client_secret_basic}). */
        public boolean usedBasicAuthentication() {
            return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        }

        /** The client id of a {@code client_secret_basic} request's Authorization header, or {@code null}. */
        public String basicClientId() {
            if (!usedBasicAuthentication()) {
                return null;
            }
            String pair = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return URLDecoder.decode(pair.substring(0, pair.indexOf(':')), StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return method + " " + path + (form.containsKey("grant_type") ? " grant_type=" + form.get("grant_type") : "")
                    + " query " + query.keySet() + " form " + form.keySet()
                    + (authorization == null ? "" : " with an Authorization header");
        }

        private static Map<String, String> decode(String encoded) {
            Map<String, String> values = new LinkedHashMap<>();
            if (encoded == null || encoded.isEmpty()) {
                return values;
            }
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
            return values;
        }
    }

    private static boolean isPost(OAuth2HttpRequest request, String pathEnd) {
        return "POST".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith(pathEnd);
    }

    /**
     * Waits before a token request is answered. The mock's routes have no way to pass a request on, so this route
     * waits while it is asked whether it matches, and never matches: the mock's own handler answers, later.
     */
    private static final class TokenDelay implements Route {
        private final Duration delay;

        TokenDelay(Duration delay) {
            this.delay = delay;
        }

        @Override
        public boolean match(OAuth2HttpRequest request) {
            if (!delay.isZero() && isPost(request, "/token")) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            throw new IllegalStateException("never matches");
        }
    }

    /**
     * RFC 7009 revocation of either kind of token, remembered so that a revoked refresh token is refused later; 200 for
     * any token, as the RFC says. (The mock's own endpoint accepts only refresh tokens and does not refuse them after.)
     */
    private final class Revocation implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return isPost(request, "/revoke");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String token = request.getFormParameters().get("token");
            if (token == null || token.isBlank()) {
                return OAuth2HttpResponseKt.oauth2Error(new ErrorObject("invalid_request", "token is missing", 400));
            }
            ErrorObject refusal = scriptedRevocationRefusals.poll();
            if (refusal != null) {
                return OAuth2HttpResponseKt.oauth2Error(refusal);
            }
            revokedTokens.add(token);
            return new OAuth2HttpResponse(okhttp3.Headers.of(), 200, "", null);
        }
    }

    /** A refresh with a revoked refresh token: {@code invalid_grant}, as a provider answers. */
    private final class RevokedRefreshTokenRefusal implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return isPost(request, "/token")
                    && "refresh_token".equals(request.getFormParameters().get("grant_type"))
                    && revokedTokens.contains(request.getFormParameters().get("refresh_token"));
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return OAuth2HttpResponseKt.oauth2Error(new ErrorObject("invalid_grant", "the refresh token was revoked", 400));
        }
    }

    /** The refusals {@link #refuseNextTokenRequest} scripted, one per token request. */
    private final class ScriptedRefusal implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return isPost(request, "/token") && !scriptedRefusals.isEmpty();
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            ErrorObject refusal = scriptedRefusals.poll();
            return refusal == null
                    ? OAuth2HttpResponseKt.oauth2Error(new ErrorObject("server_error", "refusal already used", 500))
                    : OAuth2HttpResponseKt.oauth2Error(refusal);
        }
    }
}
