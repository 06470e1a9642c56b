package dev.maa.policies;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Unified diffs ({@code diff -u} format) of policy files, so an approver sees exactly what a policy
 * change does, as Intune shows "an actual comparison" of a changed script. Lines are matched by
 * java-diff-utils (Myers' algorithm, time and memory near linear for similar texts): our former
 * longest-common-subsequence table took n×m ints, about 1.6 GB for two 20,000-line files, which a
 * 512 KB policy push or a large object diff could reach. The hunks are written here, as {@code diff -u}
 * writes them (a one-line range without {@code ,1}, an empty range numbered by the line before it),
 * which the library's own writer does not.
 */
public final class UnifiedDiff {

    /** Lines of context around each change, as {@code diff -u}. */
    public static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** The diff of two whole policy sets, file by file (added files against /dev/null); empty if equal. */
    public static String of(PolicySet from, PolicySet to) {
        TreeSet<String> paths = new TreeSet<>(from.files().keySet());
        paths.addAll(to.files().keySet());
        StringBuilder sb = new StringBuilder();
        for (String p : paths) {
            String a = from.files().get(p);
            String b = to.files().get(p);
            sb.append(diff(
                    a == null ? "/dev/null" : "a/" + p,
                    a == null ? "" : a,
                    b == null ? "/dev/null" : "b/" + p,
                    b == null ? "" : b,
                    CONTEXT));
        }
        return sb.toString();
    }

    /** The unified diff of two texts, empty if they are equal. */
    public static String diff(String fromName, String from, String toName, String to, int context) {
        List<String> a = lines(from);
        List<String> b = lines(to);
        List<int[]> ops = script(a, b);
        if (ops.stream().allMatch(op -> op[0] == 0)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("--- ")
                .append(fromName)
                .append('\n')
                .append("+++ ")
                .append(toName)
                .append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0] == 0) {
                i++;
                continue;
            }
            // a hunk: from `context` lines before this change to `context` lines after the last change
            // that is at most 2*context unchanged lines away
            int start = Math.max(0, i - context);
            int end = i;
            int lastChange = i;
            while (end < ops.size()) {
                if (ops.get(end)[0] != 0) {
                    lastChange = end;
                } else if (end - lastChange > 2 * context) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + context + 1);
            hunk(sb, ops.subList(start, end), a, b);
            i = end;
        }
        return sb.toString();
    }

    private static void hunk(StringBuilder sb, List<int[]> ops, List<String> a, List<String> b) {
        int aStart = -1;
        int bStart = -1;
        int aLen = 0;
        int bLen = 0;
        StringBuilder body = new StringBuilder();
        for (int[] op : ops) {
            // op = {kind, aIndex, bIndex}: kind 0 keep, -1 delete from a, +1 insert from b
            if (op[0] <= 0 && aStart < 0) {
                aStart = op[1];
            }
            if (op[0] >= 0 && bStart < 0) {
                bStart = op[2];
            }
            switch (op[0]) {
                case 0 -> {
                    body.append(' ').append(a.get(op[1])).append('\n');
                    aLen++;
                    bLen++;
                }
                case -1 -> {
                    body.append('-').append(a.get(op[1])).append('\n');
                    aLen++;
                }
                default -> {
                    body.append('+').append(b.get(op[2])).append('\n');
                    bLen++;
                }
            }
        }
        // diff -u numbers an empty range by the line before it
        int aFirst = aLen == 0 ? firstIndex(ops, 1) : aStart + 1;
        int bFirst = bLen == 0 ? firstIndex(ops, 2) : bStart + 1;
        sb.append("@@ -")
                .append(range(aFirst, aLen))
                .append(" +")
                .append(range(bFirst, bLen))
                .append(" @@\n")
                .append(body);
    }

    private static int firstIndex(List<int[]> ops, int side) {
        return ops.get(0)[side];
    }

    private static String range(int first, int len) {
        return len == 1 ? String.valueOf(first) : first + "," + len;
    }

    /**
     * The edit script: for each step {kind, index in a, index in b} (indexes point at the next line on each side),
     * from java-diff-utils' Myers diff.
     */
    private static List<int[]> script(List<String> a, List<String> b) {
        List<int[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> d : DiffUtils.diff(a, b).getDeltas()) {
            while (i < d.getSource().getPosition()) {
                ops.add(new int[] {0, i++, j++});
            }
            for (int k = 0; k < d.getSource().size(); k++) {
                ops.add(new int[] {-1, i++, j});
            }
            for (int k = 0; k < d.getTarget().size(); k++) {
                ops.add(new int[] {1, i, j++});
            }
        }
        while (i < a.size()) {
            ops.add(new int[] {0, i++, j++});
        }
        return ops;
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Convenience for callers holding plain maps of files. */
    public static String of(Map<String, String> from, Map<String, String> to) {
        return of(PolicySet.of(from), PolicySet.of(to));
    }
}
