package io.integrationhost.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Action entries are queued and written in batches, and none is lost on the way: a clean stop writes everything
 * queued, a full queue makes the caller write the backlog, and every entry keeps its order and the time it was
 * recorded. The writer's interval is an hour here, so that what reaches the database does so because of a stop, a
 * full queue or a read, never because a timer happened to fire.
 */
class QueuedActionEntriesTest {

    private static final Duration NEVER_DURING_A_TEST = Duration.ofHours(1);
    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path dataDir;

    /** One row as the database holds it, read past the trail (whose reads write the queue first). */
    private record Row(long occurredAt, String detail) {
    }

    private static List<Row> rowsInWriteOrder(String url) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT occurred_at, detail FROM audit_event ORDER BY id")) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), result.getString(2)));
            }
        }
        return rows;
    }

    /** A trail over {@code database} whose clock starts at {@link #START} and moves on one millisecond per entry. */
    private static AuditTrail batched(Database database, int queueCapacity) {
        return AuditTrail.batched(database.jdbc(), new TickingClock(START), queueCapacity, NEVER_DURING_A_TEST);
    }

    private static List<Row> recordedInOrder(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Row(START + i, "action echo; call " + i)).toList();
    }

    private static void recordCalls(AuditTrail audit, int count) {
        for (int i = 0; i < count; i++) {
            audit.recordLater("client", "action.run", "svc", null, "SUCCESS", "action echo; call " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aCleanStopWritesEveryQueuedEntryInOrderWithTheTimeItWasRecorded(Databases kind) throws Exception {
        String url = kind.freshUrl(dataDir);
        try (Database database = Database.open(url, null, null, 4)) {
            AuditTrail audit = batched(database, 1000);
            recordCalls(audit, 300);

            assertThat(rowsInWriteOrder(url)).as("queued, not written on the caller's path").isEmpty();
            audit.close();

            assertThat(rowsInWriteOrder(url)).containsExactlyElementsOf(recordedInOrder(300));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theWriterWritesQueuedEntriesOnItsOwnWithoutAStopOrARead(Databases kind) throws Exception {
        String url = kind.freshUrl(dataDir);
        try (Database database = Database.open(url, null, null, 4);
             AuditTrail audit = AuditTrail.batched(database.jdbc(), new TickingClock(START), 1000, Duration.ofMillis(5))) {
            recordCalls(audit, 50);

            // Not a timing assertion: the bound only keeps a broken writer from hanging the build.
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (rowsInWriteOrder(url).size() < 50 && System.nanoTime() < giveUp) {
                Thread.sleep(10);
            }
            assertThat(rowsInWriteOrder(url)).containsExactlyElementsOf(recordedInOrder(50));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aFullQueueMakesTheCallerWriteTheBacklogAndLosesNothing(Databases kind) throws Exception {
        String url = kind.freshUrl(dataDir);
        try (Database database = Database.open(url, null, null, 4)) {
            AuditTrail audit = batched(database, 4);
            recordCalls(audit, 25);

            List<Row> writtenByCallers = rowsInWriteOrder(url);
            assertThat(writtenByCallers).as("at most a queue's worth is still waiting").hasSizeGreaterThanOrEqualTo(21)
                    .isEqualTo(recordedInOrder(25).subList(0, writtenByCallers.size()));
            audit.close();

            assertThat(rowsInWriteOrder(url)).containsExactlyElementsOf(recordedInOrder(25));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anEntryRecordedAfterTheStopIsWrittenAtOnce(Databases kind) throws Exception {
        String url = kind.freshUrl(dataDir);
        try (Database database = Database.open(url, null, null, 4)) {
            AuditTrail audit = batched(database, 1000);
            audit.close();

            audit.recordLater("client", "action.run", "svc", null, "FAILURE", "action hang; HOST_STOPPING");

            assertThat(rowsInWriteOrder(url)).containsExactly(new Row(START, "action hang; HOST_STOPPING"));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aReadSeesEveryQueuedEntryNewestFirstByTheTimeRecordedAmongChangesWrittenAtOnce(Databases kind) throws Exception {
        String url = kind.freshUrl(dataDir);
        try (Database database = Database.open(url, null, null, 4);
             AuditTrail audit = batched(database, 1000)) {
            audit.recordLater("client", "action.run", "svc", null, "SUCCESS", "action echo; before the change");
            audit.record("admin", "configuration.changed", "svc", null, "SUCCESS", "the change");
            audit.recordLater("client", "action.run", "svc", null, "SUCCESS", "action echo; after the change");

            assertThat(rowsInWriteOrder(url)).extracting(Row::detail).as("only the change is written at once")
                    .containsExactly("the change");
            assertThat(audit.recent("svc", 10)).extracting(AuditTrail.Event::detail)
                    .containsExactly("action echo; after the change", "the change", "action echo; before the change");
            assertThat(audit.recent("svc", 10)).extracting(event -> event.occurredAt().toEpochMilli())
                    .containsExactly(START + 2, START + 1, START);
        }
    }
}
