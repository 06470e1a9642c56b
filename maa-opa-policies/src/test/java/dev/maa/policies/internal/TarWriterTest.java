package dev.maa.policies.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/** Our bundle tar writer, read back by Apache Commons Compress: the same files, fixed metadata, same bytes twice. */
class TarWriterTest {

    private static final String LONG_PATH = "maa/" + "nested/".repeat(20) + "policy.rego"; // > 100: ustar prefix

    @Test
    void archive_readByCommonsCompress_holdsEachFileWithFixedMetadata() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".manifest", "{\"revision\":\"r1\"}");
        files.put("data.json", "");
        files.put("maa/decision.rego", "package maa.decision\n".repeat(100)); // several blocks, a padded tail
        files.put(LONG_PATH, "package maa.nested\n");

        byte[] tar = write(files);

        Map<String, String> read = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertThat(e.isFile()).as(e.getName()).isTrue();
                assertThat(e.getMode() & 0777).as(e.getName()).isEqualTo(0644);
                assertThat(e.getModTime().getTime()).isZero();
                assertThat(e.getLongUserId()).isZero();
                assertThat(e.getLongGroupId()).isZero();
                read.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(read).containsExactlyEntriesOf(files);
        assertThat(tar.length % 512).isZero();
        assertThat(write(files)).isEqualTo(tar);
    }

    @Test
    void pathThatFitsNoUstarHeader_isRefusedNamingIt() {
        String tooLong = "x".repeat(101);

        assertThatThrownBy(() -> write(Map.of(tooLong, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(tooLong);
    }

    private static byte[] write(Map<String, String> files) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(buf)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                tar.add(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return buf.toByteArray();
    }
}
