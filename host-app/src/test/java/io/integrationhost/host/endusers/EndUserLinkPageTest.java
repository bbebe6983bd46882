package io.integrationhost.host.endusers;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end user's link page says whom it is for (the display name the issuing call gave, else the id as it is), who
 * asks, when the link expires and where the value is created, and tells a refused value in words for that person.
 */
class EndUserLinkPageTest {

    /** Where the fixture's profile says a token is made: on the account's own host. */
    private static final String HELP_URL = "https://{account}.example.com/settings/tokens";

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.on("svc", serviceWithATokenHelpLink());

    private static FixturePlugins serviceWithATokenHelpLink() {
        String token = "{\"key\": \"token\", \"label\": \"Token\", \"required\": true, \"secret\": true}";
        String descriptor = FixturePlugins.serviceDescriptorFor("svc");
        assertThat(descriptor).contains(token);
        return FixturePlugins.service("svc").descriptor(descriptor.replace(token, "{\"key\": \"token\", \"label\": "
                + "\"Your Fixture Service token\", \"required\": true, \"secret\": true, \"helpUrl\": \"" + HELP_URL + "\"}"));
    }

    @Test
    void aLinkIssuedWithADisplayNameGreetsTheUserByItAndOneWithoutNamesTheIdPlainly() {
        svc.host().enableUserAuthorized("svc", "Fixture users");

        String named = page(link("u1", "Ada <Lovelace>"));
        String unnamed = page(link("u2", null));

        assertThat(named).contains("For <span class=\"user\">Ada &lt;Lovelace&gt;</span>.").doesNotContain("For user");
        assertThat(unnamed).contains("For user <span class=\"user\">u2</span>.").doesNotContain("(u2)");
        assertThat(unnamed).contains("An assistant asks to act for you in Fixture Service.")
                .doesNotContain("asks for your own credentials")
                .containsPattern("This link expires at <time datetime=\"[0-9T:.Z-]+\" data-local-time>\\d\\d:\\d\\d UTC</time> "
                        + "\\(in 30 minutes\\)\\.")
                .contains("<img src=\"data:image/svg+xml;base64,");
        assertThat(svc.host().get("/js/authorize-page.js").statusCode()).as("the page's script is served as a file").isEqualTo(200);
    }

    @Test
    void aDisplayNameTooLongOrWithControlCharactersIsRefusedBeforeAnythingRuns() {
        svc.host().enableUserAuthorized("svc", "Fixture users");

        Response tooLong = echo("u1", "n".repeat(201));
        Response control = echo("u1", "Ada\nLovelace");

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error().path("message").asText()).contains("'userName' must be 1 to 200 printable characters");
        assertThat(control.status()).isEqualTo(400);
    }

    @Test
    void aRefusedTokenIsToldOnItsFieldInPlainWordsAndTakesTheFocus() {
        svc.host().enableUserAuthorized("svc", "Fixture users");
        URI link = link("u1", null);

        String refused = svc.host().send(FormPost.of(link, Map.of("account", "acme", "token", "bad-token"))).body();

        assertThat(refused).contains("<p class=\"field-error\" id=\"field-token-error\">Fixture Service did not accept this "
                        + "token. Check it and try again.</p>")
                .containsPattern("<input id=\"field-token\"[^>]*aria-invalid=\"true\" aria-describedby=\"[^\"]*field-token-error\""
                        + " autofocus>")
                .doesNotContain("role=\"alert\"");
        assertThat(refused.substring(0, refused.indexOf("<details class=\"failure-detail\">")))
                .as("the remote system's own words only folded away, after the form").doesNotContain("Token not accepted")
                .contains("</form>");
    }

    @Test
    void theHelpLinkIsFilledInFromThePresetOrFromTheValueEnteredAndOnlyFromAPlainName() {
        svc.host().enableUserAuthorized("svc", "Fixture users");
        URI link = link("u1", null);

        String fresh = page(link);
        String entered = svc.host().send(FormPost.of(link, Map.of("account", "acme", "token", "bad-token"))).body();
        String pasted = svc.host().send(FormPost.of(link, Map.of("account", "https://acme.example.com/", "token", "bad-token")))
                .body();

        assertThat(fresh).contains("<a id=\"field-token-link\" data-href-template=\"" + HELP_URL + "\" target=\"_blank\" "
                + "rel=\"noopener noreferrer\" hidden>Create or find it in Fixture Service</a>");
        assertThat(entered).contains("<a id=\"field-token-link\" href=\"https://acme.example.com/settings/tokens\"");
        assertThat(pasted).contains("<a id=\"field-token-link\" data-href-template=\"" + HELP_URL + "\"");
    }

    @Test
    void whenThePresetsLeaveNothingToEnterThePageSaysWhatAuthorizeDoesAndWhoseDetailsWereRefused() {
        Response profile = svc.host().post("/api/authorization-profiles", Map.of("name", "Shared", "type", "fixture-token",
                "presets", Map.of("account", "acme", "token", "bad-shared"), "presetSecrets", true));
        assertThat(profile.status()).as(profile.raw().body()).isEqualTo(201);
        assertThat(svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "USER_AUTHORIZED",
                "profileId", profile.body().path("id").asText())).status()).isEqualTo(200);
        assertThat(svc.host().post("/api/integrations/svc/enable", null).status()).isEqualTo(200);
        URI link = link("u1", null);

        String page = page(link);
        String refused = svc.host().send(FormPost.of(link, Map.of())).body();

        assertThat(page).contains("Your administrator has provided the connection details; press Authorize to let the "
                + "assistant act for you in Fixture Service.").doesNotContain("<input").doesNotContain("your own");
        assertThat(refused).contains("<div class=\"alert\" role=\"alert\">Fixture Service did not accept the connection "
                + "details your administrator provided. Ask your administrator to check them.</div>");
    }

    private URI link(String userId, String userName) {
        Response required = echo(userId, userName);
        assertThat(required.error().path("kind").asText()).as(required.raw().body()).isEqualTo("AUTHORIZATION_REQUIRED");
        return URI.create(required.error().path("authorizationUrl").asText());
    }

    private Response echo(String userId, String userName) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("input", Map.of("text", "x"), "userId", userId));
        if (userName != null) {
            body.put("userName", userName);
        }
        return svc.host().post("/api/integrations/svc/actions/echo", body);
    }

    private String page(URI link) {
        return svc.host().send(HttpRequest.newBuilder(link).GET()).body();
    }
}
