package dev.maa.rego.builtins;

import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digests and HMACs over the UTF-8 bytes of strings, as lowercase hex: {@code crypto.md5,
 * crypto.sha1, crypto.sha256, crypto.hmac.*}. Certificates and keys: {@link X509Builtins};
 * certificate requests: {@link X509Requests}; chain verification: {@link X509Chains} (without
 * options).
 */
final class CryptoBuiltins {
    private CryptoBuiltins() {}

    static void register(BuiltinRegistry r) {
        X509Builtins.register(r);
        r.register("crypto.md5", 1, (c, a) -> digest("crypto.md5", "MD5", a));
        r.register("crypto.sha1", 1, (c, a) -> digest("crypto.sha1", "SHA-1", a));
        r.register("crypto.sha256", 1, (c, a) -> digest("crypto.sha256", "SHA-256", a));
        r.register("crypto.hmac.md5", 2, (c, a) -> hmac("crypto.hmac.md5", "HmacMD5", a));
        r.register("crypto.hmac.sha1", 2, (c, a) -> hmac("crypto.hmac.sha1", "HmacSHA1", a));
        r.register("crypto.hmac.sha256", 2, (c, a) -> hmac("crypto.hmac.sha256", "HmacSHA256", a));
        r.register("crypto.hmac.sha512", 2, (c, a) -> hmac("crypto.hmac.sha512", "HmacSHA512", a));
        r.register(
                "crypto.hmac.equal",
                2,
                (c, a) -> BooleanValue.of(MessageDigest.isEqual(
                        utf8(Args.string("crypto.hmac.equal", a, 0)), utf8(Args.string("crypto.hmac.equal", a, 1)))));
        X509Requests.register(r);
        X509Chains.register(r);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Value digest(String name, String algorithm, Value[] a) {
        try {
            return StringValue.of(EncodingBuiltins.hexEncode(
                    MessageDigest.getInstance(algorithm).digest(utf8(Args.string(name, a, 0)))));
        } catch (GeneralSecurityException e) {
            throw BuiltinError.of(name, "digest " + algorithm + " unavailable in this JVM");
        }
    }

    private static Value hmac(String name, String algorithm, Value[] a) {
        byte[] message = utf8(Args.string(name, a, 0));
        byte[] key = utf8(Args.string(name, a, 1));
        try {
            Mac mac = Mac.getInstance(algorithm);
            // An empty key is legal for HMAC but not for SecretKeySpec; HMAC pads keys with zeros anyway.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return StringValue.of(EncodingBuiltins.hexEncode(mac.doFinal(message)));
        } catch (GeneralSecurityException e) {
            throw BuiltinError.of(name, "HMAC " + algorithm + " unavailable in this JVM");
        }
    }
}
