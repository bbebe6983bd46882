package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.integrationhost.bamboohr.support.SentRequests.assertSent;
import static io.integrationhost.bamboohr.support.SentRequests.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.bamboohr.support.Fixtures;
import io.integrationhost.bamboohr.support.LocalStub;
import io.integrationhost.bamboohr.support.SentRequests;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.PluginHarness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The employee actions against a stub serving answers shaped like the real API's. */
class EmployeeActionsTest {

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
    void createEmployeePostsTheFieldsAndReturnsTheIdFromTheLocationHeader() throws Exception {
        bamboo.stubFor(post("/api/v1/employees").willReturn(aResponse().withStatus(201)
                .withHeader("Location", "https://acme.bamboohr.com/api/v1/employees/123")));

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("firstName", "Panda");
        input.put("lastName", "Bear");
        input.put("hireDate", "2026-04-01");
        input.put("customShirtSize", "L");
        Object result = plugin.run("create-employee", input).result();

        assertThat(result).isEqualTo(Map.of("id", "123"));
        assertSent(only(bamboo), "POST", "/api/v1/employees", Map.of(),
                "{\"firstName\":\"Panda\",\"lastName\":\"Bear\",\"hireDate\":\"2026-04-01\",\"customShirtSize\":\"L\"}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://acme.bamboohr.com/employees/employee.php?id=123",
            "https://acme.bamboohr.com/employees/employee.php?tab=personal&id=123#top",
            "https://acme.bamboohr.com/api/v1/employees/123/",
            "/api/v1/employees/123?source=api"})
    void createEmployeeTakesTheIdFromTheIdParameterOrTheNumericLastSegmentOfLocation(String location) throws Exception {
        bamboo.stubFor(post("/api/v1/employees").willReturn(aResponse().withStatus(201).withHeader("Location", location)));

        assertThat(plugin.run("create-employee", Map.of("firstName", "Panda", "lastName", "Bear")).result())
                .isEqualTo(Map.of("id", "123"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://acme.bamboohr.com/employees/employee.php",
            "https://acme.bamboohr.com/employees/employee.php?id=new",
            "https://acme.bamboohr.com/employees/employee.php?employeeId=123"})
    void createEmployeeTakesTheIdFromTheBodyWhenLocationCarriesNone(String location) throws Exception {
        // The spec's Location for a new employee is a web-app page, whose last segment is a file name, not an id.
        bamboo.stubFor(post("/api/v1/employees").willReturn(aResponse().withStatus(201).withHeader("Location", location)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":124}")));

        assertThat(plugin.run("create-employee", Map.of("firstName", "Panda", "lastName", "Bear")).result())
                .isEqualTo(Map.of("id", "124"));
    }

