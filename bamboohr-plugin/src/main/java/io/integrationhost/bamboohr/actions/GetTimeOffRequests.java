package io.integrationhost.bamboohr.actions;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.json.LenientJson;
import io.integrationhost.bamboohr.model.TimeOffRequest;
import java.util.List;

/** {@code get-time-off-requests}: {@code GET /time_off/requests?start=…&end=…} with the optional filters. */
public final class GetTimeOffRequests implements Action {

    /** The requests that overlap the range. */
    public record Result(List<TimeOffRequest> requests) {
    }

    @Override
    public String id() {
        return "get-time-off-requests";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        input.requireOrderedDates("start", "end");
        return BambooHrRequest.get("time_off", "requests")
                .withQuery("start", input.requiredDate("start"))
                .withQuery("end", input.requiredDate("end"))
                .withQuery("id", input.id("requestId").orElse(null))
                .withQuery("action", input.text("action").orElse(null))
                .withQuery("employeeId", input.id("employeeId").orElse(null))
                .withQuery("type", commaSeparated(input.texts("timeOffTypeIds")))
                .withQuery("status", commaSeparated(input.texts("statuses")))
                .withQuery("excludeNote", input.flag("excludeNotes").filter(Boolean::booleanValue).orElse(null));
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        return new Result(LenientJson.readList(response.json(), "id", TimeOffRequest.class));
    }

    private static String commaSeparated(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }
}
