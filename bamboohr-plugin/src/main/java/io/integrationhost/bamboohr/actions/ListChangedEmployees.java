package io.integrationhost.bamboohr.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.json.LenientJson;
import io.integrationhost.bamboohr.model.ChangedEmployee;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code list-changed-employees}: {@code GET /employees/changed?since=…}. BambooHR keys the employees by id; the
 * result lists them instead.
 */
public final class ListChangedEmployees implements Action {

    /**
     * What changed.
     *
     * @param latest the newest change among them, the {@code since} of the next call
     * @param employees the employees changed since the given time
     */
    public record Result(String latest, List<ChangedEmployee> employees) {
    }

    @Override
    public String id() {
        return "list-changed-employees";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        // In UTC with a Z, so no '+' needs to survive the query string.
        String since = input.requiredDateTime("since").withOffsetSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return BambooHrRequest.get("employees", "changed")
                .withQuery("since", since)
                .withQuery("type", input.text("changeType").orElse(null));
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        JsonNode changes = response.json();
        JsonNode latest = changes.get("latest");
        return new Result(latest == null || latest.isNull() ? null : latest.asText(),
                LenientJson.readList(changes.get("employees"), "id", ChangedEmployee.class));
    }
}
