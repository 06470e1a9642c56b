package dev.maa.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Verdict;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statement's bytes are a contract with every stored signature: a change of format is a new version. */
class ApprovalStatementTest {

    static final String GOLDEN =
            "{\"decision\":\"approve\",\"digest\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
                    + "\"factors\":[\"app-deletion\",\"cab\"],\"groups\":[\"app-approvers\",\"cab\"],\"nonce\":\"n-1\","
                    + "\"notes_sha256\":\"144a74ac0c1af0e67eb2da7641047dc49b6b17359b44621d97870887ebf288db\",\"policy_revision\":\"rev-7\","
                    + "\"request\":\"req-1\",\"reviewer\":\"bob\",\"time\":\"2026-12-07T03:00:00.123Z\",\"v\":1}";

    static ApprovalStatement golden() {
        return new ApprovalStatement(
                1,
                "req-1",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                Verdict.APPROVE,
                Bytes.sha256Hex("checked with the owner"),
                List.of("cab", "app-deletion"),
                "rev-7",
                "bob",
                List.of("cab", "app-approvers"),
                "n-1",
                Instant.parse("2026-12-07T03:00:00.123456Z"));
    }

    @Test
    void canonicalJson_isTheGoldenEncoding() {
        assertThat(golden().canonicalJson()).isEqualTo(GOLDEN);
    }

    @Test
    void notesHash_isTheSha256OfTheNotes() {
        assertThat(Bytes.sha256Hex("checked with the owner"))
                .isEqualTo("144a74ac0c1af0e67eb2da7641047dc49b6b17359b44621d97870887ebf288db");
        assertThat(Bytes.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void challenge_isTheGoldenSha256OfTheEncoding() {
        assertThat(HexFormat.of().formatHex(golden().challenge())).isEqualTo(GOLDEN_CHALLENGE);
    }

    static final String GOLDEN_CHALLENGE = "f50f3050b5f2b8df990e80d5a7239dbf0375c1129a131994712a7b2c2e566ad6";

    @Test
    void parse_ofTheGoldenEncoding_givesTheStatement() {
        assertThat(ApprovalStatement.parse(GOLDEN)).isEqualTo(golden());
    }

    @Test
    void parse_ofANonCanonicalSpelling_isRefused() {
        assertThatThrownBy(() -> ApprovalStatement.parse(GOLDEN.replace(",\"v\":1}", ", \"v\":1}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("canonical form");
        assertThatThrownBy(() -> ApprovalStatement.parse(
                        GOLDEN.replace("[\"app-deletion\",\"cab\"]", "[\"cab\",\"app-deletion\"]")))
                .hasMessageContaining("canonical form");
    }

    @Test
    void parse_ofAnotherVersion_isRefused() {
        assertThatThrownBy(() -> ApprovalStatement.parse(GOLDEN.replace("\"v\":1", "\"v\":2")))
                .hasMessageContaining("version 2 is not supported");
    }

    @Test
    void parse_ofAnExtraKey_isRefused() {
        assertThatThrownBy(() -> ApprovalStatement.parse(GOLDEN.replace("{\"decision\"", "{\"a\":\"x\",\"decision\"")))
                .hasMessageContaining("keys");
    }

    @Test
    void parse_ofAnUnknownDecision_isRefused() {
        assertThatThrownBy(() -> ApprovalStatement.parse(GOLDEN.replace("\"approve\"", "\"maybe\"")))
                .hasMessageContaining("neither approve nor reject");
    }
}
