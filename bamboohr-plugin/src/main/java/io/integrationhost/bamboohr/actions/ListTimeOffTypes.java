package io.integrationhost.bamboohr.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.json.LenientJson;
import io.integrationhost.bamboohr.model.DefaultHours;
import io.integrationhost.bamboohr.model.TimeOffType;
import java.util.List;

/** {@code list-time-off-types}: {@code GET /meta/time_off/types}. */
public final class ListTimeOffTypes implements Action {

    /**
     * The company's time-off types and working hours.
     *
     * @param timeOffTypes the active time-off types
     * @param defaultHours the default hours per day of the week
     */
    public record Result(List<TimeOffType> timeOffTypes, List<DefaultHours> defaultHours) {
    }

    @Override
    public String id() {
        return "list-time-off-types";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        boolean requestableOnly = input.flag("requestableOnly").orElse(false);
        return BambooHrRequest.get("meta", "time_off", "types").withQuery("mode", requestableOnly ? "request" : null);
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        JsonNode types = response.json();
        return new Result(LenientJson.readList(types.get("timeOffTypes"), "id", TimeOffType.class),
                LenientJson.readList(types.get("defaultHours"), "name", DefaultHours.class));
    }
}
