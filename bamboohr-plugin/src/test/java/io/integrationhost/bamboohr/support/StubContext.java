package io.integrationhost.bamboohr.support;

import io.integrationhost.api.IntegrationContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The host's context as a test sets it: operator settings, a call time-out and a correlation id. */
public record StubContext(Map<String, String> settings, Duration callTimeout, String correlationId)
        implements IntegrationContext {

    /** A context whose {@code BASE_URL} setting points at {@code baseUrl}, with a 10 s call time-out. */
    public static StubContext pointingAt(String baseUrl) {
        return new StubContext(Map.of("BASE_URL", baseUrl), Duration.ofSeconds(10), "test-correlation-id");
    }

    /** A context without operator settings: requests would go to BambooHR itself. */
    public static StubContext withoutSettings() {
        return new StubContext(Map.of(), Duration.ofSeconds(10), "test-correlation-id");
    }

    /** This context with another call time-out. */
    public StubContext withCallTimeout(Duration timeout) {
        return new StubContext(settings, timeout, correlationId);
    }

    @Override
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }
}
