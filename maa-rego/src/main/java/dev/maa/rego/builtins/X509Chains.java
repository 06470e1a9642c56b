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
 * {@code crypto.x509.parse_and_verify_certificates_with_options} is the same check with the moment, host
 * name and key usages of its options ({@link X509VerifyOptions}).
 */
final class X509Chains {
    private static final String NAME = "crypto.x509.parse_and_verify_certificates";
    private static final String WITH_OPTIONS = "crypto.x509.parse_and_verify_certificates_with_options";
    private static final Value INVALID = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);

    private X509Chains() {}

    static void register(BuiltinRegistry r) {
        r.register(NAME, 1, (c, a) -> verify(NAME, Args.string(NAME, a, 0), null));
        r.register(
                WITH_OPTIONS,
                2,
                (c, a) -> verify(WITH_OPTIONS, Args.string(WITH_OPTIONS, a, 0), Args.object(WITH_OPTIONS, a, 1)));
    }

    /** OPA's order: certificates that do not parse are invalid before the options are read. */
    private static Value verify(String name, String text, dev.maa.rego.value.ObjectValue options) {
        List<X509Certificate> certs;
        try {
            certs = X509Builtins.certificates(name, text);
        } catch (BuiltinError e) {
            return INVALID;
        }
        X509VerifyOptions opts = options == null ? X509VerifyOptions.DEFAULTS : X509VerifyOptions.read(name, options);
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
            if (opts.time() == null) {
                root.checkValidity(); // Go checks the root's validity period, PKIX does not
            } else {
                root.checkValidity(opts.time());
            }
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(certs.get(0), null)));
            params.setRevocationEnabled(false);
            params.setDate(opts.time());
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            List<X509Certificate> leafFirst = new ArrayList<>(path);
            leafFirst.add(root);
            if (!opts.usagesAllowed(leafFirst) || !opts.hostMatches(path.get(0))) {
                return INVALID;
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
