package dev.maa.rego.builtins;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys and signatures of the JWS algorithms OPA knows. JWKs are parsed by Nimbus JOSE; the
 * signatures are the JDK's (Ed25519 included), so no JOSE provider is needed at runtime.
 */
final class JoseKeys {
    /** OPA's {@code tokenAlgorithms}. */
    static final Set<String> ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512",
            "EdDSA");

    private static final Map<String, String> DIGESTS = Map.of("256", "SHA-256", "384", "SHA-384", "512", "SHA-512");
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] ED25519_PKCS8 = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private JoseKeys() {}

    /** A verification key with the {@code alg} and {@code kid} its JWK declared (empty if none). */
    record VerificationKey(Key key, String alg, String kid) {}

    /**
     * OPA's {@code getKeysFromCertOrJWK}: a PEM certificate or public key, else a JWK or JWK set.
     * JWKs with an algorithm OPA does not know are skipped.
     */
    static List<VerificationKey> fromCertOrJwk(String text) {
        Pem.Block block = Pem.decode(text);
        if (block != null) {
            if (!block.rest().isEmpty()) {
                throw new IllegalArgumentException("extra data after a PEM certificate block");
            }
            if (block.type().equals("CERTIFICATE")) {
                try {
                    return List.of(new VerificationKey(
                            CertificateFactory.getInstance("X.509")
                                    .generateCertificate(new ByteArrayInputStream(block.der()))
                                    .getPublicKey(),
                            "",
                            ""));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("failed to parse a PEM certificate: " + e.getMessage());
                }
            }
            if (block.type().equals("PUBLIC KEY")) {
                PublicKey key = publicKey(block.der());
                if (key == null) {
                    throw new IllegalArgumentException(
                            "failed to parse a PEM public key: unknown public key algorithm");
                }
                return List.of(new VerificationKey(key, "", ""));
            }
            throw new IllegalArgumentException("failed to extract a Key from the PEM certificate");
        }
        List<JWK> jwks;
        try {
            jwks = parseJwks(text);
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to parse a JWK key (set): " + e.getMessage());
        }
        List<VerificationKey> keys = new ArrayList<>();
        for (JWK jwk : jwks) {
            String alg = jwk.getAlgorithm() == null ? "" : jwk.getAlgorithm().getName();
            if (!alg.isEmpty() && !ALGORITHMS.contains(alg)) {
                continue;
            }
            keys.add(new VerificationKey(verificationKey(jwk), alg, jwk.getKeyID() == null ? "" : jwk.getKeyID()));
        }
        return keys;
    }

    /** A JWK set ({@code {"keys": [...]}}) or a single JWK, as lestrrat-go/jwx's {@code jwk.Parse}. */
    static List<JWK> parseJwks(String text) throws ParseException {
        Map<String, Object> json = com.nimbusds.jose.util.JSONObjectUtils.parse(text);
        if (json.containsKey("keys")) {
            return JWKSet.parse(json).getKeys();
        }
        return List.of(JWK.parse(json));
    }

    /** X.509 SubjectPublicKeyInfo of an RSA, EC or Ed25519 key, or {@code null}. */
    static PublicKey publicKey(byte[] spki) {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        return null;
    }

    private static Key verificationKey(JWK jwk) {
        try {
            if (jwk instanceof com.nimbusds.jose.jwk.RSAKey rsa) {
                return rsa.toRSAPublicKey();
            } else if (jwk instanceof ECKey ec) {
                return ec.toECPublicKey();
            } else if (jwk instanceof OctetSequenceKey oct) {
                return new SecretKeySpec(nonEmpty(oct.toByteArray()), "HMAC");
            } else if (jwk instanceof OctetKeyPair okp) {
                return KeyFactory.getInstance("Ed25519")
                        .generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI, okp.getDecodedX())));
            }
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalArgumentException("failed to parse a JWK key (set): " + e.getMessage());
        }
        throw new IllegalArgumentException("failed to parse a JWK key (set): unsupported key type " + jwk.getKeyType());
    }

    /** The private (or secret) key of a JWK, for signing. */
    static Key signingKey(JWK jwk) {
        try {
            if (jwk instanceof com.nimbusds.jose.jwk.RSAKey rsa && rsa.isPrivate()) {
                return rsa.toRSAPrivateKey();
            } else if (jwk instanceof ECKey ec && ec.isPrivate()) {
                return ec.toECPrivateKey();
            } else if (jwk instanceof OctetSequenceKey oct) {
                return new SecretKeySpec(nonEmpty(oct.toByteArray()), "HMAC");
            } else if (jwk instanceof OctetKeyPair okp && okp.isPrivate()) {
                return KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8, okp.getDecodedD())));
            }
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalArgumentException("failed to use the JWK for signing: " + e.getMessage());
        }
        throw new IllegalArgumentException(
                "the JWK of type " + jwk.getKeyType() + " holds no private key to sign with");
    }

    /** An RSA private key (with its CRT parameters) as JWK JSON, as OPA returns parsed keys. */
    static String privateJwkJson(java.security.PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof java.security.interfaces.RSAPrivateCrtKey rsa)) {
            throw new GeneralSecurityException("unsupported private key type " + key.getAlgorithm());
        }
        java.security.interfaces.RSAPublicKey pub = (java.security.interfaces.RSAPublicKey) KeyFactory.getInstance(
                        "RSA")
                .generatePublic(new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new com.nimbusds.jose.jwk.RSAKey.Builder(pub)
                .privateKey(rsa)
                .build()
                .toJSONString();
    }

    private static byte[] nonEmpty(byte[] secret) {
        // HMAC pads keys with zeros, so an empty key equals a one-byte zero key; SecretKeySpec refuses empty ones.
        return secret.length == 0 ? new byte[1] : secret;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Signs {@code input} with {@code alg} (one of {@link #ALGORITHMS}). */
    static byte[] sign(Key key, String alg, byte[] input) {
        try {
            if (alg.startsWith("HS")) {
                Mac mac = Mac.getInstance("HmacSHA" + alg.substring(2));
                mac.init(new SecretKeySpec(key.getEncoded(), mac.getAlgorithm()));
                return mac.doFinal(input);
            }
            Signature s = signature(alg, key, 0);
            s.initSign((PrivateKey) key);
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("failed to sign with " + alg + ": " + e.getMessage());
        }
    }

    /** Whether {@code sig} is a valid {@code alg} signature of {@code input}; wrong key types are false. */
    static boolean verify(Key key, String alg, byte[] input, byte[] sig) {
        if (!ALGORITHMS.contains(alg)) {
            return false;
        }
        try {
            if (alg.startsWith("HS")) {
                if (!(key instanceof SecretKeySpec)) {
                    return false;
                }
                return MessageDigest.isEqual(sign(key, alg, input), sig);
            }
            if (!(key instanceof PublicKey pub)) {
                return false;
            }
            // Go's rsa.VerifyPSS with nil options accepts any salt length; the usual two are tried.
            int attempts = alg.startsWith("PS") ? 2 : 1;
            for (int i = 0; i < attempts; i++) {
                Signature s = signature(alg, key, i);
                s.initVerify(pub);
                s.update(input);
                if (s.verify(sig)) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Signature signature(String alg, Key key, int pssAttempt) throws GeneralSecurityException {
        String bits = alg.substring(2);
        switch (alg.substring(0, 2)) {
            case "RS":
                return Signature.getInstance("SHA" + bits + "withRSA");
            case "ES":
                return Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            case "Ed":
                return Signature.getInstance("Ed25519");
            case "PS":
                String digest = DIGESTS.get(bits);
                int hashLen = Integer.parseInt(bits) / 8;
                int salt = hashLen;
                if (pssAttempt == 1 && key instanceof RSAKey rsa) {
                    salt = (rsa.getModulus().bitLength() - 1 + 7) / 8 - hashLen - 2;
                }
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), salt, 1));
                return s;
            default:
                throw new GeneralSecurityException("unsupported algorithm " + alg);
        }
    }
}
