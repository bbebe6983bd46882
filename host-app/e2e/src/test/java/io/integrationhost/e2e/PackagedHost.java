package io.integrationhost.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged host ({@code host-app/target/integration-host.jar}) started as an operator starts it, {@code java
 * -jar}, as a child process on a free port over {@code root}/plugins and {@code root}/data, with everything it prints
 * kept in {@code root}/host.log.
 */
final class PackagedHost implements AutoCloseable {

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);
    private static final Pattern SERVING = Pattern.compile("Integration Host is serving at (http://\\S+/)");

    private final Process process;
    private final Path log;
    private final URI baseUri;

    private PackagedHost(Process process, Path log, URI baseUri) {
        this.process = process;
        this.log = log;
        this.baseUri = baseUri;
    }

    /**
     * Starts the jar with {@code jvmOptions} before {@code -jar} and {@code environment} as its only {@code HOST_*}
     * settings (none is inherited from the build's environment), and waits until it says where it serves.
     */
    static PackagedHost start(Path root, List<String> jvmOptions, Map<String, String> environment) throws IOException {
        Path jar = PlatformArtifacts.ofThisBuild().root().resolve("host-app/target/integration-host.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the host-app module packages it (mvn verify builds it first)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--port", "0",
                "--plugins-dir", root.resolve("plugins").toString(), "--data-dir", root.resolve("data").toString()));
        Path log = root.resolve("host.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HOST_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            return new PackagedHost(process, log, awaitServing(process, log));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    URI uri(String path) {
        return baseUri.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** Everything the host printed so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The command lines of the host's plugin workers running now: the JVMs among its descendants that run the worker's
     * main class (not the bubblewrap processes around them).
     */
    List<String> workerCommands() {
        return process.descendants()
                .filter(child -> !child.info().command().orElse("").endsWith("bwrap"))
                .map(child -> child.info().commandLine().orElse(""))
                .filter(command -> command.contains("io.integrationhost.runtime.worker.WorkerMain"))
                .toList();
    }

    /** Kills the host as a crash does (SIGKILL: no shutdown runs) and waits until it has ended. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the host as an operator does (SIGTERM, which runs its shutdown) and waits until it has ended. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static URI awaitServing(Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher serving = SERVING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (serving.find()) {
                return URI.create(serving.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The host stopped before serving:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The host did not serve within " + STARTUP_LIMIT.toSeconds() + " s:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }
}
