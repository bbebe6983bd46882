package io.integrationhost.e2e.ui;

import io.integrationhost.host.support.RunningHost;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The administrator's pages of one running host, as the tests use them. */
final class AdminPages {

    private final Browser browser;
    private final RunningHost host;

    AdminPages(Browser browser, RunningHost host) {
        this.browser = browser;
        this.host = host;
    }

    /** Copies the BambooHR plugin jar this build produced into {@code root}/plugins. */
    static void installBambooHr(Path root) throws IOException {
        String dir = System.getProperty("bundled.plugins.dir");
        if (dir == null) {
            throw new IllegalStateException("bundled.plugins.dir is not set; run the tests through Maven (mvn verify)");
        }
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Files.copy(Path.of(dir, "bamboohr-plugin.jar"), plugins.resolve("bamboohr-plugin.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    URI uri(String path) {
        return host.uri(path);
    }

    /** Opens {@code page} (a hash route such as {@code #/plugins}) and signs in on the page it shows. */
    void signIn(String page) {
        browser.open(uri("/" + page));
        browser.type("#admin-token", RunningHost.ADMIN_TOKEN);
        browser.click("#sign-in");
        browser.visible(".mainnav");
    }

    void signIn() {
        signIn("#/integrations");
    }

    /** Moves to another screen of the signed-in app, as a link would. */
    void go(String hashRoute) {
        browser.js("window.location.hash = arguments[0]", hashRoute);
    }

    /** Runs {@code fetch} in the page and returns {@code [status, body]}. */
    @SuppressWarnings("unchecked")
    java.util.List<Object> fetch(String method, String path, String jsonBody, boolean withCsrfToken) {
        return (java.util.List<Object>) browser.asyncJs("""
                const [method, path, body, withToken, done] = arguments;
                (async () => {
                  const headers = {"Content-Type": "application/json"};
                  if (withToken) {
                    const session = await fetch("/api/session").then(answer => answer.json());
                    headers["X-CSRF-Token"] = session.csrfToken;
                  }
                  const answer = await fetch(path, {method, headers, body: body === null ? undefined : body});
                  done([answer.status, await answer.text()]);
                })().catch(error => done([-1, String(error)]));
                """, method, path, jsonBody, withCsrfToken);
    }
}
