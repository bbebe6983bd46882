package io.integrationhost.host.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP written by hand over a socket: for requests no well-behaved client sends (a broken header, a path with
 * {@code %00}, a body shorter than announced), and for requests from a chosen local address (every 127.x.y.z
 * is loopback on Linux), which {@link java.net.http.HttpClient} cannot bind. Each request asks to close its
 * connection, unless it names its own {@code Connection}.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** An answer as it came: status, headers (names lower-cased, last one wins) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            return RunningHost.parse(body);
        }
    }

    /** Sends {@code head} (request line and headers, without the blank line that ends them) and then {@code body}. */
    public static Answer send(URI base, String head, byte[] body) {
        return send(base, null, head, body);
    }

    /** The same from the local address {@code from}, or any when {@code null}. */
    public static Answer send(URI base, InetAddress from, String head, byte[] body) {
        return send(base, from, head, body, false);
    }

    /** Sends {@code head} and {@code body}, then stops sending, as a client whose upload breaks off does. */
    public static Answer sendAndStop(URI base, String head, byte[] body) {
        return send(base, null, head, body, true);
    }

    private static Answer send(URI base, InetAddress from, String head, byte[] body, boolean stop) {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            boolean namesConnection = head.toLowerCase(Locale.ROOT).contains("\r\nconnection:");
            String ending = (namesConnection ? "" : "\r\nConnection: close") + "\r\n\r\n";
            out.write((head + ending).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (stop) {
                socket.shutdownOutput();
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of {@code path} with {@code headers} ("Name: value" lines). */
    public static Answer get(URI base, InetAddress from, String path, String... headers) {
        return send(base, from, "GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                + (headers.length == 0 ? "" : "\r\n" + String.join("\r\n", headers)), new byte[0]);
    }

    /** A POST of a JSON body. */
    public static Answer postJson(URI base, InetAddress from, String path, String json, String... headers) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(base, from, "POST " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + (headers.length == 0 ? "" : "\r\n" + String.join("\r\n", headers)), body);
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        // Decoded byte for byte, so that chunk sizes count what they count; the body is decoded as UTF-8 at the end.
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int endOfHead = text.indexOf("\r\n\r\n");
        if (endOfHead < 0) {
            throw new IOException("No complete answer: " + text);
        }
        String[] lines = text.substring(0, endOfHead).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(endOfHead + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
