package io.integrationhost.host.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.HostWithFixtures;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end user's page shows what a plugin and the end user supplied as text, never as markup, and carries no inline
 * script or style, so the page's Content-Security-Policy holds.
 */
class AuthorizePageTest {

    /** The one script of every page: a file of the host's (the Show toggle, the help link, local times), never inline. */
    static final String PAGE_SCRIPT = "<script src=\"/js/authorize-page.js\" defer></script>";

    /**
     * The page without its own script tag and the integration's icon (an image the host encoded itself): what is left
     * holds no script and no image, whatever the plugin's texts say.
     */
    static String withoutThePagesOwnScriptAndIcon(String page) {
        return page.replace(PAGE_SCRIPT, "")
                .replaceFirst("<img src=\"data:image/svg\\+xml;base64,[A-Za-z0-9+/=]+\" alt=\"\" width=\"40\" height=\"40\">", "");
    }

    /** A label and a help text (JSON in the descriptor) that would run a script if they were written as they are. */
    static final String HOSTILE_LABEL = "Token <script>alert(\\\"label\\\")</script>";
    static final String HOSTILE_HELP = "Ends the paragraph</p><img src=x onerror=alert('help')> & more";

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.on("svc", serviceWithAHostileTokenField()).userAuthorized("Users");

    /** The fixture service, its profile's token field labelled and explained with markup. */
    private static FixturePlugins serviceWithAHostileTokenField() {
        String descriptor = FixturePlugins.serviceDescriptorFor("svc").replace(
                "{\"key\": \"token\", \"label\": \"Token\", \"required\": true, \"secret\": true}",
                "{\"key\": \"token\", \"label\": \"" + HOSTILE_LABEL + "\", \"help\": \"" + HOSTILE_HELP
                        + "\", \"required\": true, \"secret\": true}");
        assertThat(descriptor).as("the profile's token field was replaced").contains("<script>");
        return FixturePlugins.service("svc").descriptor(descriptor);
    }

    @Test
    void aFieldsLabelAndHelpAreShownAsTextNotAsMarkup() {
        HttpResponse<String> page = open(svc.host().authorizationLink("svc", "u1"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(withoutThePagesOwnScriptAndIcon(page.body())).doesNotContain("<script").doesNotContain("<img")
                .contains("Token &lt;script&gt;alert(&quot;label&quot;)&lt;/script&gt;")
                .contains("Ends the paragraph&lt;/p&gt;&lt;img src=x onerror=alert(&#39;help&#39;)&gt; &amp; more");
    }

    @Test
    void whatTheEndUserSentIsShownBackEscapedInsideItsAttribute() {
        URI link = svc.host().authorizationLink("svc", "u1");

        HttpResponse<String> refused = svc.host().send(FormPost.of(link,
                Map.of("account", "x\" autofocus onfocus=\"alert(1)", "token", "good-token")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).doesNotContain("onfocus=\"alert").contains("value=\"x&#34; autofocus onfocus=&#34;alert(1)\"")
                .contains("aria-invalid=\"true\"").contains("aria-describedby=\"field-account-error\"");
    }

    @Test
    void everyPageOfTheLinkHasNoInlineScriptOrStyleAndTheStrictPolicy() {
        URI link = svc.host().authorizationLink("svc", "u1");
        HttpResponse<String> form = open(link);
        HttpResponse<String> refused = svc.host().send(FormPost.of(link, Map.of("account", "alice", "token", "bad-token")));
        HttpResponse<String> done = svc.host().send(FormPost.of(link, Map.of("account", "alice", "token", "good-token")));
        HttpResponse<String> used = open(link);
        HttpResponse<String> unknown = open(svc.host().uri("/authorize/no-such-link"));

        for (HttpResponse<String> page : java.util.List.of(form, refused, done, used, unknown)) {
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.headers().firstValue("Content-Security-Policy")).contains(WebServer.CONTENT_SECURITY_POLICY);
            assertThat(page.body()).as(page.uri().toString()).startsWith("<!doctype html>").contains("href=\"/style.css\"")
                    .contains(PAGE_SCRIPT);
            assertThat(withoutThePagesOwnScriptAndIcon(page.body())).as(page.uri().toString())
                    .doesNotContain("<script").doesNotContain("<style").doesNotContain(" style=");
        }
        assertThat(form.body()).contains("<form method=\"post\" action=\"" + link.getPath() + "\"");
        assertThat(done.body()).contains("You're all set");
        assertThat(used.statusCode()).isEqualTo(410);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> open(URI link) {
        return svc.host().send(HttpRequest.newBuilder(link).GET());
    }
}
