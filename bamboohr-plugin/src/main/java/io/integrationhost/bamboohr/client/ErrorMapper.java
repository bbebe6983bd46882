package io.integrationhost.bamboohr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.bamboohr.json.LenientJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Turns every way a BambooHR call can fail into the platform's typed {@link IntegrationError}: one place, so all
 * actions report the same failure the same way.
 *
 * <p>BambooHR explains errors in a response header, not the body. The detail is taken from
 * {@code X-BambooHR-Error-Message}, {@code X-BambooHR-Message} and the misspelled
 * {@code X-BambooHR-Error-Messsage} seen in the wild, with repeated comma-separated text said once; the request
 * id comes from {@code X-Request-Id}. Messages never carry a stack trace, an exception's own text, the API key or the access token.
 */
public final class ErrorMapper {

    /** Header names BambooHR has used for an error's explanation, most specific first. */
    static final List<String> DETAIL_HEADERS =
            List.of("x-bamboohr-error-message", "x-bamboohr-message", "x-bamboohr-error-messsage");
    private static final int MAX_DETAIL_LENGTH = 500;

    private ErrorMapper() {
    }

    /**
     * The error for a non-2xx answer. A 429 is a rate limit; a 503 is BambooHR (or a proxy before it) being
     * unavailable, never a rate limit: BambooHR throttles with 429, and a 503 does not prove that nothing was done.
     * The wait {@code Retry-After} asked for goes with a 429 or a 503, the statuses it has a meaning for.
     *
     * @param repeatability whether the request may be sent again without knowing what became of it
     * @param retryAfter how long BambooHR asked to wait, when it did
     */
    public static IntegrationError fromResponse(BambooHrResponse response, BambooHrAccount account,
                                                Repeatability repeatability, Optional<Duration> retryAfter) {
        int status = response.status();
        ErrorKind kind;
        String what;
        String remedy = null;
        if (status == 429) {
            kind = ErrorKind.RATE_LIMITED;
            what = "BambooHR is limiting the rate of requests";
        } else if (status >= 500 && !repeatability.mayRepeat()) {
            // Since BambooHR throttles with 429, a 5xx to a create or an update does not say whether it was carried out.
            kind = ErrorKind.UPSTREAM_UNAVAILABLE;
            what = "BambooHR failed, and may or may not have carried out the request";
            remedy = "Check in BambooHR whether the change was made before sending it again: a create sent twice may create"
                    + " two records.";
        } else if (status >= 500) {
            kind = ErrorKind.UPSTREAM_UNAVAILABLE;
            what = status == 503 ? "BambooHR is unavailable" : "BambooHR failed to carry out the request";
        } else if (status >= 300 && status < 400) {
            // BambooHR redirects addresses of companies it does not know; following would also risk sending the
            // key to another host, so redirects are never followed.
            kind = ErrorKind.NOT_FOUND;
            what = "BambooHR redirected the request elsewhere, which happens when the company subdomain does not exist";
            remedy = "Check the company subdomain.";
        } else {
            switch (status) {
                case 400 -> {
                    kind = ErrorKind.INVALID_INPUT;
                    what = "BambooHR refused the request as invalid";
                }
                case 401 -> {
                    kind = ErrorKind.INVALID_CREDENTIALS;
                    what = "BambooHR did not accept the " + (account == null ? "API key" : account.credentialName());
                }
                case 403 -> {
                    kind = ErrorKind.PERMISSION_DENIED;
                    what = account != null && account.usesAccessToken()
                            ? "BambooHR does not allow the user who authorized access to do this"
                            : "BambooHR does not allow the API key's user to do this";
                }
                case 404 -> {
                    kind = ErrorKind.NOT_FOUND;
                    what = "BambooHR found no such record";
                }
                case 409 -> {
                    kind = ErrorKind.CONFLICT;
                    what = "BambooHR refused a field value as invalid or conflicting";
                }
                default -> {
                    kind = status >= 400 ? ErrorKind.INVALID_INPUT : ErrorKind.BAD_RESPONSE;
                    what = status >= 400 ? "BambooHR refused the request" : "BambooHR sent an unexpected answer";
                }
            }
        }
        Optional<Duration> wait = status == 429 || status == 503 ? retryAfter : Optional.empty();
        if (remedy == null && wait.isPresent()) {
            remedy = "BambooHR asked to wait " + describe(wait.get()) + "; try again after that.";
        }
        String detail = upstreamDetail(response, account).orElse(null);
        String message = what + " (HTTP " + status + ")" + (detail == null ? "." : ": " + sentence(detail));
        return IntegrationError.of(kind, message).withRemedy(remedy).withUpstream(status, detail)
                .withRequestId(response.requestId().orElse(null)).withRetryAfter(wait.orElse(null));
    }

