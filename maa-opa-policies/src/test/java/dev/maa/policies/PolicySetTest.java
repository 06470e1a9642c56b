package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.policies.internal.PolicyModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySetTest {

    @TempDir
    Path dir;

    @Test
    void fromDirectory_readsDataAndRegoRecursively_andIgnoresOtherFiles() throws IOException {
        Files.writeString(dir.resolve("access-policies.yaml"), "access_policies: []\n");
        Files.createDirectories(dir.resolve("custom"));
        Files.writeString(dir.resolve("custom/extra.rego"), "package maa.custom\n");
        Files.writeString(dir.resolve("README.md"), "notes");
        PolicySet set = PolicySet.fromDirectory(dir);
        assertThat(set.files()).containsOnlyKeys("access-policies.yaml", "custom/extra.rego");
        assertThat(set.dataFile()).contains("access-policies.yaml");
    }

    @Test
    void digest_dependsOnPathsAndContents_andIsCheckedOnConstruction() {
        PolicySet a = PolicySet.of(Map.of("a.rego", "bc"));
        assertThat(a.digest())
                .isEqualTo(PolicySet.of(Map.of("a.rego", "bc")).digest())
                .hasSize(64);
        assertThat(a.digest()).isNotEqualTo(PolicySet.of(Map.of("a.regob", "c")).digest());
        assertThatThrownBy(() -> new PolicySet(new TreeMap<>(Map.of("a.rego", "changed")), a.digest()))
                .hasMessageContaining("altered after it was sealed");
    }

    @Test
    void of_withEscapingPath_isRefused() {
        assertThatThrownBy(() -> PolicySet.of(Map.of("../etc/x.rego", ""))).hasMessageContaining("without '..'");
    }

    @Test
    void fromClasspath_indexMatchesShippedFiles() {
        assertThat(PolicyModules.builtIns().files())
                .containsOnlyKeys(
                        "maa/decision.rego", "maa/decision_test.rego", "maa/review.rego", "maa/review_test.rego");
        assertThat(PolicySet.fromClasspath("dev/maa/policies/examples/bulk-wipe")
                        .files())
                .containsOnlyKeys("access-policies.yaml", "bulk_wipe.rego", "bulk_wipe_test.rego");
    }

    @Test
    void compose_whenSetDeclaresPackageMaa_dropsBuiltInDecisionAndItsTest_butKeepsReview() {
        PolicyModules m = PolicyModules.compose(PolicySet.of(Map.of("mine.rego", "package maa\n\ndecision := {}\n")));
        assertThat(m.policies()).containsOnlyKeys("builtin/maa/review.rego", "mine.rego");
        assertThat(m.tests()).containsOnlyKeys("builtin/maa/review_test.rego");
    }

    @Test
    void compose_revisionChangesWithData() {
        String r1 = PolicyModules.compose(PolicySet.of(Map.of("access-policies.yaml", "access_policies: []\n")))
                .revision();
        String r2 = PolicyModules.compose(
                        PolicySet.of(Map.of("access-policies.yaml", "access_policies: []\ndefault_effect: allow\n")))
                .revision();
        assertThat(r1).isNotEqualTo(r2);
    }
}
