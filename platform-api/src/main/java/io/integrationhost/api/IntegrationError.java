package io.integrationhost.api;

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
 */
public record IntegrationError(ErrorKind kind, String message, String remedy, Integer upstreamStatus,
                               String upstreamDetail, String requestId) {

    public IntegrationError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        remedy = remedy == null ? kind.remedy() : remedy;
    }

    /** An error with the kind's default remedy and no upstream detail. */
    public static IntegrationError of(ErrorKind kind, String message) {
        return new IntegrationError(kind, message, null, null, null, null);
    }

    /** Whether trying the same call again later may help. */
    public boolean retryable() {
        return kind.retryable();
    }
}
