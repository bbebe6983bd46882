package io.integrationhost.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.RunningHost;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pages need the administrator: signing in, signing out, and changes only with the session's CSRF token. */
class AdminAccessUiTest {

    private static final String PROFILE = "{\"name\": \"Sneaky\", \"type\": \"bamboohr-api-key\"}";

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @TempDir
    Path root;

    private RunningHost host;
    private AdminPages pages;

    @BeforeEach
    void startHost() throws Exception {
        AdminPages.installBambooHr(root);
        host = RunningHost.start(root);
        pages = new AdminPages(browser, host);
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    @Test
    void everyPageAsksToSignInFirstAndTheApiRefusesWithoutASession() {
        for (String page : List.of("#/integrations", "#/integrations/bamboohr/actions", "#/profiles", "#/plugins")) {
            browser.open(pages.uri("/" + page));
            assertThat(browser.visible("#signin-title").getText()).isEqualTo("Sign in to Integration Host");
            assertThat(browser.all(".mainnav a").stream().noneMatch(link -> link.isDisplayed())).isTrue();
            assertThat(browser.all("[data-integration-id]")).isEmpty();
        }
        List<Object> answer = pages.fetch("GET", "/api/integrations", null, false);
        assertThat(answer.get(0)).isEqualTo(401L);
        assertThat((String) answer.get(1)).contains("UNAUTHORIZED");
        assertThat(host.send(HttpRequest.newBuilder(host.uri("/api/integrations")).GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongTokenIsRefusedTheRightOneOpensTheRequestedPageAndSigningOutEndsTheSession() {
        browser.open(pages.uri("/#/plugins"));
        browser.type("#admin-token", "not-the-token");
        browser.click("#sign-in");
        browser.waitForText(".signin .alert-bad", "That token is not the administrator's.");
        assertThat(browser.visible("#admin-token").getAttribute("aria-invalid")).isEqualTo("true");
        assertOneSignInMessage("That token is not the administrator's.");

        browser.type("#admin-token", RunningHost.ADMIN_TOKEN);
        browser.click("#sign-in");
        browser.waitForText("main h1", "Plugins");
        assertThat(browser.visible("#plugins tr[data-plugin-id=bamboohr]").getText()).contains("Started", "bamboohr-plugin.jar");
        assertThat(browser.visible(".mainnav a[aria-current=page]").getText()).isEqualTo("Plugins");

        browser.click("#sign-out");
        browser.waitForText(".signin .notice", "You are signed out.");
        assertOneSignInMessage("You are signed out.");
        browser.type("#admin-token", "still-not-the-token");
        browser.click("#sign-in");
        browser.waitForText(".signin .alert-bad", "That token is not the administrator's.");
        assertOneSignInMessage("That token is not the administrator's.");
        assertThat(pages.fetch("GET", "/api/plugins", null, false).get(0)).isEqualTo(401L);
        browser.open(pages.uri("/#/plugins"));
        assertThat(browser.visible("#signin-title").isDisplayed()).isTrue();
    }

    @Test
    void aSignedInPageCannotChangeAnythingWithoutItsCsrfToken() {
        pages.signIn();
        browser.visible("[data-integration-id=bamboohr]");

        List<Object> refused = pages.fetch("POST", "/api/authorization-profiles", PROFILE, false);
        assertThat(refused.get(0)).isEqualTo(403L);
        assertThat((String) refused.get(1)).contains("CSRF_TOKEN_INVALID");
        assertThat(pages.fetch("DELETE", "/api/session", null, false).get(0)).as("not even signing out").isEqualTo(403L);
        assertThat(host.getJson("/api/authorization-profiles")).isEmpty();

        List<Object> accepted = pages.fetch("POST", "/api/authorization-profiles", PROFILE, true);
        assertThat(accepted.get(0)).as((String) accepted.get(1)).isEqualTo(201L);
        assertThat(host.getJson("/api/authorization-profiles")).hasSize(1);
    }

    /** The sign-in page shows exactly one message, in its own words: no advice meant for REST clients. */
    private void assertOneSignInMessage(String text) {
        List<String> messages = browser.all(".signin .notice, .signin .alert, .signin .field-error").stream()
                .filter(message -> message.isDisplayed()).map(message -> message.getText()).toList();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).contains(text).doesNotContain("Bearer", "Authorization:");
    }
}
