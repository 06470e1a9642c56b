package dev.maa.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs OPA's conformance cases copied into {@code src/test/resources/opa-conformance} and fails
 * when the pass rate drops below the committed floor, or when any case not passing is something
 * other than a missing builtin or a case that needs the network. Raise {@link #FLOOR} as support
 * grows.
 */
class ConformanceTest {
    /**
     * Committed minimum pass rate (skipped counts as not passed): exactly what the engine passes, so
     * one regressing case fails the build.
     */
    static final double FLOOR = 1226 / 1238.0;

    @Test
    void conformanceSuite_passRate_staysAboveFloor() throws Exception {
        Path dir = Path.of("src/test/resources/opa-conformance");
        ConformanceReport report = new ConformanceRunner().run(dir);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/CONFORMANCE.md"), report.toMarkdown());
        System.out.print(report.summary());

        assertThat(report.cases()).hasSize(1238);
        assertThat(report.cases())
                .filteredOn(c -> c.reason().startsWith("crash:"))
                .as("cases where the engine threw something other than a RegoException")
                .isEmpty();
        assertThat(report.cases())
                .filteredOn(c -> c.cause() == CaseResult.Cause.OTHER)
                .as("cases answered differently from OPA (not a missing builtin, not the network)")
                .isEmpty();
        assertThat(report.cases())
                .filteredOn(c -> c.cause() == CaseResult.Cause.SUPERSEDED)
                .as(
                        "cases whose expectation other copies of OPA's suite contradict: exactly the listed ones, all failing")
                .hasSize(Superseded.size())
                .allMatch(c -> c.status() == CaseResult.Status.FAILED);
        assertThat(report.cases())
                .filteredOn(c -> c.status() == CaseResult.Status.FAILED)
                .as("failed cases other than superseded expectations")
                .allMatch(c -> c.cause() == CaseResult.Cause.SUPERSEDED);
        assertThat(report.cases())
                .filteredOn(c -> c.cause() == CaseResult.Cause.NETWORK)
                .allMatch(c -> c.status() == CaseResult.Status.SKIPPED);
        assertThat(report.passRate()).isGreaterThanOrEqualTo(FLOOR);
    }

    @Test
    void runner_classifiesWhyCasesDoNotPass(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("c"));
        Files.writeString(dir.resolve("c/cases.yaml"), """
        cases:
          - note: c/missing builtin
            query: data.t.p = x
            modules: ["package t\\np := nope.missing(1)"]
            want_result: [{x: 1}]
          - note: c/network
            query: data.t.p = x
            modules: ["package t\\np := http.send({})"]
            want_result: [{x: 1}]
          - note: c/wrong answer
            query: x = 1
            want_result: [{x: 2}]
          - note: c/unresolved data function
            query: data.t.f(1) = x
            modules: ["package t\\np := 1"]
            want_result: [{x: 1}]
          - note: c/rows are a set, sort_bindings sorts the engine's arrays only
            query: x = [3, 1, 2]
            sort_bindings: true
            want_result: [{x: [1, 2, 3]}, {x: [1, 2, 3]}]
        """);
        ConformanceReport r = new ConformanceRunner().run(dir);
        assertThat(r.cases())
                .extracting(CaseResult::cause)
                .containsExactly(
                        CaseResult.Cause.MISSING_BUILTIN,
                        CaseResult.Cause.NETWORK,
                        CaseResult.Cause.OTHER,
                        CaseResult.Cause.OTHER,
                        CaseResult.Cause.NONE);
        assertThat(r.cases()).extracting(CaseResult::builtin).containsExactly("nope.missing", "http.send", "", "", "");
        assertThat(r.cases().get(1).status()).isEqualTo(CaseResult.Status.SKIPPED);
        assertThat(r.differsFromOpa()).isTrue();
        assertThat(r.byBuiltin(CaseResult.Cause.MISSING_BUILTIN)).containsEntry("nope.missing", 1L);
    }

    @Test
    void report_totalsLine_hasOpaTestFormat() {
        ConformanceReport report =
                new ConformanceRunner().run(Path.of("src/test/resources/opa-conformance/helloworld"));
        assertThat(report.totalsLine()).matches("\\d+ passed, \\d+ failed, \\d+ skipped");
    }

    @Test
    void engineRegressionCases_allPass() {
        ConformanceReport report = new ConformanceRunner().run(Path.of("src/test/resources/engine-cases"));
        assertThat(report.cases()).hasSizeGreaterThan(30);
        assertThat(report.cases())
                .filteredOn(c -> c.status() != CaseResult.Status.PASSED)
                .isEmpty();
    }
}
