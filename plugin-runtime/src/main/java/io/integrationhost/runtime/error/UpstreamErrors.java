package io.integrationhost.runtime.error;

import io.integrationhost.api.IntegrationError;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a plugin's typed failure is answered: an HTTP status that fits, and the upstream's own words. */
public final class UpstreamErrors {

    private UpstreamErrors() {
    }

    public static HostException toHostException(IntegrationError error) {
        return new HostException(FailureKind.upstream(error.kind()), error.message(), error.remedy(), details(error))
                .withUpstream(upstream(error));
    }

    /** What the remote system said: its status, words and request id. */
    public static Upstream upstream(IntegrationError error) {
        return new Upstream(error.upstreamStatus(), error.upstreamDetail(), error.requestId());
    }

    /** The members of an error answer about trying again: retryable, how long the remote system asked to wait (when it did). */
    public static Map<String, Object> details(IntegrationError error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retryable", error.retryable());
        if (error.retryAfter() != null) {
            details.put(HostException.RETRY_AFTER_SECONDS, HostException.wholeSecondsUp(error.retryAfter()));
        }
        return details;
    }
}
