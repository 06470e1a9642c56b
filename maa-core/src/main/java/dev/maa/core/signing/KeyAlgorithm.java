package dev.maa.core.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;

/**
 * The signature algorithms approver and anchor keys may use, with the JDK's names for them (no provider beyond the
 * JDK's own). ECDSA signatures are DER-encoded, as WebAuthn and the JDK produce them.
 */
public enum KeyAlgorithm {
    /** ECDSA over P-256 with SHA-256 (COSE -7): passkeys' usual algorithm, and an anchor option. */
    ES256("EC", "SHA256withECDSA"),
    /** Ed25519 (COSE -8): passkeys that offer it, and the default anchor algorithm. */
    EDDSA("Ed25519", "Ed25519"),
    /** RSASSA-PKCS1-v1_5 with SHA-256 (COSE -257): Windows Hello. */
    RS256("RSA", "SHA256withRSA");

    private final String keyFactory;
    private final String signature;

    KeyAlgorithm(String keyFactory, String signature) {
        this.keyFactory = keyFactory;
        this.signature = signature;
    }

    /** The name in key records and anchor files: {@code es256}, {@code eddsa}, {@code rs256}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the unknown algorithm and the known ones */
    public static KeyAlgorithm fromWire(String wire) {
        for (KeyAlgorithm a : values()) {
            if (a.wireName().equalsIgnoreCase(wire) || ("ed25519".equalsIgnoreCase(wire) && a == EDDSA)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown key algorithm '" + wire + "'; use one of "
                + Arrays.stream(values()).map(KeyAlgorithm::wireName).toList());
    }

    /** The JDK name to generate key pairs of this algorithm with. */
    public String jdkKeyName() {
        return keyFactory;
    }

    /** A new key pair of this algorithm (EC on P-256, RSA of 2048 bits). */
    public java.security.KeyPair generateKeyPair() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance(keyFactory);
            if (this == ES256) {
                g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            } else if (this == RS256) {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot create " + wireName() + " keys", e);
        }
    }

    /**
     * The public key encoded as X.509 SubjectPublicKeyInfo.
     *
     * @throws IllegalArgumentException if the bytes are not such a key of this algorithm (EC keys must be P-256)
     */
    public PublicKey publicKey(byte[] spki) {
        try {
            PublicKey key = KeyFactory.getInstance(keyFactory).generatePublic(new X509EncodedKeySpec(spki));
            if (key instanceof ECPublicKey ec
                    && ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("an " + wireName() + " key must be on curve P-256");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "not an " + wireName() + " public key (X.509 SubjectPublicKeyInfo): " + e.getMessage());
        }
    }

    /** Whether {@code signature} is this algorithm's signature of {@code data} under {@code key}. */
    public boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(this.signature);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // malformed signature bytes or a key of another algorithm: not a valid signature
        }
    }

    /** This algorithm's signature of {@code data} with {@code key}. */
    public byte[] sign(java.security.PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance(this.signature);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this " + wireName() + " key: " + e.getMessage(), e);
        }
    }
}
