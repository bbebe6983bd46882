package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
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
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The time-off actions against a stub serving answers shaped like the real API's. */
class TimeOffActionsTest {

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
    void getTimeOffRequestsSendsTheRangeAndFiltersAndReadsStringAmountsAndFlags() throws Exception {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/time_off/requests")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("time-off-requests.json"))));

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("start", "2026-03-01");
        input.put("end", "2026-03-31");
        input.put("employeeId", "4");
        input.put("statuses", List.of("approved", "requested"));
        input.put("timeOffTypeIds", List.of("78", "79"));
        input.put("action", "approve");
        input.put("excludeNotes", true);
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> result =
                (Map<String, List<Map<String, Object>>>) plugin.run("get-time-off-requests", input).result();

        List<Map<String, Object>> requests = result.get("requests");
        assertThat(requests).extracting(request -> request.get("id")).containsExactly("1", "2");
        Map<String, Object> first = requests.get(0);
        assertThat(first).containsEntry("employeeId", "4")
                .containsEntry("amount", Map.of("unit", "days", "amount", new BigDecimal("2")))
                .containsEntry("dates", Map.of("2026-03-02", new BigDecimal("1"), "2026-03-03", new BigDecimal("1")))
                .containsEntry("type", Map.of("id", "78", "name", "Vacation", "icon", "palm-trees"));
        assertThat(asMap(first.get("notes"))).containsEntry("employee", "Family trip").containsEntry("manager", null);
        Map<String, Object> second = requests.get(1);
        assertThat(asMap(second.get("actions"))).containsEntry("approve", true).containsEntry("edit", false);
        assertThat(asMap(second.get("amount"))).containsEntry("amount", new BigDecimal("4.5"));
        assertThat(second.get("notes")).as("an empty object sent as []").isNull();
        assertThat(asMap(second.get("status"))).containsEntry("lastChangedByUserId", null);
        assertSent(only(bamboo), "GET", "/api/v1/time_off/requests", Map.of("start", "2026-03-01", "end", "2026-03-31",
                "employeeId", "4", "action", "approve", "type", "78,79", "status", "approved,requested",
                "excludeNote", "true"), null);
    }

    @Test
    void getTimeOffRequestsWithAnEndBeforeItsStartIsRefusedBeforeAnyRequest() {
        IntegrationError error = plugin.run("get-time-off-requests", Map.of("start", "2026-03-31", "end", "2026-03-01")).error();

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(error.message()).contains("'end'");
        assertThat(bamboo.getAllServeEvents()).isEmpty();
    }

    @Test
    void whosOutSendsTheRangeAndListsAbsencesAndHolidays() throws Exception {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/time_off/whos_out")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("whos-out.json"))));

        Object result = plugin.run("whos-out", Map.of("start", "2026-03-01", "end", "2026-04-30")).result();

        Map<String, Object> holiday = new LinkedHashMap<>();
        holiday.put("id", "7");
        holiday.put("type", "holiday");
        holiday.put("employeeId", null);
        holiday.put("name", "Good Friday");
        holiday.put("start", "2026-04-03");
        holiday.put("end", "2026-04-03");
        assertThat(result).isEqualTo(Map.of("entries", List.of(Map.of("id", "1", "type", "timeOff", "employeeId", "4",
                "name", "Charlotte Abbott", "start", "2026-03-02", "end", "2026-03-03"), holiday)));
        assertSent(only(bamboo), "GET", "/api/v1/time_off/whos_out", Map.of("start", "2026-03-01", "end", "2026-04-30"), null);
    }

    @Test
    void whosOutWithoutDatesLeavesTheRangeToBambooHr() throws Exception {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/time_off/whos_out")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("[]")));

        Object result = plugin.run("whos-out", Map.of()).result();

        assertThat(result).isEqualTo(Map.of("entries", List.of()));
        assertSent(only(bamboo), "GET", "/api/v1/time_off/whos_out", Map.of(), null);
    }

    @Test
    void updateTimeOffRequestStatusPutsTheStatusAndNote() throws Exception {
        bamboo.stubFor(put("/api/v1/time_off/requests/12/status").willReturn(aResponse().withStatus(200)));

        Object result = plugin.run("update-time-off-request-status",
                Map.of("requestId", "12", "status", "denied", "note", "We are short-staffed that week.")).result();

        assertThat(result).isEqualTo(Map.of("requestId", "12", "status", "denied"));
        assertSent(only(bamboo), "PUT", "/api/v1/time_off/requests/12/status", Map.of(),
                "{\"status\":\"denied\",\"note\":\"We are short-staffed that week.\"}");
    }

