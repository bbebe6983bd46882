package io.integrationhost.host.plugins;

import io.integrationhost.api.IntegrationContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The context of one plugin call. Operator settings of integration {@code acme} come from the host's
 * environment as {@code ACME_<NAME>}; end-user input never reaches them.
 */
public record HostIntegrationContext(String integrationId, Map<String, String> environment, Duration callTimeout,
                                     String correlationId) implements IntegrationContext {

    @Override
    public Optional<String> setting(String name) {
        String variable = (integrationId + "_" + name).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        return Optional.ofNullable(environment.get(variable)).filter(value -> !value.isBlank());
    }
}
