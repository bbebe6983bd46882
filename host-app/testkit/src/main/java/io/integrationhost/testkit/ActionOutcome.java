package io.integrationhost.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.runtime.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What came of running one action in the {@link PluginHarness}: a result, the plugin's typed error, the
 * host's refusal of the input, a crash or a time-out.
 *
 * <p>Each accessor asks for one of these and fails the test with what happened instead, so a test states
 * what it expects and reads as its specification:
 *
 * <pre>{@code
 * assertThat(plugin.run("get-item", Map.of("id", "42")).json().path("title").asText()).isEqualTo("First");
 * assertThat(plugin.run("get-item", Map.of("id", "7")).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
 * assertThat(plugin.run("get-item", Map.of()).inputViolations()).anyMatch(v -> v.contains("id"));
 * }</pre>
 */
public final class ActionOutcome {

    /** The ways a call can end. */
    public enum Kind {
        /** The plugin returned JSON-like data. */
        SUCCEEDED,
        /** The plugin failed with a typed {@link IntegrationError}, as it should for every expected failure. */
        FAILED,
        /** The host refused the input against the action's input schema; the plugin was not called. */
        INPUT_REFUSED,
        /**
         * The plugin threw something other than an {@code IntegrationException}, returned what is not JSON-like data,
         * or returned a result that breaks the action's {@code output.schema}.
         */
        CRASHED,
        /** The plugin did not answer within the call's time limit. */
        TIMED_OUT,
        /**
         * The plugin's worker process ended while the call ran ({@code System.exit}, a full heap, a kill): the host
         * answers {@code PLUGIN_CRASHED}, and whether a change the call was making took effect is unknown. Only a
         * plugin that runs in a worker ends this way; its next call starts a new worker.
         */
        WORKER_CRASHED
    }

    private final String actionId;
    private final Kind kind;
    private final Object result;
    private final IntegrationError error;
    private final List<String> inputViolations;
    private final String problem;
    private final Throwable cause;

    private ActionOutcome(String actionId, Kind kind, Object result, IntegrationError error, List<String> inputViolations,
                          String problem, Throwable cause) {
        this.actionId = Objects.requireNonNull(actionId, "actionId");
        this.kind = kind;
        this.result = result;
        this.error = error;
        this.inputViolations = List.copyOf(inputViolations);
        this.problem = problem;
        this.cause = cause;
    }

    /** A returned result: succeeded when it is JSON-like data, crashed otherwise (the host could not answer with it). */
    static ActionOutcome returned(String actionId, Object result) {
        String notJson = notJsonLike(result, "$");
        return notJson == null ? new ActionOutcome(actionId, Kind.SUCCEEDED, result, null, List.of(), null, null)
                : crashed(actionId, "It returned " + notJson + "; return Map, List, String, Number, Boolean or null.", null);
    }

    static ActionOutcome failed(String actionId, IntegrationError error) {
        return new ActionOutcome(actionId, Kind.FAILED, null, error, List.of(), null, null);
    }

    static ActionOutcome inputRefused(String actionId, List<String> violations) {
        return new ActionOutcome(actionId, Kind.INPUT_REFUSED, null, null, violations, null, null);
    }

    static ActionOutcome crashed(String actionId, String problem, Throwable cause) {
        return new ActionOutcome(actionId, Kind.CRASHED, null, null, List.of(), problem, cause);
    }

    static ActionOutcome timedOut(String actionId, String problem) {
        return new ActionOutcome(actionId, Kind.TIMED_OUT, null, null, List.of(), problem, null);
    }

    static ActionOutcome workerCrashed(String actionId, String problem) {
        return new ActionOutcome(actionId, Kind.WORKER_CRASHED, null, null, List.of(), problem, null);
    }

    public String actionId() {
        return actionId;
    }

    public Kind kind() {
        return kind;
    }

    public boolean succeeded() {
        return kind == Kind.SUCCEEDED;
    }

    /** The result the plugin returned. */
    public Object result() {
        expect(Kind.SUCCEEDED);
        return result;
    }

    /** The result as JSON, as a client of the host receives it. */
    public JsonNode json() {
        expect(Kind.SUCCEEDED);
        return Json.asIs(result);
    }

    /** The plugin's typed error. */
    public IntegrationError error() {
        expect(Kind.FAILED);
        return error;
    }

    /** Every way the input broke the action's input schema, as the host reports them. */
    public List<String> inputViolations() {
        expect(Kind.INPUT_REFUSED);
        return inputViolations;
    }

    /** What went wrong when the plugin crashed, timed out or its worker ended. */
    public String problem() {
        if (kind != Kind.CRASHED && kind != Kind.TIMED_OUT && kind != Kind.WORKER_CRASHED) {
            throw new AssertionError("Expected " + actionId + " to crash or time out, but " + this);
        }
        return problem;
    }

    private void expect(Kind expected) {
        if (kind != expected) {
            throw new AssertionError("Expected " + actionId + " to end " + expected + ", but " + this, cause);
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SUCCEEDED -> actionId + " succeeded with " + Json.asIs(result);
            case FAILED -> actionId + " failed with " + error.kind() + ": " + error.message()
                    + (error.upstreamStatus() == null ? "" : " (upstream HTTP " + error.upstreamStatus() + ")");
            case INPUT_REFUSED -> "the host refused the input of " + actionId + ": " + inputViolations;
            case CRASHED -> actionId + " crashed: " + problem;
            case TIMED_OUT -> actionId + " timed out: " + problem;
            case WORKER_CRASHED -> "the worker of " + actionId + " ended: " + problem;
        };
    }

    /** Where {@code value} holds something that is not JSON-like data, described; {@code null} when it is all JSON-like. */
    private static String notJsonLike(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof Float || value instanceof Short
                || value instanceof Byte || value instanceof BigDecimal || value instanceof BigInteger) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return "a map key that is not a String at " + path;
                }
                String inside = notJsonLike(entry.getValue(), path + "." + key);
                if (inside != null) {
                    return inside;
                }
            }
            return null;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String inside = notJsonLike(list.get(i), path + "[" + i + "]");
                if (inside != null) {
                    return inside;
                }
            }
            return null;
        }
        return "a " + value.getClass().getName() + " at " + path;
    }
}
