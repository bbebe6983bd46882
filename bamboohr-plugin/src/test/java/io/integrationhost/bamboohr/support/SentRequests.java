package io.integrationhost.bamboohr.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assertions on exactly what the plugin sent to the stub. */
public final class SentRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SentRequests() {
    }

    /** Every request the stub received, oldest first. */
    public static List<LoggedRequest> all(WireMockExtension stub) {
        return stub.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** The one request the stub received; fails when there were more or none. */
    public static LoggedRequest only(WireMockExtension stub) {
        List<LoggedRequest> requests = all(stub);
        assertThat(requests).as("requests sent").hasSize(1);
        return requests.get(0);
    }

    /**
     * Asserts method, path, the complete query (decoded, nothing more, nothing less), the headers every request
     * carries, and for a body its exact {@code Content-Type} and its JSON.
     */
    public static void assertSent(LoggedRequest request, String method, String path, Map<String, String> query,
                                  String jsonBody) {
        assertThat(request.getMethod().getName()).as("method").isEqualTo(method);
        assertThat(request.getUrl().replaceFirst("\\?.*", "")).as("path").isEqualTo(path);
        assertThat(queryOf(request)).as("query").isEqualTo(query);
        assertThat(request.getHeader("Accept")).as("Accept").isEqualTo("application/json");
        assertThat(request.getHeader("Authorization")).as("Authorization").isEqualTo(TestExtensions.BASIC_AUTHORIZATION);
        if (jsonBody == null) {
            assertThat(request.getBody()).as("body").isEmpty();
        } else {
            assertThat(request.getHeader("Content-Type")).as("Content-Type, without charset").isEqualTo("application/json");
            try {
                assertThat(JSON.readTree(request.getBodyAsString())).as("body").isEqualTo(JSON.readTree(jsonBody));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Map<String, String> queryOf(LoggedRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        request.getQueryParams().forEach((name, parameter) -> query.put(name, single(parameter)));
        return query;
    }

    private static String single(QueryParameter parameter) {
        assertThat(parameter.values()).as("values of " + parameter.key()).hasSize(1);
        return parameter.firstValue();
    }
}