    /** The error for a 2xx answer whose body could not be read. */
    public static IntegrationError badResponse(BambooHrResponse response, String what) {
        return IntegrationError.of(ErrorKind.BAD_RESPONSE,
                        "BambooHR answered HTTP " + response.status() + " with " + what + ".")
                .withUpstream(response.status(), null).withRequestId(response.requestId().orElse(null));
    }

    /**
     * The error for a call that got no answer.
     *
     * @param host where the request went, {@code acme.bamboohr.com} or the operator's override
     * @param responseTimeout how long the call waited for an answer
     */
    public static IntegrationError fromTransport(IOException failure, String host, Duration responseTimeout) {
        ErrorKind kind;
        String message;
        String remedy = null;
        if (failure instanceof ConnectTimeoutException) {
            kind = ErrorKind.TIMEOUT;
            message = "Could not connect to " + host + " in time.";
        } else if (failure instanceof ConnectionRequestTimeoutException) {
            kind = ErrorKind.TIMEOUT;
            message = "Every connection to " + host + " stayed busy until the time limit.";
        } else if (failure instanceof SocketTimeoutException) {
            kind = ErrorKind.TIMEOUT;
            message = "BambooHR (" + host + ") did not answer within " + describe(responseTimeout) + ".";
        } else if (failure instanceof ConnectException) {
            kind = ErrorKind.CONNECTION_FAILED;
            message = "Could not connect to " + host + ": the connection was refused.";
        } else if (failure instanceof UnknownHostException) {
            kind = ErrorKind.CONNECTION_FAILED;
            message = "The host " + host + " could not be found.";
            remedy = "Check the company subdomain and the network.";
        } else if (failure instanceof SSLException) {
            kind = ErrorKind.CONNECTION_FAILED;
            message = "A secure connection to " + host + " could not be established.";
        } else if (failure instanceof InterruptedIOException) {
            kind = ErrorKind.TIMEOUT;
            message = "The call to " + host + " was interrupted before BambooHR answered.";
        } else {
            kind = ErrorKind.CONNECTION_FAILED;
            message = "The connection to " + host + " failed before BambooHR answered.";
        }
        return IntegrationError.of(kind, message).withRemedy(remedy);
    }

    /**
     * BambooHR's own explanation: its error headers, or else a message in a JSON body; repeated parts said once,
     * control characters removed, the key redacted, and the length bounded.
     */
    static Optional<String> upstreamDetail(BambooHrResponse response, BambooHrAccount account) {
        Set<String> parts = new LinkedHashSet<>();
        for (String header : DETAIL_HEADERS) {
            for (String value : response.headerValues(header)) {
                for (String part : value.split(",")) {
                    String clean = part.replaceAll("\\p{Cntrl}", " ").strip();
                    if (!clean.isEmpty()) {
                        parts.add(clean);
                    }
                }
            }
        }
        if (parts.isEmpty()) {
            bodyMessage(response).ifPresent(parts::add);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String detail = account == null ? String.join(", ", parts) : account.redact(String.join(", ", parts));
        return Optional.of(detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) + "…" : detail);
    }

    /**
     * A few endpoints answer errors with JSON such as {@code {"error":{"message":"…"}}}; a problem document
     * (RFC 9457) has {@code detail} and {@code title}.
     */
    private static Optional<String> bodyMessage(BambooHrResponse response) {
        if (response.hasNoBody() || response.body().length > 64 * 1024) {
            return Optional.empty();
        }
        try {
            JsonNode root = LenientJson.parse(response.body());
            List<JsonNode> candidates = new ArrayList<>();
            candidates.add(root.path("error").path("message"));
            candidates.add(root.path("message"));
            candidates.add(root.path("error"));
            candidates.add(root.path("detail"));
            candidates.add(root.path("title"));
            return candidates.stream().filter(JsonNode::isTextual).map(JsonNode::asText)
                    .map(text -> text.replaceAll("\\p{Cntrl}", " ").strip()).filter(text -> !text.isEmpty()).findFirst();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static String sentence(String detail) {
        return detail.endsWith(".") || detail.endsWith("…") ? detail : detail + ".";
    }

    /** {@code 250 ms}, {@code 5 s}, {@code 1.5 s}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
