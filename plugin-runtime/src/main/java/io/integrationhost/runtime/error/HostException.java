package io.integrationhost.runtime.error;

import java.time.Duration;
import java.util.List;
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

    private final FailureKind failureKind;
    private final int status;
    private final String remedy;
    private final transient Map<String, Object> details;
    private final transient List<Violation> violations;
    private final transient AuthorizationLink authorizationLink;
    private final transient Upstream upstream;
    private final transient NextStep nextStep;

    /** A failure of {@code kind}, answered with its status; {@code remedy} null takes the kind's default. */
    public HostException(FailureKind kind, String message, String remedy, Map<String, Object> details) {
        this(kind, kind.status(), message, remedy, details);
    }

    public HostException(FailureKind kind, String message, String remedy) {
        this(kind, message, remedy, Map.of());
    }

    private HostException(FailureKind kind, int status, String message, String remedy, Map<String, Object> details) {
        this(kind, status, message, remedy, details, List.of(), null, null, null);
    }

    private HostException(FailureKind kind, int status, String message, String remedy, Map<String, Object> details,
                          List<Violation> violations, AuthorizationLink authorizationLink, Upstream upstream,
                          NextStep nextStep) {
        super(message);
        this.failureKind = kind;
        this.status = status;
        this.remedy = remedy != null ? remedy : kind.defaultRemedy();
        this.details = details == null ? Map.of() : Map.copyOf(details);
        this.violations = List.copyOf(violations);
        this.authorizationLink = authorizationLink;
        this.upstream = upstream == null || upstream.isEmpty() ? null : upstream;
        this.nextStep = nextStep;
    }

    /**
     * A failure the HTTP server itself decided on, answered with the server's {@code status} rather than the kind's
     * (a malformed request is {@link FailureKind#INVALID_REQUEST} whatever 4xx status the server chose).
     */
    public static HostException withServerStatus(int status, FailureKind kind, String message, String remedy) {
        return new HostException(kind, status, message, remedy, Map.of());
    }

    public static HostException notFound(String what) {
        return new HostException(FailureKind.NOT_FOUND, what, null);
    }

    public static HostException badRequest(String message, String remedy) {
        return new HostException(FailureKind.INVALID_REQUEST, message, remedy);
    }

    public static HostException conflict(String message, String remedy) {
        return new HostException(FailureKind.CONFLICT, message, remedy);
    }

    /** An integration whose plugin cannot run: nothing about the request would make the call work. */
    public static HostException pluginUnavailable(String message, String remedy) {
        return new HostException(FailureKind.PLUGIN_UNAVAILABLE, message, remedy);
    }

    /** The same failure with {@code details} in place of its own other members. */
    public HostException withDetails(Map<String, Object> details) {
        return new HostException(failureKind, status, getMessage(), remedy, details, violations, authorizationLink, upstream, nextStep);
    }

    /** The same failure listing {@code violations}, the problems of the request's values. */
    public HostException withViolations(List<Violation> violations) {
        return new HostException(failureKind, status, getMessage(), remedy, details, violations, authorizationLink, upstream, nextStep);
    }

    /** The same failure carrying the end user's new authorization {@code link}. */
    public HostException withAuthorizationLink(AuthorizationLink link) {
        return new HostException(failureKind, status, getMessage(), remedy, details, violations, link, upstream, nextStep);
    }

    /** The same failure carrying what the remote system said (nothing when it said nothing). */
    public HostException withUpstream(Upstream upstream) {
        return new HostException(failureKind, status, getMessage(), remedy, details, violations, authorizationLink, upstream, nextStep);
    }

    /** The same failure naming the operation that puts it right (the web layer says where that is in the API). */
    public HostException withNextStep(NextStep step) {
        return new HostException(failureKind, status, getMessage(), remedy, details, violations, authorizationLink, upstream, step);
    }

    public FailureKind failureKind() {
        return failureKind;
    }

    public int status() {
        return status;
    }

    /** The kind string of the JSON answer (two constants may share one: see {@link FailureKind}). */
    public String kind() {
        return failureKind.kind();
    }

    public String remedy() {
        return remedy;
    }

    /** The answer's other members, by name (such as {@code usedBy}, {@code reasons}, {@code retryable}). */
    public Map<String, Object> details() {
        return details;
    }

    /** The problems of the request's values, field by field or as text; empty when the failure is not about them. */
    public List<Violation> violations() {
        return violations;
    }

    public Optional<AuthorizationLink> authorizationLink() {
        return Optional.ofNullable(authorizationLink);
    }

    public Optional<Upstream> upstream() {
        return Optional.ofNullable(upstream);
    }

    public Optional<NextStep> nextStep() {
        return Optional.ofNullable(nextStep);
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
