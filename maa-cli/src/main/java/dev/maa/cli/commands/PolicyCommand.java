package dev.maa.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Principal;
import dev.maa.cli.DevEnvironment;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import dev.maa.cli.RequestViews;
import dev.maa.core.config.MaaHome;
import dev.maa.core.decisionlog.JsonLinesFileSink;
import dev.maa.policies.PolicyCommands;
import dev.maa.policies.PolicyRevision;
import dev.maa.policies.PolicyService;
import dev.maa.policies.PolicySet;
import dev.maa.policies.PolicyTestReport;
import dev.maa.policies.StalePolicyBaseException;
import dev.maa.policies.WhatIf;
import dev.maa.server.ServerSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maa policy test|eval|push|list|diff|what-if}: access policies as code, changed only with a second admin. */
@Command(
        name = "policy",
        description = "Test, evaluate, push (under approval) and list access policies.",
        subcommands = {
            PolicyCommand.Test.class,
            PolicyCommand.Eval.class,
            PolicyCommand.Push.class,
            PolicyCommand.ListRevisions.class,
            PolicyCommand.Diff.class,
            PolicyCommand.WhatIfCommand.class
        })
public final class PolicyCommand {

    @Command(
            name = "test",
            description = "Run the built-in and custom Rego tests of a policy directory (default: the demo policies).")
    public static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(
                arity = "0..1",
                paramLabel = "DIR",
                description = "Policy directory (access-policies.yaml, *.rego, *_test.rego).")
        Path dir;

        @Override
        public Integer call() {
            PolicyTestReport report = PolicyCommands.test(dir);
            PrintWriter out = spec.commandLine().getOut();
            out.println(report.summary().stripTrailing());
            out.flush();
            return report.allPassed() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }

