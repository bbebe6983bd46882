package io.integrationhost.api;

import java.util.Map;
import java.util.Objects;

/**
 * One invocation of an action.
 *
 * @param actionId the action's id as declared in the descriptor
 * @param input the input, already validated against the action's input schema (JSON-like values)
 * @param credentials the credentials of this call only: the administrator's or one end user's
 * @param context what the host offers the plugin for this call
 */
public record ActionCall(String actionId, Map<String, Object> input, Credentials credentials, IntegrationContext context) {

    public ActionCall {
        Objects.requireNonNull(actionId, "actionId");
        input = input == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(input));
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(context, "context");
    }
}
