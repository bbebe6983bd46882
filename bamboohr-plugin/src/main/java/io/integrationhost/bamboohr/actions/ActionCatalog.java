package io.integrationhost.bamboohr.actions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The actions the integration offers, by id. Adding an action means adding its class to {@link #bambooHr()} and
 * its metadata to {@code integration.json}; a test checks that the two lists agree.
 */
public final class ActionCatalog {

    private final Map<String, Action> actions;

    public ActionCatalog(List<Action> actions) {
        Map<String, Action> byId = new LinkedHashMap<>();
        for (Action action : actions) {
            if (byId.putIfAbsent(action.id(), action) != null) {
                throw new IllegalArgumentException("Two actions have the id " + action.id());
            }
        }
        this.actions = Collections.unmodifiableMap(byId);
    }

    /** Every BambooHR action. */
    public static ActionCatalog bambooHr() {
        return new ActionCatalog(List.of(
                new CreateEmployee(),
                new GetEmployee(),
                new ListEmployees(),
                new UpdateEmployee(),
                new GetTimeOffRequests(),
                new WhosOut(),
                new UpdateTimeOffRequestStatus(),
                new CreateTimeOffRequest(),
                new ListTimeOffTypes(),
                new ListEmployeeFields(),
                new ListChangedEmployees()));
    }

    /** The action with this id, if there is one. */
    public Optional<Action> find(String id) {
        return Optional.ofNullable(actions.get(id));
    }

    /** The ids of all actions, in declaration order. */
    public Set<String> ids() {
        return actions.keySet();
    }
}
