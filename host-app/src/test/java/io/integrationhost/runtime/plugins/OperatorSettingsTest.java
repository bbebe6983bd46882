package io.integrationhost.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.runtime.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code IntegrationContext.setting(name)} reads the host's environment variable {@code <ID>_<NAME>}, as its Javadoc
 * says: upper-cased, {@code -} and {@code .} as {@code _}, the value as it is set; unset or blank is no setting.
 */
class OperatorSettingsTest {

    @TempDir
    Path root;

    @Test
    void aPluginReadsItsSettingFromTheVariableNamedAfterItsIdWithTheValueUntrimmed() throws Exception {
        Map<String, Object> result = runEchoWith(Map.of("ACME_CRM_MODE", " as set "));

        assertThat(result).containsEntry("setting", " as set ");
        assertThat(result).containsEntry("unsetSetting", null);
    }

    @Test
    void aBlankVariableIsNoSetting() throws Exception {
        assertThat(runEchoWith(Map.of("ACME_CRM_MODE", "   "))).containsEntry("setting", null);
    }

    @Test
    void aVariableSpelledAsTheIdIsSpelledIsNotRead() throws Exception {
        assertThat(runEchoWith(Map.of("acme-crm_MODE", "lower", "ACME-CRM_MODE", "dash"))).containsEntry("setting", null);
    }

    @Test
    void theNameIsUpperCasedWithDashesAndDotsAsUnderscores() {
        HostIntegrationContext context = new HostIntegrationContext("acme-crm",
                Map.of("ACME_CRM_BASE_URL", "http://127.0.0.1:4010"), Duration.ofSeconds(1), "c");

        assertThat(HostIntegrationContext.variable("acme-crm", "base.url")).isEqualTo("ACME_CRM_BASE_URL");
        assertThat(context.setting("BASE_URL")).hasValue("http://127.0.0.1:4010");
        assertThat(context.setting("base-url")).hasValue("http://127.0.0.1:4010");
        assertThat(context.setting("base.url")).hasValue("http://127.0.0.1:4010");
        assertThat(context.setting("BASEURL")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runEchoWith(Map<String, String> environment) throws Exception {
        FixturePlugins.service("acme-crm").writeTo(Files.createDirectories(root.resolve("plugins")));
        try (RunningHost host = RunningHost.start(root, environment)) {
            host.enablePreAuthorized("acme-crm");
            Response ran = host.post("/api/integrations/acme-crm/actions/echo", Map.of("input", Map.of("text", "hi")));
            assertThat(ran.status()).as(ran.raw().body()).isEqualTo(200);
            return Json.mapper().convertValue(ran.body().path("result"), Map.class);
        }
    }
}