    @Test
    void createEmployeeTakesTheIdFromTheBodyWhenThereIsNoLocation() throws Exception {
        bamboo.stubFor(post("/api/v1/employees").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":124}")));

        Object result = plugin.run("create-employee", Map.of("firstName", "Panda", "lastName", "Bear")).result();

        assertThat(result).isEqualTo(Map.of("id", "124"));
    }

    @ParameterizedTest(name = "body ''{0}''")
    @ValueSource(strings = {"", "{}", "{\"id\":null}"})
    void createEmployeeAnsweredWithoutAnyIdSucceedsWithANullId(String body) throws Exception {
        // The employee was created: failing would invite sending it again and creating a second employee.
        bamboo.stubFor(post("/api/v1/employees").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(body)));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", null);
        assertThat(plugin.run("create-employee", Map.of("firstName", "Panda", "lastName", "Bear")).result()).isEqualTo(result);
        assertThat(SentRequests.all(bamboo)).hasSize(1);
    }

    @Test
    void getEmployeeAsksForTheChosenFieldsAndReadsIdsNullsAndFlagsLeniently() throws Exception {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/4")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("employee-4.json"))));

        // Directly, without the schema's default for onlyCurrent: what the plugin sends for the fields alone.
        Object result = extensions.execute("get-employee", Map.of("id", "4",
                "fields", List.of("firstName", "lastName", "jobTitle", "workEmail", "hireDate", "mobilePhone", "canUploadPhoto")),
                plugin.context());

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", "4");
        expected.put("firstName", "Charlotte");
        expected.put("lastName", "Abbott");
        expected.put("jobTitle", "Sr. HR Administrator");
        expected.put("workEmail", "cabbott@efficientoffice.com");
        expected.put("hireDate", "2012-04-30");
        expected.put("mobilePhone", null);
        expected.put("canUploadPhoto", true);
        assertThat(result).isEqualTo(expected);
        assertSent(only(bamboo), "GET", "/api/v1/employees/4",
                Map.of("fields", "firstName,lastName,jobTitle,workEmail,hireDate,mobilePhone,canUploadPhoto"), null);
    }

    @Test
    void getEmployeeWithoutFieldsAsksForFirstAndLastNameAndPassesOnlyCurrent() throws Exception {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/0")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"id\":4,\"firstName\":\"Charlotte\",\"lastName\":\"Abbott\"}")));

        Object result = plugin.run("get-employee", Map.of("id", "0", "onlyCurrent", false)).result();

        assertThat(result).isEqualTo(Map.of("id", "4", "firstName", "Charlotte", "lastName", "Abbott"));
        assertSent(only(bamboo), "GET", "/api/v1/employees/0",
                Map.of("fields", "firstName,lastName", "onlyCurrent", "false"), null);
    }

    @Test
    void listEmployeesReadsTheDirectoryWithStringIdsAndOneZeroFlags() throws Exception {
        bamboo.stubFor(get("/api/v1/employees/directory").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("directory.json"))));

        @SuppressWarnings("unchecked")
        // Directly, without the schema's default for onlyCurrent: the directory as BambooHR answers it unfiltered.
        Map<String, Object> result = (Map<String, Object>) extensions.execute("list-employees", Map.of(), plugin.context());

        assertThat((List<?>) result.get("fields")).hasSize(8)
                .first().isEqualTo(Map.of("id", "displayName", "type", "text", "name", "Display name"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> employees = (List<Map<String, Object>>) result.get("employees");
        assertThat(employees).extracting(employee -> employee.get("id")).containsExactly("4", "5");
        assertThat(employees).extracting(employee -> employee.get("canUploadPhoto")).containsExactly(true, false);
        assertThat(employees.get(1)).containsEntry("workEmail", null).containsEntry("preferredName", null);
        assertSent(only(bamboo), "GET", "/api/v1/employees/directory", Map.of(), null);
    }

    @Test
    void listEmployeesReadsBambooHrsNotFoundForAnEmptyDirectoryAsNoEmployees() throws Exception {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/employees/directory")).willReturn(aResponse().withStatus(404)));

        Object result = plugin.run("list-employees", Map.of("onlyCurrent", false)).result();

        assertThat(result).isEqualTo(Map.of("fields", List.of(), "employees", List.of()));
        assertSent(only(bamboo), "GET", "/api/v1/employees/directory", Map.of("onlyCurrent", "false"), null);
    }

    @Test
    void updateEmployeePostsOnlyTheNamedFields() throws Exception {
        bamboo.stubFor(post("/api/v1/employees/4").willReturn(aResponse().withStatus(200)));

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("jobTitle", "HR Director");
        fields.put("mobilePhone", "");
        fields.put("customNickname", null);
        Object result = plugin.run("update-employee", Map.of("id", "4", "fields", fields)).result();

        assertThat(result).isEqualTo(Map.of("id", "4", "updatedFields", List.of("jobTitle", "mobilePhone", "customNickname")));
        assertSent(only(bamboo), "POST", "/api/v1/employees/4", Map.of(),
                "{\"jobTitle\":\"HR Director\",\"mobilePhone\":\"\",\"customNickname\":null}");
    }

    @Test
    void anIdFromInputIsOneEncodedPathSegmentEvenWhenTheSchemaWasBypassed() {
        IntegrationError error = extensions.directFailure("get-employee", Map.of("id", "4/../../admin"), plugin.context());

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(bamboo.getAllServeEvents()).isEmpty();
    }
}
