package io.integrationhost.runtime.plugins;

import java.util.Objects;

/**
 * One way a plugin breaks the contract the host checks at load.
 *
 * @param rule the rule it breaks
 * @param message what is wrong, with the JSON path where there is one, and what to change, for a person
 */
public record RuleViolation(PluginRule rule, String message) {

    public RuleViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
