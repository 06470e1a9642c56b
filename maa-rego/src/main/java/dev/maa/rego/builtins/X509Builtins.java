package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.NullValue;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * {@code crypto.x509.parse_certificates, parse_keypair, parse_rsa_private_key} and
 * {@code crypto.parse_private_keys}, read with the JDK. Certificates come back with the commonly
 * used fields of Go's {@code x509.Certificate} JSON (Raw, SerialNumber, Subject, Issuer, validity,
 * SANs, CA flag), not all of them; RSA and PKCS#8 keys come back as JWKs, as OPA returns them
 * (EC keys in SEC 1 form are refused).
 */
final class X509Builtins {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private X509Builtins() {}

    static void register(BuiltinRegistry r) {
        r.register("crypto.x509.parse_certificates", 1, (c, a) -> {
            String name = "crypto.x509.parse_certificates";
            List<Value> out = new ArrayList<>();
            for (X509Certificate cert : certificates(name, Args.string(name, a, 0))) {
                out.add(certificate(cert));
            }
            return ArrayValue.of(out);
        });
        r.register("crypto.x509.parse_rsa_private_key", 1, (c, a) -> {
            String name = "crypto.x509.parse_rsa_private_key";
            List<PrivateKey> keys = privateKeys(name, pemText(name, Args.string(name, a, 0)));
            if (keys.isEmpty() || !(keys.get(0) instanceof RSAPrivateCrtKey rsa)) {
                throw BuiltinError.of(name, "failed to parse RSA private key");
            }
            return jwk(rsa);
        });
        r.register("crypto.parse_private_keys", 1, (c, a) -> {
            String name = "crypto.parse_private_keys";
            String text = Args.string(name, a, 0);
            if (text.isEmpty()) {
                return ArrayValue.EMPTY;
            }
            List<Value> out = new ArrayList<>();
            for (PrivateKey k : privateKeys(name, pemText(name, text))) {
                out.add(jwk(k));
            }
            return ArrayValue.of(out);
        });
        r.register("crypto.x509.parse_keypair", 2, (c, a) -> {
            String name = "crypto.x509.parse_keypair";
            List<X509Certificate> certs = certificates(name, pemText(name, Args.string(name, a, 0)));
            List<PrivateKey> keys = privateKeys(name, pemText(name, Args.string(name, a, 1)));
            if (certs.isEmpty() || keys.isEmpty()) {
                throw BuiltinError.of(
                        name,
                        "tls: failed to find any PEM data in " + (certs.isEmpty() ? "certificate" : "key") + " input");
            }
            List<Value> der = new ArrayList<>();
            try {
                for (X509Certificate cert : certs) {
                    der.add(StringValue.of(Base64.getEncoder().encodeToString(cert.getEncoded())));
                }
            } catch (GeneralSecurityException e) {
                throw BuiltinError.of(name, e.getMessage());
            }
            Map<String, Value> pair = new LinkedHashMap<>();
            pair.put("Certificate", ArrayValue.of(der));
            pair.put("PrivateKey", jwk(keys.get(0)));
            pair.put("Leaf", certificate(certs.get(0)));
            return ObjectValue.ofStrings(pair);
        });
    }

    /** PEM text as given, or the PEM inside base64 (OPA accepts both). */
    private static String pemText(String name, String text) {
        if (text.startsWith("-----BEGIN")) {
            return text;
        }
        try {
            return new String(GoBase64.decodeStd(text), StandardCharsets.UTF_8);
        } catch (GoBase64.CorruptInput e) {
            throw BuiltinError.of(name, e.getMessage());
        }
    }

    /** OPA's {@code getX509CertsFromString}: PEM, base64 of PEM, or base64 of DER. */
    static List<X509Certificate> certificates(String name, String text) {
        byte[] der;
        if (text.startsWith("-----BEGIN")) {
            der = pemCertificates(name, text);
        } else {
            byte[] decoded;
            try {
                decoded = GoBase64.decodeStd(text);
            } catch (GoBase64.CorruptInput e) {
                throw BuiltinError.of(name, e.getMessage());
            }
            String asText = new String(decoded, StandardCharsets.ISO_8859_1);
            der = asText.startsWith("-----BEGIN") ? pemCertificates(name, asText) : decoded;
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw BuiltinError.of(name, "x509: malformed certificate");
        }
    }

    private static byte[] pemCertificates(String name, String text) {
        java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
        for (Pem.Block b : Pem.decodeAll(text)) {
            if (!b.type().equals("CERTIFICATE")) {
                throw BuiltinError.of(name, "PEM block type is '" + b.type() + "', expected CERTIFICATE");
            }
            der.writeBytes(b.der());
        }
        return der.toByteArray();
    }

