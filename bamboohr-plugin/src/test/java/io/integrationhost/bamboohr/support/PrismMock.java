package io.integrationhost.bamboohr.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Stoplight Prism mocking BambooHR's OpenAPI description on a free loopback port, as a child process whose
 * output is kept line by line. Prism validates every request against the description and logs each violation.
 *
 * <p>Prism serves the description's paths under its server URL's path, which for
 * {@code https://{companyDomain}.bamboohr.com} is empty: requests go to {@code http://127.0.0.1:PORT/api/v1/…},
 * the official URL form, which is what the plugin builds on its {@code BASE_URL} setting.
 */
public final class PrismMock implements AutoCloseable {

    /** How the contract test is told where BambooHR's description is. */
    public static final String SPEC_PROPERTY = "bamboohr.openapi";
    private static final String INSTALL = "npm install -g @stoplight/prism-cli@5.16.0";
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);
    private static final Duration LOG_LIMIT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final AtomicInteger sentinels = new AtomicInteger();
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrismMock(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(this::readOutput, "prism-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts Prism on BambooHR's description and waits, within a bound, until it listens. Fails the test (not
     * skips it) when Prism or the description cannot be found.
     */
    public static PrismMock start() {
        Path spec = specification();
        String prism = executable().orElseGet(() -> fail("Stoplight Prism ('prism') is not on the PATH, so requests "
                + "cannot be checked against BambooHR's OpenAPI description. Install it with: " + INSTALL));
        int port = freeLoopbackPort();
        ProcessBuilder builder = new ProcessBuilder(prism, "mock", "-h", "127.0.0.1", "-p", String.valueOf(port),
                spec.toString()).redirectErrorStream(true);
        builder.environment().put("FORCE_COLOR", "0");
        builder.environment().put("NO_COLOR", "1");
        PrismMock mock;
        try {
            mock = new PrismMock(builder.start(), port);
        } catch (IOException e) {
            return fail("Prism could not be started: " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(mock::close, "prism-stop"));
        mock.awaitListening();
        return mock;
    }

    /** Where Prism listens, to be used as the plugin's {@code BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Runs {@code exchange} and returns what Prism logged about it: the lines after the previous mark up to a
     * sentinel request sent afterwards, so that lines Prism writes after answering are included.
     */
    public List<String> logOf(CheckedRunnable exchange) throws Exception {
        int from = output.size();
        try {
            exchange.run();
        } catch (Exception | AssertionError e) {
            pause();
            throw new AssertionError(e.getMessage() + "\nPrism's log of the request:\n"
                    + String.join("\n", output.subList(from, output.size())), e);
        }
        // Prism answers a path the description lacks with an error line; once that line for the sentinel is out,
        // every line about the exchange before it is too, and the next mark starts after both.
        String sentinel = "/contract-test-sentinel-" + sentinels.incrementAndGet();
        send(sentinel);
        int received = awaitLine(line -> line.contains(sentinel), from);
        awaitLine(line -> line.contains(sentinel) && line.contains("NO_PATH_MATCHED"), received);
        return new ArrayList<>(output.subList(from, received)).stream()
                .filter(line -> !line.contains("/contract-test-sentinel-")).toList();
    }

    /** Sends {@code GET path} without credentials and returns the status, for checks of Prism itself. */
    public int send(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build();
            return probe.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything Prism printed so far, for failure messages. */
    public String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface CheckedRunnable {
        void run() throws Exception;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(line -> line.contains("Prism is listening"))) {
                return;
            }
            if (!process.isAlive()) {
                fail("Prism stopped before listening:\n" + output());
            }
            pause();
        }
        close();
        fail("Prism did not listen within " + STARTUP_LIMIT.toSeconds() + " s:\n" + output());
    }

    private int awaitLine(Predicate<String> wanted, int from) {
        long deadline = System.nanoTime() + LOG_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = from; i < output.size(); i++) {
                if (wanted.test(output.get(i))) {
                    return i;
                }
            }
            pause();
        }
        return fail("Prism logged nothing about the request within " + LOG_LIMIT.toSeconds() + " s:\n" + output());
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
            }
        } catch (IOException ended) {
            // The process was stopped; what it printed is kept.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path specification() {
        String configured = System.getProperty(SPEC_PROPERTY);
        // The shared folder sits beside the repository clone; the fallback covers a build started in this module.
        List<Path> candidates = Stream.of(configured, "../../shared/bamboohr/openapi.yaml", "../shared/bamboohr/openapi.yaml")
                .filter(Objects::nonNull).map(Path::of).toList();
        return candidates.stream().filter(Files::isRegularFile).findFirst().map(Path::toAbsolutePath)
                .orElseGet(() -> fail("BambooHR's OpenAPI description was not found at " + candidates
                        + "; set -D" + SPEC_PROPERTY + "=<path to openapi.yaml>."));
    }

    private static Optional<String> executable() {
        String configured = System.getProperty("prism.command");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured).filter(command -> Files.isExecutable(Path.of(command)));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "prism")).filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
