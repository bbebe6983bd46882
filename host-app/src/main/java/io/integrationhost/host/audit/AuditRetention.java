package io.integrationhost.host.audit;

import io.integrationhost.host.storage.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the audit trail to its retention period: entries older than that are deleted at start and then every
 * {@link #INTERVAL}, a small batch per transaction, so that neither a first prune of a large trail nor a busy
 * instance holds long locks. With several instances each prunes; they delete the same old rows, which is harmless.
 */
public final class AuditRetention implements AutoCloseable {

    static final int BATCH = 500;
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration retention;
    private ScheduledExecutorService pruner;
    private volatile boolean stopping;

    public AuditRetention(Jdbc jdbc, Clock clock, Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /** Prunes now, in the background (the host does not wait for it to start), and then every hour. */
    public AuditRetention start() {
        pruner = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-retention");
            thread.setDaemon(true);
            return thread;
        });
        pruner.scheduleWithFixedDelay(this::pruneLogged, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Deletes every entry recorded before the retention period began; returns how many. */
    public long prune() {
        long cutoff = clock.millis() - retention.toMillis();
        long deleted = 0;
        int batch;
        do {
            batch = jdbc.update("DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event WHERE occurred_at < ?"
                    + " ORDER BY occurred_at LIMIT " + BATCH + ")", cutoff);
            deleted += batch;
        } while (batch == BATCH && !stopping);
        return deleted;
    }

    private void pruneLogged() {
        try {
            long deleted = prune();
            if (deleted > 0) {
                log.info("Deleted {} audit entries older than {} days", deleted, retention.toDays());
            }
        } catch (RuntimeException e) {
            log.warn("Old audit entries could not be deleted, trying again in an hour: {}", e.getMessage());
        }
    }

    /**
     * Stops pruning after the batch under way. The thread is not interrupted: an interrupted thread doing database IO
     * fails, and on H2's plain file system closes the database for everyone.
     */
    @Override
    public void close() {
        stopping = true;
        if (pruner == null) {
            return;
        }
        pruner.shutdown();
        try {
            pruner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
