package io.integrationhost.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RemoteApiStub stands in for a plugin's remote API on loopback, with the refusals plugin tests need. */
class RemoteApiStubTest {

    @RegisterExtension
    static final RemoteApiStub api = RemoteApiStub.onLoopback();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void itListensOnLoopbackAndAnswersWhatTheTestStubs() throws Exception {
        api.stubFor(get("/items/1").willReturn(okJson("{\"id\": 1}")));

        assertThat(api.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(send("/items/1", null).body()).isEqualTo("{\"id\": 1}");
        assertThat(send("/nothing-here", null).statusCode()).isEqualTo(404);
    }

    @Test
    void itCannotBeReachedThroughAnyOfTheMachinesOtherAddresses() throws Exception {
        List<InetAddress> others = NetworkInterface.networkInterfaces().filter(RemoteApiStubTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
        Assumptions.assumeFalse(others.isEmpty(), "this machine has no address besides loopback to try");

        for (InetAddress address : others) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, api.getPort()), 2000))
                        .as("a connection to %s:%d", address.getHostAddress(), api.getPort())
                        .isInstanceOf(ConnectException.class);
            }
        }
        assertThat(send("/nothing-here", null).statusCode()).as("the stub answers on loopback").isEqualTo(404);
    }

    @Test
    void anApiThatRequiresAKeyRefusesAMissingOrWrongOneWith401() throws Exception {
        api.requiresHeader("X-API-Key", "right");
        api.stubFor(get("/items/1").willReturn(okJson("{\"id\": 1}")));

        assertThat(send("/items/1", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = send("/items/1", "wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"message\": \"Missing or invalid X-API-Key\"}");
        assertThat(send("/items/1", "right").statusCode()).isEqualTo(200);
    }

    @Test
    void anApiThatRequiresAnAccessTokenRefusesAMissingOrWrongOneAsAResourceServerDoes() throws Exception {
        api.requiresBearerToken("token-1");
        api.stubFor(get("/items/1").willReturn(okJson("{\"id\": 1}")));

        HttpResponse<String> missing = sendWithAuthorization("/items/1", null);
        HttpResponse<String> revoked = sendWithAuthorization("/items/1", "Bearer token-0");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(sendWithAuthorization("/items/1", "Basic dG9rZW4tMTp4").statusCode()).isEqualTo(401);
        assertThat(sendWithAuthorization("/items/1", "Bearer token-1").body()).isEqualTo("{\"id\": 1}");
    }

    @Test
    void anApiThatFailsEveryRequestOverridesTheStubs() throws Exception {
        api.stubFor(get("/items/1").willReturn(okJson("{}")));
        api.failsEveryRequestWith(503, "{\"message\": \"Maintenance\"}");

        assertThat(send("/items/1", null).statusCode()).isEqualTo(503);
    }

    @Test
    void theRequestsReceivedAreListedOldestFirstAndResetBetweenTests() throws Exception {
        assertThat(api.requests()).isEmpty();
        send("/first", "k");
        send("/second", "k");

        assertThat(api.requests()).extracting(request -> request.getUrl()).containsExactly("/first", "/second");
        assertThat(api.requests().get(0).getHeader("X-API-Key")).isEqualTo("k");
    }

    @Test
    void theUnreachableAddressRefusesConnections() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RemoteApiStub.unreachableBaseUrl() + "/x")).build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    private static boolean isUp(NetworkInterface face) {
        try {
            return face.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    private HttpResponse<String> sendWithAuthorization(String path, String authorization)
            throws IOException, InterruptedException {
        return send(path, "Authorization", authorization);
    }

    private HttpResponse<String> send(String path, String key) throws IOException, InterruptedException {
        return send(path, "X-API-Key", key);
    }

    /** GETs {@code path}, with the header {@code name} when {@code value} is not {@code null}. */
    private HttpResponse<String> send(String path, String name, String value) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path));
        if (value != null) {
            request.header(name, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
