package io.integrationhost.bamboohr.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.client.ErrorMapper;
import java.util.Optional;

/** {@code create-employee}: {@code POST /employees} with the new employee's fields; never re-sent blindly. */
public final class CreateEmployee implements Action {

    /** The new employee's id. */
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
        // BambooHR answers 201 with the id at the end of Location; some answers also carry it in a JSON body.
        Optional<String> id = response.locationId();
        if (id.isEmpty()) {
            id = response.jsonIfAny().map(body -> body.path("id")).filter(JsonNode::isValueNode).map(JsonNode::asText)
                    .filter(text -> !text.isBlank());
        }
        return new Result(id.orElseThrow(() -> new IntegrationException(
                ErrorMapper.badResponse(response, "no id of the new employee in its Location header or body"))));
    }
}
