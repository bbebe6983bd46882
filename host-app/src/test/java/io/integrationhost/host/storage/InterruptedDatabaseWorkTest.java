package io.integrationhost.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads that use the embedded database get interrupted (a stopping web server interrupts its request threads):
 * the interrupted thread's work is done, and the database stays open for everyone.
 */
class InterruptedDatabaseWorkTest {

    @TempDir
    Path dataDir;

    @Test
    void aWriteByAnInterruptedThreadDoesNotCloseTheEmbeddedDatabase() {
        try (Database database = Database.open(Database.embeddedUrl(dataDir), null, null, 4)) {
            Jdbc jdbc = database.jdbc();
            String insert = "INSERT INTO audit_event (occurred_at, actor, action, outcome) VALUES (?, 'host', ?, 'SUCCESS')";

            Thread.currentThread().interrupt();
            try {
                jdbc.update(insert, 1L, "written.while.interrupted");
            } finally {
                assertThat(Thread.interrupted()).as("the interruption is kept").isTrue();
            }
            jdbc.update(insert, 2L, "written.after");

            assertThat(jdbc.query("SELECT action FROM audit_event ORDER BY occurred_at", row -> row.getString(1)))
                    .containsExactly("written.while.interrupted", "written.after");
        }
    }
}
