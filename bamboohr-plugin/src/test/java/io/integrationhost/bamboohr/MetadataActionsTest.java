package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.integrationhost.bamboohr.support.SentRequests.assertSent;
import static io.integrationhost.bamboohr.support.SentRequests.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.bamboohr.support.Fixtures;
import io.integrationhost.bamboohr.support.LocalStub;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.PluginHarness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metadata and change-tracking actions against a stub serving answers shaped like the real API's. */
class MetadataActionsTest {

    @RegisterExtension
    static WireMockExtension bamboo = LocalStub.bambooHr();

    private final TestExtensions extensions = TestExtensions.create();
    private PluginHarness plugin;

    @BeforeEach
    void pointPluginAtStub() {
        plugin = extensions.against(bamboo.baseUrl());
    }

    @AfterEach
    void closePlugin() {
        plugin.close();
    }

    @Test
    void listEmployeeFieldsReadsNumericAndDottedIdsAsStrings() throws Exception {
        bamboo.stubFor(get("/api/v1/meta/fields").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("fields.json"))));

        Object result = plugin.run("list-employee-fields", Map.of()).result();

        assertThat(result).isEqualTo(Map.of("fields", List.of(
                field("1", "First name", "text", "firstName", null),
                field("4340.4", "Shirt size", "list", null, null),
                field("18", "Old badge number", "text", null, true))));
        assertSent(only(bamboo), "GET", "/api/v1/meta/fields", Map.of(), null);
    }

    @Test
    void listChangedEmployeesTurnsTheObjectKeyedByIdIntoAListAndSendsSinceInUtc() throws Exception {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/changed")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("changed-employees.json"))));

        Object result = plugin.run("list-changed-employees",
                Map.of("since", "2026-03-31T10:00:00+02:00", "changeType", "updated")).result();

        assertThat(result).isEqualTo(Map.of("latest", "2026-04-01T09:30:00+00:00", "employees", List.of(
                Map.of("id", "4", "action", "Updated", "lastChanged", "2026-04-01T09:30:00+00:00"),
                Map.of("id", "7", "action", "Deleted", "lastChanged", "2026-03-31T17:00:00+00:00"))));
        assertSent(only(bamboo), "GET", "/api/v1/employees/changed",
                Map.of("since", "2026-03-31T08:00:00Z", "type", "updated"), null);
    }

    @Test
    void anAnswerOfAnUnexpectedShapeIsABadResponseWithTheRequestId() {
        bamboo.stubFor(get("/api/v1/meta/fields").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req-shape").withBody("\"fields\"")));

        IntegrationError error = plugin.run("list-employee-fields", Map.of()).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
        assertThat(error.requestId()).isEqualTo("req-shape");
    }

    @Test
    void anUnknownActionIsNotFound() {
        // Directly: the host refuses an undeclared action before the plugin, and so does the plugin.
        IntegrationError error = extensions.directFailure("delete-company", Map.of(), plugin.context());

        assertThat(error.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(bamboo.getAllServeEvents()).isEmpty();
    }

    private static Map<String, Object> field(String id, String name, String type, String alias, Boolean deprecated) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("id", id);
        field.put("name", name);
        field.put("type", type);
        field.put("alias", alias);
        field.put("deprecated", deprecated);
        return field;
    }
}
