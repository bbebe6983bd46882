package io.integrationhost.host.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationhost.host.config.HostConfig;
import io.integrationhost.host.config.StartupException;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.RunningHost;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Host instances on one database must share its master key: one with another key refuses to start, and says why. */
class KeyCheckTest {

    private static final String FIRST_KEY = key(1);
    private static final String OTHER_KEY = key(2);

    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aSecondInstanceWithAnotherMasterKeyRefusesToStartAndOneWithTheSameKeyStarts(Databases database) {
        String url = database.freshUrl(root.resolve("first"));
        try (RunningHost first = RunningHost.start(config(url, root.resolve("first"), FIRST_KEY))) {
            assertThatThrownBy(() -> RunningHost.start(config(url, root.resolve("second"), OTHER_KEY)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("master key is not the one")
                    .satisfies(e -> assertThat(((StartupException) e).remedy()).contains("HOST_MASTER_KEY"));
            try (RunningHost second = RunningHost.start(config(url, root.resolve("third"), FIRST_KEY))) {
                assertThat(second.getJson("/api/integrations").isArray()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anInstanceThatLostItsKeyFileAndMadeANewOneRefusesToStart(Databases database) {
        String url = database.freshUrl(root.resolve("data"));
        RunningHost.start(config(url, root.resolve("data"), null)).close();
        assertThat(root.resolve("data").resolve(MasterKey.KEY_FILE).toFile().delete()).isTrue();

        assertThatThrownBy(() -> RunningHost.start(config(url, root.resolve("data"), null)))
                .isInstanceOf(StartupException.class).hasMessageContaining("master key");
    }

    private HostConfig config(String url, Path dataDir, String masterKey) {
        return new HostConfig("127.0.0.1", 0, root.resolve("plugins"), dataDir, url, null,
                RunningHost.withAdminToken(masterKey == null ? Map.of() : Map.of(MasterKey.ENVIRONMENT_VARIABLE, masterKey)));
    }

    private static String key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
