package io.integrationhost.bamboohr.actions;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import java.util.List;

/** {@code get-employee}: {@code GET /employees/{id}?fields=…}, the chosen fields of one employee. */
public final class GetEmployee implements Action {

    /** BambooHR's own default, said explicitly so that the result does not depend on it. */
    static final List<String> DEFAULT_FIELDS = List.of("firstName", "lastName");

    @Override
    public String id() {
        return "get-employee";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        List<String> fields = input.texts("fields");
        return BambooHrRequest.get("employees", input.requiredId("id"))
                .withQuery("fields", String.join(",", fields.isEmpty() ? DEFAULT_FIELDS : fields))
                .withQuery("onlyCurrent", input.flag("onlyCurrent").orElse(null));
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        return EmployeeRecords.one(response.json());
    }
}
