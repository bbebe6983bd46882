package io.integrationhost.host.actions;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The action-call timer {@code host.action.calls}, with a latency histogram, per integration, action and outcome
 * ({@code success}, or the failure's kind). Callers pass only an installed integration's id and one of its declared
 * actions, so the series stay bounded; each timer is built once and then found without building a meter id.
 */
final class ActionTimers {

    static final String NAME = "host.action.calls";
    static final String SUCCESS = "success";

    private record Key(String integrationId, String actionId, String outcome) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    ActionTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String integrationId, String actionId, String outcome, long nanos) {
        timers.computeIfAbsent(new Key(integrationId, actionId, outcome), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder(NAME)
                .description("Action calls through the host, from the checks to the answer")
                .tag("integration", key.integrationId())
                .tag("action", key.actionId())
                .tag("outcome", key.outcome())
                // Buckets from 1 ms to 1 min: the plugin call's own timeout is within that range.
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }
}
