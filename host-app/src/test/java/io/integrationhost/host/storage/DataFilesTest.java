package io.integrationhost.host.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationhost.host.config.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder's small files are created whole, once, owner-only, and never read back empty. */
class DataFilesTest {

    @TempDir
    Path folder;

    @Test
    void ofManyStartsRacingToCreateTheFileExactlyOneWinsAndItsContentIsWhatEveryoneReads() throws Exception {
        Path file = folder.resolve("master.key");
        int racers = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Boolean>> created = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String content = "content-of-racer-" + i;
            created.add(pool.submit(() -> {
                go.await();
                return DataFiles.createOnce(file, content);
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> result : created) {
            winners += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(DataFiles.read(file, "key").orElseThrow()).startsWith("content-of-racer-");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        try (var left = Files.list(folder)) {
            assertThat(left).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path file = folder.resolve("admin-token.sha256");
        assertThat(DataFiles.createOnce(file, "first")).isTrue();

        assertThat(DataFiles.createOnce(file, "second")).isFalse();
        assertThat(DataFiles.read(file, "hash")).contains("first");
    }

    @Test
    void anEmptyFileIsRefusedWithWhatToDoAndAMissingOneIsJustAbsent() throws Exception {
        Path empty = Files.writeString(folder.resolve("master.key"), "  \n");

        assertThatThrownBy(() -> DataFiles.read(empty, "master key")).isInstanceOf(StartupException.class)
                .hasMessageContaining("is empty, so it holds no master key");
        assertThat(DataFiles.read(folder.resolve("missing"), "master key")).isEmpty();
    }

    @Test
    void restrictingTheFolderLeavesWhatALinkInsideItPointsToAlone(@TempDir Path elsewhere) throws Exception {
        Path shared = Files.writeString(elsewhere.resolve("shared.txt"), "not the host's");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(folder.resolve("link"), shared);
        Path own = Files.writeString(folder.resolve("host.mv.db"), "");

        DataFiles.ownerOnlyContents(DataFiles.ownerOnlyFolder(folder));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rw-r--r--");
    }
}
