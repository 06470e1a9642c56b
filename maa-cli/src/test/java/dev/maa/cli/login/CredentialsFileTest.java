package dev.maa.cli.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {

    @TempDir
    Path tmp;

    private static Credentials credentials(String access) {
        return new Credentials(
                URI.create("https://idp.example/realms/maa"),
                "maa-cli",
                List.of("openid", "offline_access"),
                URI.create("https://idp.example/token"),
                null,
                access,
                "refresh-" + access,
                Instant.parse("2026-12-07T10:00:00Z"),
                "device");
    }

    @Test
    void key_spellingsOfOneServer_areOneKey() {
        assertThat(CredentialsFile.key(URI.create("HTTP://Maa.Example:80/")))
                .isEqualTo(CredentialsFile.key(URI.create("http://maa.example")))
                .isEqualTo("http://maa.example");
        assertThat(CredentialsFile.key(URI.create("https://maa.example:443/approvals/")))
                .isEqualTo("https://maa.example/approvals");
        assertThat(CredentialsFile.key(URI.create("http://127.0.0.1:8080"))).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void put_newHome_createsAPrivateDirectoryAndFile() throws Exception {
        Path home = tmp.resolve("home");
        CredentialsFile file = new CredentialsFile(home);

        file.put(URI.create("http://127.0.0.1:8080"), credentials("a"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
                .isEqualTo("rw-------");
        assertThat(file.find(URI.create("http://127.0.0.1:8080/"))).contains(credentials("a"));
    }

    @Test
    void remove_oneServer_keepsTheOthers() {
        CredentialsFile file = new CredentialsFile(tmp.resolve("home"));
        file.put(URI.create("https://one.example"), credentials("1"));
        file.put(URI.create("https://two.example"), credentials("2"));

        assertThat(file.remove(URI.create("https://one.example"))).isTrue();

        assertThat(file.find(URI.create("https://one.example"))).isEmpty();
        assertThat(file.find(URI.create("https://two.example"))).contains(credentials("2"));
        assertThat(file.servers()).containsExactly("https://two.example");
        assertThat(file.remove(URI.create("https://one.example"))).isFalse();
    }

    @Test
    void find_fileNotJson_isRefusedAndLeftAsItIs() throws Exception {
        CredentialsFile file = new CredentialsFile(tmp.resolve("home"));
        file.put(URI.create("https://one.example"), credentials("1"));
        Files.writeString(file.path(), "{ half");

        assertThatThrownBy(() -> file.put(URI.create("https://two.example"), credentials("2")))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("run `maa login` again")
                .extracting(e -> ((CliException) e).exitCode())
                .isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(Files.readString(file.path())).isEqualTo("{ half");
    }

    @Test
    void put_directoryOpenToOthers_isRefusedWithTheChmodToRun() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        CredentialsFile file = new CredentialsFile(home);

        assertThatThrownBy(() -> file.put(URI.create("https://one.example"), credentials("1")))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("has mode rwxr-xr-x")
                .hasMessageContaining("chmod 700 " + home);
        assertThat(file.path()).doesNotExist();
    }
}
