package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.maa.api.MaaConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store is private to its owner: owner-only modes, a random password, no listener unless shared and
 * then on loopback only, and another OS user gets nothing.
 */
class H2FilePrivacyTest {

    static {
        // as in an application: MAA's store opens before anything else loads H2 (the tests below use H2 directly)
        JdbcStores.defaultH2Path();
    }

    @TempDir
    Path dir;

    @Test
    void h2File_isOwnerOnly_withARandomPassword_andNoEmptyPasswordLogin() throws Exception {
        Path base = dir.resolve("home/maa");
        try (JdbcRequestStore store = JdbcStores.h2File(base)) {
            store.insert(request("r1", "app-1", 0), event("r1", "SUBMITTED"));
            assertThat(mode(dir.resolve("home"))).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("home/maa.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("home/maa.password"))).isEqualTo("rw-------");
            assertThat(Files.readString(dir.resolve("home/maa.password")).strip())
                    .matches("[0-9a-f]{48}");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(JdbcStores.h2FileUrl(base), "sa", "")
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Wrong user name or password");
    }

    @Test
    void h2File_inADirectoryOthersCanRead_isRefusedWithTheCommandThatFixesIt() throws IOException {
        Path home = Files.createDirectory(
                dir.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> JdbcStores.h2File(home.resolve("maa")))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("has mode rwxr-xr-x")
                .hasMessageContaining("chmod 700 " + home);
    }

    @Test
    void h2File_whoseStoreFileOthersCanRead_isRefused_andNothingIsChanged() throws IOException {
        Path base = dir.resolve("maa");
        JdbcStores.h2File(base).close();
        Path file = dir.resolve("maa.mv.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> JdbcStores.h2File(base))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("chmod 600 " + file);
        assertThat(mode(file)).isEqualTo("rw-r--r--");
    }

    @Test
    void h2File_ofAStoreFromBeforePasswords_getsAPassword() throws Exception {
        Path base = dir.resolve("old");
        DriverManager.getConnection("jdbc:h2:file:" + base, "sa", "").close();
        // such stores were created by the umask (0644): refused until their owner runs the chmod the refusal names
        Files.setPosixFilePermissions(dir.resolve("old.mv.db"), PosixFilePermissions.fromString("rw-------"));

        try (JdbcRequestStore store = JdbcStores.h2File(base)) {
            assertThat(store.find("nothing")).isEmpty();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(JdbcStores.h2FileUrl(base), "sa", "")
                        .close())
                .hasMessageContaining("Wrong user name or password");
    }

    @Test
    void h2File_unshared_listensOnNoPort_andShared_onLoopbackOnly() throws Exception {
        try (JdbcRequestStore store = JdbcStores.h2File(dir.resolve("private"))) {
            assertThat(dir.resolve("private.lock.db"))
                    .as("H2 writes a lock file with the server's address and key")
                    .doesNotExist();
        }
        try (JdbcRequestStore store = JdbcStores.h2File(dir.resolve("shared"), true)) {
            String server = lockFile(dir.resolve("shared.lock.db")).getProperty("server");
            int colon = server.lastIndexOf(':');
            assertThat(InetAddress.getByName(server.substring(0, colon)).isLoopbackAddress())
                    .as(server)
                    .isTrue();
            int port = Integer.parseInt(server.substring(colon + 1));
            for (InetAddress address : nonLoopbackAddresses()) {
                try (Socket s = new Socket()) {
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress(address, port), 2_000))
                            .as("the shared store's port on " + address)
                            .isInstanceOf(IOException.class);
                }
            }
        }
    }

    @Test
    @Timeout(120)
    void anotherOsUser_cannotReadTheStore_norConnectToItsListener() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "runuser is not installed: cannot act as another OS user here");
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can run a command as user nobody");
        Path base = dir.resolve("maa");
        try (JdbcRequestStore store = JdbcStores.h2File(base, true)) {
            Properties lock = lockFile(dir.resolve("maa.lock.db"));
            Path probe = NobodyProbe.install();
            Process p = new ProcessBuilder(
                            "runuser",
                            "-u",
                            "nobody",
                            "--",
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            probe.toString(),
                            NobodyProbe.class.getName(),
                            base.toString(),
                            lock.getProperty("server"),
                            lock.getProperty("id"))
                    .redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("file: refused", "password file: refused", "listener: refused");
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Properties lockFile(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p)) {
            props.load(r);
        }
        return props;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
    }
}
