package io.integrationhost.bamboohr.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hc.core5.net.URIBuilder;

/**
 * One request to BambooHR's API, as data: what the actions build and the client sends.
 *
 * <p>The path is a list of segments under {@code /api/v1}; each is percent-encoded on its own, so a value taken
 * from input can never add a segment, a query or a host.
 *
 * @param method the HTTP method
 * @param path segments under {@code /api/v1}, unencoded
 * @param query query parameters in order; parameters without a value are left out
 * @param body the JSON body, or {@code null}
 * @param repeatability whether it may be re-sent after an ambiguous failure
 * @param answers error statuses that the action reads as an answer rather than a failure
 */
public record BambooHrRequest(Method method, List<String> path, Map<String, String> query, Object body,
                              Repeatability repeatability, Set<Integer> answers) {

    /** The HTTP methods BambooHR's API uses here. */
    public enum Method {
        GET, POST, PUT
    }

    private static final List<String> API_ROOT = List.of("api", "v1");

    public BambooHrRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(repeatability, "repeatability");
        path = List.copyOf(path);
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        answers = Set.copyOf(answers);
    }

    /** A read. */
    public static BambooHrRequest get(String... path) {
        return new BambooHrRequest(Method.GET, List.of(path), Map.of(), null, Repeatability.SAFE, Set.of());
    }

    /** A {@code POST} with a JSON body; not repeatable unless said otherwise. */
    public static BambooHrRequest post(Object body, String... path) {
        return new BambooHrRequest(Method.POST, List.of(path), Map.of(), Objects.requireNonNull(body, "body"),
                Repeatability.NOT_REPEATABLE, Set.of());
    }

    /** A {@code PUT} with a JSON body; idempotent unless said otherwise. */
    public static BambooHrRequest put(Object body, String... path) {
        return new BambooHrRequest(Method.PUT, List.of(path), Map.of(), Objects.requireNonNull(body, "body"),
                Repeatability.IDEMPOTENT, Set.of());
    }

    /** This request with one more query parameter; a {@code null} value leaves it out. */
    public BambooHrRequest withQuery(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(query);
        more.put(name, value.toString());
        return new BambooHrRequest(method, path, more, body, repeatability, answers);
    }

    /** This request, re-sent only when BambooHR's answer proves it was not carried out. */
    public BambooHrRequest notRepeatable() {
        return new BambooHrRequest(method, path, query, body, Repeatability.NOT_REPEATABLE, answers);
    }

    /** This request, with {@code status} handed to the action instead of being reported as a failure. */
    public BambooHrRequest answeredBy(int status) {
        Set<Integer> more = new TreeSet<>(answers);
        more.add(status);
        return new BambooHrRequest(method, path, query, body, repeatability, more);
    }

    /** The full address under {@code base}. */
    public URI uri(URI base) {
        try {
            List<String> segments = new ArrayList<>(API_ROOT);
            segments.addAll(path);
            URIBuilder builder = new URIBuilder(base).appendPathSegments(segments);
            query.forEach(builder::addParameter);
            return builder.build();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The request address cannot be built", e);
        }
    }

    /** {@code GET /api/v1/employees/4}, for log lines and messages: no query, which may carry input values. */
    public String describe() {
        return method + " /" + String.join("/", API_ROOT) + "/" + String.join("/", path);
    }
}
