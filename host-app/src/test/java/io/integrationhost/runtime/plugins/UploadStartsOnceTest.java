package io.integrationhost.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.fixtures.CountingStartPlugin;
import io.integrationhost.host.fixtures.FailingStartPlugin;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import io.integrationhost.runtime.worker.WorkerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An uploaded jar is loaded and checked once, in the place it then runs from: what passed the check is what is
 * installed, so the plugin's start code runs once per upload, and not at all when the operator disabled the plugin.
 *
 * <p>The start counts are kept in this JVM, so the counted plugins run in the host's process. In a worker (the
 * default) an upload starts the plugin's worker once, and that worker serves the calls.
 */
class UploadStartsOnceTest {

    /** The counting plugins' start code runs in the host's process, where the test reads the count. */
    private static final Map<String, String> COUNTED_IN_PROCESS = Map.of("HOST_IN_PROCESS_PLUGINS", "counted,svc");

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    @Test
    void anUploadedPluginsStartCodeRunsOnceAndThePluginServes() throws Exception {
        try (RunningHost host = RunningHost.start(root, COUNTED_IN_PROCESS)) {
            int before = CountingStartPlugin.Starts.count();

            Response installed = host.uploadPlugin(counted("counted"), "counted.jar");

            assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
            assertThat(installed.body().path("state").asText()).isEqualTo("STARTED");
            assertThat(CountingStartPlugin.Starts.count() - before).as("starts of the uploaded plugin").isEqualTo(1);
            host.enablePreAuthorized("counted");
            assertThat(host.post("/api/integrations/counted/actions/echo", Map.of("input", Map.of("text", "x"))).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void eachUpgradeStartsTheNewVersionOnceAndUninstallLeavesNoStagedJarBehind() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("svc").pluginClass(CountingStartPlugin.class).writeTo(plugins);
        try (RunningHost host = RunningHost.start(root, COUNTED_IN_PROCESS)) {
            host.enablePreAuthorized("svc");
            int before = CountingStartPlugin.Starts.count();

            Response second = host.uploadPlugin(counted("svc"), "svc-2.jar");
            Response third = host.uploadPlugin(counted("svc"), "svc-3.jar");

            assertThat(second.status()).as(second.raw().body()).isEqualTo(201);
            assertThat(third.status()).as(third.raw().body()).isEqualTo(201);
            assertThat(CountingStartPlugin.Starts.count() - before).as("starts of two upgrades").isEqualTo(2);
            assertThat(host.getJson("/api/plugins")).hasSize(1);
            assertThat(host.getJson("/api/plugins").get(0).path("fileName").asText()).isEqualTo("svc-3.jar");
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status())
                    .isEqualTo(200);
            try (var jars = Files.list(plugins)) {
                assertThat(jars.filter(Files::isRegularFile).map(jar -> jar.getFileName().toString())).containsExactly("svc-3.jar");
            }

            assertThat(host.delete("/api/plugins/svc").status()).isEqualTo(204);
            try (var left = Files.list(plugins.resolve(".incoming"))) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void anUploadedPluginsWorkerStartsOnceAtTheUploadAndThatWorkerServesTheCalls() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            Response installed = host.uploadPlugin(service("served"), "served.jar");

            assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
            assertThat(installed.body().path("state").asText()).isEqualTo("STARTED");
            WorkerStatus atUpload = host.worker("served").status();
            assertThat(atUpload.state()).as("started by the upload").isEqualTo(WorkerStatus.State.RUNNING);
            host.enablePreAuthorized("served");
            assertThat(host.post("/api/integrations/served/actions/echo", Map.of("input", Map.of("text", "x"))).status())
                    .isEqualTo(200);
            WorkerStatus afterCalls = host.worker("served").status();
            assertThat(afterCalls.pid()).as("the worker the upload started").isEqualTo(atUpload.pid());
            assertThat(afterCalls.restarts()).isZero();
        }
    }

    @Test
    void eachUpgradeStartsTheNewVersionsWorkerOnceBeforeItServes() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        FixturePlugins.service("svc").writeTo(plugins);
        try (RunningHost host = RunningHost.start(root)) {
            host.enablePreAuthorized("svc");
            long first = host.worker("svc").status().pid();

            assertThat(host.uploadPlugin(service("svc"), "svc-2.jar").status()).isEqualTo(201);
            WorkerStatus second = host.worker("svc").status();
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"))).status())
                    .isEqualTo(200);

            assertThat(second.state()).as("started by the upload").isEqualTo(WorkerStatus.State.RUNNING);
            assertThat(second.pid()).isNotEqualTo(first);
            assertThat(host.worker("svc").status().pid()).as("the upgrade's worker serves").isEqualTo(second.pid());
        }
    }

