package dev.maa.rego.internal.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A node of the virtual-document tree under {@code data}: children plus the rules defined here. */
public final class RuleNode {
    public final List<String> path;
    public final TreeMap<String, RuleNode> children = new TreeMap<>();
    /** The same children by name, for lookups while evaluating (a hash probe instead of a walk down the tree). */
    private final java.util.HashMap<String, RuleNode> byName = new java.util.HashMap<>();

    public final List<CRule> complete = new ArrayList<>();
    public final List<CRule> sets = new ArrayList<>();
    public final List<CRule> objects = new ArrayList<>();
    public final List<CRule> functions = new ArrayList<>();
    public CRule defaultRule;

    /**
     * Whether a function's results are memoised per evaluation: false for the cheap ones {@link CheapFunctions}
     * finds, whose calls cost less than the memo.
     */
    public boolean memoized = true;

    /**
     * Whether evaluation stops at the first value of these rules (every definition's head value is the same
     * constant, as {@link EarlyExit} finds): OPA's early exit.
     */
    public boolean earlyExit;

    /**
     * What the evaluator compiled this node's functions into at their first call (its own type; null before): set
     * once, a race compiles equal immutable forms.
     */
    public Object code;

    /**
     * This node's number in its tree (the root is 0, each child the next free number), so a per-evaluation memo
     * can hash nodes by an int instead of calling {@code hashCode}/{@code equals} per rule.
     */
    public final int id;

    /** The next free number, shared by every node of the tree. */
    private final int[] ids;

    RuleNode(List<String> path) {
        this(path, new int[1]);
    }

    private RuleNode(List<String> path, int[] ids) {
        this.path = List.copyOf(path);
        this.ids = ids;
        this.id = ids[0]++;
    }

    public boolean hasRules() {
        return !complete.isEmpty()
                || !sets.isEmpty()
                || !objects.isEmpty()
                || !functions.isEmpty()
                || defaultRule != null;
    }

    public boolean isFunction() {
        return !functions.isEmpty() || (defaultRule != null && defaultRule.args() != null);
    }

    RuleNode child(String name) {
        List<String> p = new ArrayList<>(path);
        p.add(name);
        return children.computeIfAbsent(name, n -> {
            RuleNode c = new RuleNode(p, ids);
            byName.put(n, c);
            return c;
        });
    }

    /** The child called {@code name}, or null. */
    public RuleNode named(String name) {
        return byName.get(name);
    }

    /** Nodes already found, by relative path; nodes are never removed, so a hit stays valid. */
    private final java.util.concurrent.ConcurrentHashMap<List<String>, RuleNode> found =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The node at {@code path} relative to this one, or null. */
    public RuleNode find(List<String> rel) {
        RuleNode hit = found.get(rel);
        if (hit != null) {
            return hit;
        }
        RuleNode n = walk(rel);
        if (n != null) {
            found.put(List.copyOf(rel), n);
        }
        return n;
    }

    private RuleNode walk(List<String> rel) {
        RuleNode n = this;
        for (String s : rel) {
            n = n.named(s);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    public String pathString() {
        return "data." + String.join(".", path);
    }

    /** Every rule at this node and below, for whole-tree passes. */
    public void forEachRule(java.util.function.Consumer<CRule> c) {
        complete.forEach(c);
        sets.forEach(c);
        objects.forEach(c);
        functions.forEach(c);
        if (defaultRule != null) {
            c.accept(defaultRule);
        }
        children.values().forEach(ch -> ch.forEachRule(c));
    }
}
