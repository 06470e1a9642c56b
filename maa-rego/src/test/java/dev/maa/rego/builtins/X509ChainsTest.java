package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A root, an intermediate and leaves made with openssl (valid for 100 years); {@code sanroot.pem} signed
 * {@code leafsan.pem} (names san.example, *.wild.example and 127.0.0.1; server and client authentication) and
 * {@code leafcode.pem} (san.example; code signing only).
 */
class X509ChainsTest {
    private static final String NAME = "crypto.x509.parse_and_verify_certificates";

    private static String pem(String file) {
        try (InputStream in = X509ChainsTest.class.getResourceAsStream("x509-chain/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commonName(ArrayValue chain, int i) {
        return ((StringValue) ((ObjectValue) ((ObjectValue) chain.get(i)).get("Subject")).get("CommonName")).value();
    }

    @Test
    void rootFirstLeafLast_verifies_andAnswersTheChainLeafFirst() {
        ArrayValue result = (ArrayValue) call(NAME, pem("root.pem") + pem("int.pem") + pem("leaf.pem"));
        assertThat(result.get(0)).isEqualTo(BooleanValue.TRUE);
        ArrayValue chain = (ArrayValue) result.get(1);
        assertThat(chain.size()).isEqualTo(3);
        assertThat(commonName(chain, 0)).isEqualTo("leaf.example");
        assertThat(commonName(chain, 1)).isEqualTo("Intermediate");
        assertThat(commonName(chain, 2)).isEqualTo("Root");
    }

    @Test
    void missingIntermediate_wrongOrder_singleCertificate_andGarbage_areInvalid() {
        ArrayValue invalid = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
        assertThat(call(NAME, pem("root.pem") + pem("leaf.pem"))).isEqualTo(invalid);
        assertThat(call(NAME, pem("leaf.pem") + pem("int.pem") + pem("root.pem")))
                .isEqualTo(invalid);
        assertThat(call(NAME, pem("root.pem"))).isEqualTo(invalid);
        assertThat(call(NAME, "not a certificate")).isEqualTo(invalid);
    }

    @Test
    void leafForClientsOnly_failsGosDefaultServerAuthUsage() {
        assertThat(call(NAME, pem("root.pem") + pem("int.pem") + pem("leafclient.pem")))
                .isEqualTo(ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY));
    }

    private static final String WITH_OPTIONS = "crypto.x509.parse_and_verify_certificates_with_options";
    private static final ArrayValue INVALID = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);

    private static Object withOptions(String leaf, Map<String, Object> options) {
        return ((ArrayValue) call(WITH_OPTIONS, pem("sanroot.pem") + pem(leaf), options)).get(0);
    }

    @Test
    void withOptions_dnsName_matchesSubjectAltNamesOnly_withOneWildcardLabel() {
        assertThat(withOptions("leafsan.pem", Map.of("DNSName", "san.example"))).isEqualTo(BooleanValue.TRUE);
        assertThat(withOptions("leafsan.pem", Map.of("DNSName", "SAN.example.")))
                .isEqualTo(BooleanValue.TRUE);
        assertThat(withOptions("leafsan.pem", Map.of("DNSName", "a.wild.example")))
                .isEqualTo(BooleanValue.TRUE);
        assertThat(withOptions("leafsan.pem", Map.of("DNSName", "127.0.0.1"))).isEqualTo(BooleanValue.TRUE);
        assertThat(withOptions("leafsan.pem", Map.of("DNSName", "a.b.wild.example")))
                .isEqualTo(BooleanValue.FALSE);
        assertThat(withOptions("leafsan.pem", Map.of("DNSName", "other.example")))
                .isEqualTo(BooleanValue.FALSE);
        assertThat(withOptions("leafsan.pem", Map.of("DNSName", "127.0.0.2"))).isEqualTo(BooleanValue.FALSE);
        // the old chain's leaf has its name only as common name, which Go no longer reads
        assertThat(call(
                        WITH_OPTIONS,
                        pem("root.pem") + pem("int.pem") + pem("leaf.pem"),
                        Map.of("DNSName", "leaf.example")))
                .isEqualTo(INVALID);
    }

    @Test
    void withOptions_keyUsages_mustBeAllowedByEveryCertificate_andDefaultToServerAuth() {
        assertThat(withOptions("leafcode.pem", Map.of())).isEqualTo(BooleanValue.FALSE);
        assertThat(withOptions("leafcode.pem", Map.of("KeyUsages", List.of("KeyUsageCodeSigning"))))
                .isEqualTo(BooleanValue.TRUE);
        assertThat(withOptions("leafcode.pem", Map.of("KeyUsages", Set.of("KeyUsageAny"))))
                .isEqualTo(BooleanValue.TRUE);
        assertThat(withOptions("leafsan.pem", Map.of("KeyUsages", List.of("KeyUsageClientAuth"))))
                .isEqualTo(BooleanValue.TRUE);
        assertThat(withOptions("leafsan.pem", Map.of("KeyUsages", List.of("KeyUsageCodeSigning"))))
                .isEqualTo(BooleanValue.FALSE);
        assertThat(withOptions(
                        "leafsan.pem", Map.of("KeyUsages", List.of("KeyUsageCodeSigning", "KeyUsageServerAuth"))))
                .isEqualTo(BooleanValue.TRUE);
    }

    @Test
    void withOptions_currentTime_isTheMomentEveryCertificateMustBeValidAt() {
        long year2000 = 946_684_800_000_000_000L;
        long year2100 = 4_102_444_800_000_000_000L;
        assertThat(withOptions("leafsan.pem", Map.of("CurrentTime", year2000))).isEqualTo(BooleanValue.FALSE);
        assertThat(withOptions("leafsan.pem", Map.of("CurrentTime", year2100))).isEqualTo(BooleanValue.TRUE);
        assertThat(withOptions("leafsan.pem", Map.of("MaxConstraintComparisons", 10)))
                .isEqualTo(BooleanValue.TRUE);
    }

    @Test
    void withOptions_badOptions_areOpasErrors_butUnparsableCertificatesAreInvalidFirst() {
        String chain = pem("sanroot.pem") + pem("leafsan.pem");
        assertBuiltinError(WITH_OPTIONS + ": invalid key option", WITH_OPTIONS, chain, Map.of("Foo", 1));
        assertBuiltinError(WITH_OPTIONS + ": 'DNSName' should be a string", WITH_OPTIONS, chain, Map.of("DNSName", 1));
        assertBuiltinError(
                WITH_OPTIONS + ": 'CurrentTime' should be a valid int64 number",
                WITH_OPTIONS,
                chain,
                Map.of("CurrentTime", 1.5));
        assertBuiltinError(
                WITH_OPTIONS + ": invalid entries for 'KeyUsages' found: [Nope]",
                WITH_OPTIONS,
                chain,
                Map.of("KeyUsages", List.of("KeyUsageAny", "Nope")));
        assertBuiltinError(
                WITH_OPTIONS + ": 'KeyUsages' should be an Array or Set",
                WITH_OPTIONS,
                chain,
                Map.of("KeyUsages", "KeyUsageAny"));
        assertThat(call(WITH_OPTIONS, "garbage", Map.of("Foo", 1))).isEqualTo(INVALID);
    }
}