    @Test
    void afterARestartAnUploadedPluginLoadsFromThePluginsFolderAndNoStagedCopyIsLeft() throws Exception {
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.uploadPlugin(service("counted"), "counted.jar").status()).isEqualTo(201);
            host.enablePreAuthorized("counted");
        }
        try (var left = Files.list(root.resolve("plugins/.incoming"))) {
            assertThat(left).as("staged jars once the host stopped").isEmpty();
        }

        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.getJson("/api/plugins").get(0).path("state").asText()).isEqualTo("STARTED");
            assertThat(host.getJson("/api/plugins").get(0).path("fileName").asText()).isEqualTo("counted.jar");
            assertThat(host.post("/api/integrations/counted/actions/echo", Map.of("input", Map.of("text", "x"))).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void anUploadOfAPluginTheOperatorDisabledIsInstalledDisabledWithoutRunningItsCode() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Files.writeString(plugins.resolve("disabled.txt"), "counted\n");
        try (RunningHost host = RunningHost.start(root, COUNTED_IN_PROCESS)) {
            int before = CountingStartPlugin.Starts.count();

            Response installed = host.uploadPlugin(counted("counted"), "counted.jar");

            assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
            assertThat(installed.body().path("state").asText()).isEqualTo("DISABLED");
            assertThat(installed.body().path("reason").asText()).contains("Disabled by the operator");
            assertThat(CountingStartPlugin.Starts.count() - before).as("starts of a disabled plugin").isZero();
            assertThat(Files.exists(plugins.resolve("counted.jar"))).isTrue();
            assertThat(host.getJson("/api/integrations/counted").path("name").asText()).isEqualTo("Fixture Service");
        }
    }

    @Test
    void anUploadOfAPluginTheOperatorDisabledStartsNoWorker() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Files.writeString(plugins.resolve("disabled.txt"), "refuses\n");
        try (RunningHost host = RunningHost.start(root)) {
            // Its start code fails: had a worker run it, the upload would be refused with that failure.
            Response installed = host.uploadPlugin(apart(FixturePlugins.service("refuses").pluginClass(FailingStartPlugin.class)),
                    "refuses.jar");

            assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
            assertThat(installed.body().path("state").asText()).isEqualTo("DISABLED");
            assertThat(installed.body().path("reason").asText()).contains("Disabled by the operator");
            assertThat(host.getJson("/api/integrations/refuses").path("name").asText()).isEqualTo("Fixture Service");
        }
    }

    /** A service plugin whose start is counted, written to a folder apart from the host's. */
    private Path counted(String pluginId) throws Exception {
        return apart(FixturePlugins.service(pluginId).pluginClass(CountingStartPlugin.class));
    }

    /** A service plugin, written to a folder apart from the host's. */
    private Path service(String pluginId) throws Exception {
        return apart(FixturePlugins.service(pluginId));
    }

    private Path apart(FixturePlugins plugin) throws Exception {
        return plugin.writeTo(Files.createTempDirectory(elsewhere, "upload"));
    }
}
