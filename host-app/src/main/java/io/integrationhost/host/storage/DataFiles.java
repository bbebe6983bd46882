package io.integrationhost.host.storage;

import io.integrationhost.host.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The small owner-only files of the data folder (the master key, the administrator token's hash). Each is created
 * whole or not at all: a crash, or a second instance starting on the same folder, never leaves an empty or half
 * written file that would lock everyone out.
 */
public final class DataFiles {

    private DataFiles() {
    }

    /**
     * Writes {@code content} to {@code file} unless it exists already; returns whether this call created it. The
     * content goes to an owner-only temporary file first, which is then linked into place: the link fails if another
     * process created the file meanwhile, whose content then wins.
     */
    public static boolean createOnce(Path file, String content) throws IOException {
        Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary;
        try {
            temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        }
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
}
