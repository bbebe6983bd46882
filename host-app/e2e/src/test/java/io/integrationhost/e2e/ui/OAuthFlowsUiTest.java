package io.integrationhost.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.AuthorizationServer;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Both OAuth 2.0 flows in a real browser, against a real authorization server in the JVM with its login page.
 * An administrator pre-authorizes the OAuth fixture in the host's pages: Connect, sign in at the provider, back
 * through the host's callback, the connection's state on the integration, an action run with the token; a provider's
 * refusal and a replayed callback store nothing; where only client credentials are offered, Connect fetches the token
 * without a sign-in. End users authorize the real BambooHR plugin through a profile of its OAuth 2.0 type, made in the
 * pages: an end user's one-time link leads to the provider's login page (the operator settings point BambooHR's
 * authorize.php and token.php there, see {@link BambooHrSignIn}) and back to the host's done page, and the action then runs with the end user's
 * token against a local BambooHR.
 */
class OAuthFlowsUiTest {

    private static final String ID = "oauthfix";
    private static final String NAME = "OAuth Fixture";
    private static final String CLIENT_ID = "host-admin-app";
    private static final String CLIENT_SECRET = "admin-app-secret-4711";
    /** The same fixture, but its authorization offers only client credentials: a machine-to-machine API. */
    private static final String MACHINE_ID = "oauthcc";
    private static final String BAMBOOHR_PROFILE_TYPE = "bamboohr-oauth";
    private static final String BAMBOOHR_CLIENT_ID = "bamboohr-oauth-app";
    private static final String BAMBOOHR_CLIENT_SECRET = "bamboohr-app-secret-0815";
    private static final String END_USER = "u-2002";

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @RegisterExtension
    static final BambooHrStub bambooHr = BambooHrStub.perTestClass();

    @RegisterExtension
    final AuthorizationServer server = AuthorizationServer.builder().interactiveLogin().build();

    @TempDir
    Path root;

    private BambooHrSignIn bambooHrSignIn;
    private RunningHost host;
    private AdminPages pages;

