package dev.maa.rego.builtins;

import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.Value;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * {@code crypto.x509.parse_and_verify_certificates}: OPA's {@code verifyX509CertificateChain} with
 * the JDK's PKIX validator. As in OPA, the first certificate is the root (the only trust anchor),
 * the last the leaf and those between intermediates in the given order; the answer is
 * {@code [true, chain]} (leaf first, root last) or {@code [false, []]}. Go's default key usage
 * (server authentication) is checked as Go checks it: a certificate of the chain that lists
 * extended key usages must allow it. Revocation is not checked (Go does not either).
 */
final class X509Chains {
    private static final String NAME = "crypto.x509.parse_and_verify_certificates";
    private static final Set<String> SERVER_AUTH = Set.of("1.3.6.1.5.5.7.3.1", "2.5.29.37.0");
    private static final Value INVALID = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);

    private X509Chains() {}

    static void register(BuiltinRegistry r) {
        r.register(NAME, 1, (c, a) -> verify(Args.string(NAME, a, 0)));
    }

    static Value verify(String text) {
        List<X509Certificate> certs;
        try {
            certs = X509Builtins.certificates(NAME, text);
        } catch (BuiltinError e) {
            return INVALID;
        }
        if (certs.size() < 2) {
            // OPA: "must supply at least two certificates to be able to verify", answered as invalid
            return INVALID;
        }
        X509Certificate root = certs.get(0);
        boolean[] rootUsage = root.getKeyUsage();
        if (root.getBasicConstraints() < 0 || (rootUsage != null && !rootUsage[5])) {
            return INVALID; // Go requires the root to be a CA allowed to sign certificates; PKIX does not check anchors
        }
        List<X509Certificate> path = new ArrayList<>(certs.subList(1, certs.size()));
        Collections.reverse(path); // leaf first, as CertPath wants
        try {
            root.checkValidity(); // Go checks the root's validity period, PKIX does not
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(certs.get(0), null)));
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            for (X509Certificate c : certs) {
                List<String> usages = c.getExtendedKeyUsage();
                if (usages != null && usages.stream().noneMatch(SERVER_AUTH::contains)) {
                    return INVALID;
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return INVALID;
        }
        List<Value> chain = new ArrayList<>();
        for (X509Certificate c : path) {
            chain.add(X509Builtins.certificate(c));
        }
        chain.add(X509Builtins.certificate(certs.get(0)));
        return ArrayValue.of(BooleanValue.TRUE, ArrayValue.of(chain));
    }
}
