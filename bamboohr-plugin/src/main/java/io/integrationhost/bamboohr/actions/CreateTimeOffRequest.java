package io.integrationhost.bamboohr.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.json.LenientJson;
import io.integrationhost.bamboohr.model.TimeOffRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code create-time-off-request}: {@code PUT /employees/{employeeId}/time_off/request}. A {@code PUT} that
 * creates: sending it twice makes two requests, so it is marked not repeatable.
 */
public final class CreateTimeOffRequest implements Action {

    private static final Set<String> STATUSES = Set.of("requested", "approved", "denied");
    private static final String DEFAULT_STATUS = "requested";

    /**
     * The new request.
     *
     * @param id its id, or {@code null} when BambooHR's answer did not carry it
     * @param request the request as BambooHR returned it, or {@code null} when it returned no request with an id
     */
    public record Result(String id, TimeOffRequest request) {
    }

    @Override
    public String id() {
        return "create-time-off-request";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        input.requireOrderedDates("start", "end");
        String status = input.text("status").orElse(DEFAULT_STATUS);
        if (!STATUSES.contains(status)) {
            throw ActionInput.invalid("status", "must be requested, approved or denied");
        }
        // The API takes ids as integers here, unlike in paths and answers.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("start", input.requiredDate("start").toString());
        body.put("end", input.requiredDate("end").toString());
        body.put("timeOffTypeId", Long.parseLong(input.requiredId("timeOffTypeId")));
        input.number("amount").ifPresent(amount -> body.put("amount", amount));
        List<Map<String, String>> notes = new ArrayList<>();
        input.text("employeeNote").ifPresent(note -> notes.add(Map.of("from", "employee", "note", note)));
        input.text("managerNote").ifPresent(note -> notes.add(Map.of("from", "manager", "note", note)));
        if (!notes.isEmpty()) {
            body.put("notes", notes);
        }
        Optional<String> previous = input.id("previousRequestId");
        previous.ifPresent(id -> body.put("previousRequest", Long.parseLong(id)));
        List<Map<String, Object>> dates = new ArrayList<>();
        for (ActionInput day : input.objects("dates")) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ymd", day.requiredDate("date").toString());
            entry.put("amount", day.number("amount").orElseThrow(() -> ActionInput.invalid("dates", "needs an amount for each date")));
            dates.add(entry);
        }
        if (!dates.isEmpty()) {
            body.put("dates", dates);
        }
        return BambooHrRequest.put(body, "employees", input.requiredId("employeeId"), "time_off", "request")
                .notRepeatable();
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        // A body without an id, such as {}, is no created request. An answer without any id is still a success:
        // the request exists, and reporting a failure would invite creating it twice.
        Optional<JsonNode> body = response.jsonIfAny().filter(json -> LenientJson.id(json).isPresent());
        TimeOffRequest created = body.map(json -> LenientJson.read(json, TimeOffRequest.class)).orElse(null);
        String id = created != null ? created.id() : response.locationId().orElse(null);
        return new Result(id, created);
    }
}
