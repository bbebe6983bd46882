package io.integrationhost.host.error;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A failure the host answers with, as a value: the HTTP status, a kind a program can switch on, a message
 * for a person, what to do next, and optional details (violations, upstream detail, an authorization
 * link). The web layer renders it as JSON; nothing else about the failure (no stack trace) leaves the host.
 * A failure that knows how long to wait before trying again says so in the {@value #RETRY_AFTER_SECONDS} detail,
 * which the web layer also sends as the {@code Retry-After} header.
 */
public class HostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The detail with the whole seconds to wait before trying again. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final int status;
    private final String kind;
    private final String remedy;
    private final transient Map<String, Object> details;

    public HostException(int status, String kind, String message, String remedy, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.remedy = remedy;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static HostException notFound(String what) {
        return new HostException(404, "NOT_FOUND", what, "Check the id in the address.", Map.of());
    }

    public static HostException badRequest(String message, String remedy) {
        return new HostException(400, "INVALID_REQUEST", message, remedy, Map.of());
    }

    public static HostException conflict(String message, String remedy) {
        return new HostException(409, "CONFLICT", message, remedy, Map.of());
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String remedy() {
        return remedy;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The whole seconds to wait before trying again, when this failure says. */
    public Optional<Long> retryAfterSeconds() {
        return details.get(RETRY_AFTER_SECONDS) instanceof Number seconds ? Optional.of(seconds.longValue()) : Optional.empty();
    }

    /** {@code wait} in the whole seconds {@code Retry-After} can say, rounded up: waiting less would be too early. */
    public static long wholeSecondsUp(Duration wait) {
        long seconds = wait.getSeconds();
        return wait.getNano() > 0 ? seconds + 1 : seconds;
    }
}
