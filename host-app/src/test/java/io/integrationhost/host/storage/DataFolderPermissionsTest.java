package io.integrationhost.host.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder holds the master key, the administrator token's hash and the H2 database (encrypted secrets,
 * end users' ids, the audit trail): only its owner may list or open anything in it, whatever umask the host runs
 * with, including the files H2 creates itself.
 */
class DataFolderPermissionsTest {

    private static final String OWNER_ONLY_FOLDER = "rwx------";
    private static final String OWNER_ONLY_FILE = "rw-------";

    @TempDir
    Path root;

    @Test
    void afterAStartAndSomeWritesTheDataFolderAndEveryFileInItAreOwnerOnly() throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        Path data = root.resolve("data");
        try (RunningHost host = RunningHost.start(root)) {
            assertThat(host.put("/api/integrations/svc/authorization", Map.of("mode", "PRE_AUTHORIZED",
                    "values", Map.of("account", "acme", "token", "good-token"))).status()).isEqualTo(200);
            assertThat(host.post("/api/integrations/svc/enable", null).status()).isEqualTo(200);
            assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "hi"))).status())
                    .isEqualTo(200);
            makeH2WriteItsTraceFile(data);

            assertOwnerOnly(data);
        }
        assertOwnerOnly(data);
        assertThat(modes(data)).containsKeys("master.key", "host.mv.db", "host.trace.db");
        assertThat(Files.size(data.resolve("host.trace.db"))).as("H2 wrote its trace file").isPositive();
    }

    @Test
    void aDataFolderAnEarlierVersionLeftReadableByOthersIsRestrictedAtTheNextStart() throws Exception {
        Path data = root.resolve("data");
        try (RunningHost first = RunningHost.start(root)) {
            first.getJson("/api/integrations");
        }
        Files.writeString(data.resolve("admin-token.sha256"), "0f1e2d3c");
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (RunningHost second = RunningHost.start(root)) {
            assertOwnerOnly(data);
        }
        assertThat(modes(data)).containsKeys("master.key", "host.mv.db", "admin-token.sha256");
    }

    /** H2 writes its trace file on an error in a statement, as the host's own connections may cause. */
    private static void makeH2WriteItsTraceFile(Path data) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Database.embeddedUrl(data))) {
            assertThatThrownBy(() -> connection.createStatement().execute("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class);
        }
    }

    private static void assertOwnerOnly(Path data) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).as(data.toString())
                .isEqualTo(OWNER_ONLY_FOLDER);
        assertThat(modes(data)).isNotEmpty().allSatisfy((name, mode) -> assertThat(mode).as(name).isEqualTo(OWNER_ONLY_FILE));
    }

    /** Every file in the folder with its permissions, as {@code ls -l} would show them. */
    private static Map<String, String> modes(Path data) throws IOException {
        Map<String, String> modes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(data)) {
            List<Path> sorted = files.sorted().toList();
            for (Path file : sorted) {
                modes.put(file.getFileName().toString(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return modes;
    }
}
