package io.integrationhost.e2e;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * The platform artifacts this build produced (the parent pom, platform-api, plugin-runtime, plugin-testkit and
 * plugin-parent, the parent of plugin projects), and a Maven repository that holds them, for building a
 * plugin project outside the reactor.
 *
 * <p>Why a repository of its own: the README's test command is {@code mvn verify}, which installs nothing,
 * so the developer's local repository may hold older platform artifacts or none. A plugin project built
 * with that repository would test against the wrong platform. Instead the build gets a fresh local
 * repository with this build's artifacts, and every other artifact is read, offline, from the developer's
 * local repository as a {@code file:} mirror: nothing is downloaded, and the developer's repository is
 * only read.
 *
 * <p>Each artifact is taken from this test's class path when Maven put it there (the reactor's jar or
 * classes), else from its module's {@code target/} folder.
 */
final class PlatformArtifacts {

    private static final String GROUP_PATH = "io/integrationhost";
    private static final String KIT_MAIN_CLASS = "io.integrationhost.testkit.template.NewPluginProject";

    private final Path root;
    private final String version;

    private PlatformArtifacts(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    static PlatformArtifacts ofThisBuild() {
        String configured = System.getProperty("repository.root");
        if (configured == null) {
            throw new IllegalStateException("repository.root is not set; run the tests through Maven (mvn verify)");
        }
        Path root = Path.of(configured).toAbsolutePath().normalize();
        return new PlatformArtifacts(root, projectVersion(root.resolve("pom.xml")));
    }

    Path root() {
        return root;
    }

    /** The plugin test kit's jar, runnable with {@code java -jar} (the project generator). */
    Path kitJar(Path work) throws IOException {
        return jar("plugin-testkit", root.resolve("host-app/testkit"), work, KIT_MAIN_CLASS);
    }

    /**
     * Creates a local repository in {@code repository} with this build's platform artifacts, and settings
     * that resolve everything else offline from the developer's local repository.
     *
     * @return the Maven options that use them
     */
    List<String> offlineRepository(Path repository, Path work) throws IOException {
        install("integration-host-parent", root.resolve("pom.xml"), null, repository);
        install("platform-api", root.resolve("platform-api/pom.xml"),
                jar("platform-api", root.resolve("platform-api"), work, null), repository);
        install("plugin-runtime", root.resolve("plugin-runtime/pom.xml"),
                jar("plugin-runtime", root.resolve("plugin-runtime"), work, null), repository);
        install("plugin-testkit", root.resolve("host-app/testkit/pom.xml"), kitJar(work), repository);
        install("plugin-parent", root.resolve("plugin-parent/pom.xml"), null, repository);

        Path developersRepository = developersRepository();
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <offline>true</offline>
                  <mirrors>
                    <mirror>
                      <id>developers-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(developersRepository.toUri()));
        // Offline mode blocks every remote repository; file: URLs are allowed back explicitly.
        return List.of("-s", settings.toString(), "-Dmaven.repo.local=" + repository, "-Daether.offline.protocols=file");
    }

    private void install(String artifactId, Path pom, Path jar, Path repository) throws IOException {
        Path dir = Files.createDirectories(repository.resolve(GROUP_PATH).resolve(artifactId).resolve(version));
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The module's jar: from the test class path, else from target/, else packed from target/classes. */
    private Path jar(String artifactId, Path module, Path work, String mainClass) throws IOException {
        String jarName = artifactId + "-" + version + ".jar";
        Path classes = module.resolve("target/classes").toAbsolutePath().normalize();
        Path target = classes.getParent();
        // In a reactor build the module's own jar is on the class path under the name its build gave it (platform-api's
        // carries the contract's version, for the compatibility check), not under <artifactId>-<version>.jar.
        Optional<Path> onClassPath = classPath().stream()
                .filter(entry -> entry.getFileName().toString().equals(jarName) || entry.equals(classes)
                        || target.equals(entry.getParent()) && entry.getFileName().toString().startsWith(artifactId + "-")
                        && entry.getFileName().toString().endsWith(".jar"))
                .findFirst();
        Path found = onClassPath.orElseGet(() -> {
            Path built = module.resolve("target").resolve(jarName);
            return Files.isRegularFile(built) ? built : classes;
        });
        if (Files.isRegularFile(found)) {
            return found;
        }
        if (!Files.isDirectory(found)) {
            throw new IllegalStateException(artifactId + " has not been built: neither " + module.resolve("target").resolve(jarName)
                    + " nor " + classes + " exists. Build the whole project (mvn verify) first.");
        }
        return packed(found, work.resolve(jarName), mainClass);
    }

    private static Path packed(Path classes, Path jar, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out, manifest)) {
            for (Path file : files) {
                entries.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                entries.write(Files.readAllBytes(file));
                entries.closeEntry();
            }
        }
        return jar;
    }

    private static List<Path> classPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path", ""));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize())
                .toList();
    }

    /** The developer's local Maven repository: the one Maven was told to use, else the default. */
    private static Path developersRepository() {
        String configured = System.getProperty("maven.local.repository");
        Path repository = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(configured);
        if (!Files.isDirectory(repository)) {
            throw new IllegalStateException("No local Maven repository at " + repository
                    + "; pass its location as -Dmaven.local.repository=...");
        }
        return repository;
    }

    private static String projectVersion(Path pom) {
        try {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            var children = document.getDocumentElement().getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if ("version".equals(children.item(i).getNodeName())) {
                    return children.item(i).getTextContent().strip();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the version of " + pom, e);
        }
        throw new IllegalStateException(pom + " has no version");
    }
}
