package io.integrationhost.host.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The REST API's OpenAPI 3.1 description, {@code GET /api/openapi.json}. It is maintained beside the route classes
 * (src/main/resources/openapi.json), and a test holds the two together: every route the server registers is in it
 * with its method and path, and it describes no route the server does not have. Administrators only, like the rest
 * of the API: it tells nothing a caller without the admin token could use.
 */
final class ApiDescription {

    static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    ApiDescription() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The host's jar has no " + RESOURCE + ".");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Javalin app) {
        app.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }
}
