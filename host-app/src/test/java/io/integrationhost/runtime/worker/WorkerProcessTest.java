package io.integrationhost.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker process as the host sees it, over a real child process that is no worker and ignores the channel. */
class WorkerProcessTest {

    @TempDir
    Path root;

    @Test
    void aProcessThatIgnoresStopIsEndedAfterTwoSecondsAndItsEndReadsAsTheHostsNotAsACrash() throws Exception {
        Path workDir = Files.createDirectory(root.resolve("work"));
        CompletableFuture<WorkerProcess> told = new CompletableFuture<>();
        WorkerProcess process = WorkerProcess.start("deaf", List.of("/bin/sh", "-c", "exec sleep 60"), Map.of(), workDir, "96m",
                told::complete);

        process.stop();

        WorkerProcess.Ended ended = process.exited.get(20, TimeUnit.SECONDS);
        assertThat(ended.intended).isTrue();
        assertThat(ended.getMessage()).isEqualTo("was stopped by the host");
        assertThat(told.get(20, TimeUnit.SECONDS)).isSameAs(process);
        assertThat(process.alive()).isFalse();
        assertThat(Files.exists(workDir)).as("its folder is deleted").isFalse();
    }
}
