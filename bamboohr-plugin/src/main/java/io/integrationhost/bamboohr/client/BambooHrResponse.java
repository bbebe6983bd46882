package io.integrationhost.bamboohr.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.json.LenientJson;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer from BambooHR: status, headers and body, read completely.
 *
 * @param status the HTTP status
 * @param headers header values by lower-case name, in the order received
 * @param body the body's bytes, empty when there was none
 */
public record BambooHrResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** An all-digit {@code id} query parameter, as in the web app's {@code .../employees/employee.php?id=123}. */
    private static final Pattern ID_PARAMETER = Pattern.compile("[^?#]*\\?(?:[^#]*&)?id=(\\d+)(?:[&#].*)?");
    /** An all-digit last path segment, as in the API's {@code .../api/v1/employees/123}. */
    private static final Pattern NUMERIC_LAST_SEGMENT = Pattern.compile("(?:[^?#]*/)?(\\d+)/*(?:[?#].*)?");

    public BambooHrResponse {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /** Whether the status is 2xx. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a header, by case-insensitive name. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** BambooHR's id of this exchange, which its support asks for. */
    public Optional<String> requestId() {
        return header("x-request-id");
    }

    /** Whether the body is empty or only white space. */
    public boolean hasNoBody() {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The new record's id in the {@code Location} header: its {@code id} query parameter when that is all digits,
     * else its last path segment when that is all digits, else empty. BambooHR's description calls the
     * {@code Location} of a new employee "the URL to view the employee in the web app", which may name a page, such
     * as {@code employee.php}, rather than end in the id.
     */
    public Optional<String> locationId() {
        Optional<String> location = header("location").map(String::strip);
        return location.map(ID_PARAMETER::matcher).filter(Matcher::matches)
                .or(() -> location.map(NUMERIC_LAST_SEGMENT::matcher).filter(Matcher::matches))
                .map(matcher -> matcher.group(1));
    }

    /**
     * The body as JSON.
     *
     * @throws IntegrationException of kind {@code BAD_RESPONSE} when it is empty or not JSON
     */
    public JsonNode json() throws IntegrationException {
        if (hasNoBody()) {
            throw new IntegrationException(ErrorMapper.badResponse(this, "an empty body where JSON was expected"));
        }
        try {
            return LenientJson.parse(body);
        } catch (IOException e) {
            throw new IntegrationException(ErrorMapper.badResponse(this, "a body that is not JSON"
                    + header("content-type").map(type -> " (" + type + ")").orElse("")));
        }
    }

    /** The body as JSON, or empty when there is none. */
    public Optional<JsonNode> jsonIfAny() throws IntegrationException {
        return hasNoBody() ? Optional.empty() : Optional.of(json());
    }

    @Override
    public String toString() {
        return "BambooHrResponse[status=" + status + ", bytes=" + body.length + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BambooHrResponse that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + headers.hashCode()) + Arrays.hashCode(body);
    }
}
