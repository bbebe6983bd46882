package io.integrationhost.host.error;

import java.util.Map;

/**
 * A failure the host answers with, as a value: the HTTP status, a kind a program can switch on, a message
 * for a person, what to do next, and optional details (violations, upstream detail, an authorization
 * link). The web layer renders it as JSON; nothing else about the failure (no stack trace) leaves the host.
 */
public class HostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

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
}
