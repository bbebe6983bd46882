package io.integrationhost.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prism mocking a small description: conforming requests pass, and each kind of mistake is caught. */
class OpenApiMockTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static OpenApiMock api;

    @BeforeAll
    static void startPrism() throws URISyntaxException {
        api = OpenApiMock.start(Path.of(OpenApiMockTest.class.getResource("/openapi/items.yaml").toURI()));
    }

    @AfterAll
    static void stopPrism() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aRequestTheDescriptionAllowsIsAnsweredFromItsExampleAndHasNoProblems() throws Exception {
        String[] body = new String[1];
        OpenApiMock.Exchange exchange = api.exchange(() -> body[0] = get("/items/42", "a-key").body());

        assertThat(exchange.problems()).as(exchange.toString()).isEmpty();
        assertThat(exchange.refused()).isFalse();
        assertThat(body[0]).contains("\"title\":\"First\"");
    }

    @Test
    void aRequestWithoutTheDeclaredSecurityIsRefused() throws Exception {
        int[] status = new int[1];
        OpenApiMock.Exchange exchange = api.exchange(() -> status[0] = get("/items/42", null).statusCode());

        assertThat(status[0]).isEqualTo(401);
        assertThat(exchange.refused()).isTrue();
        assertThat(exchange.problems()).isNotEmpty();
    }

    @Test
    void aPathParameterOfTheWrongTypeIsAViolation() throws Exception {
        OpenApiMock.Exchange exchange = api.exchange(() -> get("/items/forty-two", "a-key"));

        assertThat(exchange.problems()).as(exchange.toString()).isNotEmpty();
    }

    @Test
    void aPathTheDescriptionDoesNotHaveIsAProblemToo() throws Exception {
        OpenApiMock.Exchange exchange = api.exchange(() -> get("/orders/1", "a-key"));

        assertThat(exchange.problems()).as(exchange.toString()).isNotEmpty();
    }

    @Test
    void aDescriptionThatDoesNotExistFailsTheTestWithItsPath() {
        assertThatThrownBy(() -> OpenApiMock.start(Path.of("no-such-openapi.yaml")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no-such-openapi.yaml");
    }

    private static HttpResponse<String> get(String path, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).header("Accept", "application/json");
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
