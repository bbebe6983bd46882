package io.integrationhost.api;

/**
 * What went wrong in a call, independent of the remote system. Each kind says whether trying again
 * later can help and what a person should do next.
 */
public enum ErrorKind {
    /** The input was refused by the remote system (HTTP 400 and the like). */
    INVALID_INPUT(false, "Correct the input and try again."),
    /** The credentials are missing, wrong, revoked or expired (HTTP 401). */
    INVALID_CREDENTIALS(false, "Re-authorize the integration with valid credentials."),
    /** The credentials are valid but may not do this (HTTP 403). */
    PERMISSION_DENIED(false, "Use credentials of a user who has the permission, or ask an administrator to grant it."),
    /** The thing asked for does not exist (HTTP 404). */
    NOT_FOUND(false, "Check the id or the address of what you asked for."),
    /** A value was refused as invalid or conflicting (HTTP 409). */
    CONFLICT(false, "Correct the conflicting value and try again."),
    /**
     * The remote system asked to slow down (HTTP 429). Say how long it asked to wait with
     * {@link IntegrationError#withRetryAfter}.
     */
    RATE_LIMITED(true, "Wait a moment and try again."),
    /**
     * The remote system failed or is unavailable (HTTP 5xx, a 503 included): whether it carried out the request may be
     * unknown. A {@code Retry-After} that came with it goes into {@link IntegrationError#withRetryAfter}.
     */
    UPSTREAM_UNAVAILABLE(true, "Try again later; if it persists, check the remote system's status."),
    /** No answer within the time limit. */
    TIMEOUT(true, "Try again later; if it persists, check the remote system's status."),
    /** The remote system could not be reached at all. */
    CONNECTION_FAILED(true, "Check the address and the network, then try again."),
    /** The remote system answered with something that could not be understood. */
    BAD_RESPONSE(false, "Report this with the request id; the remote system sent an unexpected answer."),
    /** A defect in the plugin. */
    INTERNAL(false, "Report this to the plugin's provider.");

    private final boolean retryable;
    private final String remedy;

    ErrorKind(boolean retryable, String remedy) {
        this.retryable = retryable;
        this.remedy = remedy;
    }

    /** Whether the same call may succeed if tried again later. */
    public boolean retryable() {
        return retryable;
    }

    /** What a person should do next, in one sentence. */
    public String remedy() {
        return remedy;
    }
}
