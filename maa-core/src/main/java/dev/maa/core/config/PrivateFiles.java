package dev.maa.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files private to the OS user who owns them: directories of mode 0700, files of mode 0600, and the one check that a
 * file or directory is not open to the group or to others. Secrets of MAA live in such files (the embedded store and
 * its password, the audit key, the CLI's credentials).
 *
 * <p>Why one place: each of them checked modes with its own copy of the rule. Callers word their own refusal (what
 * others could do with the file) around {@link #openToOthers}; a looser mode is refused, never silently changed,
 * since a file others could read may have been copied or changed already. On file systems without POSIX modes the
 * checks pass and files are created plainly.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {}

    /**
     * The mode of {@code p} (as {@code rw-r--r--}) when its group or others have any permission on it; empty when it
     * is private to its owner or the file system has no POSIX modes. Links are not followed.
     */
    public static Optional<String> openToOthers(Path p) {
        if (!supportsPosix(p)) {
            return Optional.empty();
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mode of " + p + ": " + e.getMessage(), e);
        }
        return perms.stream().anyMatch(OTHERS::contains)
                ? Optional.of(PosixFilePermissions.toString(perms))
                : Optional.empty();
    }

    /** Whether the file system holding {@code existing} (which must exist) has POSIX modes. */
    public static boolean supportsPosix(Path existing) {
        try {
            return Files.getFileStore(existing).supportsFileAttributeView("posix");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the file system of " + existing + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} with mode 0700 (and missing parents by the umask) unless it exists; its mode is not checked. */
    public static void createPrivateDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Path parent = dir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (supportsPosix(parent)) {
                Files.createDirectory(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            // another process created it; callers check its mode
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code file}, which must not exist, with mode 0600 where the file system has modes. */
    public static void createPrivateFile(Path file) throws IOException {
        if (supportsPosix(file.toAbsolutePath().getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /**
     * Writes {@code text} to a new file of mode 0600 beside {@code file} and moves it into place, so nobody sees it
     * half-written and it is never readable by others, whatever the umask.
     */
    public static void writePrivately(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        createPrivateFile(tmp);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
