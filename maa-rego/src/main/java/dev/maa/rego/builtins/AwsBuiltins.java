package dev.maa.rego.builtins;

import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code providers.aws.sign_req(request, aws_config, time_ns)}: AWS Signature Version 4 over an
 * {@code http.send}-style request object, as OPA's {@code internal/providers/aws} signs it
 * (including its quirks: the method is signed as given and the path as Go's {@code EscapedPath}).
 * Nothing is sent; the request comes back with its signed headers.
 */
final class AwsBuiltins {
    private static final String NAME = "providers.aws.sign_req";
    private static final List<String> REQUIRED =
            List.of("aws_access_key", "aws_region", "aws_secret_access_key", "aws_service");
    private static final Set<String> IGNORED_HEADERS = Set.of("authorization", "user-agent", "x-amzn-trace-id");
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AwsBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.register(NAME, 3, (c, a) -> signRequest(a));
    }

    private static String str(Value v) {
        return v instanceof StringValue s ? s.value() : "";
    }

    static Value signRequest(Value[] a) {
        ObjectValue req = Args.object(NAME, a, 0);
        ObjectValue config = Args.object(NAME, a, 1);
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String k : REQUIRED) {
            Value v = config.get(k);
            if (v == null) {
                missing.add('"' + k + '"');
            } else if (!(v instanceof StringValue)) {
                invalid.add('"' + k + '"');
            }
        }
        if (!missing.isEmpty()) {
            throw BuiltinError.of(
                    NAME, "operand 2 missing required AWS config parameters(s): {" + String.join(", ", missing) + "}");
        }
        if (!invalid.isEmpty()) {
            throw BuiltinError.of(
                    NAME,
                    "operand 2 invalid values for required AWS config parameters(s): {" + String.join(", ", invalid)
                            + "}");
        }
        BigInteger ns = Args.integer(NAME, a, 2);
        if (ns.bitLength() > 63) {
            throw BuiltinError.of(NAME, "operand 3 could not convert time_ns value into a unix timestamp");
        }
        if (!(req.get("url") instanceof StringValue url) || !(req.get("method") instanceof StringValue method)) {
            throw BuiltinError.of(
                    NAME,
                    "operand 1 invalid values for required request parameters(s): url and method must be strings");
        }
        Value headersValue = req.get("headers");
        if (headersValue != null && !(headersValue instanceof ObjectValue)) {
            throw Args.typeError(NAME, 1, "object", headersValue);
        }
        boolean unsignedPayload = false;
        Value disable = config.get("disable_payload_signing");
        if (disable != null) {
            if (!(disable instanceof BooleanValue b)) {
                throw BuiltinError.of(NAME, "operand 2 invalid value for 'disable_payload_signing' in AWS config");
            }
            unsignedPayload = b.value();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (headersValue instanceof ObjectValue h) {
            for (int i = 0; i < h.size(); i++) {
                headers.put(str(h.keyAt(i)), str(h.valueAt(i)));
            }
        }
        URI uri;
        try {
            uri = new URI(url.value());
        } catch (URISyntaxException e) {
            throw BuiltinError.of(NAME, "parse \"" + url.value() + "\": " + e.getReason());
        }
        Value raw = req.get("raw_body");
        Value body = req.get("body");
        byte[] payload = raw != null
                ? str(raw).getBytes(StandardCharsets.UTF_8)
                : body != null ? body.toJson().getBytes(StandardCharsets.UTF_8) : new byte[0];
        Instant at = Instant.EPOCH.plusNanos(ns.longValue());
        Credentials creds = new Credentials(
                str(config.get("aws_access_key")),
                str(config.get("aws_secret_access_key")),
                str(config.get("aws_region")),
                str(config.get("aws_session_token")));
        Map<String, String> signed = new TreeMap<>(headers);
        signed.putAll(sign(
                headers, method.value(), uri, payload, str(config.get("aws_service")), creds, at, unsignedPayload));
        Map<Value, Value> out = new LinkedHashMap<>(req.toMap());
        Map<String, Value> headerValues = new LinkedHashMap<>();
        signed.forEach((k, v) -> headerValues.put(k, StringValue.of(v)));
        out.put(StringValue.of("headers"), ObjectValue.ofStrings(headerValues));
        return ObjectValue.of(out);
    }

    record Credentials(String accessKey, String secretKey, String region, String sessionToken) {}

    /** The {@code Authorization} header and the AWS headers to add, as OPA's {@code SignV4}. */
    static Map<String, String> sign(
            Map<String, String> headers,
            String method,
            URI uri,
            byte[] body,
            String service,
            Credentials creds,
            Instant at,
            boolean unsignedPayload) {
        String bodyHash = unsignedPayload ? "UNSIGNED-PAYLOAD" : hex(sha256(body));
        String day = DAY.format(at);
        String stamp = STAMP.format(at);
        Map<String, String> aws = new LinkedHashMap<>();
        aws.put("host", uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
        aws.put("x-amz-date", stamp);
        if (service.equals("s3") || service.equals("glacier")) {
            aws.put("x-amz-content-sha256", bodyHash);
        }
        if (!creds.sessionToken().isEmpty()) {
            aws.put("x-amz-security-token", creds.sessionToken());
        }
        TreeMap<String, String> toSign = new TreeMap<>(aws);
        headers.forEach((k, v) -> {
            String lower = k.toLowerCase(java.util.Locale.ROOT);
            if (!IGNORED_HEADERS.contains(lower)) {
                toSign.put(lower, v);
            }
        });
        StringBuilder canonical = new StringBuilder();
        canonical
                .append(method)
                .append('\n')
                .append(uri.getRawPath() == null ? "" : uri.getRawPath())
                .append('\n')
                .append(uri.getRawQuery() == null ? "" : uri.getRawQuery())
                .append('\n');
        toSign.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", toSign.keySet());
        canonical.append('\n').append(signedHeaders).append('\n').append(bodyHash);
        String scope = day + "/" + creds.region() + "/" + service + "/aws4_request";
        String toSignText = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + creds.secretKey()).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, creds.region());
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSignText));
        Map<String, String> out = new LinkedHashMap<>(aws);
        out.put(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + creds.accessKey() + "/" + scope + "," + "SignedHeaders="
                        + signedHeaders + ",Signature=" + signature);
        return out;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return EncodingBuiltins.hexEncode(b);
    }
}
