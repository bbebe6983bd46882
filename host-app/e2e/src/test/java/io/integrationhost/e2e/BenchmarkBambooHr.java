package io.integrationhost.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.integrationhost.host.support.RunningHost;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the benchmarks share: a local BambooHR stub that answers {@code get-employee}, its API key, and the call. */
final class BenchmarkBambooHr {

    static final String KEY = "4f3a9c1be2d84075a6c3f19e0b7d52a8c4e6f013";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private BenchmarkBambooHr() {
    }

    /** A started stub with {@code threads} threads to answer with. */
    static WireMockServer start(int threads) {
        WireMockServer stub = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(threads));
        stub.start();
        stub.stubFor(get(urlPathMatching("/api/v1/employees/[0-9]+"))
                .willReturn(okJson("{\"id\": \"4\", \"firstName\": \"Charlotte\", \"lastName\": \"Abbott\"}")));
        return stub;
    }

    /** {@code POST /api/integrations/bamboohr/actions/get-employee} with {@code body}; anything but 200 throws. */
    static void getEmployee(RunningHost host, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(host.uri("/api/integrations/bamboohr/actions/get-employee"))
                .header("Authorization", "Bearer " + RunningHost.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The call answered " + answer.statusCode() + ": " + answer.body());
        }
    }
}
