package io.integrationhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationhost.host.IntegrationHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit's flush interval and retention are settings, checked like the others before the host starts anything. */
class AuditSettingsTest {

    @TempDir
    Path root;

    private HostConfig config(Map<String, String> environment) {
        return HostConfig.embedded(0, root.resolve("plugins"), root.resolve("data"), environment);
    }

    @Test
    void unsetAuditSettingsKeepTheirDefaults() {
        assertThat(config(Map.of()).auditFlushInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(config(Map.of()).auditRetention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void auditSettingsAreReadFromTheirEnvironmentVariables() {
        HostConfig config = config(Map.of("HOST_AUDIT_FLUSH_MILLIS", "20", "HOST_AUDIT_RETENTION_DAYS", " 7 "));

        assertThat(config.auditFlushInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.auditRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aRetentionThatIsNotAPositiveNumberOfDaysIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> config(Map.of("HOST_AUDIT_RETENTION_DAYS", "0")).auditRetention())
                .isInstanceOf(StartupException.class)
                .hasMessage("HOST_AUDIT_RETENTION_DAYS must be a positive whole number, was '0'.");
        assertThatThrownBy(() -> config(Map.of("HOST_AUDIT_RETENTION_DAYS", "ninety")).auditRetention())
                .isInstanceOf(StartupException.class);
        assertThatThrownBy(() -> config(Map.of("HOST_AUDIT_RETENTION_DAYS", "100000")).auditRetention())
                .isInstanceOf(StartupException.class)
                .hasMessage("HOST_AUDIT_RETENTION_DAYS must be at most 36500, was 100000.");
    }

    @Test
    void aFlushIntervalAboveOneSecondIsRefused() {
        assertThatThrownBy(() -> config(Map.of("HOST_AUDIT_FLUSH_MILLIS", "5000")).auditFlushInterval())
                .isInstanceOf(StartupException.class)
                .hasMessage("HOST_AUDIT_FLUSH_MILLIS must be at most 1000, was 5000.");
    }

    @Test
    void aHostWithAWrongRetentionDoesNotStartAndCreatesNoDatabase() throws Exception {
        Files.createDirectories(root.resolve("plugins"));

        assertThatThrownBy(() -> IntegrationHost.start(config(Map.of("HOST_AUDIT_RETENTION_DAYS", "-1"))))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("HOST_AUDIT_RETENTION_DAYS");
        assertThat(root.resolve("data")).doesNotExist();
    }
}
