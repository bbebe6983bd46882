package io.integrationhost.host.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.Bubblewrap;
import io.integrationhost.host.support.RunningHost.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus with each worker in a bubblewrap sandbox ({@code HOST_PLUGIN_SANDBOX=required}: the host does not
 * start without one): besides what holds in every worker, the host's data folder and the other plugins' jars do not
 * exist for the plugin; its own jar does.
 */
class HostilePluginInSandboxTest extends HostilePluginCorpus {

    /** Skipped, with a notice, where no sandbox can run (and failed instead where one is required). */
    @BeforeAll
    static void sandboxRunsHere() {
        Bubblewrap.assumeAvailable();
    }

    @Override
    String sandboxSetting() {
        return "required";
    }

    @Test
    void theHostsMasterKeyDataFolderAndTheOtherPluginsJarDoNotExistInTheSandbox() {
        assertThat(hostile.listed(HostileHost.HOSTILE).path("isolation").path("sandbox").asText()).isEqualTo("bubblewrap");
        List<String> paths = List.of(hostile.dataDir().resolve("master.key").toString(),
                hostile.dataDir().resolve("host.mv.db").toString(),
                hostile.pluginsDir().resolve(HostileHost.HEALTHY + ".jar").toString(),
                hostile.pluginsDir().resolve(HostileHost.HOSTILE + ".jar").toString());
        for (String path : paths) {
            Response read = hostile.hostile("read-file", Map.of("path", path));

            assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
            assertThat(read.body().path("result").path("error").asText()).as(path).isEqualTo("java.nio.file.NoSuchFileException");
            hostile.assertNoHostSecretIn(read);
        }
        for (String folder : List.of(hostile.dataDir().toString(), hostile.pluginsDir().toString())) {
            Response list = hostile.hostile("list-dir", Map.of("path", folder));

            assertThat(list.body().path("result").has("entries")).as(list.raw().body()).isFalse();
            assertThat(list.body().path("result").path("error").asText()).isEqualTo("java.nio.file.NoSuchFileException");
        }
    }

    @Test
    void theSandboxHoldsThePluginsOwnJarAndAFreshTemporaryFolder() {
        Response plugin = hostile.hostile("list-dir", Map.of("path", "/plugin"));
        List<String> entries = new ArrayList<>();
        plugin.body().path("result").path("entries").forEach(entry -> entries.add(entry.asText()));
        assertThat(entries).as(plugin.raw().body()).containsExactly(HostileHost.HOSTILE + ".jar");

        Response ownJar = hostile.hostile("read-file", Map.of("path", "/plugin/" + HostileHost.HOSTILE + ".jar"));
        assertThat(ownJar.body().path("result").path("base64").asText()).as("the control: a file it has is read").isNotEmpty();

        Response tmp = hostile.hostile("list-dir", Map.of("path", "/tmp"));
        List<String> temporary = new ArrayList<>();
        tmp.body().path("result").path("entries").forEach(entry -> temporary.add(entry.asText()));
        assertThat(tmp.body().path("result").path("entries").isArray()).as(tmp.raw().body()).isTrue();
        assertThat(root.toAbsolutePath().toString()).startsWith("/tmp/");
        assertThat(temporary).as("the host's temporary folder, holding its data and plugins folders here")
                .doesNotContain(root.getFileName().toString());
    }
}
