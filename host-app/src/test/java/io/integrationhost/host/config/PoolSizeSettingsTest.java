package io.integrationhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationhost.host.IntegrationHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin-call pool and the database pool are sized by settings, each checked before the host starts anything. */
class PoolSizeSettingsTest {

    @TempDir
    Path root;

    private HostConfig config(Map<String, String> environment) {
        return HostConfig.embedded(0, root.resolve("plugins"), root.resolve("data"), environment);
    }

    @Test
    void unsetPoolSizesKeepTheirDefaults() {
        HostConfig config = config(Map.of());

        assertThat(config.pluginCallThreads()).isEqualTo(32);
        assertThat(config.pluginCallQueue()).isEqualTo(256);
        assertThat(config.databasePoolSize()).isEqualTo(16);
    }

    @Test
    void poolSizesAreReadFromTheirEnvironmentVariables() {
        HostConfig config = config(Map.of("HOST_PLUGIN_CALL_THREADS", "4", "HOST_PLUGIN_CALL_QUEUE", " 12 ",
                "HOST_DATABASE_POOL_SIZE", "3"));

        assertThat(config.pluginCallThreads()).isEqualTo(4);
        assertThat(config.pluginCallQueue()).isEqualTo(12);
        assertThat(config.databasePoolSize()).isEqualTo(3);
    }

    @Test
    void aPoolSizeThatIsNotAPositiveWholeNumberIsRefusedWithWhatToSet() {
        for (String wrong : new String[] {"0", "-2", "many", "1.5"}) {
            assertThatThrownBy(() -> config(Map.of("HOST_PLUGIN_CALL_THREADS", wrong)).pluginCallThreads())
                    .isInstanceOf(StartupException.class)
                    .hasMessage("HOST_PLUGIN_CALL_THREADS must be a positive whole number, was '" + wrong + "'.")
                    .satisfies(e -> assertThat(((StartupException) e).remedy()).contains("HOST_PLUGIN_CALL_THREADS")
                            .contains("32"));
        }
    }

    @Test
    void aPoolSizeAboveTheLimitIsRefused() {
        assertThatThrownBy(() -> config(Map.of("HOST_DATABASE_POOL_SIZE", "1000000")).databasePoolSize())
                .isInstanceOf(StartupException.class)
                .hasMessage("HOST_DATABASE_POOL_SIZE must be at most " + HostConfig.MAX_POOL_SIZE + ", was 1000000.");
    }

    @Test
    void aHostWithAWrongPoolSizeDoesNotStartAndCreatesNoDatabase() throws Exception {
        Files.createDirectories(root.resolve("plugins"));

        assertThatThrownBy(() -> IntegrationHost.start(config(Map.of("HOST_PLUGIN_CALL_QUEUE", "none"))))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("HOST_PLUGIN_CALL_QUEUE");
        assertThat(root.resolve("data")).doesNotExist();
    }

    @Test
    void aHostStartsWithPoolSizesOfItsOwn() {
        try (IntegrationHost host = IntegrationHost.start(config(Map.of("HOST_ADMIN_TOKEN", "test-admin-token-0123456789abcdef",
                "HOST_PLUGIN_CALL_THREADS", "2", "HOST_PLUGIN_CALL_QUEUE", "2", "HOST_DATABASE_POOL_SIZE", "2")))) {
            assertThat(host.services().catalog().entries()).isEmpty();
        }
    }
}
