package io.integrationhost.host.storage;

import io.integrationhost.host.config.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder and its small files (the master key, the administrator token's hash). The folder is its owner's
 * only (0700) and so is every file in it (0600), the database's included. Each small file is created whole or not
 * at all: a crash, or a second instance starting on the same folder, never leaves an empty or half written file that
 * would lock everyone out.
 */
public final class DataFiles {

    private static final Logger log = LoggerFactory.getLogger(DataFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private DataFiles() {
    }

    /**
     * Creates {@code folder} for its owner only, or restricts it to its owner when it exists (a folder made by an
     * earlier version, or by hand, under a umask that lets others in). Java cannot set the process's umask, so the
     * folder's mode is what keeps others away from files that libraries create inside it with the umask's modes.
     * Does nothing on a file system without POSIX permissions.
     */
    public static Path ownerOnlyFolder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (!posix(absolute)) {
            return Files.createDirectories(absolute);
        }
        Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        Set<PosixFilePermission> was = Files.getPosixFilePermissions(absolute);
        if (!was.equals(OWNER_ONLY_FOLDER)) {
            Files.setPosixFilePermissions(absolute, OWNER_ONLY_FOLDER);
            log.info("Restricted {} to its owner (it was {})", absolute, PosixFilePermissions.toString(was));
        }
        return absolute;
    }

    /**
     * Restricts every file below {@code folder} to its owner (0600, folders 0700): files a library created there
     * with the umask's modes. Symbolic links are left alone, and so is what they point to.
     */
    public static void ownerOnlyContents(Path folder) throws IOException {
        if (!posix(folder)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(folder)) {
            entries = walk.filter(entry -> !entry.equals(folder)).toList();
        }
        for (Path entry : entries) {
            Set<PosixFilePermission> wanted = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? OWNER_ONLY_FOLDER
                    : Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) ? OWNER_ONLY_FILE : null;
            try {
                if (wanted != null && !Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
                    Files.setPosixFilePermissions(entry, wanted);
                }
            } catch (NoSuchFileException removedMeanwhile) {
                // A temporary file the database deleted since the folder was listed.
            }
        }
    }

    /**
     * Writes {@code content} to {@code file} unless it exists already; returns whether this call created it. The
     * content goes to an owner-only temporary file first, which is then linked into place: the link fails if another
     * process created the file meanwhile, whose content then wins.
     */
    public static boolean createOnce(Path file, String content) throws IOException {
        Path folder = ownerOnlyFolder(file.toAbsolutePath().getParent());
        Path temporary = posix(folder)
                ? Files.createTempFile(folder, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, temporary);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(temporary, file);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The file's content; when there is no file yet, {@code newContent}'s, written with {@link #createOnce}, and
     * {@code created} runs if this call wrote it. When another process created the file meanwhile, its content wins.
     * Nothing is generated or written while the file exists.
     */
    public static String readOrCreate(Path file, String whatItHolds, Supplier<String> newContent, Runnable created)
            throws IOException {
        Optional<String> kept = read(file, whatItHolds);
        if (kept.isPresent()) {
            return kept.get();
        }
        if (createOnce(file, newContent.get())) {
            created.run();
        }
        return read(file, whatItHolds).orElseThrow();
    }

    /** The file's content, trimmed; empty when there is no file. Refuses a file that exists but holds nothing. */
    public static Optional<String> read(Path file, String whatItHolds) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (content.isEmpty()) {
            throw new StartupException(file + " is empty, so it holds no " + whatItHolds + ".",
                    "Restore it from a backup, or, if it never held one, delete it and start the host again.");
        }
        return Optional.of(content);
    }

    /** Whether the file system of {@code path} has POSIX permissions (not so on Windows). */
    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
