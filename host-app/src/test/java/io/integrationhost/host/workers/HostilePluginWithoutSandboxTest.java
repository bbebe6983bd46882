package io.integrationhost.host.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.RunningHost.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus with workers but no sandbox ({@code HOST_PLUGIN_SANDBOX=none}): what holds in every worker (its
 * own environment, no host classes, crashes and hangs contained) still holds; the files the host's user can read are
 * readable by the plugin, which is the documented weaker isolation, and the host says so.
 */
class HostilePluginWithoutSandboxTest extends HostilePluginCorpus {

    @Override
    String sandboxSetting() {
        return "none";
    }

    @Test
    void withoutASandboxTheHostSaysSoAndAPluginReadsWhatTheHostsUserCan() {
        JsonNode isolation = hostile.listed(HostileHost.HOSTILE).path("isolation");
        assertThat(isolation.path("mode").asText()).isEqualTo("worker");
        assertThat(isolation.path("sandbox").asText()).isEqualTo("none");
        assertThat(isolation.path("sandboxNote").asText()).isEqualTo("turned off by HOST_PLUGIN_SANDBOX=none");

        Response list = hostile.hostile("list-dir", Map.of("path", hostile.pluginsDir().toString()));

        assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
        assertThat(list.body().path("result").path("entries").toString()).as("weaker: the plugins folder is visible")
                .contains(HostileHost.HEALTHY + ".jar");
    }
}
