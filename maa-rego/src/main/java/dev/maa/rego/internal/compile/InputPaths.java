package dev.maa.rego.internal.compile;

import dev.maa.rego.InputReads;
import dev.maa.rego.internal.ast.Expr;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paths of {@code input} the compiled rules read ({@link InputReads}), found by walking every rule of the tree.
 *
 * <p>Per rule (with its else chain), a variable declared by {@code x := <part of input>} stands for that part: its
 * uses read the part plus the constant keys after it, so {@code p := input.principal; p.id} reads
 * {@code principal.id} alone; a variable declared so but never used still reads its part (the rule needs it defined).
 * Everything else that names the input reads the constant string keys right after it, or the whole input when there
 * are none; a {@code with} target is written, not read, and its value is read like any term.
 */
public final class InputPaths {
    private static final String INPUT = "input";
    /** Alias chains deeper than this are read as their full part (an over-approximation, never a miss). */
    private static final int MAX_ALIAS_ROUNDS = 8;

    private final Set<List<String>> read = new HashSet<>();
    private boolean whole;
    /** Variables of the current rule that stand for parts of the input. */
    private Map<String, Set<List<String>>> aliases = Map.of();

    private Set<String> used = new HashSet<>();

    private InputPaths() {}

    /** What the rules of {@code root} read of the input. */
    public static InputReads of(RuleNode root) {
        InputPaths p = new InputPaths();
        root.forEachRule(p::rule);
        if (p.whole) {
            return InputReads.WHOLE;
        }
        List<List<String>> paths = new ArrayList<>();
        for (List<String> path : p.read) {
            boolean covered = false;
            for (int i = 0; i < path.size() && !covered; i++) {
                covered = p.read.contains(path.subList(0, i));
            }
            if (!covered) {
                paths.add(path);
            }
        }
        paths.sort((a, b) ->
                a.size() != b.size() ? a.size() - b.size() : String.join(".", a).compareTo(String.join(".", b)));
        return new InputReads(false, paths);
    }

    private void rule(CRule r) {
        List<CRule> chain = new ArrayList<>();
        for (CRule c = r; c != null; c = c.elseRule()) {
            chain.add(c);
        }
        aliases = new HashMap<>();
        used = new HashSet<>();
        for (int round = 0; round < MAX_ALIAS_ROUNDS; round++) {
            int before = aliasCount();
            chain.forEach(c -> declare(c.body()));
            if (aliasCount() == before) {
                break;
            }
        }
        for (CRule c : chain) {
            if (c.args() != null) {
                c.args().forEach(this::term);
            }
            c.suffix().forEach(this::term);
            term(c.key());
            term(c.value());
            body(c.body());
        }
        aliases.forEach((v, parts) -> {
            if (!used.contains(v)) {
                parts.forEach(this::readPath);
            }
        });
    }

    private int aliasCount() {
        return aliases.values().stream().mapToInt(Set::size).sum();
    }

    /** Records {@code x := <part of input>} of {@code body} and the bodies nested in it. */
    private void declare(List<Expr> body) {
        for (Expr e : body) {
            if (e.kind() instanceof Expr.Assign a && a.lhs() instanceof Term.Var v) {
                Set<List<String>> parts = partsOf(a.rhs());
                if (parts != null) {
                    aliases.computeIfAbsent(v.name(), k -> new LinkedHashSet<>())
                            .addAll(parts);
                    Term head = a.rhs() instanceof Term.Ref r ? r.head() : a.rhs();
                    if (head instanceof Term.Var from && !from.name().equals(INPUT)) {
                        used.add(from.name()); // read through the new variable's uses
                    }
                }
            }
            new Nested(this).kind(e.kind());
        }
    }

    /** The parts of the input {@code t} is (input itself, an alias, or a reference to one with constant keys). */
    private Set<List<String>> partsOf(Term t) {
        if (t instanceof Term.Var v) {
            return v.name().equals(INPUT) ? Set.of(List.of()) : aliases.get(v.name());
        }
        if (t instanceof Term.Ref r && r.head() instanceof Term.Var v) {
            Set<List<String>> heads = v.name().equals(INPUT) ? Set.of(List.of()) : aliases.get(v.name());
            if (heads == null || constantKeys(r.path()).size() != r.path().size()) {
                return null;
            }
            Set<List<String>> out = new LinkedHashSet<>();
            for (List<String> h : heads) {
                List<String> p = new ArrayList<>(h);
                p.addAll(constantKeys(r.path()));
                out.add(List.copyOf(p));
            }
            return out;
        }
        return null;
    }

