package io.integrationhost.bamboohr.actions;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.json.LenientJson;
import java.util.Optional;

/** {@code create-employee}: {@code POST /employees} with the new employee's fields; never re-sent blindly. */
public final class CreateEmployee implements Action {

    /** The new employee's id, or {@code null} when BambooHR's answer did not carry it. */
    public record Result(String id) {
    }

    @Override
    public String id() {
        return "create-employee";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        input.requiredText("firstName");
        input.requiredText("lastName");
        return BambooHrRequest.post(input.all(), "employees");
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        // BambooHR answers 201 with the id in Location; some answers also carry it in a JSON body. An answer
        // without either is still a success: the employee exists, and a failure would invite creating it twice.
        Optional<String> id = response.locationId();
        if (id.isEmpty()) {
            id = response.jsonIfAny().flatMap(LenientJson::id);
        }
        return new Result(id.orElse(null));
    }
}
