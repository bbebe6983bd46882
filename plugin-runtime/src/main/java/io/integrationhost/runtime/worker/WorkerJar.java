package io.integrationhost.runtime.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The jar a worker runs: the worker's own code with the platform API, PF4J, Jackson and a logger writing to the
 * worker's standard error, and nothing of the host (no database driver, no vault). The build puts it beside the
 * host's classes as {@link #RESOURCE}; inside the host's jar it is copied out once, to a file only this user reads.
 */
public final class WorkerJar {

    /** Where the build puts the worker jar on the class path. */
    public static final String RESOURCE = "/io/integrationhost/worker/plugin-worker.jar";
    /** A system property naming the worker jar to use instead. */
    public static final String PROPERTY = "integrationhost.worker.jar";

    private static Path located;

    private WorkerJar() {
    }

    /**
     * The worker jar's path.
     *
     * @throws IllegalStateException when the build put none on the class path
     */
    public static synchronized Path locate() {
        if (located != null && Files.isRegularFile(located)) {
            return located;
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            located = Path.of(property).toAbsolutePath();
            return located;
        }
        URL resource = WorkerJar.class.getResource(RESOURCE);
        if (resource == null) {
            throw new IllegalStateException("The plugin worker jar (" + RESOURCE + ") is not on the class path; build the"
                    + " project with 'mvn verify' or 'mvn install', which puts it there.");
        }
        try {
            if ("file".equals(resource.getProtocol())) {
                located = Path.of(resource.toURI());
                return located;
            }
            Path copy = Files.createTempFile("integration-host-worker-", ".jar");
            copy.toFile().deleteOnExit();
            try (InputStream in = resource.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            located = copy;
            return located;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy out the plugin worker jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The plugin worker jar's location is no path: " + resource, e);
        }
    }
}