    private static List<String> constantKeys(List<Term> path) {
        List<String> keys = new ArrayList<>();
        for (Term t : path) {
            if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue str)) {
                break;
            }
            keys.add(str.value());
        }
        return keys;
    }

    private void readPath(List<String> path) {
        if (path.isEmpty()) {
            whole = true;
        } else {
            read.add(List.copyOf(path));
        }
    }

    private void body(List<Expr> body) {
        for (Expr e : body) {
            for (Expr.With w : e.withs()) {
                term(w.value());
            }
            Expr.Kind k = e.kind();
            if (k instanceof Expr.Assign a
                    && a.lhs() instanceof Term.Var v
                    && aliases.containsKey(v.name())
                    && partsOf(a.rhs()) != null) {
                continue; // the declaration of an alias: its uses read
            }
            kind(k);
        }
    }

    private void kind(Expr.Kind k) {
        if (k instanceof Expr.TermExpr t) {
            term(t.term());
        } else if (k instanceof Expr.Unify u) {
            term(u.lhs());
            term(u.rhs());
        } else if (k instanceof Expr.Assign a) {
            term(a.lhs());
            term(a.rhs());
        } else if (k instanceof Expr.SomeDecl) {
            return;
        } else if (k instanceof Expr.SomeIn s) {
            someIn(s);
        } else if (k instanceof Expr.IndexedSomeIn ix) {
            someIn(ix.base());
            ix.constraints().forEach(alternatives -> alternatives.forEach(l -> term(l.key())));
        } else if (k instanceof Expr.Every ev) {
            term(ev.key());
            term(ev.value());
            term(ev.collection());
            body(ev.body());
        } else {
            whole = true; // an expression this walk does not know: nothing can be bounded
        }
    }

    private void someIn(Expr.SomeIn s) {
        term(s.key());
        term(s.value());
        term(s.collection());
    }

    private void term(Term t) {
        if (t == null || t instanceof Term.Scalar) {
            return;
        }
        if (t instanceof Term.Var v) {
            if (v.name().equals(INPUT)) {
                whole = true;
            } else if (aliases.containsKey(v.name())) {
                used.add(v.name());
                aliases.get(v.name()).forEach(this::readPath);
            }
        } else if (t instanceof Term.Ref r) {
            ref(r);
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(this::term);
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(this::term);
        } else if (t instanceof Term.ObjectTerm o) {
            o.keys().forEach(this::term);
            o.values().forEach(this::term);
        } else if (t instanceof Term.ArrayCompr c) {
            term(c.head());
            body(c.body());
        } else if (t instanceof Term.SetCompr c) {
            term(c.head());
            body(c.body());
        } else if (t instanceof Term.ObjectCompr c) {
            term(c.key());
            term(c.value());
            body(c.body());
        } else if (t instanceof Term.Call c) {
            c.args().forEach(this::term);
        } else {
            whole = true;
        }
    }

    private void ref(Term.Ref r) {
        r.path().forEach(this::term);
        if (!(r.head() instanceof Term.Var v)) {
            term(r.head());
            return;
        }
        Set<List<String>> heads;
        if (v.name().equals(INPUT)) {
            heads = Set.of(List.of());
        } else {
            heads = aliases.get(v.name());
            if (heads == null) {
                return;
            }
            used.add(v.name());
        }
        List<String> keys = constantKeys(r.path());
        for (List<String> h : heads) {
            List<String> p = new ArrayList<>(h);
            p.addAll(keys);
            readPath(p);
        }
    }

    /** Walks nested bodies (comprehensions, every) for their alias declarations only. */
    private record Nested(InputPaths p) {
        void kind(Expr.Kind k) {
            if (k instanceof Expr.TermExpr t) {
                term(t.term());
            } else if (k instanceof Expr.Unify u) {
                term(u.lhs());
                term(u.rhs());
            } else if (k instanceof Expr.Assign a) {
                term(a.rhs());
            } else if (k instanceof Expr.Every ev) {
                p.declare(ev.body());
            }
        }

        void term(Term t) {
            if (t instanceof Term.ArrayCompr c) {
                term(c.head());
                p.declare(c.body());
            } else if (t instanceof Term.SetCompr c) {
                term(c.head());
                p.declare(c.body());
            } else if (t instanceof Term.ObjectCompr c) {
                term(c.value());
                p.declare(c.body());
            } else if (t instanceof Term.Call c) {
                c.args().forEach(this::term);
            } else if (t instanceof Term.ArrayTerm a) {
                a.items().forEach(this::term);
            } else if (t instanceof Term.ObjectTerm o) {
                o.values().forEach(this::term);
            } else if (t instanceof Term.SetTerm s) {
                s.items().forEach(this::term);
            }
        }
    }
}
