package io.integrationhost.bamboohr.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.Map;

/** One success answer per action, shaped like BambooHR's, for tests about what a request carries. */
public final class SuccessAnswers {

    private SuccessAnswers() {
    }

    /** By action id: the answer BambooHR gives the request that action sends. */
    public static Map<String, ResponseDefinitionBuilder> byAction() {
        return Map.ofEntries(
                Map.entry("create-employee", aResponse().withStatus(201).withHeader("Location", "/api/v1/employees/123")),
                Map.entry("get-employee", okJson(Fixtures.read("employee-4.json"))),
                Map.entry("list-employees", okJson(Fixtures.read("directory.json"))),
                Map.entry("update-employee", aResponse().withStatus(200)),
                Map.entry("get-time-off-requests", okJson(Fixtures.read("time-off-requests.json"))),
                Map.entry("whos-out", okJson(Fixtures.read("whos-out.json"))),
                Map.entry("update-time-off-request-status", aResponse().withStatus(200)),
                Map.entry("create-time-off-request", okJson(Fixtures.read("created-time-off-request.json"))),
                Map.entry("list-time-off-types", okJson(Fixtures.read("time-off-types.json"))),
                Map.entry("list-employee-fields", okJson(Fixtures.read("fields.json"))),
                Map.entry("list-changed-employees", okJson(Fixtures.read("changed-employees.json"))));
    }
}
