package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.value.ObjectValue;
import org.junit.jupiter.api.Test;

class CryptoBuiltinsTest {
    @Test
    void digests_areLowercaseHex() {
        assertThat(call("crypto.md5", "abc")).isEqualTo(v("900150983cd24fb0d6963f7d28e17f72"));
        assertThat(call("crypto.sha1", "abc")).isEqualTo(v("a9993e364706816aba3e25717850c26c9cd0d89d"));
        assertThat(call("crypto.sha256", "abc"))
                .isEqualTo(v("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void hmac_matchesRfc4231AndEmptyKey() {
        assertThat(call("crypto.hmac.sha256", "what do ya want for nothing?", "Jefe"))
                .isEqualTo(v("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        assertThat(call("crypto.hmac.sha256", "", ""))
                .isEqualTo(v("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"));
        assertThat(call("crypto.hmac.equal", "ab", "ab")).isEqualTo(v(true));
        assertThat(call("crypto.hmac.equal", "ab", "ac")).isEqualTo(v(false));
        assertTypeError("crypto.sha256: operand 1 must be string but got number", "crypto.sha256", 1);
    }

    private static final String CSR = "-----BEGIN CERTIFICATE REQUEST-----\n"
            + "MIIBKjCB0AIBADAlMRQwEgYDVQQDDAtleGFtcGxlLmNvbTENMAsGA1UECgwEQWNt\n"
            + "ZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABKU3GNjWToLnCUGsp+jIecVIeck8\n"
            + "2ENRBYI2/tjeFh7J8yz50uDwwhzCXZWITbLFBcYVxUqA3uxVUAzqcgfFKW6gSTBH\n"
            + "BgkqhkiG9w0BCQ4xOjA4MDYGA1UdEQQvMC2CC2V4YW1wbGUuY29thwQKAAABgQVh\n"
            + "QGIuY4YRaHR0cHM6Ly94LmV4YW1wbGUwCgYIKoZIzj0EAwIDSQAwRgIhAIogj1rR\n"
            + "dZjjkdQzAM74YDwqJvgtrng7LJfKKaBNSWdDAiEApT3TaJjPUsEJg9TUq6i99nXY\n"
            + "WFfCsjTBGgpsOBhxx78=\n"
            + "-----END CERTIFICATE REQUEST-----\n";

    @Test
    void parseCertificateRequest_givesSubjectAlgorithmsAndAlternativeNames() {
        ObjectValue csr = (ObjectValue) call("crypto.x509.parse_certificate_request", CSR);
        assertThat(((ObjectValue) csr.get("Subject")).get("CommonName")).isEqualTo(v("example.com"));
        assertThat(((ObjectValue) csr.get("Subject")).get("Organization")).isEqualTo(v(java.util.List.of("Acme")));
        assertThat(csr.get("Version")).isEqualTo(v(0));
        assertThat(csr.get("SignatureAlgorithm")).isEqualTo(v(10)); // Go's ECDSAWithSHA256
        assertThat(csr.get("PublicKeyAlgorithm")).isEqualTo(v(3)); // Go's ECDSA
        assertThat(csr.get("DNSNames")).isEqualTo(v(java.util.List.of("example.com")));
        assertThat(csr.get("IPAddresses")).isEqualTo(v(java.util.List.of("10.0.0.1")));
        assertThat(csr.get("EmailAddresses")).isEqualTo(v(java.util.List.of("a@b.c")));
        assertThat(csr.get("URIs")).isEqualTo(v(java.util.List.of("https://x.example")));
        String base64Der = java.util.Base64.getEncoder()
                .encodeToString(java.util.Base64.getMimeDecoder().decode(CSR.replaceAll("-----[A-Z ]+-----", "")));
        assertThat(csr.get("Raw")).isEqualTo(v(base64Der));
        assertThat(call("crypto.x509.parse_certificate_request", base64Der)).isEqualTo(csr);
    }

    @Test
    void parseCertificateRequest_badInput_isGosErrorOrRefused() {
        BuiltinCalls.assertBuiltinError(
                "crypto.x509.parse_certificate_request: illegal base64 data at input byte 4",
                "crypto.x509.parse_certificate_request",
                "foobar");
        String otherPem = java.util.Base64.getEncoder()
                .encodeToString("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        BuiltinCalls.assertBuiltinError(
                "crypto.x509.parse_certificate_request: invalid PEM-encoded certificate signing" + " request",
                "crypto.x509.parse_certificate_request",
                otherPem);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> call("crypto.x509.parse_certificate_request", "AAAA"))
                .isInstanceOf(dev.maa.rego.RegoUnsupportedException.class)
                .hasMessageContaining("not well-formed DER");
    }
}
