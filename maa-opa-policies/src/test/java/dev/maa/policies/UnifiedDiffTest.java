package dev.maa.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void diff_ofEqualTexts_isEmpty() {
        assertThat(UnifiedDiff.diff("a", "x\ny\n", "b", "x\ny\n", 3)).isEmpty();
    }

    @Test
    void diff_oneChangedLine_showsContextLikeDiffU() {
        String from = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String to = "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n";
        assertThat(UnifiedDiff.diff("a/f", from, "b/f", to, 3)).isEqualTo("""
                --- a/f
                +++ b/f
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +FIVE
                 6
                 7
                 8
                """);
    }

    @Test
    void diff_distantChanges_makeTwoHunks() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            lines.add(String.valueOf(i));
        }
        String from = String.join("\n", lines) + "\n";
        lines.set(1, "two");
        lines.set(17, "eighteen");
        String to = String.join("\n", lines) + "\n";
        String d = UnifiedDiff.diff("a", from, "b", to, 3);
        assertThat(d).contains("@@ -1,5 +1,5 @@").contains("@@ -15,6 +15,6 @@");
    }

    @Test
    void of_policySets_showsAddedChangedAndRemovedFiles() {
        PolicySet before =
                PolicySet.of(Map.of("access-policies.yaml", "default_effect: deny\n", "old.rego", "package x\n"));
        PolicySet after =
                PolicySet.of(Map.of("access-policies.yaml", "default_effect: allow\n", "new.rego", "package y\n"));
        assertThat(UnifiedDiff.of(before, after)).isEqualTo("""
                --- a/access-policies.yaml
                +++ b/access-policies.yaml
                @@ -1 +1 @@
                -default_effect: deny
                +default_effect: allow
                --- /dev/null
                +++ b/new.rego
                @@ -0,0 +1 @@
                +package y
                --- a/old.rego
                +++ /dev/null
                @@ -1 +0,0 @@
                -package x
                """);
    }

    @Test
    void diff_ofTwoLargeFiles_isFound_withoutAnNByMTable() {
        // 30,000 lines a side: an n-by-m table of ints would need 3.6 GB; Myers' diff needs little for few changes
        StringBuilder from = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            from.append("line ").append(i).append('\n');
        }
        String to = from.toString().replace("line 15000\n", "line fifteen thousand\n");

        assertThat(UnifiedDiff.diff("a", from.toString(), "b", to, 1)).isEqualTo("""
                --- a
                +++ b
                @@ -15000,3 +15000,3 @@
                 line 14999
                -line 15000
                +line fifteen thousand
                 line 15001
                """);
    }

    @Test
    void diff_appliedToOldText_givesNewText_forRandomEdits() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            String from = randomText(random);
            String to = randomText(random);
            String patch = UnifiedDiff.diff("a", from, "b", to, random.nextInt(4));
            assertThat(apply(from, patch)).as("round %d:\n%s", round, patch).isEqualTo(to);
        }
    }

    private static String randomText(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(4))).append('\n');
        }
        return sb.toString();
    }

    /** A minimal patch applier: trusts hunk headers and checks context and deletions against the old text. */
    private static String apply(String from, String patch) {
        List<String> old = from.isEmpty() ? List.of() : List.of(from.split("\n"));
        List<String> out = new ArrayList<>();
        int next = 0;
        for (String line : patch.isEmpty() ? new String[0] : patch.split("\n")) {
            if (line.startsWith("---") || line.startsWith("+++")) {
                continue;
            }
            if (line.startsWith("@@")) {
                String range = line.split(" ")[1].substring(1);
                int start = Integer.parseInt(range.split(",")[0]);
                int len = range.contains(",") ? Integer.parseInt(range.split(",")[1]) : 1;
                int firstIndex = len == 0 ? start : start - 1;
                while (next < firstIndex) {
                    out.add(old.get(next++));
                }
            } else if (line.startsWith("+")) {
                out.add(line.substring(1));
            } else {
                assertThat(old.get(next)).isEqualTo(line.substring(1));
                if (line.startsWith(" ")) {
                    out.add(old.get(next));
                }
                next++;
            }
        }
        while (next < old.size()) {
            out.add(old.get(next++));
        }
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }
}
