package dev.maa.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.maa.api.MaaConfigurationException;
import dev.maa.policies.internal.CompiledPolicy;
import dev.maa.policies.internal.PolicyTestRunner;
import dev.maa.rego.EvalLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Plain entry points for the {@code maa policy} commands, so the CLI only parses arguments and prints.
 * A {@code null} policy directory means the demo policies shipped with this module.
 */
public final class PolicyCommands {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PolicyCommands() {
    }

    /** {@code maa policy test [DIR]}: runs built-in and custom Rego tests; print {@link PolicyTestReport#summary()}, exit 1 unless all pass. */
    public static PolicyTestReport test(Path dir) {
        return PolicyTestRunner.run(CompiledPolicy.compile(load(dir), EvalLimits.DEFAULT));
    }

    /** {@code maa policy eval --input FILE [--policy DIR]}: the raw {@code data.maa.decision} as pretty JSON. */
    public static String eval(Path inputFile, Path dir) {
        Map<?, ?> input;
        try {
            input = JSON.readValue(Files.readString(inputFile), Map.class);
        } catch (IOException e) {
            throw new MaaConfigurationException("Cannot read the input document " + inputFile + ": " + e.getMessage()
                    + ". It must be a JSON object like the policy input (principal, resource, action, ...).", e);
        }
        // accept OPA's request shape {"input": ...} as well as the bare input
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) (input.get("input") instanceof Map<?, ?> inner ? inner : input);
        try (EmbeddedRegoPolicyEngine engine = EmbeddedRegoPolicyEngine.builder().policySet(load(dir)).build()) {
            return JSON.writeValueAsString(engine.decisionDocument(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print the decision", e);
        }
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
            sb.append(first ? "* " : "  ").append(String.format("%4d", r.number())).append("  ")
                    .append(r.revision(), 0, 12).append("  ").append(DateTimeFormatter.ISO_INSTANT.format(r.activatedAt()))
                    .append("  by ").append(r.requester().isEmpty() ? "-" : r.requester())
                    .append("  approved by ").append(r.approvers().isEmpty() ? "-" : String.join(", ", r.approvers()));
            if (!r.requestId().isEmpty()) {
                sb.append("  request ").append(r.requestId());
            }
            if (!r.testOverride().isEmpty()) {
                sb.append("\n        ").append(r.testOverride());
            }
            sb.append('\n');
            first = false;
        }
        return sb.length() == 0 ? "No policy revisions yet; 'maa policy push DIR' creates the first one.\n" : sb.toString();
    }

    /** The policy set of {@code dir}, or the demo set for {@code null}. */
    public static PolicySet load(Path dir) {
        return dir == null ? PolicySet.fromClasspath(PolicySet.DEMO) : PolicySet.fromDirectory(dir);
    }
}