    @Test
    void createTimeOffRequestPutsIdsAsIntegersWithNotesAndDaysAndReturnsTheCreatedRequest() throws Exception {
        bamboo.stubFor(put("/api/v1/employees/4/time_off/request").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("created-time-off-request.json"))));

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("employeeId", "4");
        input.put("timeOffTypeId", "78");
        input.put("start", "2026-05-04");
        input.put("end", "2026-05-05");
        input.put("amount", 2);
        input.put("employeeNote", "Beach week");
        input.put("managerNote", "Enjoy");
        input.put("previousRequestId", "1349");
        input.put("dates", List.of(Map.of("date", "2026-05-04", "amount", 1), Map.of("date", "2026-05-05", "amount", 1)));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) plugin.run("create-time-off-request", input).result();

        assertThat(result).containsEntry("id", "1350");
        assertThat(asMap(result.get("request"))).containsEntry("employeeId", "4")
                .containsEntry("status", Map.of("status", "requested", "lastChanged", "2026-03-20", "lastChangedByUserId", "2369"));
        assertSent(only(bamboo), "PUT", "/api/v1/employees/4/time_off/request", Map.of(),
                "{\"status\":\"requested\",\"start\":\"2026-05-04\",\"end\":\"2026-05-05\",\"timeOffTypeId\":78,"
                        + "\"amount\":2,\"notes\":[{\"from\":\"employee\",\"note\":\"Beach week\"},"
                        + "{\"from\":\"manager\",\"note\":\"Enjoy\"}],\"previousRequest\":1349,"
                        + "\"dates\":[{\"ymd\":\"2026-05-04\",\"amount\":1},{\"ymd\":\"2026-05-05\",\"amount\":1}]}");
    }

    @Test
    void createTimeOffRequestAnsweredWithoutABodyReturnsTheIdFromTheLocationHeader() throws Exception {
        bamboo.stubFor(put("/api/v1/employees/4/time_off/request").willReturn(aResponse().withStatus(201)
                .withHeader("Location", "https://acme.bamboohr.com/api/v1/time_off/requests/1351")));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", "1351");
        result.put("request", null);
        assertThat(plugin.run("create-time-off-request", Map.of("employeeId", "4", "timeOffTypeId", "78",
                "start", "2026-05-04", "end", "2026-05-04", "status", "approved")).result()).isEqualTo(result);
        assertSent(only(bamboo), "PUT", "/api/v1/employees/4/time_off/request", Map.of(),
                "{\"status\":\"approved\",\"start\":\"2026-05-04\",\"end\":\"2026-05-04\",\"timeOffTypeId\":78}");
    }

    @ParameterizedTest(name = "body ''{0}''")
    @ValueSource(strings = {"", "{}", "{\"employeeId\":\"4\",\"status\":{\"status\":\"requested\"}}"})
    void createTimeOffRequestAnsweredWithoutAnyIdSucceedsWithoutIdOrRequest(String body) throws Exception {
        // The request was created: failing would invite sending it again and creating it twice.
        bamboo.stubFor(put("/api/v1/employees/4/time_off/request").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(body)));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", null);
        result.put("request", null);
        assertThat(plugin.run("create-time-off-request", Map.of("employeeId", "4", "timeOffTypeId", "78",
                "start", "2026-05-04", "end", "2026-05-04")).result()).isEqualTo(result);
        assertThat(SentRequests.all(bamboo)).hasSize(1);
    }

    @Test
    void listTimeOffTypesReadsIdsAndStringHoursAndCanAskForRequestableTypesOnly() throws Exception {
        bamboo.stubFor(get(urlPathEqualTo("/api/v1/meta/time_off/types")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("time-off-types.json"))));

        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> result =
                (Map<String, List<Map<String, Object>>>) plugin.run("list-time-off-types", Map.of("requestableOnly", true)).result();

        assertThat(result.get("timeOffTypes")).extracting(type -> type.get("id")).containsExactly("78", "79");
        assertThat(result.get("timeOffTypes").get(1)).containsEntry("color", null).containsEntry("units", "hours");
        assertThat(result.get("defaultHours")).extracting(day -> day.get("amount"))
                .containsExactly(new BigDecimal("0"), new BigDecimal("8"), new BigDecimal("7.5"));
        assertSent(only(bamboo), "GET", "/api/v1/meta/time_off/types", Map.of("mode", "request"), null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
