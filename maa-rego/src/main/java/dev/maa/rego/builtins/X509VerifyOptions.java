package dev.maa.rego.builtins;

import dev.maa.rego.value.NumberValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import dev.maa.rego.value.Value;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options of {@code crypto.x509.parse_and_verify_certificates_with_options}, read as OPA's
 * {@code extractVerifyOpts} reads them (keys in sort order, the first bad one is an
 * {@code eval_builtin_error} with OPA's words), and the checks Go's {@code Certificate.Verify} makes with
 * them that the JDK's PKIX validator does not: the leaf's host name ({@code DNSName}, Go's
 * {@code VerifyHostname}: subject alternative names only, one leftmost {@code *} label, IP literals against
 * IP names) and the extended key usages along the chain ({@code KeyUsages}, Go's
 * {@code checkChainForKeyUsage}; none given means server authentication, {@code KeyUsageAny} skips the
 * check). {@code CurrentTime} (Unix nanoseconds) is the moment every certificate must be valid at.
 * {@code MaxConstraintComparisons} is accepted and has no effect: it bounds Go's name-constraint work, and
 * PKIX checks name constraints without such a bound.
 */
record X509VerifyOptions(String dnsName, Date time, Set<String> keyUsages) {
    static final String ANY = "2.5.29.37.0";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String MS_SGC = "1.3.6.1.4.1.311.10.3.3";
    private static final String NS_SGC = "2.16.840.1.113730.4.1";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** OPA's names of Go's extended key usages. */
    private static final Map<String, String> USAGES = Map.ofEntries(
            Map.entry("KeyUsageAny", ANY),
            Map.entry("KeyUsageServerAuth", SERVER_AUTH),
            Map.entry("KeyUsageClientAuth", "1.3.6.1.5.5.7.3.2"),
            Map.entry("KeyUsageCodeSigning", "1.3.6.1.5.5.7.3.3"),
            Map.entry("KeyUsageEmailProtection", "1.3.6.1.5.5.7.3.4"),
            Map.entry("KeyUsageIPSECEndSystem", "1.3.6.1.5.5.7.3.5"),
            Map.entry("KeyUsageIPSECTunnel", "1.3.6.1.5.5.7.3.6"),
            Map.entry("KeyUsageIPSECUser", "1.3.6.1.5.5.7.3.7"),
            Map.entry("KeyUsageTimeStamping", "1.3.6.1.5.5.7.3.8"),
            Map.entry("KeyUsageOCSPSigning", "1.3.6.1.5.5.7.3.9"),
            Map.entry("KeyUsageMicrosoftServerGatedCrypto", MS_SGC),
            Map.entry("KeyUsageNetscapeServerGatedCrypto", NS_SGC),
            Map.entry("KeyUsageMicrosoftCommercialCodeSigning", "1.3.6.1.4.1.311.2.1.22"),
            Map.entry("KeyUsageMicrosoftKernelCodeSigning", "1.3.6.1.4.1.311.61.1.1"));

    /** The options of the plain builtin: now, no host name, server authentication. */
    static final X509VerifyOptions DEFAULTS = new X509VerifyOptions(null, null, Set.of());

    /** Reads {@code options} as OPA does; a bad entry is an {@code eval_builtin_error} of {@code name}. */
    static X509VerifyOptions read(String name, ObjectValue options) {
        String dns = null;
        Date time = null;
        Set<String> usages = new LinkedHashSet<>();
        for (int i = 0; i < options.size(); i++) {
            if (!(options.keyAt(i) instanceof StringValue k)) {
                continue; // OPA skips keys that are not strings
            }
            Value v = options.valueAt(i);
            switch (k.value()) {
                case "DNSName" -> {
                    if (!(v instanceof StringValue s)) {
                        throw BuiltinError.of(name, "'DNSName' should be a string");
                    }
                    dns = s.value();
                }
                case "CurrentTime" -> {
                    if (!(v instanceof NumberValue n)) {
                        throw BuiltinError.of(name, "'CurrentTime' should be a number");
                    }
                    BigInteger ns = n.isInteger() ? n.bigInteger() : null;
                    if (ns == null || ns.bitLength() > 63) {
                        throw BuiltinError.of(name, "'CurrentTime' should be a valid int64 number");
                    }
                    time = new Date(Math.floorDiv(ns.longValue(), 1_000_000L));
                }
                case "MaxConstraintComparisons" -> {
                    if (!(v instanceof NumberValue n)) {
                        throw BuiltinError.of(name, "'MaxConstraintComparisons' should be a number");
                    }
                    if (!n.isInteger() || n.bigInteger().bitLength() > 63) {
                        throw BuiltinError.of(name, "'MaxConstraintComparisons' should be a valid number");
                    }
                }
                case "KeyUsages" -> usages.addAll(usages(name, v));
                default -> throw BuiltinError.of(name, "invalid key option");
            }
        }
        return new X509VerifyOptions(dns, time, Set.copyOf(usages));
    }

    private static List<String> usages(String name, Value v) {
        Collection<Value> items = v instanceof dev.maa.rego.value.ArrayValue a
                ? a.items()
                : v instanceof dev.maa.rego.value.SetValue s ? s.items() : null;
        if (items == null) {
            throw BuiltinError.of(name, "'KeyUsages' should be an Array or Set");
        }
        List<String> out = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (Value u : items) {
            if (u instanceof StringValue s) {
                String oid = USAGES.get(s.value());
                if (oid != null) {
                    out.add(oid);
                } else {
                    invalid.add(s.value());
                }
            }
        }
        if (!invalid.isEmpty()) {
            // Go prints a []string as [a b]
            throw BuiltinError.of(name, "invalid entries for 'KeyUsages' found: [" + String.join(" ", invalid) + "]");
        }
        return out;
    }

    /** Whether the leaf answers to {@link #dnsName} (true when none is asked for). */
    boolean hostMatches(X509Certificate leaf) {
        if (dnsName == null || dnsName.isEmpty()) {
            return true;
        }
        Collection<List<?>> names;
        try {
            names = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) {
            return false; // Go no longer falls back to the common name
        }
        String host = dnsName;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress ip = ipLiteral(host);
        for (List<?> n : names) {
            int type = (Integer) n.get(0);
            if (ip != null && type == 7 && ip.equals(ipLiteral(String.valueOf(n.get(1))))) {
                return true;
            }
            if (ip == null && type == 2 && dnsMatches(String.valueOf(n.get(1)), host)) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal's address, or null for a name (no lookup is ever made). */
    private static InetAddress ipLiteral(String s) {
        if (!IPV4.matcher(s).matches() && !s.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = trimDot(pattern.toLowerCase(Locale.ROOT));
        String h = trimDot(host.toLowerCase(Locale.ROOT));
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (p.equals(h)) {
            return true;
        }
        String[] ps = p.split("\\.", -1);
        String[] hs = h.split("\\.", -1);
        if (!ps[0].equals("*") || ps.length != hs.length || ps.length < 3) {
            return false;
        }
        for (int i = 1; i < ps.length; i++) {
            if (!ps[i].equals(hs[i])) {
                return false;
            }
        }
        return !hs[0].isEmpty();
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Whether the chain (leaf first) allows one of the asked key usages all along, as Go checks it. */
    boolean usagesAllowed(List<X509Certificate> chain) {
        Set<String> wanted = keyUsages.isEmpty() ? Set.of(SERVER_AUTH) : keyUsages;
        if (wanted.contains(ANY)) {
            return true;
        }
        List<String> left = new ArrayList<>(wanted);
        for (X509Certificate c : chain) {
            List<String> eku;
            try {
                eku = c.getExtendedKeyUsage();
            } catch (CertificateParsingException e) {
                return false;
            }
            if (eku == null || eku.contains(ANY)) {
                continue;
            }
            left.removeIf(u ->
                    !eku.contains(u) && !(u.equals(SERVER_AUTH) && (eku.contains(MS_SGC) || eku.contains(NS_SGC))));
            if (left.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
