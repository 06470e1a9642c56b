package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.util.List;

/**
 * {@code io.jwt.decode_verify(jwt, constraints)}: {@code [valid, header, payload]}, following OPA's
 * {@code builtinJWTDecodeVerify}. A bad signature or an unmet constraint gives
 * {@code [false, {}, {}]}; malformed tokens and constraints are errors.
 */
final class JwtVerification {
    private static final String NAME = "io.jwt.decode_verify";
    private static final Value UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);

    private JwtVerification() {}

    /** The parsed constraints object; {@code time} in nanoseconds since the epoch. */
    private record Constraints(
            String secret, String alg, String iss, String aud, List<JoseKeys.VerificationKey> keys, double time) {}

    private static Constraints constraints(BuiltinContext c, ObjectValue o) {
        String secret = "";
        String alg = "";
        String iss = "";
        String aud = "";
        List<JoseKeys.VerificationKey> keys = null;
        double time = -1;
        for (int i = 0; i < o.size(); i++) {
            String key =
                    o.keyAt(i) instanceof StringValue s ? s.value() : o.keyAt(i).toString();
            Value v = o.valueAt(i);
            switch (key) {
                case "cert" -> {
                    if (!(v instanceof StringValue s)) {
                        throw BuiltinError.of(NAME, "cert constraint: must be a string");
                    }
                    try {
                        keys = JoseKeys.fromCertOrJwk(s.value());
                    } catch (IllegalArgumentException e) {
                        throw BuiltinError.of(NAME, e.getMessage());
                    }
                }
                case "secret" -> secret = string(key, v);
                case "alg" -> alg = string(key, v);
                case "iss" -> iss = string(key, v);
                case "aud" -> aud = string(key, v);
                case "time" -> time = time(v);
                default -> throw BuiltinError.of(NAME, "unknown token validation constraint: " + key);
            }
        }
        if (time == -1) {
            time = (double) c.nowNs();
        }
        int keyConstraints = (keys != null ? 1 : 0) + (secret.isEmpty() ? 0 : 1);
        if (keyConstraints > 1) {
            throw BuiltinError.of(NAME, "duplicate key constraints");
        }
        if (keyConstraints < 1) {
            throw BuiltinError.of(NAME, "no key constraint");
        }
        return new Constraints(secret, alg, iss, aud, keys, time);
    }

    private static String string(String key, Value v) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw BuiltinError.of(NAME, key + " constraint: must be a string");
    }

    private static double time(Value v) {
        if (!(v instanceof NumberValue n)) {
            throw BuiltinError.of(NAME, "token time constraint: must be a number");
        }
        double t = n.doubleValue();
        if (t < 0) {
            throw BuiltinError.of(NAME, "token time constraint: must not be negative");
        }
        return t;
    }

    static Value decodeVerify(BuiltinContext c, Value[] a) {
        ObjectValue given = Args.object(NAME, a, 1);
        Constraints k = constraints(c, given);
        Value jwt = a[0];
        JwtBuiltins.Token token;
        ObjectValue header;
        byte[] payload;
        while (true) {
            token = JwtBuiltins.split(NAME, jwt);
            header = JwtBuiltins.header(NAME, token);
            JwtBuiltins.TokenHeader h = JwtBuiltins.TokenHeader.parse(NAME, header);
            if (!h.valid() || (!k.alg().isEmpty() && !k.alg().equals(h.alg()))) {
                return UNVERIFIED;
            }
            byte[] sig = JwtBuiltins.section(NAME, "", token.signature());
            boolean verified;
            if (k.keys() != null) {
                verified = JwtBuiltins.verifyAny(k.keys(), h, h.alg(), token, sig);
            } else {
                verified = h.alg().startsWith("HS")
                        && JoseKeys.verify(
                                new javax.crypto.spec.SecretKeySpec(
                                        k.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8), "HMAC"),
                                h.alg(),
                                token.signingInput(),
                                sig);
            }
            if (!verified) {
                return UNVERIFIED;
            }
            payload = JwtBuiltins.section(NAME, "JWT payload", token.payload());
            if (h.cty().equalsIgnoreCase("JWT")) {
                jwt = StringValue.of(EncodingBuiltins.decodedText(NAME, payload));
                continue;
            }
            break;
        }
        ObjectValue claims = JwtBuiltins.jsonObject(NAME, "", payload);
        return claimsHold(k, claims) ? ArrayValue.of(BooleanValue.TRUE, header, claims) : UNVERIFIED;
    }

    private static boolean claimsHold(Constraints k, ObjectValue claims) {
        if (!k.iss().isEmpty()
                && !(claims.get("iss") instanceof StringValue iss && iss.value().equals(k.iss()))) {
            return false;
        }
        Value aud = claims.get("aud");
        if (aud != null ? !audienceHolds(k.aud(), aud) : !k.aud().isEmpty()) {
            return false;
        }
        NumberValue now = JwtBuiltins.seconds(k.time());
        Value exp = claims.get("exp");
        if (exp != null) {
            if (!(exp instanceof NumberValue e)) {
                throw BuiltinError.of(NAME, "exp value must be a number");
            }
            if (now.compareTo(e) >= 0) {
                return false;
            }
        }
        Value nbf = claims.get("nbf");
        if (nbf != null) {
            if (!(nbf instanceof NumberValue n)) {
                throw BuiltinError.of(NAME, "nbf value must be a number");
            }
            if (now.compareTo(n) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean audienceHolds(String want, Value aud) {
        if (aud instanceof StringValue s) {
            return s.value().equals(want);
        }
        if (aud instanceof ArrayValue arr) {
            return arr.items().stream()
                    .anyMatch(e -> e instanceof StringValue s && s.value().equals(want));
        }
        return false;
    }
}
