package io.integrationhost.runtime.plugins;

import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.OperatorSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The context of one plugin call. Operator settings of integration {@code acme} come from the host's
 * environment as {@code ACME_<NAME>} (see {@link #variable}); end-user input never reaches them.
 */
public record HostIntegrationContext(String integrationId, Map<String, String> environment, Duration callTimeout,
                                     String correlationId) implements IntegrationContext {

    /** An unset, empty or blank variable is no setting: an operator clears one by setting it empty. */
    @Override
    public Optional<String> setting(String name) {
        return Optional.ofNullable(environment.get(variable(integrationId, name))).filter(value -> !value.isBlank());
    }

    /**
     * The environment variable of setting {@code name} of integration {@code integrationId}: both joined with
     * {@code _}, upper-cased, {@code -} and {@code .} as {@code _} ({@code acme-crm}, {@code base.url} →
     * {@code ACME_CRM_BASE_URL}): the contract's {@link OperatorSettings#variable} rule.
     */
    public static String variable(String integrationId, String name) {
        return OperatorSettings.variable(integrationId, name);
    }
}