    @BeforeEach
    void startHost() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.oauth(ID).writeTo(plugins);
        FixturePlugins.oauth(MACHINE_ID).integrationGrants("CLIENT_CREDENTIALS").writeTo(plugins);
        AdminPages.installBambooHr(root);
        Map<String, String> settings = new HashMap<>(FixturePlugins.oauthSettings(ID, server.mock().baseUrl().toString()));
        settings.putAll(FixturePlugins.oauthSettings(MACHINE_ID, server.mock().baseUrl().toString()));
        settings.put("BAMBOOHR_BASE_URL", bambooHr.baseUrl());
        bambooHrSignIn = new BambooHrSignIn(server.authorizationUrl());
        settings.put("BAMBOOHR_OAUTH_AUTHORIZATION_URL", bambooHrSignIn.authorizeUrl().toString());
        settings.put("BAMBOOHR_OAUTH_TOKEN_URL", server.tokenUrl().toString());
        host = RunningHost.start(root, settings);
        pages = new AdminPages(browser, host);
    }

    @AfterEach
    void stopHost() {
        host.close();
        bambooHrSignIn.close();
    }

    @Test
    void anAdministratorConnectsAtTheProvidersLoginPageAndTheActionRunsWithTheToken() {
        pages.signIn("#/integrations/" + ID);

        // The callback URL to register with the provider, with a Copy button and where it goes.
        WebElement callback = browser.visible("[data-field=callbackUrl]");
        assertThat(callback.findElement(By.cssSelector("input")).getAttribute("value"))
                .isEqualTo(host.uri("/oauth2/callback").toString());
        assertThat(callback.findElement(By.cssSelector("button")).getText()).isEqualTo("Copy");
        assertThat(callback.getText()).contains("redirect URI", "OAuth app");
        // The scopes as checkboxes with what each allows, the default set checked.
        assertThat(scopeBoxes()).containsExactly(Map.entry("openid", true), Map.entry("profile", true),
                Map.entry("fixture:write", false));
        assertThat(browser.visible("[data-field=scopes]").getText()).contains("Know who you are.", "Change things in the fixture service.");
        assertThat(browser.visible("#pre-authorize-form [name=clientSecret]").getAttribute("type")).isEqualTo("password");
        assertThat(browser.visible("#pre-authorize-enable").getText()).isEqualTo("Connect");

        browser.type("#pre-authorize-form [name=issuer]", AuthorizationServer.ISSUER);
        browser.type("#pre-authorize-form [name=clientId]", CLIENT_ID);
        browser.type("#pre-authorize-form [name=clientSecret]", CLIENT_SECRET);
        browser.click("[data-field=scopes] input[value='fixture:write']");
        browser.click("#pre-authorize-enable");

        // The provider's own login page: the administrator signs in there.
        signInAtTheProvider("alice");

        // The host's callback page says so, and leads back to the integration.
        browser.waitForText("main.narrow h1", NAME + " is connected");
        assertThat(browser.visible("main.narrow .ok").getText()).isEqualTo("Connected as alice");
        URI callbackAddress = URI.create(browser.driver.getCurrentUrl());
        assertThat(callbackAddress.getPath()).isEqualTo("/oauth2/callback");
        browser.click("a[href$='#/integrations/" + ID + "']");

        WebElement connection = browser.visible("#oauth-connection");
        assertThat(fact(connection, "fact-connected-as")).isEqualTo("Connected as alice");
        assertThat(fact(connection, "fact-scopes")).contains("openid", "profile", "fixture:write");
        assertThat(fact(connection, "fact-expires")).matches("(?s)in (59 minutes|60 minutes|1 hour) \\(.+\\).*");
        assertThat(connection.findElement(By.cssSelector(".fact-expires time")).getAttribute("datetime")).isNotBlank();
        assertThat(fact(connection, "fact-refreshed")).isEqualTo("Not yet");
        assertThat(browser.visible("#pre-authorize-enable").getText()).isEqualTo("Reconnect");
        assertThat(browser.visible("#pre-authorize-form [name=clientSecret]").getAttribute("value")).isEqualTo("••••••••");
        assertThat(browser.driver.getPageSource()).doesNotContain(CLIENT_SECRET);
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("integration-oauth-connected");

        enableIfNotYet();
        pages.go("#/integrations/" + ID + "/actions/whoami");
        browser.click("[data-run=whoami]");
        assertThat(browser.visible(".result-ok pre.json").getText()).contains("\"sub\": \"alice\"");

        // What the provider saw: one consent with PKCE (S256) and the chosen scopes, one code exchange with the verifier.
        AuthorizationServer.Seen consent = server.seen().stream()
                .filter(request -> "GET".equals(request.method()) && request.path().endsWith("/authorize")).findFirst().orElseThrow();
        assertThat(consent.query()).containsEntry("scope", "openid profile fixture:write")
                .containsEntry("code_challenge_method", "S256").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", host.uri("/oauth2/callback").toString()).containsKey("code_challenge");
        List<AuthorizationServer.Seen> exchanges = server.tokenRequests("authorization_code");
        assertThat(exchanges).hasSize(1);
        assertThat(exchanges.get(0).form()).containsKey("code_verifier");

        // The same callback again (a replay) is refused with a page, and the connection stays as it was.
        browser.open(callbackAddress);
        browser.waitForText("main.narrow", "Nothing was stored.");
        assertThat(browser.visible("main.narrow").getText()).doesNotContain(NAME + " is connected");
        assertThat(server.tokenRequests("authorization_code")).hasSize(1);
        assertThat(host.getJson("/api/integrations/" + ID).path("configuration").path("oauth2").path("connectedAs").asText())
                .isEqualTo("Connected as alice");
    }

    @Test
    void aConsentTheUserRefusesAtTheProviderShowsAClearPageAndStoresNothing() {
        pages.signIn("#/integrations/" + ID);
        browser.type("#pre-authorize-form [name=issuer]", AuthorizationServer.ISSUER);
        browser.type("#pre-authorize-form [name=clientSecret]", CLIENT_SECRET);
        // A value the host refuses is shown at its field, and the browser stays on the page.
        browser.js("const input = document.querySelector('#pre-authorize-form [name=clientId]');"
                + " input.value = 'a'.repeat(4001); input.dispatchEvent(new Event('input'))");
        browser.click("#pre-authorize-enable");
        browser.waitForText("[data-field=clientId] .field-error", "longer than 4000 characters");
        assertThat(server.seen()).isEmpty();

        // The progress while the host starts the flow, kept in the tab's session storage across the navigation.
        browser.js("const progress = document.querySelector('#pre-authorize-form .progress');"
                + " new MutationObserver(() => { if (progress.textContent) sessionStorage.setItem('progress', progress.textContent); })"
                + ".observe(progress, {childList: true, subtree: true, characterData: true})");
        browser.type("#pre-authorize-form [name=clientId]", CLIENT_ID);
        browser.click("#pre-authorize-enable");
        browser.visible("input[name=username]");

        // The user cancels at the provider, which sends the browser back with access_denied and the flow's state.
        String state = query(URI.create(browser.driver.getCurrentUrl())).get("state");
        assertThat(state).isNotBlank();
        browser.open(host.uri("/oauth2/callback?error=access_denied&error_description=The+user+cancelled&state=" + state));

        browser.waitForText("main.narrow", "Nothing was stored.");
        assertThat(browser.js("return sessionStorage.getItem('progress')")).isEqualTo("Opening " + NAME + "…");
        assertThat(browser.visible("main.narrow").getText())
                .contains("Access was not granted at the provider (The user cancelled).", "Nothing was stored.")
                .doesNotContain(NAME + " is connected");
        assertThat(host.getJson("/api/integrations/" + ID).path("configured").asBoolean()).isFalse();
        assertThat(server.tokenRequests("authorization_code")).isEmpty();

        // Back on the integration: nothing is connected, and Connect starts again.
        browser.open(host.uri("/#/integrations/" + ID));
        assertThat(browser.visible("#pre-authorize-enable").getText()).isEqualTo("Connect");
        assertThat(browser.all("#oauth-connection")).isEmpty();
    }

    @Test
    void withOnlyClientCredentialsOfferedConnectFetchesTheTokenWithoutASignIn() {
        pages.signIn("#/integrations/" + MACHINE_ID);

        assertThat(browser.all("[data-field=callbackUrl]")).as("no redirect, so no callback URL to register").isEmpty();
        assertThat(browser.visible("#pre-authorize-form .oauth-how").getText()).contains("client credentials", "no sign-in");
        browser.type("#pre-authorize-form [name=issuer]", AuthorizationServer.ISSUER);
        browser.type("#pre-authorize-form [name=clientId]", CLIENT_ID);
        browser.type("#pre-authorize-form [name=clientSecret]", CLIENT_SECRET);
        assertThat(browser.visible("#pre-authorize-enable").getText()).isEqualTo("Connect");
        browser.click("#pre-authorize-enable");

        browser.waitForText(".flash .alert-ok", NAME + " is connected and enabled.");
        assertThat(browser.visible(".flash .alert-ok").getText()).contains("Connected as " + CLIENT_ID);
        browser.waitForText(".integration-head .badge", "Enabled");
        assertThat(fact(browser.visible("#oauth-connection"), "fact-connected-as")).isEqualTo("Connected as " + CLIENT_ID);
        assertThat(server.tokenRequests("client_credentials")).hasSize(1);
        assertThat(server.seen()).noneMatch(request -> request.path().endsWith("/authorize"));
    }

    @Test
    void anEndUserConsentsAtTheProviderThroughTheirLinkAndTheActionThenRunsWithTheirToken() {
        pages.signIn("#/integrations/bamboohr");

        // Allow users to authorize: a new profile of BambooHR's OAuth 2.0 type, with the OAuth app as its presets.
        browser.click("label[for=mode-user-authorized]");
        browser.click("#create-profile");
        new Select(browser.visible(".profile-editor select[name=type]")).selectByValue(BAMBOOHR_PROFILE_TYPE);
        WebElement editor = browser.visible(".profile-editor");
        assertThat(editor.getText()).contains("End users never see them");
        assertThat(browser.visible(".profile-editor [data-field=callbackUrl] input").getAttribute("value"))
                .isEqualTo(host.uri("/oauth2/callback").toString());
        assertThat(browser.all(".profile-editor [data-field=scopes] input[type=checkbox]")).isNotEmpty();
        assertThat(browser.visible(".profile-editor [data-field=scopes] input[value=openid]").isSelected()).isTrue();
        browser.type(".profile-editor [name=name]", "BambooHR with each employee's consent");
        browser.type(".profile-editor [name=subdomain]", "acme");
        browser.type(".profile-editor [name=clientId]", BAMBOOHR_CLIENT_ID);
        browser.type(".profile-editor [name=clientSecret]", BAMBOOHR_CLIENT_SECRET);
        browser.js("document.querySelector('.profile-editor .oauth-app').scrollIntoView({block: 'start'}); window.scrollBy(0, -90)");
        browser.screenshot("profile-oauth-app");
        // The OAuth app is the profile's, for every end user: without it the profile is not saved.
        browser.visible(".profile-editor [name=clientId]").clear();
        browser.click(".profile-editor button[type=submit]");
        browser.waitForText(".profile-editor [data-field=clientId] .field-error", "Client ID is required");
        browser.type(".profile-editor [name=clientId]", BAMBOOHR_CLIENT_ID);
        browser.click(".profile-editor button[type=submit]");
        browser.waitForText("#user-authorize-panel .alert-ok", "created and selected");
        browser.click("#user-authorize-enable");
        browser.waitForText(".flash .alert-ok", "BambooHR is enabled for end users.");

        // An action for an end user who has not authorized answers their one-time link.
        RunningHost.Response required = getEmployeeFor(END_USER);
        assertThat(required.error().path("kind").asText()).isEqualTo("AUTHORIZATION_REQUIRED");
        URI link = URI.create(required.error().path("authorizationUrl").asText());

        // The end user opens it, continues to BambooHR, signs in at the provider and is sent back to the host.
        browser.forgetSession();
        browser.open(link);
        browser.waitForText("main.narrow h1", "BambooHR");
        assertThat(browser.all("input[name=clientSecret]")).as("the OAuth app is never shown to end users").isEmpty();
        browser.screenshot("end-user-oauth-authorization");
        browser.click("main.narrow button.primary");
        browser.type("input[name=username]", END_USER);
        browser.click("input[type=submit]");
        browser.waitForText("h1", "You're all set");

        // Now the action runs with the end user's own token, which the provider issued for them.
        RunningHost.Response employee = getEmployeeFor(END_USER);
        assertThat(employee.status()).as(employee.raw().body()).isEqualTo(200);
        assertThat(employee.body().path("result").path("lastName").asText()).isEqualTo("Usher");
        List<String> tokens = bambooHr.bearerTokensSeen();
        assertThat(tokens).isNotEmpty();
        assertThat(subjectOf(tokens.get(tokens.size() - 1))).isEqualTo(END_USER);
        assertThat(server.tokenRequests("authorization_code")).hasSize(1);
        assertThat(bambooHrSignIn.everyRequestAskedBambooHrToAuthorize()).isTrue();

        // The administrator sees the end user's connection, and no token.
        pages.signIn("#/integrations/bamboohr");
        WebElement row = browser.visible("#end-users tr[data-user-id='" + END_USER + "']");
        assertThat(row.getText()).contains("Expires in");
        assertThat(browser.driver.getPageSource()).doesNotContain(tokens.get(0)).doesNotContain(BAMBOOHR_CLIENT_SECRET);
    }

    /** Types a user name on the mock server's login page and signs in; the provider then redirects to the callback. */
    private static void signInAtTheProvider(String user) {
        browser.type("input[name=username]", user);
        browser.click("input[type=submit]");
    }

    private void enableIfNotYet() {
        if ("ENABLED".equals(host.getJson("/api/integrations/" + ID).path("status").asText())) {
            return;
        }
        browser.click("#enable-integration");
        browser.waitForText(".integration-head .badge", "Enabled");
    }

    private static Map<String, Boolean> scopeBoxes() {
        Map<String, Boolean> boxes = new java.util.LinkedHashMap<>();
        for (WebElement box : browser.all("[data-field=scopes] input[type=checkbox]")) {
            boxes.put(box.getAttribute("value"), box.isSelected());
        }
        return boxes;
    }

    private static String fact(WebElement facts, String className) {
        return facts.findElement(By.cssSelector("." + className + " dd")).getText().strip();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            values.put(java.net.URLDecoder.decode(pair.substring(0, equals), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }

    private RunningHost.Response getEmployeeFor(String userId) {
        return host.post("/api/integrations/bamboohr/actions/get-employee", Map.of("input", Map.of("id", "7"), "userId", userId));
    }

    /** The {@code sub} the authorization server's userinfo answers for {@code token}: whose token it is. */
    private String subjectOf(String token) {
        var answer = host.send(HttpRequest.newBuilder(server.userinfoUrl()).header("Authorization", "Bearer " + token).GET());
        assertThat(answer.statusCode()).as("the authorization server knows the token").isEqualTo(200);
        return RunningHost.parse(answer.body()).path("sub").asText();
    }
}
