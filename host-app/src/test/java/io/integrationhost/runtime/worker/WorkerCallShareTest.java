package io.integrationhost.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call's share of its plugin's calls goes back before the caller learns how the call ended: a client that keeps
 * as many calls running as the plugin's share allows, each sent as soon as the one before answered, is never refused
 * as busy. The worker process here is a real one that answers each frame with the frame itself ({@code cat}), after
 * a second, so that what the caller does on the answer is in place before it comes.
 */
class WorkerCallShareTest {

    @TempDir
    Path workDir;

    @Test
    void aCallsShareIsBackWhenItsCallerSeesTheAnswer() throws Exception {
        WorkerProcess process = WorkerProcess.start("share", List.of("/bin/sh", "-c", "sleep 1; exec cat"), Map.of(),
                Files.createDirectories(workDir.resolve("answers")), "16m", ended -> { });
        try {
            AtomicBoolean shareBack = new AtomicBoolean();
            WorkerProcess.Pending call = process.send(Frames.message("call"), () -> shareBack.set(true));
            CompletableFuture<Boolean> shareBackWhenAnswered = call.answer.thenApply(answer -> shareBack.get());

            assertThat(shareBackWhenAnswered.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(call.answer.get().id()).isEqualTo(call.id);
            assertThat(process.message(call.answer.get()).path("type").asText()).isEqualTo("call");
        } finally {
            process.kill();
        }
    }

    @Test
    void aCallsShareIsBackWhenItsCallerSeesTheWorkerEnd() throws Exception {
        WorkerProcess process = WorkerProcess.start("share", List.of("/bin/sh", "-c", "sleep 3; exit 3"), Map.of(),
                Files.createDirectories(workDir.resolve("ends")), "16m", ended -> { });
        AtomicBoolean shareBack = new AtomicBoolean();
        WorkerProcess.Pending call = process.send(Frames.message("call"), () -> shareBack.set(true));
        CompletableFuture<Boolean> shareBackWhenEnded = call.answer.handle((Frames.Frame answer, Throwable end) -> shareBack.get());

        assertThat(shareBackWhenEnded.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(call.answer).isCompletedExceptionally();
        assertThat(process.exited.get(30, TimeUnit.SECONDS).getMessage()).isEqualTo("exited with code 3");
    }
}