    /** Private keys of PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC 1 blocks. */
    static List<PrivateKey> privateKeys(String name, String text) {
        List<PrivateKey> out = new ArrayList<>();
        for (Pem.Block b : Pem.decodeAll(text)) {
            byte[] pkcs8 = switch (b.type()) {
                case "PRIVATE KEY" -> b.der();
                case "RSA PRIVATE KEY" -> rsaPkcs8(b.der());
                default -> null;
            };
            if (pkcs8 == null) {
                continue;
            }
            PrivateKey key = null;
            for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
                try {
                    key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                    break;
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            if (key == null) {
                throw BuiltinError.of(name, "failed to parse " + b.type());
            }
            out.add(key);
        }
        return out;
    }

    /** PKCS#8 around a PKCS#1 RSA key: SEQUENCE { 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING key }. */
    private static byte[] rsaPkcs8(byte[] pkcs1) {
        byte[] algorithm = java.util.HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");
        byte[] octets = tlv(0x04, pkcs1);
        byte[] body = new byte[algorithm.length + octets.length];
        System.arraycopy(algorithm, 0, body, 0, algorithm.length);
        System.arraycopy(octets, 0, body, algorithm.length, octets.length);
        return tlv(0x30, body);
    }

    private static byte[] tlv(int tag, byte[] content) {
        int n = content.length;
        byte[] len = n < 0x80
                ? new byte[] {(byte) n}
                : n < 0x100
                        ? new byte[] {(byte) 0x81, (byte) n}
                        : n < 0x10000
                                ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }

    private static Value jwk(PrivateKey key) {
        try {
            return Values.parseJson(JoseKeys.privateJwkJson(key));
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BuiltinError.of("crypto", e.getMessage());
        }
    }

    /** Go's JSON of a string slice: null when empty. */
    static Value strings(List<String> items) {
        return items.isEmpty()
                ? NullValue.INSTANCE
                : ArrayValue.of(
                        items.stream().map(s -> (Value) StringValue.of(s)).toList());
    }

    /** Go's {@code pkix.Name} fields from an RFC 2253 name. */
    static Value name(javax.security.auth.x500.X500Principal p) {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        try {
            for (Rdn rdn : new LdapName(p.getName(javax.security.auth.x500.X500Principal.RFC2253)).getRdns()) {
                byType.computeIfAbsent(rdn.getType().toUpperCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                        .add(String.valueOf(rdn.getValue()));
            }
        } catch (InvalidNameException e) {
            // leave the name empty
        }
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("Country", strings(byType.getOrDefault("C", List.of())));
        out.put("Organization", strings(byType.getOrDefault("O", List.of())));
        out.put("OrganizationalUnit", strings(byType.getOrDefault("OU", List.of())));
        out.put("Locality", strings(byType.getOrDefault("L", List.of())));
        out.put("Province", strings(byType.getOrDefault("ST", List.of())));
        out.put("StreetAddress", strings(byType.getOrDefault("STREET", List.of())));
        out.put("PostalCode", strings(byType.getOrDefault("2.5.4.17", List.of())));
        List<String> serial = byType.getOrDefault("2.5.4.5", List.of());
        out.put("SerialNumber", StringValue.of(serial.isEmpty() ? "" : serial.get(0)));
        List<String> cn = byType.getOrDefault("CN", List.of());
        out.put("CommonName", StringValue.of(cn.isEmpty() ? "" : cn.get(cn.size() - 1)));
        return ObjectValue.ofStrings(out);
    }

    static Value certificate(X509Certificate c) {
        Map<String, Value> out = new LinkedHashMap<>();
        try {
            out.put("Raw", StringValue.of(Base64.getEncoder().encodeToString(c.getEncoded())));
        } catch (GeneralSecurityException e) {
            throw BuiltinError.of("crypto.x509", e.getMessage());
        }
        out.put("Version", NumberValue.of(c.getVersion()));
        out.put("SerialNumber", NumberValue.of(c.getSerialNumber()));
        out.put("Subject", name(c.getSubjectX500Principal()));
        out.put("Issuer", name(c.getIssuerX500Principal()));
        out.put(
                "NotBefore",
                StringValue.of(RFC3339.format(c.getNotBefore().toInstant()).replace("+00:00", "Z")));
        out.put(
                "NotAfter",
                StringValue.of(RFC3339.format(c.getNotAfter().toInstant()).replace("+00:00", "Z")));
        out.put("IsCA", BooleanValue.of(c.getBasicConstraints() != -1));
        List<String> dns = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                for (List<?> san : c.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    String v = String.valueOf(san.get(1));
                    switch (type) {
                        case 1 -> emails.add(v);
                        case 2 -> dns.add(v);
                        case 6 -> uris.add(v);
                        case 7 -> ips.add(v);
                        default -> {}
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            // no SANs
        }
        out.put("DNSNames", strings(dns));
        out.put("EmailAddresses", strings(emails));
        out.put("IPAddresses", strings(ips));
        out.put("URIs", strings(uris));
        return ObjectValue.ofStrings(out);
    }
}
