package io.integrationhost.runtime.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running worker process, seen from the host: the frames it sends are read on a thread of their own and handed
 * to the calls waiting for them; what it writes to its standard error goes to the host's log under the plugin's
 * name. When the process ends, every call still waiting on it fails as {@link Ended}.
 */
final class WorkerProcess {

    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
    /** The longest line of a worker's standard error the host logs; the rest of it is cut. */
    private static final int MAX_LOG_LINE = 2000;

    private final String pluginId;
    private final Process process;
    private final OutputStream channel;
    private final Path workDir;
    private final Instant started = Instant.now();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicBoolean outOfMemory = new AtomicBoolean();
    /** The worker's {@code hello}, or its refusal to start. */
    final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    /** How the process ended. */
    final CompletableFuture<Ended> exited = new CompletableFuture<>();
    private final String heap;
    /** Reads the process's standard error; its last lines may say why the process ended. */
    private volatile Thread errors;
    /** Why the channel broke, when a call's answer was found to be no message. */
    private volatile String brokenBy;
    /** Set when the host ends the process on purpose: its end is no crash. */
    private volatile boolean stopping;
    /** Set when no more calls are sent to it: it stops once the calls it has end. */
    private volatile boolean retired;
    /** Set when it is replaced for threads that do not come free: it is ended, not asked to stop, once its calls end. */
    private volatile boolean replaced;

    /** A call sent and not answered yet. */
    static final class Pending {
        final long id;
        /** Its answer's frame, as read: the thread that waits for it parses it ({@link #message}), not the reader. */
        final CompletableFuture<Frames.Frame> answer = new CompletableFuture<>();
        private final Runnable done;
        private final AtomicBoolean finished = new AtomicBoolean();
        /** Guarded by this: whether the host gave up on it, and whether it has ended (answered or failed). */
        private boolean abandoned;
        private boolean ended;

        Pending(long id, Runnable done) {
            this.id = id;
            this.done = done;
        }

        void finish() {
            if (finished.compareAndSet(false, true)) {
                done.run();
            }
        }
    }

    /** The end of a worker process: its exit code and, in words, why it ended. */
    static final class Ended extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;
        final boolean intended;

