package io.integrationhost.host.error;

import io.integrationhost.api.IntegrationError;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a plugin's typed failure is answered: an HTTP status that fits, and the upstream's own words. */
public final class UpstreamErrors {

    private UpstreamErrors() {
    }

    public static HostException toHostException(IntegrationError error) {
        return new HostException(FailureKind.upstream(error.kind()), error.message(), error.remedy(), details(error));
    }

    /**
     * The upstream part of an error answer: retryable, how long the remote system asked to wait (when it did), and
     * its status, words and request id.
     */
    public static Map<String, Object> details(IntegrationError error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retryable", error.retryable());
        if (error.retryAfter() != null) {
            details.put(HostException.RETRY_AFTER_SECONDS, HostException.wholeSecondsUp(error.retryAfter()));
        }
        Map<String, Object> upstream = new LinkedHashMap<>();
        if (error.upstreamStatus() != null) {
            upstream.put("status", error.upstreamStatus());
        }
        if (error.upstreamDetail() != null) {
            upstream.put("detail", error.upstreamDetail());
        }
        if (error.requestId() != null) {
            upstream.put("requestId", error.requestId());
        }
        if (!upstream.isEmpty()) {
            details.put("upstream", upstream);
        }
        return details;
    }
}