    @Command(
            name = "eval",
            description = "Print what would happen to a call with this input (outcome, break-glass"
                    + " included) beside the policy's decision (data.maa.decision).")
    public static final class Eval implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-i", "--input"},
                required = true,
                paramLabel = "FILE",
                description = "The input JSON (principal, resource, action, ...).")
        Path input;

        @Option(
                names = {"-p", "--policy"},
                paramLabel = "DIR",
                description = "Policy directory (default: the demo policies).")
        Path dir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(PolicyCommands.eval(input, dir));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "push",
            description = "Validate a policy directory and request its activation; a second admin must approve.")
    public static final class Push implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Parameters(paramLabel = "DIR", description = "Policy directory to activate.")
        Path dir;

        @Option(
                names = "--justification",
                required = true,
                description = "Why the change is needed (shown to approvers).")
        String justification;

        @Option(
                names = "--force",
                description = "Push even if policy tests fail; the justification is recorded as the reason.")
        boolean force;

        @Option(
                names = "--base-revision",
                paramLabel = "N",
                description = "Refuse the push unless revision N (maa policy list; 0: none yet) is still the active"
                        + " one, so a change made meanwhile is not overwritten; a refusal prints what changed.")
        Long baseRevision;

        @Option(
                names = "--dry-run",
                description = "Submit nothing: validate, then print the diff this push would submit and its impact on"
                        + " the decisions recorded in the last 7 days (what the approver will see).")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (DevEnvironment env = options.open(err)) {
                Principal me = env.principal(options.actor(err));
                String forced = force ? justification : "";
                if (dryRun) {
                    dryRun(env, PolicyCommands.load(dir), forced, me, out, err);
                    return ExitCodes.OK;
                }
                try (var who = Maa.actingAs(me);
                        var why = Maa.justify(justification)) {
                    PolicyRevision r = baseRevision == null
                            ? PolicyCommands.push(env.policies(), dir, forced)
                            : env.policies().push(PolicyCommands.load(dir), forced, baseRevision);
                    out.println("Policy revision " + r.number() + " (" + r.revision() + ") is active.");
                } catch (StalePolicyBaseException e) {
                    // the diff to rebase on, before the error line and its next step
                    err.print(e.diff());
                    throw e;
                } catch (ApprovalRequiredException e) {
                    awaitImpact(env, err);
                    throw e;
                }
                out.flush();
                return ExitCodes.OK;
            }
        }

        /**
         * What a push would submit: the diff, then the impact preview, computed on the service's impact thread like a
         * pushed change's and waited for (it ends by itself within {@link PolicyService#IMPACT_PREVIEW_TIMEOUT}).
         */
        private void dryRun(
                DevEnvironment env, PolicySet set, String forced, Principal me, PrintWriter out, PrintWriter err) {
            PolicyService policies = env.policies();
            long base = baseRevision == null ? policies.activeNumber() : baseRevision;
            PolicyService.Preview preview;
            try {
                preview = policies.preview(set, forced, base, me.id());
            } catch (StalePolicyBaseException e) {
                err.print(e.diff());
                throw e;
            }
            JsonNode impact = preview.impact().isEmpty() ? null : tree(preview.impact());
            if (impact != null && impact.path("state").asText().equals("computing")) {
                awaitImpact(env, err);
                impact = policies.impactPreview(impact.path("id").asText(), me.id())
                        .map(Push::tree)
                        .orElse(impact);
            }
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("baseRevision", base);
                m.put("diff", preview.diff());
                m.put("impact", impact);
                Json.print(out, m);
            } else {
                out.print(preview.diff());
                if (impact == null) {
                    out.println("  Impact          none measured: no decision log (decision_logs.file in maa.yaml)");
                } else {
                    RequestViews.impact(out, impact);
                }
                out.println("Nothing was submitted (--dry-run).");
            }
            out.flush();
        }

        private static JsonNode tree(String json) {
            try {
                return Json.mapper().readTree(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("An impact that is not JSON: " + e.getOriginalMessage(), e);
            }
        }
    }

    /**
     * The parked change's impact is computed in the background of this process, which ends now: wait for it (bounded),
     * so {@code maa requests show} has it; a change left "computing" says so.
     */
    static void awaitImpact(DevEnvironment env, PrintWriter err) {
        try {
            if (!env.policies().awaitImpacts(IMPACT_WAIT)) {
                err.println("maa: the change's impact was not computed within " + IMPACT_WAIT.toMinutes()
                        + " minutes; it shows as computing");
            }
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long a local push waits for its change's impact (what-if over the decision log). */
    static final Duration IMPACT_WAIT = Duration.ofMinutes(10);

    @Command(name = "list", description = "Policy revisions, newest first, with who pushed and who approved them.")
    public static final class ListRevisions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (DevEnvironment env = options.open(spec.commandLine().getErr())) {
                out.print(PolicyCommands.list(env.policies()));
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "diff",
            description = "Show a pending policy-change request as a unified diff against the active revision.")
    public static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Parameters(paramLabel = "ID", description = "The ACCESS_POLICY request id.")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (DevEnvironment env = options.open(spec.commandLine().getErr())) {
                out.print(env.policies().diff(id));
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "what-if",
            description = "Replay recorded decisions (decision-log JSON lines) against a candidate policy directory and"
                    + " print how outcomes would change, by policy and by protected method.")
    public static final class WhatIfCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CANDIDATE_DIR", description = "The candidate policy directory.")
        Path dir;

        @Option(
                names = "--decisions",
                arity = "1..*",
                paramLabel = "FILE",
                description = "Decision-log files (decision_logs.file); default: the configured file (--config), else"
                        + " <home>/decisions.jsonl, and its rotated files.")
        List<Path> decisions = new ArrayList<>();

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "The maa.yaml whose decision_logs.file is the default decision log.")
        Path config;

        @Option(
                names = "--home",
                paramLabel = "DIR",
                description = "MAA home for the default decision log (default: $MAA_HOME or ~/.maa).")
        Path home;

        @Option(names = "--json", description = "Print the change matrix as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<Path> files = decisions.isEmpty() ? defaultLog() : decisions;
            for (Path f : files) {
                if (!Files.isReadable(f)) {
                    throw new MaaConfigurationException("No decision log at " + f + ": pass --decisions FILE, or turn"
                            + " on decision_logs.file in maa.yaml and let calls be recorded first.");
                }
            }
            WhatIf.Report report = WhatIf.run(PolicySet.fromDirectory(dir), files);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, report.toJson());
            } else {
                out.print(report.text());
            }
            out.flush();
            return ExitCodes.OK;
        }

        private List<Path> defaultLog() {
            Path log = ServerSettings.of(config, MaaHome.resolve(home, System.getenv()))
                    .embedded()
                    .build()
                    .decisionLogFile();
            List<Path> files = JsonLinesFileSink.files(log);
            return files.isEmpty() ? List.of(log) : files;
        }
    }
}
