package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.MaaConfigurationException;
import dev.maa.core.signing.Anchors;
import dev.maa.core.signing.KeyAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code approvals:} section of {@code maa serve}'s config: passkey-signed approvals, checked at start-up. */
class ApprovalsSettingsTest {

    @TempDir
    Path home;

    @BeforeEach
    void anchorsFile() throws Exception {
        Anchors.Anchor a = new Anchors.Anchor(
                "security",
                KeyAlgorithm.EDDSA,
                KeyAlgorithm.EDDSA.generateKeyPair().getPublic());
        Files.writeString(home.resolve("anchors"), "# the security team's anchor\n" + a.line() + "\n");
    }

    ApprovalsSettings read(String yaml) throws Exception {
        Path file = Files.writeString(home.resolve("maa.yaml"), yaml);
        return ServerSettings.load(file, home, Map.<String, String>of()::get).approvals();
    }

    @Test
    void from_aCompleteSection_readsTheAnchorsFromTheirFile() throws Exception {
        ApprovalsSettings s = read("approvals:\n  rp_id: maa.example.com\n  origins: [https://maa.example.com,"
                + " https://console.maa.example.com:8443]\n  anchors: anchors\n"
                + "  aaguids: [ee882879-721c-4913-9775-3dfcce97072a]\n");

        assertThat(s.enabled()).isTrue();
        assertThat(s.rpId()).isEqualTo("maa.example.com");
        assertThat(s.origins())
                .containsExactlyInAnyOrder("https://maa.example.com", "https://console.maa.example.com:8443");
        assertThat(s.anchors().find("security")).isPresent();
        assertThat(s.anchorsFile()).isEqualTo(home.resolve("anchors"));
        assertThat(s.aaguids()).containsExactly(UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a"));
        assertThat(s.enrollmentApprovals()).as("the default").isEqualTo(2);
    }

    @Test
    void from_noSection_isNone_andVerifiesNothing() throws Exception {
        ApprovalsSettings s = read("server: { port: 1 }\n");

        assertThat(s).isEqualTo(ApprovalsSettings.NONE);
        assertThat(s.enabled()).isFalse();
    }

    @Test
    void from_localhostOverHttp_isAccepted_forDevelopment() throws Exception {
        assertThat(read("approvals: { rp_id: localhost, origins: [http://localhost:8080], anchors: anchors }\n")
                        .origins())
                .isEqualTo(Set.of("http://localhost:8080"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "approvals: { origins: [https://a.example], anchors: anchors }|approvals.rp_id: is required",
                "approvals: { rp_id: https://a.example, origins: [https://a.example], anchors: anchors }"
                        + "|approvals.rp_id: must be a lowercase host name",
                "approvals: { rp_id: a.example, anchors: anchors }|approvals.origins: is required",
                "approvals: { rp_id: a.example, origins: [http://a.example], anchors: anchors }"
                        + "|'http://a.example' must be https (http only for localhost)",
                "approvals: { rp_id: a.example, origins: [https://evil.example], anchors: anchors }"
                        + "|'https://evil.example' is not on rp_id a.example",
                "approvals: { rp_id: a.example, origins: [https://a.example/console], anchors: anchors }"
                        + "|must be scheme, host and port only",
                "approvals: { rp_id: a.example, origins: [https://a.example] }|approvals.anchors: is required",
                "approvals: { rp_id: a.example, origins: [https://a.example], anchors: missing }"
                        + "|approvals.anchors: ",
                "approvals: { rp_id: a.example, origins: [https://a.example], anchors: anchors, aaguids: [yubikey] }"
                        + "|approvals.aaguids: 'yubikey' is not an AAGUID",
                "approvals: { rp_id: a.example, origins: [https://a.example], anchors: anchors, anchor: x }"
                        + "|approvals.anchor: unknown key",
                "approvals: { rp_id: a.example, origins: [https://a.example], anchors: anchors,"
                        + " enrollment_approvals: 1 }|approvals.enrollment_approvals: must be a whole number from 2"
            })
    void from_aBadSection_isRefused_namingTheKeyAndWhatToDo(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void from_anAnchorsFileWithABadLine_namesTheFileAndLine() throws Exception {
        Files.writeString(home.resolve("anchors"), "security eddsa not-a-key\n");

        assertThatThrownBy(
                        () -> read("approvals: { rp_id: a.example, origins: [https://a.example], anchors: anchors }\n"))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("approvals.anchors: " + home.resolve("anchors") + ":1: ");
    }

    @Test
    void embeddedStack_withApprovals_verifiesSignedReviews_withTheStoresKeyRecords() throws Exception {
        ApprovalsSettings s = read("approvals: { rp_id: a.example, origins: [https://a.example], anchors: anchors }\n");

        try (EmbeddedMaa maa = EmbeddedMaa.open(
                EmbeddedMaa.settings(home).jobInterval(null).approvals(s).build())) {
            assertThat(maa.engine().approvalSigning()).isNotNull();
            assertThat(maa.engine().approvalSigning().rpId()).isEqualTo("a.example");
            assertThat(maa.engine().approvalSigning().trustedKeys().all()).isEqualTo(List.of());
        }
        try (EmbeddedMaa maa =
                EmbeddedMaa.open(EmbeddedMaa.settings(home).jobInterval(null).build())) {
            assertThat(maa.engine().approvalSigning()).isNull();
        }
    }
}
