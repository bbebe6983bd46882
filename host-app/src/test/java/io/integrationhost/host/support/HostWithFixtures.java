package io.integrationhost.host.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link RunningHost} for each test, on fixture plugin jars written into its plugins folder, optionally with one
 * integration configured the way the test needs it; stopped, and its folders deleted, after the test.
 *
 * <pre>{@code
 * @RegisterExtension
 * final HostWithFixtures svc = HostWithFixtures.service("svc").setting("HOST_ACTION_TIMEOUT_SECONDS", "1").preAuthorized();
 * }</pre>
 *
 * <p>The host starts before the test's own {@code @BeforeEach} methods run and stops after its {@code @AfterEach} ones.
 */
public final class HostWithFixtures implements BeforeEachCallback, AfterEachCallback {

    /** How the one configured integration is authorized before the test starts. */
    private enum Authorization { NONE, PRE_AUTHORIZED, USER_AUTHORIZED }

    private final List<FixturePlugins> plugins;
    private final String integrationId;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Authorization authorization = Authorization.NONE;
    private String profileName;
    private Path root;
    private RunningHost host;
    private String profileId;

    private HostWithFixtures(String integrationId, List<FixturePlugins> plugins) {
        this.integrationId = integrationId;
        this.plugins = List.copyOf(plugins);
    }

    /** A host on the fixture service {@code integrationId} (see {@link FixturePlugins#service(String)}), not configured. */
    public static HostWithFixtures service(String integrationId) {
        return on(integrationId, FixturePlugins.service(integrationId));
    }

    /** A host on these fixture plugins; {@code integrationId} is the one {@link #preAuthorized()} and the like configure. */
    public static HostWithFixtures on(String integrationId, FixturePlugins... plugins) {
        return new HostWithFixtures(integrationId, List.of(plugins));
    }

    /** A host setting, as an environment variable of the host (the administrator token is always set). */
    public HostWithFixtures setting(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Pre-authorizes the integration with the fixture's good account and token and enables it, before the test. */
    public HostWithFixtures preAuthorized() {
        this.authorization = Authorization.PRE_AUTHORIZED;
        return this;
    }

    /** Lets end users authorize the integration through a new {@code fixture-token} profile and enables it, before the test. */
    public HostWithFixtures userAuthorized(String profileName) {
        this.authorization = Authorization.USER_AUTHORIZED;
        this.profileName = profileName;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        // A folder of the test's own, deleted after it as a @TempDir is: JUnit injects no @TempDir into an extension.
        root = Files.createTempDirectory("host-with-fixtures");
        Path pluginsFolder = Files.createDirectories(root.resolve("plugins"));
        for (FixturePlugins plugin : plugins) {
            plugin.writeTo(pluginsFolder);
        }
        host = RunningHost.start(root, environment);
        switch (authorization) {
            case PRE_AUTHORIZED -> host.enablePreAuthorized(integrationId);
            case USER_AUTHORIZED -> profileId = host.enableUserAuthorized(integrationId, profileName);
            case NONE -> { }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            stop();
        } finally {
            deleteFolder(root);
        }
    }

    /** The running host of the current test. */
    public RunningHost host() {
        return host;
    }

    /** Stops the host, as an operator does before working on its database; {@link #startAgain()} starts another. */
    public void stop() {
        if (host != null) {
            host.close();
            host = null;
        }
    }

    /** Stops the host if it runs and starts another on the same folders, as a restart of the host does. */
    public RunningHost startAgain() {
        return startAgain(Map.of());
    }

    /** {@link #startAgain()}, with {@code moreSettings} besides the builder's. */
    public RunningHost startAgain(Map<String, String> moreSettings) {
        stop();
        Map<String, String> settings = new LinkedHashMap<>(environment);
        settings.putAll(moreSettings);
        host = RunningHost.start(root, settings);
        return host;
    }

    /** The folder holding the host's {@code plugins} and {@code data} folders. */
    public Path root() {
        return root;
    }

    /** The id of the profile {@link #userAuthorized(String)} created. */
    public String profileId() {
        return profileId;
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
