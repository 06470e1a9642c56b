package dev.maa.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
  static final double FLOOR = 988 / 1238.0;

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
        .filteredOn(c -> c.cause() == CaseResult.Cause.NETWORK)
        .allMatch(c -> c.status() == CaseResult.Status.SKIPPED);
    assertThat(report.passRate()).isGreaterThanOrEqualTo(FLOOR);
  }

  @Test
  void report_totalsLine_hasOpaTestFormat() {
    ConformanceReport report = new ConformanceRunner().run(Path.of("src/test/resources/opa-conformance/helloworld"));
    assertThat(report.totalsLine()).matches("\\d+ passed, \\d+ failed, \\d+ skipped");
  }

  @Test
  void engineRegressionCases_allPass() {
    ConformanceReport report = new ConformanceRunner().run(Path.of("src/test/resources/engine-cases"));
    assertThat(report.cases()).hasSizeGreaterThan(30);
    assertThat(report.cases()).filteredOn(c -> c.status() != CaseResult.Status.PASSED).isEmpty();
  }
}
