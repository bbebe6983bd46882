package io.integrationhost.host.web;

import io.integrationhost.host.error.HostException;
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
            error.put("remedy", failure.remedy());
        }
        error.putAll(failure.details());
        return Map.of("error", error);
    }
}