        Ended(int exitCode, String reason, boolean intended) {
            super(reason, null, false, false);
            this.exitCode = exitCode;
            this.intended = intended;
        }
    }

    private WorkerProcess(String pluginId, Process process, Path workDir, String heap) {
        this.pluginId = pluginId;
        this.process = process;
        this.workDir = workDir;
        this.heap = heap;
        // Buffered by the process's own stream; each frame is written whole and flushed.
        this.channel = process.getOutputStream();
    }

    /**
     * Starts {@code command} with exactly {@code environment}, in {@code workDir}.
     *
     * @param onExit told once the process has ended, before the calls still on it fail
     */
    static WorkerProcess start(String pluginId, List<String> command, Map<String, String> environment, Path workDir,
                               String heap, Consumer<WorkerProcess> onExit) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        WorkerProcess worker = new WorkerProcess(pluginId, builder.start(), workDir, heap);
        // Standard error's reader first: the frames' reader waits for it when the process ends.
        worker.errors = new Thread(worker::logErrors, "plugin-worker-" + pluginId + "-" + worker.pid() + "-stderr");
        worker.errors.setDaemon(true);
        worker.errors.start();
        Thread reader = new Thread(() -> worker.readFrames(onExit), "plugin-worker-" + pluginId + "-" + worker.pid());
        reader.setDaemon(true);
        reader.start();
        return worker;
    }

    long pid() {
        return process.pid();
    }

    Instant started() {
        return started;
    }

    Path workDir() {
        return workDir;
    }

    boolean alive() {
        return process.isAlive() && !exited.isDone();
    }

    boolean retired() {
        return retired;
    }

    /** Whether a call may be sent to it: neither ended, as far as its reader knows, nor retired. Takes no lock. */
    boolean accepting() {
        return !retired && !exited.isDone();
    }

    /** Calls sent to it that someone still waits for. */
    int inFlight() {
        return Math.max(0, pending.size() - abandoned.get());
    }

    /** Calls the host stopped waiting for (a time-out) whose code has not ended yet. */
    int abandoned() {
        return abandoned.get();
    }

    /**
     * Sends a call; {@code done} runs once it has an answer, or the process ended, whichever comes first. When this
     * throws, nothing was sent and {@code done} never runs.
     *
     * @throws Ended when the process has ended
     * @throws IllegalArgumentException when the call is too large to send
     */
    Pending send(ObjectNode call, Runnable done) {
        long id = ids.incrementAndGet();
        Pending sent = new Pending(id, done);
        Frames.Encoded frame;
        try {
            frame = Frames.encode(id, call);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        pending.put(id, sent);
        if (exited.isDone()) {
            pending.remove(id);
            if (sent.finished.compareAndSet(false, true)) {
                // Not sent: the caller keeps what {@code done} would give back.
                throw exited.getNow(null);
            }
            // The reader failed it meanwhile, and {@code done} ran: the caller finds the end in its answer.
            return sent;
        }
        try {
            synchronized (channel) {
                frame.send(channel);
            }
        } catch (IOException e) {
            // The process is going; the reader thread fails this call with the reason once it has gone.
            log.debug("Writing to the worker of {} failed: {}", pluginId, e.toString());
        }
        return sent;
    }

    /** Sends a message about no one call (its id is in its body, if any). */
    private void control(ObjectNode message) throws IOException {
        Frames.Encoded frame = Frames.encode(0, message);
        synchronized (channel) {
            frame.send(channel);
        }
    }

    /**
     * The message of a call's answer. A body that is no message breaks the protocol as a bad frame does: the process
     * is ended, and the call fails as every call on it does.
     */
    JsonNode message(Frames.Frame answer) {
        try {
            return answer.message();
        } catch (IOException e) {
            brokenBy = e.getMessage();
            process.destroyForcibly();
            throw exited.join();
        }
    }

    /** Gives up on a call: the worker interrupts its thread, and its answer, when it comes, is dropped. */
    void abandon(Pending call) {
        synchronized (call) {
            if (call.ended || call.abandoned) {
                return;
            }
            call.abandoned = true;
            abandoned.incrementAndGet();
        }
        ObjectNode cancel = Frames.message("cancel");
        cancel.put("id", call.id);
        try {
            control(cancel);
        } catch (IOException e) {
            log.debug("Cancelling a call of {} failed: {}", pluginId, e.toString());
        }
    }

    /** No more calls: it stops once the calls it has (other than abandoned ones) have ended. */
    void retire() {
        retired = true;
        if (inFlight() <= 0) {
            stop();
        }
    }

    /**
     * No more calls, as {@link #retire}, for a process whose threads do not come free: once the calls it has (other
     * than abandoned ones) have ended, it is ended at once rather than asked to stop.
     */
    void replace() {
        replaced = true;
        retired = true;
        if (inFlight() <= 0) {
            kill();
        }
    }

    /** Asks the worker to close the plugin and exit, and ends it if it has not within two seconds. */
    void stop() {
        stopping = true;
        try {
            control(Frames.message("stop"));
            channel.close();
        } catch (IOException e) {
            // Gone already.
        }
        // On a copy: the time-out must not complete the process's own end, which the reader completes with how it ended.
        exited.copy().orTimeout(2, TimeUnit.SECONDS).whenComplete((ended, late) -> {
            if (late != null) {
                process.destroyForcibly();
            }
        });
    }

    /** Ends the process at once. */
    void kill() {
        stopping = true;
        process.destroyForcibly();
    }

    private void readFrames(Consumer<WorkerProcess> onExit) {
        DataInputStream in = Frames.reader(process.getInputStream());
        String broken = null;
        try {
            Frames.Frame frame;
            while ((frame = Frames.read(in)) != null) {
                receive(frame);
            }
        } catch (IOException | RuntimeException e) {
            broken = e.getMessage();
            process.destroyForcibly();
        }
        Ended ended = ended(broken != null ? broken : brokenBy);
        exited.complete(ended);
        ready.completeExceptionally(ended);
        // Its folder goes with it, before anyone hears of its end: what it left there is nobody's to read.
        WorkerFiles.delete(workDir);
        // The supervisor hears of the end before the calls on it fail: whoever a call's PLUGIN_CRASHED reaches reads a
        // worker status that already counts the crash.
        onExit.accept(this);
        for (Pending call : List.copyOf(pending.values())) {
            fail(call, ended);
        }
    }

    /** A frame of the worker's: a call's answer goes to the thread that waits for it, unread; the rest is read here. */
    private void receive(Frames.Frame frame) throws IOException {
        if (frame.id() == 0) {
            JsonNode message = frame.message();
            String type = message.path("type").asText();
            if ("hello".equals(type) || "refused".equals(type)) {
                ready.complete(message);
            }
            return;
        }
        Pending call = pending.remove(frame.id());
        if (call == null) {
            return;
        }
        end(call);
        // The call's place is given back before its caller wakes: a client that sends its next call at once must find
        // it free, or the plugin's share looks full though no more calls than it allows are running.
        call.finish();
        call.answer.complete(frame);
        if (retired && inFlight() <= 0) {
            if (replaced) {
                kill();
            } else {
                stop();
            }
        }
    }

    /** Marks a call ended, no longer counted as abandoned. */
    private void end(Pending call) {
        synchronized (call) {
            if (!call.ended) {
                call.ended = true;
                if (call.abandoned) {
                    abandoned.decrementAndGet();
                }
            }
        }
    }

    private void fail(Pending call, Ended ended) {
        pending.remove(call.id);
        end(call);
        call.finish();
        call.answer.completeExceptionally(ended);
    }

    private Ended ended(String broken) {
        int code;
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            code = process.isAlive() ? -1 : process.exitValue();
            // The JVM's last words ("Terminating due to java.lang.OutOfMemoryError") may still be in the pipe.
            errors.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        if (stopping) {
            return new Ended(code, "was stopped by the host", true);
        }
        String reason;
        if (outOfMemory.get()) {
            reason = "ran out of memory (its heap limit is " + heap + ")";
        } else if (broken != null) {
            reason = "broke the channel's protocol (" + broken + ") and was ended";
        } else if (code > 128) {
            reason = "was killed (signal " + (code - 128) + ")";
        } else {
            reason = "exited with code " + code;
        }
        return new Ended(code, reason, false);
    }

    /** The worker's standard error, line by line, into the host's log; a line that says the heap is full marks it. */
    private void logErrors() {
        Logger pluginLog = LoggerFactory.getLogger("io.integrationhost.plugin." + pluginId);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.contains("java.lang.OutOfMemoryError")) {
                    outOfMemory.set(true);
                }
                pluginLog.info("[worker {}] {}", pid(), line.length() > MAX_LOG_LINE ? line.substring(0, MAX_LOG_LINE) + " …" : line);
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** How long ago it started. */
    Duration age() {
        return Duration.between(started, Instant.now());
    }
}
