package io.integrationhost.bamboohr.actions;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.json.LenientJson;
import io.integrationhost.bamboohr.model.WhosOutEntry;
import java.util.List;

/** {@code whos-out}: {@code GET /time_off/whos_out}, absences and holidays (BambooHR's default: the next 14 days). */
public final class WhosOut implements Action {

    /** The absences and holidays, sorted by date. */
    public record Result(List<WhosOutEntry> entries) {
    }

    @Override
    public String id() {
        return "whos-out";
    }

    @Override
    public BambooHrRequest request(ActionInput input) throws IntegrationException {
        input.requireOrderedDates("start", "end");
        return BambooHrRequest.get("time_off", "whos_out")
                .withQuery("start", input.date("start").orElse(null))
                .withQuery("end", input.date("end").orElse(null));
    }

    @Override
    public Object result(BambooHrResponse response, ActionInput input) throws IntegrationException {
        return new Result(LenientJson.readList(response.json(), "id", WhosOutEntry.class));
    }
}
