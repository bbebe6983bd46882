package io.integrationhost.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stand-in for the remote API a plugin talks to: a WireMock server on a free loopback port, as a JUnit 5
 * extension, with WireMock's whole stubbing and verification DSL plus the few things plugin tests keep
 * needing: an API that refuses requests without the right key or access token, one that fails every request, the
 * requests it received, and an address where nothing listens.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RemoteApiStub api = RemoteApiStub.onLoopback();
 *
 * @Test
 * void readsAnItem() {
 *     api.requiresHeader("X-API-Key", "test-key");
 *     api.stubFor(get("/items/42").willReturn(okJson("{\"id\": \"42\"}")));
 *     ...
 * }
 * }</pre>
 *
 * <p>Stubs are reset before each test. A request nothing was stubbed for gets WireMock's 404, as an
 * API answers an unknown address.
 */
public final class RemoteApiStub extends WireMockExtension {

    /** Above the default priority (5) of the stubs a test adds, so a refusal wins over them. */
    private static final int REFUSAL_PRIORITY = 1;
    private static final String LOOPBACK = "127.0.0.1";

    private RemoteApiStub() {
        // Loopback only: nothing else on the network can reach a test's stub. One acceptor: WireMock's default, more
        // than a small machine's cores, has Jetty warn and print the connector before its address is set, as 0.0.0.0.
        super(extensionOptions()
                .options(wireMockConfig().dynamicPort().bindAddress(LOOPBACK).jettyAcceptors(1))
                .failOnUnmatchedRequests(false));
    }

    /** A stub on a free port of 127.0.0.1; register it with {@code @RegisterExtension}. */
    public static RemoteApiStub onLoopback() {
        return new RemoteApiStub();
    }

    /**
     * The stub's address, such as {@code http://127.0.0.1:41234}: the loopback address it listens on rather
     * than {@code localhost}, which may resolve to IPv6 first.
     */
    @Override
    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + getPort();
    }

    /**
     * Answers 401 with a JSON error to every request whose header {@code name} is missing or is not
     * {@code value}, as an API refuses a missing or wrong key; the test's own stubs answer the others.
     */
    public RemoteApiStub requiresHeader(String name, String value) {
        return refusingWithout(name, value, status(401));
    }

    /**
     * Answers 401 to every request that does not present the OAuth 2.0 {@code accessToken} as
     * {@code Authorization: Bearer <accessToken>}, with {@code WWW-Authenticate: Bearer error="invalid_token"} as a
     * resource server refuses a missing, expired or revoked token (RFC 6750); the test's own stubs answer the others.
     */
    public RemoteApiStub requiresBearerToken(String accessToken) {
        return refusingWithout("Authorization", "Bearer " + accessToken, status(401)
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    private RemoteApiStub refusingWithout(String name, String value, ResponseDefinitionBuilder refusal) {
        refusal.withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Missing or invalid " + name.replace("\"", "") + "\"}");
        stubFor(any(anyUrl()).atPriority(REFUSAL_PRIORITY).withHeader(name, absent()).willReturn(refusal));
        stubFor(any(anyUrl()).atPriority(REFUSAL_PRIORITY).withHeader(name, not(equalTo(value))).willReturn(refusal));
        return this;
    }

    /** Answers every request with {@code status} and the JSON {@code body}, for tests of error mapping and retries. */
    public RemoteApiStub failsEveryRequestWith(int status, String jsonBody) {
        stubFor(any(anyUrl()).atPriority(REFUSAL_PRIORITY)
                .willReturn(status(status).withHeader("Content-Type", "application/json").withBody(jsonBody)));
        return this;
    }

    /** The requests received since the last reset, oldest first. */
    public List<LoggedRequest> requests() {
        // WireMock lists the newest first.
        List<LoggedRequest> requests = new ArrayList<>(getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        Collections.reverse(requests);
        return List.copyOf(requests);
    }

    /**
     * The base URL of a loopback port that was free a moment ago and is closed again, so that connecting to
     * it is refused: for tests of an unreachable remote system.
     */
    public static String unreachableBaseUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
