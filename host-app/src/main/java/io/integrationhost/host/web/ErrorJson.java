package io.integrationhost.host.web;

import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.NextStep;
import io.integrationhost.runtime.error.Upstream;
import io.integrationhost.runtime.error.Violation;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error answer's body: {@code {"error": {"kind", "message", "remedy", ...details}}}; and its
 * {@code Retry-After} header, from the same {@code retryAfterSeconds} the body carries.
 */
final class ErrorJson {

    private ErrorJson() {
    }

    /** Sets {@code Retry-After} when {@code failure} says how long to wait (any answer: JSON or a page). */
    static void retryAfterHeader(Context ctx, HostException failure) {
        failure.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", String.valueOf(seconds)));
    }

    static Map<String, Object> of(HostException failure) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", failure.kind());
        error.put("message", failure.getMessage());
        if (failure.remedy() != null) {
            error.put("remedy", failure.nextStep().map(step -> failure.remedy() + " Through the REST API: " + request(step) + ".")
                    .orElse(failure.remedy()));
        }
        error.putAll(failure.details());
        if (!failure.violations().isEmpty()) {
            error.put("violations", failure.violations().stream().map(ErrorJson::violation).toList());
        }
        failure.authorizationLink().ifPresent(link -> {
            error.put("userId", link.userId());
            error.put("authorizationUrl", link.url());
            error.put("expiresAt", link.expiresAt());
        });
        failure.upstream().ifPresent(upstream -> error.put("upstream", upstream(upstream)));
        return Map.of("error", error);
    }

    /** Where the operation that puts a failure right is in the REST API: services name it, only this layer knows it. */
    static String request(NextStep step) {
        String integration = "/api/integrations/" + step.integrationId();
        return switch (step.operation()) {
            case AUTHORIZE_INTEGRATION -> "PUT " + integration + "/authorization";
            case DELETE_CONFIGURATION -> "DELETE " + integration + "/configuration";
            case CONNECT_OAUTH -> "POST " + integration + "/authorization/oauth2";
        };
    }

    /** A field's problem as {@code {field, message}}; a problem said as text as the text. */
    private static Object violation(Violation violation) {
        return violation.field() == null ? violation.message()
                : Map.of("field", violation.field(), "message", violation.message());
    }

    /** Only what the remote system said: no member for what it did not. */
    private static Map<String, Object> upstream(Upstream upstream) {
        Map<String, Object> members = new LinkedHashMap<>();
        if (upstream.status() != null) {
            members.put("status", upstream.status());
        }
        if (upstream.detail() != null) {
            members.put("detail", upstream.detail());
        }
        if (upstream.requestId() != null) {
            members.put("requestId", upstream.requestId());
        }
        return members;
    }
}
