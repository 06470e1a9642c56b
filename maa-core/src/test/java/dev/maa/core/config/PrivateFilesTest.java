package dev.maa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(PrivateFiles.supportsPosix(dir), "modes need a POSIX file system");
    }

    @Test
    void openToOthers_groupReadableFile_namesItsMode() throws Exception {
        Path f = Files.writeString(dir.resolve("secret"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(PrivateFiles.openToOthers(f)).contains("rw-r-----");
    }

    @Test
    void openToOthers_ownerOnlyFile_isEmpty() throws Exception {
        Path f = Files.writeString(dir.resolve("secret"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));

        assertThat(PrivateFiles.openToOthers(f)).isEmpty();
    }

    @Test
    void writePrivately_replacesAWorldReadableFile_withMode600() throws Exception {
        Path f = Files.writeString(dir.resolve("secret"), "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.writePrivately(f, "new");

        assertThat(Files.readString(f)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        assertThat(dir.resolve("secret.tmp")).doesNotExist();
    }

    @Test
    void createPrivateDirectory_missing_isCreatedWithMode700() throws Exception {
        Path d = dir.resolve("a/home");

        PrivateFiles.createPrivateDirectory(d);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
                .isEqualTo("rwx------");
    }
}
