package io.integrationhost.e2e.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local BambooHR: two API keys it accepts (the administrator's and end user {@code u-1001}'s) and BambooHR's
 * own 401 for any other, with its reason in {@code X-BambooHR-Error-Message}. The plugin authenticates with
 * Basic auth, the key as user name and {@code x} as password. With an OAuth app's access token it sends
 * {@code Authorization: Bearer <token>}: the stub accepts any token shaped like the JWTs the test's authorization
 * server issues, and the test asks that server whether the token the plugin sent is one it issued
 * ({@link #bearerTokensSeen()}).
 *
 * <p>One for a test class: {@code @RegisterExtension static final BambooHrStub bambooHr = BambooHrStub.perTestClass();}
 * starts it before the class's first test and stops it after the last.
 */
final class BambooHrStub implements BeforeAllCallback, AfterAllCallback {

    static final String ADMIN_KEY = "0123456789abcdef0123456789abcdef01234567";
    static final String USER_KEY = "fedcba9876543210fedcba9876543210fedcba98";
    static final String WRONG_KEY = "1111111111111111111111111111111111111111";
    static final String INVALID_KEY_REASON = "API key not provided or invalid";
    /** How many employees the directory lists: more than a result table shows. */
    static final int DIRECTORY_SIZE = 250;
    /** A Bearer header holding a JWT (three base64url parts). */
    private static final String JWT_BEARER = "Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    private BambooHrStub() {
    }

    static BambooHrStub perTestClass() {
        return new BambooHrStub();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    private void start() {
        server.start();
        // Refusals come after a short pause, as from the real service, so the page's progress can be seen.
        server.stubFor(get(urlPathMatching("/api/v1/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withFixedDelay(600)
                        .withHeader("X-BambooHR-Error-Message", INVALID_KEY_REASON)
                        .withHeader("x-request-id", "stub-401")));
        for (String key : new String[] {ADMIN_KEY, USER_KEY}) {
            // The connection test: employee 0 is the key's own employee.
            server.stubFor(get(urlPathEqualTo("/api/v1/employees/0")).atPriority(1).withBasicAuth(key, "x")
                    .willReturn(okJson("{\"id\": \"4\", \"firstName\": \"Charlotte\", \"lastName\": \"Abbott\"}")));
            server.stubFor(get(urlPathMatching("/api/v1/employees/[1-9][0-9]*")).atPriority(2).withBasicAuth(key, "x")
                    .willReturn(okJson("{\"id\": \"4\", \"firstName\": \"Charlotte\", \"lastName\": \"Abbott\","
                            + " \"jobTitle\": \"HR Administrator\"}")));
        }
        server.stubFor(get(urlPathEqualTo("/api/v1/employees/directory")).atPriority(1).withBasicAuth(ADMIN_KEY, "x")
                .willReturn(okJson(directory())));
        // A new employee: BambooHR answers 201 with the new id in Location.
        server.stubFor(post(urlPathEqualTo("/api/v1/employees")).atPriority(1).withBasicAuth(ADMIN_KEY, "x")
                .willReturn(aResponse().withStatus(201).withHeader("Location", server.baseUrl() + "/api/v1/employees/123")));
        server.stubFor(get(urlPathEqualTo("/api/v1/employees/0")).atPriority(1).withHeader("Authorization", matching(JWT_BEARER))
                .willReturn(okJson("{\"id\": \"7\", \"firstName\": \"Ulla\", \"lastName\": \"Usher\"}")));
        server.stubFor(get(urlPathMatching("/api/v1/employees/[1-9][0-9]*")).atPriority(2).withHeader("Authorization", matching(JWT_BEARER))
                .willReturn(okJson("{\"id\": \"7\", \"firstName\": \"Ulla\", \"lastName\": \"Usher\", \"jobTitle\": \"Recruiter\"}")));
    }

    /** The access tokens the plugin presented as {@code Bearer} to the API, oldest first (never printed by a test). */
    List<String> bearerTokensSeen() {
        return server.findAll(getRequestedFor(urlPathMatching("/api/v1/.*"))).stream()
                .map(request -> request.getHeader("Authorization"))
                .filter(header -> header != null && header.startsWith("Bearer "))
                .map(header -> header.substring("Bearer ".length()))
                .toList();
    }

    /** The directory: {@value #DIRECTORY_SIZE} employees, the first Charlotte Abbott, each with a nested value. */
    private static String directory() {
        StringBuilder employees = new StringBuilder();
        for (int id = 1; id <= DIRECTORY_SIZE; id++) {
            String name = id == 1 ? "\"Charlotte\", \"lastName\": \"Abbott\"" : "\"Person\", \"lastName\": \"Number " + id + "\"";
            employees.append(id == 1 ? "" : ", ").append("{\"id\": \"").append(id).append("\", \"firstName\": ").append(name)
                    .append(", \"jobTitle\": \"Staff\", \"location\": {\"city\": \"Lindon\"}}");
        }
        return "{\"fields\": [{\"id\": \"firstName\", \"type\": \"text\", \"name\": \"First Name\"},"
                + " {\"id\": \"lastName\", \"type\": \"text\", \"name\": \"Last Name\"}], \"employees\": [" + employees + "]}";
    }

    /** How many POST requests (BambooHR's writes) reached the API so far. */
    int writesSeen() {
        return server.findAll(postRequestedFor(urlPathMatching("/api/v1/.*"))).size();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /**
     * From now on BambooHR refuses {@code key} as it refuses a key its owner deleted: 401 with its reason. Closing
     * the answer accepts the key again.
     */
    AutoCloseable revoke(String key) {
        StubMapping refusal = server.stubFor(any(urlPathMatching("/api/v1/.*")).atPriority(0).withBasicAuth(key, "x")
                .willReturn(aResponse().withStatus(401)
                        .withHeader("X-BambooHR-Error-Message", INVALID_KEY_REASON)
                        .withHeader("x-request-id", "stub-revoked")));
        return () -> server.removeStub(refusal);
    }
}
