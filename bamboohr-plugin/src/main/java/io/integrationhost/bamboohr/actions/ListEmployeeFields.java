package io.integrationhost.bamboohr.actions;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.json.LenientJson;
import io.integrationhost.bamboohr.model.EmployeeField;
import java.util.List;

/** {@code list-employee-fields}: {@code GET /meta/fields}, every field an employee record can have. */
public final class ListEmployeeFields implements Action {

    /** The fields, standard and custom. */
    public record Result(List<EmployeeField> fields) {
    }

    @Override
    public String id() {
        return "list-employee-fields";
    }

    @Override
    public BambooHrRequest request(ActionInput input) {
        return BambooHrRequest.get("meta", "fields");
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        return new Result(LenientJson.readList(response.json(), "id", EmployeeField.class));
    }
}
