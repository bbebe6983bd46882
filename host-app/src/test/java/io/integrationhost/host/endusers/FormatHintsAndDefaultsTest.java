package io.integrationhost.host.endusers;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A credential field's {@code formatHint} is what people are told about its format, on the end user's page and in
 * a refused value's message, never its regular expression; its {@code defaultValue} starts the end user's form as
 * it starts the administrator's.
 */
class FormatHintsAndDefaultsTest {

    private static final String PATTERN = "^[a-z0-9-]+$";
    private static final String HINT = "acme (lower-case letters, digits and '-')";

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.on("svc", serviceWithAHintedAccountField());

    /** The fixture service, its {@code account} field given a format hint and a default value. */
    private static FixturePlugins serviceWithAHintedAccountField() {
        String account = "{\"key\": \"account\", \"label\": \"Account\", \"required\": true, \"secret\": false, \"pattern\": \"^[a-z0-9-]+$\"}";
        String descriptor = FixturePlugins.serviceDescriptorFor("svc");
        assertThat(descriptor).contains(account);
        return FixturePlugins.service("svc").descriptor(descriptor.replace(account, "{\"key\": \"account\", \"label\": \"Account\", "
                + "\"required\": true, \"secret\": false, \"pattern\": \"^[a-z0-9-]+$\", \"formatHint\": \"acme (lower-case "
                + "letters, digits and '-')\", \"defaultValue\": \"acme-&-co\"}"));
    }

    @Test
    void aValueNotInTheFieldsFormatIsRefusedWithTheFormatHintAndWithoutThePattern() {
        Response refused = svc.host().put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                "values", Map.of("account", "Not Valid!", "token", "good-token")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("violations").get(0).path("field").asText()).isEqualTo("account");
        assertThat(refused.error().path("violations").get(0).path("message").asText())
                .isEqualTo("Account must look like: " + HINT);
        assertThat(refused.raw().body()).doesNotContain(PATTERN).doesNotContain("a-z0-9");
    }

    @Test
    void theEndUsersPageShowsTheFormatHintStartsWithTheDefaultValueAndNamesTheFormatWhenAValueIsRefused() {
        svc.host().enableUserAuthorized("svc", "Fixture users");
        URI link = svc.host().authorizationLink("svc", "u1");

        String page = svc.host().send(HttpRequest.newBuilder(link).GET()).body();

        assertThat(page).contains("<p class=\"hint\" id=\"field-account-format\">Looks like: acme (lower-case letters, "
                        + "digits and &#39;-&#39;)</p>")
                .contains("aria-describedby=\"field-account-format\"")
                .contains("name=\"account\" type=\"text\" autocomplete=\"off\" required aria-required=\"true\" value=\"acme-&amp;-co\"")
                .doesNotContain(PATTERN);

        HttpResponse<String> refused = svc.host().send(FormPost.of(link, Map.of("account", "Not Valid!", "token", "good-token")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("<p class=\"field-error\" id=\"field-account-error\">Account must look like: "
                + "acme (lower-case letters, digits and &#39;-&#39;)</p>").contains("value=\"Not Valid!\"").doesNotContain(PATTERN);
    }
}
