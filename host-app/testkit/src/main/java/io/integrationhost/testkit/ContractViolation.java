package io.integrationhost.testkit;

import java.util.Objects;

/**
 * One way a plugin jar breaks the contract.
 *
 * @param rule the rule it breaks
 * @param message what is wrong and, where it helps, what to change, for a person
 */
public record ContractViolation(ContractRule rule, String message) {

    public ContractViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "[" + rule + "] " + message;
    }
}
