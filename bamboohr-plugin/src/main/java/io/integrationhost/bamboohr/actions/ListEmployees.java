package io.integrationhost.bamboohr.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.json.LenientJson;
import io.integrationhost.bamboohr.model.DirectoryField;
import java.util.List;
import java.util.Map;

/** {@code list-employees}: {@code GET /employees/directory}, the company's employee directory. */
public final class ListEmployees implements Action {

    /** BambooHR answers 404 when the directory is empty: for a list, that is simply no employees. */
    private static final int EMPTY_DIRECTORY = 404;

    /**
     * The directory.
     *
     * @param fields the directory's columns
     * @param employees one record per employee, keyed by the columns' ids
     */
    public record Result(List<DirectoryField> fields, List<Map<String, Object>> employees) {
    }

    @Override
    public String id() {
        return "list-employees";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        return BambooHrRequest.get("employees", "directory")
                .withQuery("onlyCurrent", input.flag("onlyCurrent").orElse(null))
                .answeredBy(EMPTY_DIRECTORY);
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        if (response.status() == EMPTY_DIRECTORY) {
            return new Result(List.of(), List.of());
        }
        JsonNode directory = response.json();
        return new Result(LenientJson.readList(directory.get("fields"), "id", DirectoryField.class),
                EmployeeRecords.all(directory.get("employees")));
    }
}
