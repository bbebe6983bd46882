package io.integrationhost.bamboohr.actions;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import java.util.List;
import java.util.Map;

/** {@code update-employee}: {@code POST /employees/{id}} (BambooHR updates with POST, not PUT). */
public final class UpdateEmployee implements Action {

    /**
     * What was updated.
     *
     * @param id the employee's id
     * @param updatedFields the fields sent
     */
    public record Result(String id, List<String> updatedFields) {
    }

    @Override
    public String id() {
        return "update-employee";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        Map<String, Object> fields = input.object("fields");
        if (fields.isEmpty()) {
            throw ActionInput.invalid("fields", "must name at least one field to update");
        }
        return BambooHrRequest.post(fields, "employees", input.requiredId("id"));
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        return new Result(input.requiredId("id"), List.copyOf(input.object("fields").keySet()));
    }
}
