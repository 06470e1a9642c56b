package dev.maa.benchmarks.rollout;

import dev.maa.api.Action;
import dev.maa.api.Operation;
import dev.maa.api.PolicyInput;
import dev.maa.api.Principal;
import dev.maa.api.ResourceRef;
import dev.maa.api.ResourceType;
import dev.maa.core.decisionlog.DecisionEvent;
import dev.maa.core.decisionlog.EventDocuments;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.PolicySet;
import dev.maa.policies.WhatIf;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 20: {@code maa policy what-if} over a recorded decision log of {@code decisions} events (goal: 1,000,000 in
 * at most 60 s on 2 cores), against a candidate that narrows one policy. One shot per iteration, as the command
 * runs once; the baseline in the same run is the replay against the unchanged set ({@code replayUnchanged}), so
 * the ratio shows what the comparison itself costs beyond evaluating the candidate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public class WhatIfBenchmark {

    @Param({"1000000"})
    public int decisions;

    private Path dir;
    private Path log;
    private PolicySet unchanged;
    private PolicySet candidate;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        unchanged = PolicySet.fromClasspath(PolicySet.DEMO);
        Map<String, String> files = new LinkedHashMap<>(unchanged.files());
        files.put(
                "access-policies.yaml",
                files.get("access-policies.yaml")
                        .replace("    actions: [UPDATE, DELETE]\n", "    actions: [UPDATE]\n"));
        candidate = PolicySet.of(files);
        dir = Files.createTempDirectory("maa-whatif-bench");
        log = dir.resolve("decisions.jsonl");
        List<String> kinds = new ArrayList<>();
        EventDocuments docs = new EventDocuments(Map.of("service", "bench"), List.of(), List.of());
        Instant t = Instant.parse("2026-12-07T07:00:00Z");
        try (EmbeddedRegoPolicyEngine demo = EmbeddedRegoPolicyEngine.demo()) {
            Object[][] calls = {
                {ResourceType.APP, Action.DELETE, "AppCatalog", "deleteApp"},
                {ResourceType.APP, Action.UPDATE, "AppCatalog", "updateApp"},
                {ResourceType.APP, Action.CREATE, "AppCatalog", "createApp"},
                {ResourceType.SCRIPT, Action.DEPLOY, "Scripts", "deploy"},
                {ResourceType.DEVICE_ACTION, Action.WIPE, "Devices", "wipe"},
                {ResourceType.ROLE, Action.ASSIGN, "Roles", "assign"}
            };
            for (int u = 0; u < 50; u++) {
                for (Object[] c : calls) {
                    PolicyInput in = new PolicyInput(
                            Principal.of("user-" + u, u % 2 == 0 ? "App Admins" : "Help Desk"),
                            ResourceRef.of((ResourceType) c[0], "obj-" + u),
                            (Action) c[1],
                            new Operation("com.acme." + c[2], (String) c[3], List.of("java.lang.String")),
                            "",
                            "CHG-" + u,
                            false,
                            false,
                            t);
                    var d = demo.decide(in);
                    kinds.add(docs.toJson(new DecisionEvent(d.effect().wireName(), in, d, null, 1), t));
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (int i = 0; i < decisions; i++) {
                w.write(kinds.get(i % kinds.size()));
                w.newLine();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(log);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public WhatIf.Report replayCandidate() {
        return check(WhatIf.run(candidate, List.of(log)));
    }

    @Benchmark
    public WhatIf.Report replayUnchanged() {
        return check(WhatIf.run(unchanged, List.of(log)));
    }

    private WhatIf.Report check(WhatIf.Report r) {
        if (r.decisions() != decisions) {
            throw new IllegalStateException("replayed " + r.decisions() + " of " + decisions);
        }
        return r;
    }
}
