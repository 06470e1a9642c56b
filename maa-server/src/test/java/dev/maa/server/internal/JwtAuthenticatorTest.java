package dev.maa.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.maa.api.Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinned-algorithm JWT checks: RS256 from a JWKS file and HS256, and the classic attacks on both. */
class JwtAuthenticatorTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-hs256";
    private static RSAKey rsa;
    private static RSAKey otherRsa;
    private static JwtAuthenticator rs;
    private static JwtAuthenticator hs;

    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(rsa.toPublicJWK()).toString());
        rs = JwtAuthenticator.rs256(jwks, "maa-server", "https://idp.test");
        hs = JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8), "maa-server", null);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .subject("bob")
                .audience("maa-server")
                .issuer("https://idp.test")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("groups", List.of("App Approvers"));
    }

    private static String rs256(RSAKey key, JWTClaimsSet c) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), c);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String hs256(byte[] secret, JWTClaimsSet c) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID("k1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                c);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @Test
    void rs256_validToken_givesSubAndGroups() throws Exception {
        Principal p = rs.authenticate(rs256(rsa, claims().build()));
        assertThat(p.id()).isEqualTo("bob");
        assertThat(p.groups()).containsExactly("App Approvers");
    }

    @Test
    void rs256_tokenSignedWithAnotherKey_isRefused() throws Exception {
        assertThatThrownBy(() -> rs.authenticate(rs256(otherRsa, claims().build())))
                .isInstanceOf(ApiError.class)
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(401));
    }

    @Test
    void algNone_isRefused() {
        String none = new PlainJWT(claims().build()).serialize();
        assertThatThrownBy(() -> rs.authenticate(none)).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> hs.authenticate(none)).isInstanceOf(ApiError.class);
    }

    @Test
    void algConfusion_hs256SignedWithThePublicKey_isRefusedByTheRs256Server() throws Exception {
        byte[] publicKeyAsSecret = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
        String forged = hs256(publicKeyAsSecret, claims().build());
        assertThatThrownBy(() -> rs.authenticate(forged)).isInstanceOf(ApiError.class);
    }

    @Test
    void rs256Token_isRefusedByTheHs256Server() throws Exception {
        assertThatThrownBy(() -> hs.authenticate(rs256(rsa, claims().build()))).isInstanceOf(ApiError.class);
    }

    @Test
    void signatureStripped_orPayloadSwapped_isRefused() throws Exception {
        String good = rs256(rsa, claims().build());
        String[] parts = good.split("\\.");
        String evilPayload =
                Base64URL.encode(claims().subject("admin").build().toString()).toString();
        assertThatThrownBy(() -> rs.authenticate(parts[0] + "." + evilPayload + "." + parts[2]))
                .isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> rs.authenticate(parts[0] + "." + parts[1] + "."))
                .isInstanceOf(ApiError.class);
    }

    @Test
    void expired_notYetValid_wrongAudience_wrongIssuer_missingExp_areRefused() throws Exception {
        assertThatThrownBy(() -> rs.authenticate(rs256(
                        rsa,
                        claims().expirationTime(Date.from(Instant.now().minusSeconds(120)))
                                .build())))
                .hasMessageContaining("Expired");
        assertThatThrownBy(() -> rs.authenticate(rs256(
                        rsa,
                        claims().notBeforeTime(Date.from(Instant.now().plusSeconds(600)))
                                .build())))
                .isInstanceOf(ApiError.class);
        assertThatThrownBy(() ->
                        rs.authenticate(rs256(rsa, claims().audience("other").build())))
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> rs.authenticate(
                        rs256(rsa, claims().issuer("https://evil").build())))
                .isInstanceOf(ApiError.class);
        assertThatThrownBy(() ->
                        rs.authenticate(rs256(rsa, claims().expirationTime(null).build())))
                .hasMessageContaining("exp");
    }

    @Test
    void groupsThatAreNotStrings_andGarbage_areRefused() throws Exception {
        assertThatThrownBy(() -> hs.authenticate(hs256(
                        SECRET.getBytes(StandardCharsets.UTF_8),
                        claims().claim("groups", 42).build())))
                .hasMessageContaining("groups");
        assertThatThrownBy(() -> hs.authenticate("not.a.jwt")).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> hs.authenticate("x".repeat(20_000))).isInstanceOf(ApiError.class);
    }

    @Test
    void hs256_validToken_withoutIssuerConfigured() throws Exception {
        assertThat(hs.authenticate(hs256(
                                SECRET.getBytes(StandardCharsets.UTF_8),
                                claims().issuer(null).build()))
                        .id())
                .isEqualTo("bob");
    }
}
