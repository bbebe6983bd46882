package io.integrationhost.testkit;

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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The remote API as its vendor describes it: <a href="https://github.com/stoplightio/prism">Stoplight Prism</a>
 * mocking an OpenAPI description on a free loopback port, as a child process whose output is kept line by line.
 * Prism checks every request it receives against the description (path, query, headers, security, body) and logs
 * each violation, so a test can prove that the plugin's requests are the ones the vendor documents, which a
 * hand-written stub ({@link RemoteApiStub}) cannot.
 *
 * <pre>{@code
 * try (OpenApiMock api = OpenApiMock.start(Path.of("openapi.yaml"))) {
 *     OpenApiMock.Exchange exchange = api.exchange(() -> plugin.run("get-item", Map.of("id", "42")));
 *     assertThat(exchange.problems()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Prism serves the description's paths under its first server URL's path: for {@code https://{sub}.example.com}
 * requests go to {@code baseUrl() + "/items/42"}, for {@code https://api.example.com/v2} to
 * {@code baseUrl() + "/v2/items/42"}. It needs Prism on the {@code PATH} ({@code npm install -g
 * @stoplight/prism-cli@5.16.0}) or named by the {@code prism.command} system property. Without it the test is
 * skipped with the install command, or fails with {@code REQUIRE_PRISM=true}, as a plugin's CI should set so that a
 * missing tool can never pass for a conforming plugin (see {@link Prerequisite}).
 *
 * <p>A vendor's description is the vendor's file, under its licence, and often stays out of the plugin's repository:
 * {@link #description} finds it where the build says, and skips the contract tests with where to get it when it is
 * not there, unless the build requires it.
 */
public final class OpenApiMock implements AutoCloseable {

    /** What installs the Prism version the platform is tested with. */
    public static final String INSTALL = "npm install -g @stoplight/prism-cli@5.16.0";
    /** The environment variable that makes a missing Prism fail a test instead of skipping it. */
    public static final String REQUIRED = "REQUIRE_PRISM";
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);
    private static final Duration LOG_LIMIT = Duration.ofSeconds(10);
    /** A path no description has: Prism's error line for it marks the end of an exchange's log. */
    private static final String SENTINEL = "/openapi-mock-sentinel-";

    private final Process process;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final AtomicInteger sentinels = new AtomicInteger();
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OpenApiMock(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(this::readOutput, "openapi-mock-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts Prism on {@code description} and waits, within a bound, until it listens. Fails the test when the
     * description does not exist; skips it when Prism is not installed, unless {@code REQUIRE_PRISM=true}.
     */
    public static OpenApiMock start(Path description) {
        if (!Files.isRegularFile(description)) {
            return fail("The OpenAPI description " + description.toAbsolutePath() + " does not exist.");
        }
        String prism = executable().orElseGet(() -> Prerequisite.missing("Stoplight Prism ('prism') is not on the PATH, so"
                + " requests cannot be checked against the OpenAPI description: install it with " + INSTALL, REQUIRED));
        int port = freeLoopbackPort();
        ProcessBuilder builder = new ProcessBuilder(prism, "mock", "-h", "127.0.0.1", "-p", String.valueOf(port),
                description.toAbsolutePath().toString()).redirectErrorStream(true);
        builder.environment().put("FORCE_COLOR", "0");
        builder.environment().put("NO_COLOR", "1");
        OpenApiMock mock;
        try {
            mock = new OpenApiMock(builder.start(), port);
        } catch (IOException e) {
            return fail("Prism could not be started: " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(mock::close, "openapi-mock-stop"));
        mock.awaitListening();
        return mock;
    }

    /**
     * Where a vendor's OpenAPI description kept outside the repository is: the file the system property
     * {@code property} names, or else {@code fallback}. When there is no such file the calling test is skipped
     * (a JUnit assumption) with one line that says where to get it, {@code source}; when the environment variable
     * {@code requiredVariable} is {@code true}, as a CI build sets it, the test fails instead, so a build that must
     * check the contract can never skip it.
     *
     * @param property the system property a build names the file with, e.g. {@code acme.openapi}
     * @param fallback where the file is looked for when the property is not set
     * @param requiredVariable the environment variable that makes the file's absence a failure
     * @param source where to get the file, for the message, e.g. "specs/openapi.yaml in github.com/acme/sdk (MIT)"
     */
    public static Path description(String property, Path fallback, String requiredVariable, String source) {
        return description(System.getProperty(property), property, fallback,
                "true".equalsIgnoreCase(System.getenv(requiredVariable)), requiredVariable, source);
    }

    static Path description(String configured, String property, Path fallback, boolean required, String requiredVariable,
                            String source) {
        Path location = configured == null || configured.isBlank() ? fallback : Path.of(configured);
        if (Files.isRegularFile(location)) {
            return location.toAbsolutePath();
        }
        return Prerequisite.missing("No OpenAPI description at " + location.toAbsolutePath().normalize() + ": get "
                + source + " and place it there, or pass -D" + property + "=PATH, to run the contract tests", required,
                requiredVariable);
    }

    /** Where Prism listens: the plugin's base URL setting in tests. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Runs {@code exchange} and returns what Prism logged about it: the lines after the previous exchange up to a
     * sentinel request sent afterwards, so that lines Prism writes after answering are included.
     */
    public Exchange exchange(CheckedRunnable exchange) throws Exception {
        int from = output.size();
        try {
            exchange.run();
        } catch (Exception | AssertionError e) {
            pause();
            throw new AssertionError(e.getMessage() + "\nPrism's log of the request:\n"
                    + String.join("\n", output.subList(from, output.size())), e);
        }
        // Prism answers a path the description lacks with an error line; once that line for the sentinel is out,
        // every line about the exchange before it is too, and the next exchange starts after both.
        String sentinel = SENTINEL + sentinels.incrementAndGet();
        send(sentinel);
        int received = awaitLine(line -> line.contains(sentinel), from);
        awaitLine(line -> line.contains(sentinel) && line.contains("NO_PATH_MATCHED"), received);
        return new Exchange(output.subList(from, received).stream().filter(line -> !line.contains(SENTINEL)).toList());
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

    /**
     * What Prism logged about one exchange.
     *
     * @param log its lines, in order
     */
    public record Exchange(List<String> log) {

        public Exchange {
            log = List.copyOf(log);
        }

        /**
         * Why the exchange does not prove a conforming request: Prism received no request, did not validate it, or
         * logged a violation or error. Empty when the request conforms to the description.
         */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (log.stream().noneMatch(line -> line.contains("Request received"))) {
                problems.add("Prism received no request");
            }
            if (log.stream().noneMatch(line -> line.contains("The request passed the validation rules"))) {
                problems.add("Prism did not find the request valid");
            }
            // A negotiator warning ("Unable to find content") is about the description's answer, not the request.
            log.stream().filter(line -> line.contains("✖") || line.contains("Violation")
                    || line.contains("[VALIDATOR]") && line.contains("⚠")).forEach(problems::add);
            return problems;
        }

        /** Whether Prism logged an error or violation: the counterpart of {@link #problems()} for negative checks. */
        public boolean refused() {
            return log.stream().anyMatch(line -> line.contains("✖"));
        }

        @Override
        public String toString() {
            return String.join("\n", log);
        }
    }

    /** An exchange with the mock that may throw. */
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
