package io.integrationhost.runtime.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sandbox a worker runs in, where Linux allows one: bubblewrap ({@code bwrap}) gives the worker a file system of
 * its own in which only a read-only JDK (with the system libraries it needs), the worker's own jars and its temporary
 * folder exist, in namespaces of its own but for the network. Without it a worker is still a process of its own with
 * a clean environment, but it sees the host's files as the host's user does: weaker isolation, and said so.
 *
 * @param bwrap the bubblewrap program, or {@code null} when workers run without a sandbox
 * @param reason why there is no sandbox, or {@code null} when there is one
 */
public record Sandbox(Path bwrap, String reason) {

    /** The paths inside the sandbox. */
    static final String WORKER_JAR = "/worker/plugin-worker.jar";
    static final String PLUGIN_DIR = "/plugin";
    static final String WORK_DIR = "/work";

    /** Workers without a sandbox, for {@code reason}. */
    public static Sandbox none(String reason) {
        return new Sandbox(null, reason);
    }

    /**
     * Bubblewrap where it is on the {@code PATH} (or at {@code /usr/bin/bwrap}) and runs a program here; otherwise no
     * sandbox, with the reason.
     */
    public static Sandbox detect(String path) {
        return DETECTED.computeIfAbsent(path == null ? "" : path, Sandbox::find);
    }

    /** What {@link #detect} found, by {@code PATH}: trying bubblewrap once per process is enough. */
    private static final java.util.Map<String, Sandbox> DETECTED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Sandbox find(String path) {
        Path found = null;
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "bwrap"))) {
                found = Path.of(dir, "bwrap");
                break;
            }
        }
        if (found == null && Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
            found = Path.of("/usr/bin/bwrap");
        }
        if (found == null) {
            return none("bubblewrap (bwrap) is not installed");
        }
        String failure = tryOut(found);
        return failure == null ? new Sandbox(found, null) : none(failure);
    }

    public boolean available() {
        return bwrap != null;
    }

    /** "bubblewrap", or "none" with the reason. */
    public String describe() {
        return available() ? "bubblewrap" : "none (" + reason + ")";
    }

    /** Runs {@code true} in a sandbox like a worker's: bubblewrap may be installed and still be refused namespaces. */
    private static String tryOut(Path bwrap) {
        List<String> command = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--share-net", "--die-with-parent"));
        systemMounts(command);
        command.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--", "/bin/sh", "-c", "exit 0"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readNBytes(2000)).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "bubblewrap did not run a program within 10 s";
            }
            return process.exitValue() == 0 ? null : "bubblewrap is installed but cannot run a sandbox here: "
                    + (output.isEmpty() ? "exit code " + process.exitValue() : output.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return "bubblewrap is installed but cannot be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying bubblewrap";
        }
    }

    /**
     * The command that runs {@code java} in the sandbox: the JDK and {@code /usr} read-only, the worker jar and the
     * plugin jar read-only at fixed paths, {@code workDir} as its one writable folder, and each of {@code hidden}
     * that lies inside a folder it sees covered by an empty one.
     */
    List<String> wrap(Path workerJar, Path pluginJar, Path workDir, List<Path> hidden, List<String> java) {
        List<String> command = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--share-net", "--die-with-parent",
                "--new-session"));
        systemMounts(command);
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        if (!javaHome.startsWith("/usr")) {
            command.addAll(List.of("--ro-bind", javaHome.toString(), javaHome.toString()));
        }
        command.addAll(List.of("--ro-bind", workerJar.toString(), WORKER_JAR,
                "--ro-bind", pluginJar.toString(), PLUGIN_DIR + "/" + pluginJar.getFileName(),
                "--bind", workDir.toString(), WORK_DIR,
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--chdir", WORK_DIR));
        for (Path folder : hidden) {
            Path absolute = folder.toAbsolutePath().normalize();
            if (absolute.startsWith("/usr") || absolute.startsWith("/etc") || absolute.startsWith(javaHome)) {
                command.addAll(List.of("--tmpfs", absolute.toString()));
            }
        }
        command.add("--");
        command.addAll(java);
        return command;
    }

    /** {@code /usr} and the few files of {@code /etc} a JVM reads (certificates, name resolution, the JDK's own settings). */
    private static void systemMounts(List<String> command) {
        command.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/bin", "/lib", "/lib64", "/sbin")) {
            Path path = Path.of(top);
            if (Files.isSymbolicLink(path)) {
                try {
                    command.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), top));
                } catch (IOException e) {
                    // Left out: a JVM finds its libraries under /usr.
                }
            } else if (Files.isDirectory(path)) {
                command.addAll(List.of("--ro-bind", top, top));
            }
        }
        for (String file : List.of("/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/ssl", "/etc/ca-certificates",
                "/etc/localtime", "/etc/timezone")) {
            command.addAll(List.of("--ro-bind-try", file, file));
        }
        try (Stream<Path> etc = Files.list(Path.of("/etc"))) {
            etc.filter(path -> path.getFileName().toString().startsWith("java-")).sorted()
                    .forEach(path -> command.addAll(List.of("--ro-bind", path.toString(), path.toString())));
        } catch (IOException e) {
            // No JDK settings under /etc: the JDK keeps them in its own folder.
        }
    }
}
