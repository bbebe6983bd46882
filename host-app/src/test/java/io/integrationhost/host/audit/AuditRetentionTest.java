package io.integrationhost.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.storage.Database;
import io.integrationhost.host.support.Databases;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Entries older than the retention period are deleted, all of them however many, and no newer one. */
class AuditRetentionTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Databases.class)
    void pruningDeletesEveryEntryOlderThanTheRetentionPeriodInBatchesAndKeepsTheRest(Databases kind) throws Exception {
        String url = kind.freshUrl(dataDir);
        try (Database database = Database.open(url, null, null, 4)) {
            TickingClock clock = new TickingClock(NOW - 100 * DAY);
            AuditTrail audit = new AuditTrail(database.jdbc(), clock);
            int old = 2 * AuditRetention.BATCH + 7;
            for (int i = 0; i < old; i++) {
                audit.record("client", "action.run", "svc", null, "SUCCESS", "old " + i);
            }
            clock.set(NOW - 89 * DAY);
            audit.record("admin", "configuration.changed", "svc", null, "SUCCESS", "within 90 days");
            clock.set(NOW);

            long deleted = new AuditRetention(database.jdbc(), clock, Duration.ofDays(90)).prune();

            assertThat(deleted).isEqualTo(old);
            assertThat(audit.recent(null, 1000)).extracting(AuditTrail.Event::detail).containsExactly("within 90 days");
            assertThat(new AuditRetention(database.jdbc(), clock, Duration.ofDays(90)).prune()).isZero();
        }
    }
}
