package io.integrationhost.host.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit entries written in batches off the caller's thread: a bounded queue that one writer thread empties every
 * flush interval, in one transaction per batch, and once more when it is closed.
 *
 * <p>Nothing is dropped. A caller that finds the queue full writes the backlog itself, then queues its entry: it
 * waits for one batch insert, and the entries stay in the order they were queued. After {@link #close} an entry is
 * written at once. A crash (the process killed, the machine gone) loses what was queued and not yet written: at most
 * the entries of the last flush interval, or a full queue's worth if the database was that slow.
 */
final class QueuedEntries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueuedEntries.class);

    private final BlockingQueue<AuditTrail.Entry> queue;
    private final int capacity;
    private final Consumer<List<AuditTrail.Entry>> writer;
    private final ScheduledExecutorService flusher;
    /** Drained but not yet written (a failed insert is retried with them first); guarded by {@code this}. */
    private final List<AuditTrail.Entry> pending = new ArrayList<>();
    private volatile boolean closed;

    QueuedEntries(int capacity, Duration flushInterval, Consumer<List<AuditTrail.Entry>> writer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.writer = writer;
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-writer");
            thread.setDaemon(true);
            return thread;
        });
        long millis = flushInterval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushInBackground, millis, millis, TimeUnit.MILLISECONDS);
    }

    void add(AuditTrail.Entry entry) {
        if (closed) {
            writer.accept(List.of(entry));
            return;
        }
        while (!queue.offer(entry)) {
            flush();
        }
        // Closed while this entry was being queued: the last flush may have missed it.
        if (closed) {
            flush();
        }
    }

    /** Entries waiting in the queue; those drained into a batch being written are not counted. */
    int size() {
        return queue.size();
    }

    /** Writes everything queued so far; returns once it is in the database (or throws why not). */
    synchronized void flush() {
        // A backlog the database refused is not added to without bound: callers then write (and fail) themselves.
        if (pending.size() < capacity) {
            queue.drainTo(pending, capacity);
        }
        if (pending.isEmpty()) {
            return;
        }
        writer.accept(List.copyOf(pending));
        pending.clear();
    }

    private void flushInBackground() {
        try {
            flush();
        } catch (RuntimeException e) {
            // Kept queued and retried at the next interval; the entries hold no secrets, but the message is all we log.
            log.warn("Audit entries could not be written yet, retrying: {}", e.getMessage());
        }
    }

    /** Stops the writer thread and writes what is left, before the database closes. */
    @Override
    public void close() {
        closed = true;
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The audit writer did not finish its batch within 10 s; writing the rest from the closing thread");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
