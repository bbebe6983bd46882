package io.integrationhost.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure as a value: what kind, a message for a person, what to do next, and what the remote system
 * said. Never contains a credential.
 *
 * @param kind the kind of failure
 * @param message a sentence for a person, without stack traces or secrets
 * @param remedy what to do next
 * @param upstreamStatus the remote system's HTTP status, or {@code null} when there was no answer
 * @param upstreamDetail the remote system's own explanation, if it gave one
 * @param requestId the remote system's request id, which its support asks for, if it gave one
 * @param retryAfter how long the remote system asked to wait before trying again (its {@code Retry-After}), or
 *     {@code null} when it did not say; never negative. Set it with {@link #withRetryAfter(Duration)}. Since 1.1.0.
 */
public record IntegrationError(ErrorKind kind, String message, String remedy, Integer upstreamStatus,
                               String upstreamDetail, String requestId, Duration retryAfter) {

    public IntegrationError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        remedy = remedy == null ? kind.remedy() : remedy;
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
    }

    /**
     * An error that does not say how long to wait, as in platform API 1.0.0 (plugins built against it call this
     * constructor). Add the wait with {@link #withRetryAfter(Duration)}.
     */
    public IntegrationError(ErrorKind kind, String message, String remedy, Integer upstreamStatus,
                            String upstreamDetail, String requestId) {
        this(kind, message, remedy, upstreamStatus, upstreamDetail, requestId, null);
    }

    /** An error with the kind's default remedy and no upstream detail. */
    public static IntegrationError of(ErrorKind kind, String message) {
        return new IntegrationError(kind, message, null, null, null, null);
    }

    /**
     * This error, saying how long the remote system asked to wait before the call is tried again: the host answers
     * with a {@code Retry-After} header and {@code retryAfterSeconds}, in whole seconds rounded up.
     *
     * @param wait the wait, from now; {@code null} for "not said"
     * @throws IllegalArgumentException when {@code wait} is negative
     * @since 1.1.0
     */
    public IntegrationError withRetryAfter(Duration wait) {
        return new IntegrationError(kind, message, remedy, upstreamStatus, upstreamDetail, requestId, wait);
    }

    /** Whether trying the same call again later may help. */
    public boolean retryable() {
        return kind.retryable();
    }
}
