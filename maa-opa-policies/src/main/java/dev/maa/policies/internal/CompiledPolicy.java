package dev.maa.policies.internal;

import dev.maa.policies.PolicyProblem;
import dev.maa.policies.PolicySet;
import dev.maa.policies.PolicyValidationException;
import dev.maa.rego.EvalLimits;
import dev.maa.rego.Location;
import dev.maa.rego.PreparedQuery;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoException;
import java.util.List;

/**
 * One policy revision, parsed, compiled and with its queries prepared: built once when a set is
 * loaded, then evaluated for every call. Immutable, so a reload swaps one reference.
 *
 * @param set       the policy set it came from
 * @param modules   the composed modules and data
 * @param engine    the compiled Rego engine (policies only: the tests are compiled by {@link PolicyTestRunner}
 *                  when they run, and left out of decisions as they are left out of OPA bundles)
 * @param decision  {@code data.maa.decision}
 * @param review    {@code data.maa.review.allowed}
 */
public record CompiledPolicy(
        PolicySet set, PolicyModules modules, RegoEngine engine, PreparedQuery decision, PreparedQuery review) {

    public static final String DECISION_QUERY = "data.maa.decision";
    public static final String REVIEW_QUERY = "data.maa.review.allowed";

    public String revision() {
        return modules.revision();
    }

    /**
     * Parses and compiles the policies of {@code set}, and prepares the two queries. Its {@code *_test.rego}
     * modules are not compiled here: they take no part in a decision (an OPA server never sees them either)
     * and are most of the source of the built-in package, so leaving them out makes loading policies cheaper.
     *
     * @throws PolicyValidationException naming {@code file:line:col} of the first Rego error, or the data problems
     */
    public static CompiledPolicy compile(PolicySet set, EvalLimits limits) {
        PolicyModules modules = PolicyModules.compose(set);
        try {
            RegoEngine.Builder b = RegoEngine.builder().data(modules.data()).limits(limits);
            modules.policies().forEach(b::module);
            RegoEngine engine = b.build();
            return new CompiledPolicy(
                    set, modules, engine, engine.prepare(DECISION_QUERY), engine.prepare(REVIEW_QUERY));
        } catch (RegoException e) {
            throw invalid(e);
        }
    }

    static PolicyValidationException invalid(RegoException e) {
        Location l = e.location();
        PolicyProblem p = new PolicyProblem(
                l.file(),
                l.line(),
                l.col(),
                "",
                e.code() + ": " + e.text()
                        + (l.sourceLine().isEmpty()
                                ? ""
                                : "\n    " + l.sourceLine().strip()));
        return new PolicyValidationException("Policy does not compile", List.of(p), e);
    }
}
