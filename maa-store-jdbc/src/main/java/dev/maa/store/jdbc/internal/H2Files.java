package dev.maa.store.jdbc.internal;

import dev.maa.api.MaaConfigurationException;
import dev.maa.core.config.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * The files of an embedded H2 store, private to the OS user who owns them: the directory is mode 0700, the store's
 * files 0600, and the database has a random password kept in {@code <name>.password} (0600) next to it, so no other
 * local user can read the file, nor connect to a process that shares it (see {@code JdbcStores.h2FileSettings}).
 * Looser modes found at start are refused with the command that fixes them, never silently changed: files that
 * others could read may have been copied or changed already.
 *
 * <p>A store created before passwords (user {@code sa}, empty password) gets one on its first open.
 */
public final class H2Files {

    /** The suffixes of the files H2 keeps beside its base path, and the password file. */
    private static final String TRACE = ".trace.db";

    private static final List<String> SUFFIXES = List.of(".mv.db", ".lock.db", TRACE, ".password");
    private static final SecureRandom RANDOM = new SecureRandom();

    private H2Files() {}

    /** {@code path} absolute, without the {@code .mv.db} suffix (which is tolerated). */
    public static Path base(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        return name.endsWith(".mv.db")
                ? absolute.resolveSibling(name.substring(0, name.length() - ".mv.db".length()))
                : absolute;
    }

    /**
     * Creates the store's directory (mode 0700) if missing, checks the modes of the directory and of the store's
     * files, and returns the database password, creating it for a new store (or one from before passwords).
     *
     * @throws MaaConfigurationException if the directory or a file is open to other users
     */
    public static String prepare(Path base) {
        Path dir = base.getParent();
        boolean posix = supportsPosix(existingAncestor(dir));
        PrivateFiles.createPrivateDirectory(dir);
        if (posix) {
            refuseIfOpenToOthers(dir, "700");
            for (String suffix : SUFFIXES) {
                Path f = sibling(base, suffix);
                if (suffix.equals(TRACE)) {
                    restrict(f); // H2 writes it by the umask whenever it logs an error; it holds no data
                } else if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                    refuseIfOpenToOthers(f, "600");
                }
            }
        }
        Path passwordFile = sibling(base, ".password");
        if (Files.exists(passwordFile)) {
            return read(passwordFile);
        }
        String password = HexFormat.of().formatHex(bytes(24));
        boolean existing = Files.exists(sibling(base, ".mv.db"));
        writePrivately(passwordFile, password);
        if (existing) {
            setPasswordOfOldStore(base, passwordFile, password);
        }
        return password;
    }

    /** Takes the group and other bits off the store's files that H2 created (it creates them by the umask). */
    public static void restrictAll(Path base) {
        for (String suffix : SUFFIXES) {
            restrict(sibling(base, suffix));
        }
    }

    private static void restrict(Path f) {
        try {
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS) && supportsPosix(f)) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + f + " private (mode 600): " + e.getMessage(), e);
        }
    }

    static Path sibling(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }

    static void refuseIfOpenToOthers(Path p, String mode) {
        PrivateFiles.openToOthers(p).ifPresent(perms -> {
            throw new MaaConfigurationException("The embedded store " + (Files.isDirectory(p) ? "directory " : "file ")
                    + p + " has mode " + perms + ": other users of this machine could "
                    + "read or change requests and approvals. It must be private to its owner: run `chmod " + mode + " "
                    + p + "` (and check nobody else changed it), then start again.");
        });
    }

    static boolean supportsPosix(Path existing) {
        return PrivateFiles.supportsPosix(existing);
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.getRoot() : p;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String read(Path passwordFile) {
        try {
            String password =
                    Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
            if (password.isEmpty()) {
                throw new MaaConfigurationException(
                        "The password file " + passwordFile + " of the embedded store is "
                                + "empty. Restore it from a backup; if the store predates passwords, delete it to set a new one.");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + passwordFile + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} to a new file of mode 0600 and moves it into place, so no one sees it half-written. */
    private static void writePrivately(Path file, String text) {
        try {
            PrivateFiles.writePrivately(file, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code file}, which must not exist, with mode 0600 where the file system has modes. */
    static void createPrivateFile(Path file, boolean posix) throws IOException {
        PrivateFiles.createPrivateFile(file);
    }

    /** A store from before passwords: user {@code sa}, empty password. It gets {@code password}. */
    private static void setPasswordOfOldStore(Path base, Path passwordFile, String password) {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base + ";IFEXISTS=TRUE", "sa", "");
                PreparedStatement ps = c.prepareStatement("ALTER USER SA SET PASSWORD ?")) {
            ps.setString(1, password);
            ps.execute();
        } catch (SQLException e) {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException ignored) {
                // the message below says what to do
            }
            throw new MaaConfigurationException(
                    "The embedded store " + base + ".mv.db has no password file, and "
                            + "setting a password on it failed (" + e.getMessage()
                            + "). If another process has it open, stop "
                            + "that process and start again; if its password file was lost, restore " + passwordFile
                            + " from a backup.",
                    e);
        }
    }
}
