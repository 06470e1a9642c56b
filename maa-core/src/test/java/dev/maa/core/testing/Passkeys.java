package dev.maa.core.testing;

import dev.maa.core.signing.Anchors;
import dev.maa.core.signing.ApprovalSigning;
import dev.maa.core.signing.ApprovalStatement;
import dev.maa.core.signing.ApproverKeyStore;
import dev.maa.core.signing.KeyAlgorithm;
import dev.maa.core.signing.KeyRecord;
import dev.maa.core.signing.SignatureCounters;
import dev.maa.core.signing.SignedKeyRecord;
import dev.maa.core.signing.SignedReview;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A software WebAuthn authenticator and an anchor, for tests that need real passkey signatures without a browser:
 * assertions are built byte for byte as WebAuthn defines them (authenticatorData, clientDataJSON, signature over
 * authenticatorData || SHA-256(clientDataJSON)), with knobs for the attacks (no UV, another origin, a counter).
 */
public final class Passkeys {

    public static final String RP_ID = "maa.test";
    public static final String ORIGIN = "https://maa.test";

    private Passkeys() {}

    /** A version-1 approval of {@code requestId} by {@code reviewer} made at {@code time}: a signed use of a key. */
    public static ApprovalStatement statement(String requestId, String reviewer, Instant time) {
        return new ApprovalStatement(
                ApprovalStatement.VERSION,
                requestId,
                "0".repeat(64),
                dev.maa.api.Verdict.APPROVE,
                "0".repeat(64),
                List.of(),
                "",
                reviewer,
                List.of(),
                "nonce-" + requestId,
                time);
    }

    /**
     * What a cloned authenticator leaves: {@code key} of {@code reviewer} signing counter 7 twice, a minute apart (from
     * {@code origin}), as the record that proves it ({@link SignatureCounters#evidence}).
     */
    public static SignedKeyRecord counterConflict(Authenticator key, String reviewer, String origin) {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        List<SignatureCounters.Use> uses = List.of(
                SignatureCounters.Use.of(
                        key.sign(statement("req-1", reviewer, t).canonicalJson(), 0x05, 7, origin)),
                SignatureCounters.Use.of(
                        key.sign(statement("req-2", reviewer, t.plusSeconds(60)).canonicalJson(), 0x05, 7, origin)));
        return SignatureCounters.evidence(SignatureCounters.conflict(uses), reviewer, t);
    }

    /** An anchor key pair with its name. */
    public record Anchor(String name, KeyAlgorithm alg, KeyPair pair) {

        public static Anchor create(String name, KeyAlgorithm alg) {
            return new Anchor(name, alg, alg.generateKeyPair());
        }

        public Anchors anchors() {
            return Anchors.of(List.of(new Anchors.Anchor(name, alg, pair.getPublic())));
        }

        public SignedKeyRecord sign(KeyRecord r) {
            return SignedKeyRecord.sign(r, name, alg, pair.getPrivate());
        }

        /** Enrolls {@code a} for {@code reviewer} in {@code store}, signed by this anchor. */
        public Authenticator enroll(ApproverKeyStore store, String reviewer, Authenticator a) {
            store.add(sign(KeyRecord.enroll(
                    a.keyId(),
                    reviewer,
                    a.alg(),
                    a.pair().getPublic().getEncoded(),
                    Instant.parse("2026-01-01T00:00:00Z"))));
            return a;
        }

        public void revoke(ApproverKeyStore store, String reviewer, Authenticator a) {
            store.add(sign(KeyRecord.revoke(a.keyId(), reviewer, Instant.parse("2026-01-02T00:00:00Z"))));
        }

        public ApprovalSigning signing(ApproverKeyStore store) {
            return new ApprovalSigning(anchors(), store, RP_ID, Set.of(ORIGIN));
        }
    }

    /** A software passkey: a key pair, a credential id and a signature counter. */
    public static final class Authenticator {
        private final String keyId = UUID.randomUUID().toString().replace("-", "");
        private final KeyAlgorithm alg;
        private final KeyPair pair;
        private long counter;

        public Authenticator(KeyAlgorithm alg) {
            this.alg = alg;
            this.pair = alg.generateKeyPair();
        }

        public static Authenticator es256() {
            return new Authenticator(KeyAlgorithm.ES256);
        }

