package io.integrationhost.host.web;

import io.integrationhost.host.error.HostException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every error answer's body: {@code {"error": {"kind", "message", "remedy", ...details}}}. */
final class ErrorJson {

    private ErrorJson() {
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
