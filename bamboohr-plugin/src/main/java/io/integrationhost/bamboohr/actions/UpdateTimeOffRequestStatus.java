package io.integrationhost.bamboohr.actions;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code update-time-off-request-status}: {@code PUT /time_off/requests/{id}/status} to approve, deny or cancel.
 * Setting a status twice leaves it as set once, so this request may be repeated.
 */
public final class UpdateTimeOffRequestStatus implements Action {

    private static final Set<String> STATUSES = Set.of("approved", "denied", "canceled");

    /**
     * The status now set.
     *
     * @param requestId the time-off request's id
     * @param status its new status
     */
    public record Result(String requestId, String status) {
    }

    @Override
    public String id() {
        return "update-time-off-request-status";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        String status = input.requiredText("status");
        if (!STATUSES.contains(status)) {
            throw ActionInput.invalid("status", "must be approved, denied or canceled");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        input.text("note").ifPresent(note -> body.put("note", note));
        return BambooHrRequest.put(body, "time_off", "requests", input.requiredId("requestId"), "status");
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        return new Result(input.requiredId("requestId"), input.requiredText("status"));
    }
}
