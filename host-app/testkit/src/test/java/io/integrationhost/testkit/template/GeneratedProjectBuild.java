package io.integrationhost.testkit.template;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a generated project's main sources in-process, with PF4J's annotation processor, and packs a
 * plugin jar from them, the way its Maven build would (minus shading: its libraries stay on this test's
 * class path). Fast enough for the kit's own tests; the end-to-end suite builds generated projects with
 * Maven itself.
 */
final class GeneratedProjectBuild {

    private GeneratedProjectBuild() {
    }

    /** Builds {@code files} (as rendered by the template) into {@code work}; answers the jar. */
    static Path jar(PluginProjectSpec spec, Map<String, String> files, String requires, Path work) throws IOException {
        Path sources = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        String classPath = testClassPath();
        compile(write(files, "src/main/", sources), classes, classPath, List.of("-processorpath", classPath,
                "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", spec.id());
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Plugin-Requires", requires);
        Path jar = work.resolve(spec.artifactId() + "-1.0.0.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            add(out, classes);
            add(out, sources.resolve("src/main/resources"));
        }
        return jar;
    }

    /**
     * Compiles the project's tests against its main classes (in {@code work}, from {@link #jar}) and the
     * kit, as its Maven build would; answers the folder of their classes.
     */
    static Path testClasses(Map<String, String> files, Path work) throws IOException {
        Path classes = Files.createDirectories(work.resolve("test-classes"));
        compile(write(files, "src/test/", work.resolve("src")), classes,
                work.resolve("classes") + File.pathSeparator + testClassPath(), List.of("-proc:none"));
        return classes;
    }

    private static List<String> write(Map<String, String> files, String prefix, Path sources) throws IOException {
        List<String> javaFiles = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getKey().startsWith(prefix)) {
                Path target = sources.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
                if (file.getKey().endsWith(".java")) {
                    javaFiles.add(target.toString());
                }
            }
        }
        return javaFiles;
    }

    private static void compile(List<String> javaFiles, Path classes, String classPath, List<String> options) {
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-classpath", classPath));
        arguments.addAll(options);
        arguments.addAll(javaFiles);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = javac.run(null, null, errors, arguments.toArray(String[]::new));
        if (exit != 0) {
            throw new AssertionError("The generated sources do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
    }

    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The {@code Plugin-Requires} range for a plugin built against {@code platformVersion}: up to the next major. */
    static String requiresRange(String platformVersion) {
        String[] parts = platformVersion.split("[.-]");
        return ">=" + parts[0] + "." + parts[1] + ".0 & <" + (Integer.parseInt(parts[0]) + 1) + ".0.0";
    }

    private static void add(JarOutputStream out, Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
            out.write(Files.readAllBytes(file));
            out.closeEntry();
        }
    }
}
