package dev.maa.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditEvent;
import dev.maa.api.AuditEventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeyTest {

    @TempDir
    Path home;

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void resolve_withoutConfiguration_createsAKeyFileOfMode600_andReadsTheSameKeyAgain() throws Exception {
        AuditKey first = AuditKey.resolve(home, Map.of());
        AuditKey again = AuditKey.resolve(home, Map.of());

        Path file = home.resolve(AuditKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.mac("x")).isEqualTo(first.mac("x"));
    }

    @Test
    void resolve_prefersTheEnvironmentVariable_thenTheFileItNames() throws Exception {
        Path secretFile = home.resolve("mounted");
        Files.writeString(secretFile, "ab".repeat(32));
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("r--------"));

        AuditKey inline =
                AuditKey.resolve(home, Map.of(AuditKey.ENV, SECRET, AuditKey.ENV_FILE, secretFile.toString()));
        AuditKey mounted = AuditKey.resolve(home, Map.of(AuditKey.ENV_FILE, secretFile.toString()));

        assertThat(inline.id()).isEqualTo(AuditKey.of(new byte[32]).id());
        assertThat(mounted.id()).isNotEqualTo(inline.id());
        assertThat(home.resolve(AuditKey.FILE_NAME))
                .as("no key file made when one is configured")
                .doesNotExist();
    }

    @Test
    void aKeyFileOthersCanRead_isRefused_namingTheFix() throws Exception {
        AuditKey.resolve(home, Map.of());
        Path file = home.resolve(AuditKey.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> AuditKey.resolve(home, Map.of())).hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void aShortKey_isRefused_sayingHowToMakeOne() {
        assertThatThrownBy(() -> AuditKey.parse("c2hvcnQ=", "the test"))
                .hasMessageContaining("the test")
                .hasMessageContaining("at least 32")
                .hasMessageContaining("urandom");
    }

    @Test
    void verify_namesTheCheck_andAcceptsLegacyEntriesOnlyBeforeTheKeyedAnchor() {
        AuditChain chain = AuditChain.keyed(AuditKey.random());
        List<AuditEntry> log = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int seq = 1; seq <= 2; seq++) { // written before the key existed
            AuditEvent e = new AuditEvent(Instant.parse("2026-11-23T10:00:00Z"), "r1", "alice", "OLD" + seq, "{}");
            log.add(new AuditEntry(seq, e, prev, AuditChain.legacyHash(seq, e, prev)));
            prev = log.get(log.size() - 1).hash();
        }
        log.add(chain.link(3, chain.keyedAnchor(Instant.parse("2026-11-24T10:00:00Z"), 2), prev));
        assertThat(chain.verify(log).intact())
                .as(chain.verify(log).problems().toString())
                .isTrue();

        AuditEvent later = new AuditEvent(Instant.parse("2026-11-25T10:00:00Z"), "r2", "bob", "NEW", "{}");
        log.add(new AuditEntry(
                4,
                later,
                log.get(2).hash(),
                AuditChain.legacyHash(4, later, log.get(2).hash())));
        assertThat(chain.verify(log).problems())
                .singleElement()
                .asString()
                .startsWith("seq 4: check 'mac' failed")
                .contains("unkeyed entry after the chain was keyed at seq 3");
        assertThat(chain.verify(log.subList(0, 2)).problems())
                .singleElement()
                .asString()
                .startsWith("seq 2: check 'mac' failed: the newest entry is not keyed");
    }

    @Test
    void aStagedEventWithoutItsMac_isSealedAsRejected_keepingWhatItClaimed() {
        AuditChain chain = AuditChain.keyed(AuditKey.random());
        AuditEvent claimed = new AuditEvent(Instant.parse("2026-11-23T10:00:00Z"), "r1", "carol", "APPROVED", "{}");

        AuditEntry genuine = chain.seal(1, claimed, chain.stagedMac(claimed), AuditChain.GENESIS);
        AuditEntry forged = chain.seal(1, claimed, "00".repeat(32), AuditChain.GENESIS);

        assertThat(genuine.event().type()).isEqualTo("APPROVED");
        assertThat(forged.event().type()).isEqualTo(AuditEventType.AUDIT_EVENT_REJECTED.name());
        assertThat(forged.event().actor()).isEqualTo("system");
        assertThat(forged.event().detail())
                .contains("carol")
                .contains("APPROVED")
                .contains("staged-mac");
        assertThat(chain.verify(List.of(forged)).problems())
                .singleElement()
                .asString()
                .startsWith("seq 1: check 'staged-mac' failed");
    }
}