        public String keyId() {
            return keyId;
        }

        public KeyAlgorithm alg() {
            return alg;
        }

        public KeyPair pair() {
            return pair;
        }

        /**
         * The {@code PublicKeyCredential} JSON {@code navigator.credentials.create} returns for the options'
         * {@code challenge} (base64url), with "none" attestation, an all-zero AAGUID unless given, and {@code flags}
         * (0x45: user present, verified, attested credential data). ES256 keys only.
         */
        public String registrationResponse(String challenge, String origin, int flags, byte[] aaguid) {
            java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) pair.getPublic();
            byte[] credentialId = Base64.getUrlDecoder().decode(keyId);
            java.io.ByteArrayOutputStream cose = new java.io.ByteArrayOutputStream();
            cose.writeBytes(new byte[] {(byte) 0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20});
            cose.writeBytes(unsigned32(ec.getW().getAffineX()));
            cose.writeBytes(new byte[] {0x22, 0x58, 0x20});
            cose.writeBytes(unsigned32(ec.getW().getAffineY()));
            java.io.ByteArrayOutputStream ad = new java.io.ByteArrayOutputStream();
            ad.writeBytes(sha256(utf8(RP_ID)));
            ad.write(flags);
            ad.writeBytes(new byte[4]);
            ad.writeBytes(aaguid);
            ad.write(credentialId.length >>> 8);
            ad.write(credentialId.length);
            ad.writeBytes(credentialId);
            ad.writeBytes(cose.toByteArray());
            byte[] authData = ad.toByteArray();
            java.io.ByteArrayOutputStream att = new java.io.ByteArrayOutputStream();
            att.write(0xa3);
            att.writeBytes(cborText("fmt"));
            att.writeBytes(cborText("none"));
            att.writeBytes(cborText("attStmt"));
            att.write(0xa0);
            att.writeBytes(cborText("authData"));
            att.write(0x59);
            att.write(authData.length >>> 8);
            att.write(authData.length);
            att.writeBytes(authData);
            String client = "{\"type\":\"webauthn.create\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                    + "\",\"crossOrigin\":false}";
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return "{\"type\":\"public-key\",\"id\":\"" + keyId + "\",\"rawId\":\"" + keyId
                    + "\",\"response\":{\"clientDataJSON\":\"" + b64.encodeToString(utf8(client))
                    + "\",\"attestationObject\":\"" + b64.encodeToString(att.toByteArray())
                    + "\"},\"clientExtensionResults\":{}}";
        }

        private static byte[] unsigned32(java.math.BigInteger v) {
            byte[] b = v.toByteArray();
            byte[] out = new byte[32];
            int n = Math.min(b.length, 32);
            System.arraycopy(b, b.length - n, out, 32 - n, n);
            return out;
        }

        private static byte[] cborText(String s) {
            byte[] b = utf8(s);
            byte[] out = new byte[b.length + 1];
            out[0] = (byte) (0x60 + b.length);
            System.arraycopy(b, 0, out, 1, b.length);
            return out;
        }

        /** Signs {@code s} as a browser would (UP and UV set, the test origin and RP id, the next counter). */
        public SignedReview sign(ApprovalStatement s) {
            return sign(s.canonicalJson(), 0x05, ++counter, ORIGIN);
        }

        /** Signs with the given flags, counter and origin. */
        public SignedReview sign(String statement, int flags, long counterValue, String origin) {
            counter = Math.max(counter, counterValue);
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(utf8(statement)));
            byte[] client = utf8("{\"type\":\"webauthn.get\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                    + "\",\"crossOrigin\":false}");
            byte[] ad = new byte[37];
            System.arraycopy(sha256(utf8(RP_ID)), 0, ad, 0, 32);
            ad[32] = (byte) flags;
            ad[33] = (byte) (counterValue >>> 24);
            ad[34] = (byte) (counterValue >>> 16);
            ad[35] = (byte) (counterValue >>> 8);
            ad[36] = (byte) counterValue;
            byte[] clientHash = sha256(client);
            byte[] data = new byte[ad.length + clientHash.length];
            System.arraycopy(ad, 0, data, 0, ad.length);
            System.arraycopy(clientHash, 0, data, ad.length, clientHash.length);
            return new SignedReview(statement, keyId, ad, client, alg.sign(pair.getPrivate(), data));
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
