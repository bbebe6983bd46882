package io.integrationhost.host.web;

import io.integrationhost.runtime.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The failures the HTTP server itself answers, before or around the host's code: a request it cannot parse (a bad
 * request line or header, a {@code %00} path, an address or headers over their size, an unknown HTTP version), or a
 * body over the server's limit. Each is answered like any other failure, as the typed JSON of the API's errors, not
 * as the server's own text or HTML page.
 */
final class ServerErrors extends ErrorHandler {

    /** Jetty's limit on the request line and headers together (its default, which the host keeps). */
    static final int MAX_HEAD_BYTES = 8 * 1024;

    private final ObjectMapper json = Json.mapper();

    /** The failure for an HTTP {@code status} the server or Javalin decided on, with their {@code reason} if any. */
    static HostException of(int status, String reason) {
        return switch (status) {
            case 404 -> HostException.notFound("No such resource.");
            case 413 -> new HostException(FailureKind.BODY_TOO_LARGE, "The request body is larger than the host accepts.",
                    "Send at most " + Bodies.MAX_BYTES / 1024 + " KiB of JSON, or a plugin jar of at most "
                            + PluginRoutes.MAX_JAR_BYTES / (1024 * 1024) + " MiB.");
            case 414 -> new HostException(FailureKind.URI_TOO_LONG, "The request's address is longer than the host accepts.",
                    "Send a shorter address: the request line and headers may take " + MAX_HEAD_BYTES / 1024
                            + " KiB together.");
            case 431 -> new HostException(FailureKind.HEADERS_TOO_LARGE, "The request's headers are larger than the host accepts.",
                    "Send smaller headers: the request line and headers may take " + MAX_HEAD_BYTES / 1024
                            + " KiB together.");
            case 505 -> new HostException(FailureKind.HTTP_VERSION_NOT_SUPPORTED, "The host speaks HTTP/1.0 and HTTP/1.1.",
                    "Send the request over HTTP/1.1.");
            default -> status >= 500
                    ? HostException.withServerStatus(status, FailureKind.INTERNAL, "The host failed to answer this request.", null)
                    : HostException.withServerStatus(status, FailureKind.INVALID_REQUEST,
                            "The request is malformed" + shown(status, reason) + ".",
                            "Send a well-formed HTTP/1.1 request: a valid request line, headers and path.");
        };
    }

    /**
     * The server's reason, such as "No Host" or "Ambiguous URI empty segment", kept to printable ASCII and a short
     * length: it names what was wrong and never needs to quote the request at length.
     */
    private static String shown(int status, String reason) {
        if (reason == null || reason.isBlank() || reason.equalsIgnoreCase(HttpStatus.getMessage(status))) {
            return "";
        }
        String printable = reason.chars().filter(c -> c >= 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return printable.isEmpty() ? "" : ": " + printable.substring(0, Math.min(printable.length(), 100));
    }

    /** A request the parser refused, answered before any handler ran. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) {
            return BufferUtil.EMPTY_BUFFER;
        }
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put("X-Content-Type-Options", "nosniff");
        return ByteBuffer.wrap(body(status, reason));
    }

    /** A request that failed in the server around the host's code (an error dispatch). */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        int status = response.getStatus();
        if (HttpStatus.hasNoBody(status)) {
            return;
        }
        Object reason = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        byte[] body = body(status, reason instanceof String text ? text : null);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private byte[] body(int status, String reason) {
        try {
            return json.writeValueAsBytes(ErrorJson.of(of(status, reason)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
