package dev.maa.rego.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nimbusds.jose.jwk.JWK;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code io.jwt.*}: decoding, signature verification of every JWS algorithm OPA knows, full
 * {@code decode_verify} with its constraints, and signing. Follows OPA's {@code topdown/tokens.go}
 * step by step, with its error messages; JWE tokens are refused as OPA refuses them.
 */
final class JwtBuiltins {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private JwtBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register("io.jwt.decode", 1, (c, a) -> decode("io.jwt.decode", a[0]));
        for (String alg :
                List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")) {
            String name = "io.jwt.verify_" + alg.toLowerCase(java.util.Locale.ROOT);
            r.register(name, 2, (c, a) -> BooleanValue.of(verifyWithKeys(name, alg, a)));
        }
        for (String alg : List.of("HS256", "HS384", "HS512")) {
            String name = "io.jwt.verify_" + alg.toLowerCase(java.util.Locale.ROOT);
            r.register(name, 2, (c, a) -> BooleanValue.of(verifyWithSecret(name, alg, a)));
        }
        r.register("io.jwt.decode_verify", 2, (c, a) -> JwtVerification.decodeVerify(c, a));
        r.register(
                "io.jwt.encode_sign",
                3,
                (c, a) -> encodeSign("io.jwt.encode_sign", utf8(a[0].toJson()), utf8(a[1].toJson()), a[2].toJson()));
        r.register("io.jwt.encode_sign_raw", 3, (c, a) -> {
            String jwk = Args.string("io.jwt.encode_sign_raw", a, 2);
            return encodeSign(
                    "io.jwt.encode_sign_raw",
                    utf8(Args.string("io.jwt.encode_sign_raw", a, 0)),
                    utf8(Args.string("io.jwt.encode_sign_raw", a, 1)),
                    jwk);
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The three base64url sections of a compact JWS. */
    record Token(String header, String payload, String signature) {
        byte[] signingInput() {
            return utf8(header + "." + payload);
        }
    }

    static Token split(String name, Value jwt) {
        if (!(jwt instanceof StringValue s)) {
            throw Args.typeError(name, 1, "string", jwt);
        }
        String text = s.value();
        if (!text.contains(".")) {
            throw BuiltinError.of(name, "encoded JWT had no period separators");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw BuiltinError.of(name, "encoded JWT must have 3 sections, found " + parts.length);
        }
        return new Token(parts[0], parts[1], parts[2]);
    }

    static byte[] section(String name, String what, String b64) {
        try {
            return EncodingBuiltins.base64UrlBytes(b64);
        } catch (IllegalArgumentException e) {
            throw BuiltinError.of(
                    name, what.isEmpty() ? e.getMessage() : what + " had invalid encoding: " + e.getMessage());
        }
    }

    /** The decoded header object; a JWE ({@code enc} present) is refused. */
    static ObjectValue header(String name, Token t) {
        ObjectValue h = jsonObject(name, "bad JWT header: ", section(name, "JWT header", t.header()));
        if (h.get("enc") != null) {
            throw BuiltinError.of(name, "JWT is a JWE object, which is not supported");
        }
        return h;
    }

    static ObjectValue jsonObject(String name, String prefix, byte[] bytes) {
        Value v;
        try {
            v = Values.parseJson(EncodingBuiltins.decodedText(name, bytes));
        } catch (JsonProcessingException e) {
            throw BuiltinError.of(name, prefix + "invalid JSON: " + e.getOriginalMessage());
        }
        if (!(v instanceof ObjectValue o)) {
            throw BuiltinError.of(name, prefix + "decoded JSON type was not an Object");
        }
        return o;
    }

    static Value decode(String name, Value jwt) {
        Token t = split(name, jwt);
        ObjectValue header = header(name, t);
        byte[] payload = section(name, "JWT payload", t.payload());
        if (header.get("cty") instanceof StringValue cty && cty.value().equals("JWT")) {
            String inner = EncodingBuiltins.decodedText(name, payload);
            return decode(name, StringValue.of(StringBuiltins.trim(inner, "\"'", true, true)));
        }
        ObjectValue claims = jsonObject(name, "", payload);
        byte[] sig = section(name, "JWT signature", t.signature());
        return ArrayValue.of(header, claims, StringValue.of(EncodingBuiltins.hexEncode(sig)));
    }

    /** OPA's {@code builtinJWTVerify}: a key whose kid matches the header's first, else any key that verifies. */
    static boolean verifyWithKeys(String name, String alg, Value[] a) {
        Token t = split(name, a[0]);
        String keyText = Args.string(name, a, 1);
        List<JoseKeys.VerificationKey> keys;
        try {
            keys = JoseKeys.fromCertOrJwk(keyText);
        } catch (IllegalArgumentException e) {
            throw BuiltinError.of(name, e.getMessage());
        }
        byte[] sig = section(name, "", t.signature());
        ObjectValue header = header(name, t);
        TokenHeader h = TokenHeader.parse(name, header);
        return verifyAny(keys, h, alg, t, sig);
    }

    /** Signature check over {@code keys} as OPA orders it; {@code alg} is the algorithm to verify with. */
    static boolean verifyAny(List<JoseKeys.VerificationKey> keys, TokenHeader h, String alg, Token t, byte[] sig) {
        if (!h.kid().isEmpty()) {
            for (JoseKeys.VerificationKey k : keys) {
                if (k.kid().equals(h.kid())) {
                    return JoseKeys.verify(k.key(), alg, t.signingInput(), sig);
                }
            }
        }
        for (JoseKeys.VerificationKey k : keys) {
            if (!k.alg().isEmpty() && !k.alg().equals(h.alg())) {
                continue;
            }
            if (JoseKeys.verify(k.key(), alg, t.signingInput(), sig)) {
                return true;
            }
        }
        return false;
    }

    static boolean verifyWithSecret(String name, String alg, Value[] a) {
        Args.string(name, a, 0);
        String secret = Args.string(name, a, 1);
        Token t = split(name, a[0]);
        Key key = new javax.crypto.spec.SecretKeySpec(secret.isEmpty() ? new byte[1] : utf8(secret), "HMAC");
        byte[] expected = JoseKeys.sign(key, alg, t.signingInput());
        return java.security.MessageDigest.isEqual(expected, section(name, "", t.signature()));
    }

    /** The registered header parameters OPA checks; {@code crit} names must all be understood. */
    record TokenHeader(String alg, String kid, String cty, Set<String> crit, Set<String> unknown) {
        static TokenHeader parse(String name, ObjectValue header) {
            String alg = "";
            String kid = "";
            String cty = "";
            Set<String> crit = Set.of();
            Set<String> unknown = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String key = header.keyAt(i) instanceof StringValue s
                        ? s.value()
                        : header.keyAt(i).toString();
                Value v = header.valueAt(i);
                switch (key) {
                    case "alg" -> alg = headerString(name, key, v);
                    case "kid" -> kid = headerString(name, key, v);
                    case "typ" -> headerString(name, key, v);
                    case "cty" -> cty = headerString(name, key, v);
                    case "crit" -> crit = critical(name, v);
                    default -> unknown.add(key);
                }
            }
            return new TokenHeader(alg, kid, cty, crit, unknown);
        }

        private static String headerString(String name, String key, Value v) {
            if (v instanceof StringValue s) {
                return s.value();
            }
            throw BuiltinError.of(name, key + ": must be a string");
        }

        private static Set<String> critical(String name, Value v) {
            if (!(v instanceof ArrayValue arr)) {
                throw BuiltinError.of(name, "crit: must be a list");
            }
            Set<String> out = new HashSet<>();
            for (Value e : arr.items()) {
                if (e instanceof StringValue s) {
                    out.add(s.value());
                }
            }
            if (out.isEmpty()) {
                throw BuiltinError.of(name, "crit: must be a nonempty list");
            }
            return out;
        }

        /** RFC 7515: alg present, and no critical parameter we do not understand. */
        boolean valid() {
            return !alg.isEmpty() && unknown.stream().noneMatch(crit::contains);
        }
    }

    static Value encodeSign(String name, byte[] headerJson, byte[] payload, String jwkText) {
        List<JWK> jwks;
        try {
            jwks = JoseKeys.parseJwks(jwkText);
        } catch (ParseException | IllegalArgumentException e) {
            throw BuiltinError.of(name, "failed to parse JWK: " + e.getMessage());
        }
        if (jwks.isEmpty()) {
            throw BuiltinError.of(name, "no keys found in JWK set");
        }
        String alg = headerAlg(name, headerJson);
        if (!JoseKeys.ALGORITHMS.contains(alg)) {
            throw BuiltinError.of(name, "unknown JWS algorithm: " + alg);
        }
        Value typ = headerField(headerJson, "typ");
        boolean jwtTyped = !(typ instanceof StringValue s) || s.value().equals("JWT");
        if (jwtTyped && !JsonBuiltins.isValid(new String(payload, StandardCharsets.UTF_8))) {
            throw BuiltinError.of(name, "type is JWT but payload is not JSON");
        }
        String input = B64URL.encodeToString(headerJson) + "." + B64URL.encodeToString(payload);
        try {
            Key key = JoseKeys.signingKey(jwks.get(0));
            return StringValue.of(input + "." + B64URL.encodeToString(JoseKeys.sign(key, alg, utf8(input))));
        } catch (IllegalArgumentException e) {
            throw BuiltinError.of(name, e.getMessage());
        }
    }

    private static String headerAlg(String name, byte[] headerJson) {
        String prefix = "missing or invalid 'alg' header: ";
        if (headerJson.length == 0) {
            throw BuiltinError.of(name, prefix + "cannot parse JSON: cannot parse empty string");
        }
        Value header;
        try {
            header = Values.parseJson(new String(headerJson, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw BuiltinError.of(name, prefix + "cannot parse JSON: invalid character: " + e.getOriginalMessage());
        }
        Value alg = header instanceof ObjectValue o ? o.get("alg") : null;
        if (alg instanceof StringValue s) {
            return s.value();
        }
        throw BuiltinError.of(name, prefix + (alg == null ? "key \"alg\" not found" : "\"alg\" is not a string"));
    }

    private static Value headerField(byte[] headerJson, String field) {
        try {
            return Values.parseJson(new String(headerJson, StandardCharsets.UTF_8)) instanceof ObjectValue o
                    ? o.get(field)
                    : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Seconds as a number, compared with exp/nbf claims exactly as OPA compares floats. */
    static NumberValue seconds(double ns) {
        return NumberValue.of(new BigDecimal(Double.toString(ns / 1e9)));
    }
}
