package io.integrationhost.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit entry of a call is written even by a thread that is being stopped. */
class AuditTrailTest {

    @TempDir
    Path dataDir;

    @Test
    void anInterruptedThreadWritesItsEntryKeepsItsInterruptionAndLeavesTheDatabaseWorking() {
        // H2's plain file system, which an operator's own H2 URL may use: it closes the database for everyone when a
        // thread doing its IO is interrupted.
        String interruptible = "jdbc:h2:file:" + dataDir.resolve("audit").toAbsolutePath() + ";WRITE_DELAY=0";
        try (Database database = Database.open(interruptible, null, null, 4)) {
            AuditTrail audit = new AuditTrail(database.jdbc(), Clock.systemUTC());

            Thread.currentThread().interrupt();
            audit.record("client", "action.run", "svc", null, "FAILURE", "action hang; HOST_STOPPING");
            boolean keptInterruption = Thread.interrupted();
            audit.record("client", "action.run", "svc", null, "SUCCESS", "action echo");

            assertThat(keptInterruption).isTrue();
            assertThat(audit.recent("svc", 10)).extracting(AuditTrail.Event::detail)
                    .containsExactly("action echo", "action hang; HOST_STOPPING");
        } finally {
            Thread.interrupted();
        }
    }
}
