package dev.maa.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.maa.api.Decision;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.PolicyUnavailableException;
import dev.maa.core.CallOutcome;
import dev.maa.policies.internal.CompiledPolicy;
import dev.maa.policies.internal.DecisionDocuments;
import dev.maa.policies.internal.PolicyTestRunner;
import dev.maa.rego.EvalLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain entry points for the {@code maa policy} commands, so the CLI only parses arguments and prints.
 * A {@code null} policy directory means the demo policies shipped with this module.
 */
public final class PolicyCommands {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PolicyCommands() {}

    /** {@code maa policy test [DIR]}: runs built-in and custom Rego tests; print {@link PolicyTestReport#summary()}, exit 1 unless all pass. */
    public static PolicyTestReport test(Path dir) {
        return PolicyTestRunner.run(CompiledPolicy.compile(load(dir), EvalLimits.DEFAULT));
    }

    /**
     * {@code maa policy eval --input FILE [--policy DIR]}: what would happen to a call with this input, as pretty
     * JSON: the effective {@code outcome} ({@link CallOutcome}: break-glass included), whether it {@code runs_now},
     * an {@code explanation}, and beside them the policy's own {@code decision} ({@code data.maa.decision}).
     */
    public static String eval(Path inputFile, Path dir) {
        Map<?, ?> input;
        try {
            input = JSON.readValue(Files.readString(inputFile), Map.class);
        } catch (IOException e) {
            throw new MaaConfigurationException(
                    "Cannot read the input document " + inputFile + ": " + e.getMessage()
                            + ". It must be a JSON object like the policy input (principal, resource, action, ...).",
                    e);
        }
        PolicySet set = load(dir);
        try (EmbeddedRegoPolicyEngine engine =
                EmbeddedRegoPolicyEngine.builder().policySet(set).build()) {
            return JSON.writeValueAsString(evaluate(engine, set.accessPolicies().engineBreakGlass(), input));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print the decision", e);
        }
    }

    /**
     * What would happen to a call with {@code input} (the policy input, or OPA's request shape
     * {@code {"input": ...}}) under {@code engine}'s policies and the engine's {@code breakGlass}: the effective
     * {@code outcome}, {@code runs_now}, an {@code explanation}, and the policy's own {@code decision}. Shared by
     * {@code maa policy eval} and the server's {@code POST /api/v1/policies/eval}.
     */
    public static Map<String, Object> evaluate(
            EmbeddedRegoPolicyEngine engine, dev.maa.core.BreakGlass breakGlass, Map<?, ?> input) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) (input.get("input") instanceof Map<?, ?> inner ? inner : input);
        Object decision = engine.decisionDocument(doc);
        Map<String, Object> out = outcome(doc, decision, breakGlass, engine.revision());
        out.put("decision", decision);
        return out;
    }

    /**
     * The effective outcome of a call with {@code input} whose policy decision is {@code decisionDocument}, under
     * {@code breakGlass}: {@code outcome}, {@code runs_now} and {@code explanation}, as the gatekeeper would act
     * ({@link CallOutcome#of}). A document the gatekeeper could not read is reported as {@code unavailable}: the
     * call would fail closed.
     */
    private static Map<String, Object> outcome(
            Map<String, Object> input, Object decisionDocument, dev.maa.core.BreakGlass breakGlass, String revision) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Decision decision = DecisionDocuments.toDecision(decisionDocument, revision, "maa policy eval");
            Object principal = input.get("principal") instanceof Map<?, ?> p ? p.get("id") : null;
            Object justification = input.get("justification");
            CallOutcome outcome = CallOutcome.of(
                    decision,
                    principal instanceof String id ? id : "",
                    Boolean.TRUE.equals(input.get("emergency")),
                    justification instanceof String j ? j : "",
                    breakGlass);
            out.put("outcome", outcome.wireName());
            out.put("runs_now", outcome.runsNow());
            out.put("explanation", outcome.explanation());
        } catch (PolicyUnavailableException e) {
            out.put("outcome", "unavailable");
            out.put("runs_now", false);
            out.put("explanation", "the decision cannot be read, so every call fails closed: " + e.getMessage());
        }
        return out;
    }

    /**
     * {@code maa policy push [DIR] [--force --justification TEXT]}: validates and pushes; usually ends in
     * {@link dev.maa.api.ApprovalRequiredException} (print its message: the request id to approve).
     */
    public static PolicyRevision push(PolicyService service, Path dir, String forceJustification) {
        return service.push(load(dir), forceJustification);
    }

    /** {@code maa policy list}: one line per revision, newest first, the active one marked. */
    public static String list(PolicyService service) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (PolicyRevision r : service.list()) {
            sb.append(first ? "* " : "  ")
                    .append(String.format("%4d", r.number()))
                    .append("  ")
                    .append(r.revision(), 0, 12)
                    .append("  ")
                    .append(DateTimeFormatter.ISO_INSTANT.format(r.activatedAt()))
                    .append("  by ")
                    .append(r.requester().isEmpty() ? "-" : r.requester())
                    .append("  approved by ")
                    .append(r.approvers().isEmpty() ? "-" : String.join(", ", r.approvers()));
            if (!r.requestId().isEmpty()) {
                sb.append("  request ").append(r.requestId());
            }
            if (!r.testOverride().isEmpty()) {
                sb.append("\n        ").append(r.testOverride());
            }
            sb.append('\n');
            first = false;
        }
        return sb.length() == 0
                ? "No policy revisions yet; 'maa policy push DIR' creates the first one.\n"
                : sb.toString();
    }

    /** The policy set of {@code dir}, or the demo set for {@code null}. */
    public static PolicySet load(Path dir) {
        return dir == null ? PolicySet.fromClasspath(PolicySet.DEMO) : PolicySet.fromDirectory(dir);
    }
}
