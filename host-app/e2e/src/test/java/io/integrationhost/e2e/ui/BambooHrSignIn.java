package io.integrationhost.e2e.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * BambooHR's {@code authorize.php} on the company's host, in front of the test's authorization server: BambooHR asks
 * for its own {@code request=authorize} parameter, which a standard OpenID Connect server reads as a request object
 * (a JWT) and refuses. This page records the query it was sent and passes the browser on, with a 302, to the
 * authorization server's authorize endpoint with every other parameter unchanged; that server shows its login page
 * and sends the browser back to the host's callback.
 */
final class BambooHrSignIn implements AutoCloseable {

    private static final String OWN_PARAMETER = "request=authorize";

    private final HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    /** Starts {@code /authorize.php} on a free loopback port, passing on to {@code authorizationEndpoint}. */
    BambooHrSignIn(URI authorizationEndpoint) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/authorize.php", exchange -> passOn(exchange, authorizationEndpoint));
        server.start();
    }

    private void passOn(HttpExchange exchange, URI authorizationEndpoint) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        queries.add(query == null ? "" : query);
        String standard = query == null ? "" : Arrays.stream(query.split("&"))
                .filter(pair -> !pair.equals(OWN_PARAMETER)).collect(Collectors.joining("&"));
        exchange.getResponseHeaders().set("Location", authorizationEndpoint + "?" + standard);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** The address of {@code authorize.php}, for the operator setting that replaces BambooHR's. */
    URI authorizeUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/authorize.php");
    }

    /** Whether every authorization request carried BambooHR's {@code request=authorize}, and there was one at least. */
    boolean everyRequestAskedBambooHrToAuthorize() {
        return !queries.isEmpty() && queries.stream().allMatch(query -> Arrays.asList(query.split("&")).contains(OWN_PARAMETER));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
