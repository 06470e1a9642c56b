package dev.maa.rego.builtins;

import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * {@code crypto.x509.parse_certificate_request}: a PKCS #10 request (PEM, or base64 of PEM or DER)
 * read with a small DER walker, since the JDK has no public parser for it. Input errors are OPA's
 * (Go's base64 error, a PEM block of another type); the request comes back with the commonly used
 * fields of Go's {@code x509.CertificateRequest} JSON, as {@code parse_certificates} does for
 * certificates: raw parts, version, signature and its algorithm, public key algorithm, subject
 * and the subject alternative names of its extension request. DER Go would word its own way is
 * refused.
 */
final class X509Requests {
    private static final String NAME = "crypto.x509.parse_certificate_request";
    private static final String EXTENSION_REQUEST = "1.2.840.113549.1.9.14";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    /** Go's {@code x509.SignatureAlgorithm} numbers by OID. */
    private static final Map<String, Integer> SIGNATURE_ALGORITHMS = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", 1),
            Map.entry("1.2.840.113549.1.1.4", 2),
            Map.entry("1.2.840.113549.1.1.5", 3),
            Map.entry("1.2.840.113549.1.1.11", 4),
            Map.entry("1.2.840.113549.1.1.12", 5),
            Map.entry("1.2.840.113549.1.1.13", 6),
            Map.entry("1.2.840.10040.4.3", 7),
            Map.entry("2.16.840.1.101.3.4.3.2", 8),
            Map.entry("1.2.840.10045.4.1", 9),
            Map.entry("1.2.840.10045.4.3.2", 10),
            Map.entry("1.2.840.10045.4.3.3", 11),
            Map.entry("1.2.840.10045.4.3.4", 12),
            Map.entry("1.3.101.112", 16));
    /** Go's {@code x509.PublicKeyAlgorithm} numbers by OID. */
    private static final Map<String, Integer> KEY_ALGORITHMS =
            Map.of("1.2.840.113549.1.1.1", 1, "1.2.840.10040.4.1", 2, "1.2.840.10045.2.1", 3, "1.3.101.112", 4);

    private X509Requests() {}

    /** A DER element: its tag and where its header and content are in the buffer. */
    private record Tlv(int tag, int start, int content, int end) {}

    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    static void register(BuiltinRegistry r) {
        r.register(NAME, 1, (c, a) -> parse(Args.string(NAME, a, 0)));
    }

    static Value parse(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        if (!input.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) {
            try {
                bytes = GoBase64.decodeStd(input);
            } catch (GoBase64.CorruptInput e) {
                throw BuiltinError.of(NAME, e.getMessage());
            }
        }
        Pem.Block block = Pem.decode(new String(bytes, StandardCharsets.ISO_8859_1));
        if (block != null && !block.type().equals("CERTIFICATE REQUEST")) {
            throw BuiltinError.of(NAME, "invalid PEM-encoded certificate signing request");
        }
        byte[] der = block != null ? block.der() : bytes;
        try {
            return request(der);
        } catch (Malformed | RuntimeException e) {
            throw new RegoUnsupportedException(
                    "rego_unsupported_error",
                    null,
                    "builtin " + NAME + " is not supported:"
                            + " the request is not well-formed DER, and Go words its parse errors in its own way");
        }
    }

    private static Value request(byte[] b) throws Malformed {
        Tlv csr = tlv(b, 0, b.length);
        if (csr.tag() != 0x30 || csr.end() != b.length) {
            throw new Malformed();
        }
        List<Tlv> top = children(b, csr);
        List<Tlv> info = children(b, top.get(0));
        List<Tlv> sigAlg = children(b, top.get(1));
        Tlv signature = top.get(2);
        Tlv subject = info.get(1);
        Tlv spki = info.get(2);
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("Raw", base64(b, csr.start(), csr.end()));
        out.put(
                "RawTBSCertificateRequest",
                base64(b, top.get(0).start(), top.get(0).end()));
        out.put("RawSubjectPublicKeyInfo", base64(b, spki.start(), spki.end()));
        out.put("RawSubject", base64(b, subject.start(), subject.end()));
        out.put(
                "Version",
                NumberValue.of(new BigInteger(
                        Arrays.copyOfRange(b, info.get(0).content(), info.get(0).end()))));
        out.put("Signature", base64(b, signature.content() + 1, signature.end()));
        out.put("SignatureAlgorithm", NumberValue.of(SIGNATURE_ALGORITHMS.getOrDefault(oid(b, sigAlg.get(0)), 0)));
        out.put(
                "PublicKeyAlgorithm",
                NumberValue.of(KEY_ALGORITHMS.getOrDefault(
                        oid(b, children(b, children(b, spki).get(0)).get(0)), 0)));
        out.put("Subject", X509Builtins.name(new X500Principal(Arrays.copyOfRange(b, subject.start(), subject.end()))));
        List<List<String>> sans = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        if (info.size() > 3 && info.get(3).tag() == 0xA0) {
            for (Tlv attribute : children(b, info.get(3))) {
                List<Tlv> parts = children(b, attribute);
                if (oid(b, parts.get(0)).equals(EXTENSION_REQUEST)) {
                    for (Tlv extensions : children(b, parts.get(1))) {
                        for (Tlv extension : children(b, extensions)) {
                            List<Tlv> e = children(b, extension);
                            if (oid(b, e.get(0)).equals(SUBJECT_ALT_NAME)) {
                                Tlv value = e.get(e.size() - 1);
                                alternativeNames(b, tlv(b, value.content(), value.end()), sans);
                            }
                        }
                    }
                }
            }
        }
        out.put("DNSNames", X509Builtins.strings(sans.get(0)));
        out.put("EmailAddresses", X509Builtins.strings(sans.get(1)));
        out.put("IPAddresses", X509Builtins.strings(sans.get(2)));
        out.put("URIs", X509Builtins.strings(sans.get(3)));
        return ObjectValue.ofStrings(out);
    }

    /** GeneralNames: [2] dNSName, [1] rfc822Name, [7] iPAddress, [6] URI (Go's parseSANExtension). */
    private static void alternativeNames(byte[] b, Tlv names, List<List<String>> out) throws Malformed {
        for (Tlv n : children(b, names)) {
            String text = new String(b, n.content(), n.end() - n.content(), StandardCharsets.ISO_8859_1);
            switch (n.tag()) {
                case 0x82 -> out.get(0).add(text);
                case 0x81 -> out.get(1).add(text);
                case 0x87 -> {
                    try {
                        out.get(2)
                                .add(InetAddress.getByAddress(Arrays.copyOfRange(b, n.content(), n.end()))
                                        .getHostAddress());
                    } catch (UnknownHostException e) {
                        throw new Malformed();
                    }
                }
                case 0x86 -> out.get(3).add(text);
                default -> {}
            }
        }
    }

    private static Value base64(byte[] b, int from, int to) {
        return StringValue.of(Base64.getEncoder().encodeToString(Arrays.copyOfRange(b, from, to)));
    }

    private static String oid(byte[] b, Tlv t) throws Malformed {
        if (t.tag() != 0x06 || t.end() == t.content()) {
            throw new Malformed();
        }
        StringBuilder sb = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (int i = t.content(); i < t.end(); i++) {
            value = (value << 7) | (b[i] & 0x7f);
            if ((b[i] & 0x80) == 0) {
                if (first) {
                    long head = Math.min(value / 40, 2);
                    sb.append(head).append('.').append(value - 40 * head);
                    first = false;
                } else {
                    sb.append('.').append(value);
                }
                value = 0;
            }
        }
        return sb.toString();
    }

    private static List<Tlv> children(byte[] b, Tlv parent) throws Malformed {
        List<Tlv> out = new ArrayList<>();
        for (int off = parent.content(); off < parent.end(); ) {
            Tlv t = tlv(b, off, parent.end());
            out.add(t);
            off = t.end();
        }
        return out;
    }

    private static Tlv tlv(byte[] b, int off, int limit) throws Malformed {
        if (off + 2 > limit || (b[off] & 0x1f) == 0x1f) {
            throw new Malformed();
        }
        int tag = b[off] & 0xff;
        int len = b[off + 1] & 0xff;
        int content = off + 2;
        if (len > 0x80) {
            int n = len & 0x7f;
            if (n > 3 || content + n > limit) {
                throw new Malformed();
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[content + i] & 0xff);
            }
            content += n;
        } else if (len == 0x80) {
            throw new Malformed(); // indefinite length is not DER
        }
        if (content + len > limit) {
            throw new Malformed();
        }
        return new Tlv(tag, off, content, content + len);
    }
}
