package dev.maa.store.jdbc;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Run as another OS user by {@link H2FilePrivacyTest} ({@code <base> <server> <key>}): tries to read the store's
 * files and to connect to its listener as {@code sa} with the empty password H2 stores used to have. Prints what
 * each attempt got; exits 0 if all were refused, 1 if any got through.
 */
public final class NobodyProbe {

    private NobodyProbe() {}

    public static void main(String[] args) {
        String base = args[0];
        boolean allRefused = attempt("file", () -> Files.readAllBytes(Path.of(base + ".mv.db")))
                & attempt("password file", () -> Files.readAllBytes(Path.of(base + ".password")))
                & attempt(
                        "listener",
                        () -> DriverManager.getConnection("jdbc:h2:tcp://" + args[1] + "/" + args[2], "sa", "")
                                .close());
        System.exit(allRefused ? 0 : 1);
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static boolean attempt(String what, Attempt a) {
        try {
            a.run();
            System.out.println(what + ": GOT THROUGH");
            return false;
        } catch (IOException | SQLException e) {
            System.out.println(what + ": refused (" + e.getMessage() + ")");
            return true;
        } catch (Exception e) {
            System.out.println(what + ": " + e);
            return false;
        }
    }

    /** Copies this class and the H2 driver where any user can read them; returns the class path. */
    static Path install() throws IOException, URISyntaxException {
        Path root = Files.createTempDirectory("maa-nobody-probe");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path h2 = Path.of(org.h2.Driver.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path classes = Path.of(NobodyProbe.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path jarCopy = Files.copy(h2, root.resolve("h2.jar"));
        String pkg = NobodyProbe.class.getPackageName().replace('.', '/');
        Path dest = Files.createDirectories(root.resolve("classes").resolve(pkg));
        for (String name : new String[] {"NobodyProbe.class", "NobodyProbe$Attempt.class"}) {
            Files.copy(classes.resolve(pkg).resolve(name), dest.resolve(name));
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return Path.of(jarCopy + ":" + root.resolve("classes"));
    }
}
