package io.integrationhost.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure as a value: what kind, a message for a person, what to do next, and what the remote system
 * said. Never contains a credential. Built by name:
 *
 * <pre>{@code
 * IntegrationError.of(ErrorKind.RATE_LIMITED, "The remote system asked to slow down.")
 *         .withUpstream(429, "Too many requests").withRequestId("req-1").withRetryAfter(Duration.ofSeconds(30));
 * }</pre>
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
     * constructor, so it stays).
     *
     * @deprecated six positional values, most of them often {@code null}: build the error by name instead, with
     *     {@link #of(ErrorKind, String)} and {@link #withRemedy}, {@link #withUpstream}, {@link #withRequestId} and
     *     {@link #withRetryAfter}
     */
    @Deprecated(since = "1.2.0")
    public IntegrationError(ErrorKind kind, String message, String remedy, Integer upstreamStatus,
                            String upstreamDetail, String requestId) {
        this(kind, message, remedy, upstreamStatus, upstreamDetail, requestId, null);
    }

    /** An error with the kind's default remedy and no upstream detail; add the rest with the {@code with…} methods. */
    public static IntegrationError of(ErrorKind kind, String message) {
        return new IntegrationError(kind, message, null, null, null, null, null);
    }

    /**
     * This error with its own remedy instead of the kind's default.
     *
     * @param remedy what to do next, in one sentence; {@code null} for the kind's default
     * @since 1.2.0
     */
    public IntegrationError withRemedy(String remedy) {
        return new IntegrationError(kind, message, remedy, upstreamStatus, upstreamDetail, requestId, retryAfter);
    }

    /**
     * This error with what the remote system answered.
     *
     * @param status its HTTP status, or {@code null} when there was no answer
     * @param detail its own explanation, or {@code null}
     * @since 1.2.0
     */
    public IntegrationError withUpstream(Integer status, String detail) {
        return new IntegrationError(kind, message, remedy, status, detail, requestId, retryAfter);
    }

    /**
     * This error with the remote system's request id, which its support asks for.
     *
     * @param requestId the id, or {@code null}
     * @since 1.2.0
     */
    public IntegrationError withRequestId(String requestId) {
        return new IntegrationError(kind, message, remedy, upstreamStatus, upstreamDetail, requestId, retryAfter);
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
