package dev.maa.rego.testing;

import dev.maa.rego.Location;
import dev.maa.rego.QueryResult;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoException;
import dev.maa.rego.internal.ast.Module;
import dev.maa.rego.internal.ast.Rule;
import dev.maa.rego.internal.ast.Term;
import dev.maa.rego.internal.parser.Parser;
import dev.maa.rego.value.BooleanValue;
import dev.maa.rego.value.StringValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs {@code test_*} rules like {@code opa test}: all {@code .rego} files below the given
 * paths are compiled together; every {@code test_*} rule of a {@code *_test.rego} file must
 * evaluate to {@code true}.
 */
public final class RegoTestRunner {
    private Object data;

    /** Optional base data for the tests. */
    public RegoTestRunner data(Object d) {
        this.data = d;
        return this;
    }

    /** Runs the tests in files and directories. */
    public TestReport run(List<Path> paths) {
        Map<String, String> modules = new LinkedHashMap<>();
        for (Path p : paths) {
            collect(p, modules);
        }
        return run(modules);
    }

    /** Runs the tests in the given modules (name → source); names ending {@code _test.rego} hold tests. */
    public TestReport run(Map<String, String> modules) {
        RegoEngine.Builder b = RegoEngine.builder();
        modules.forEach(b::module);
        if (data != null) {
            b.data(data);
        }
        RegoEngine engine = b.build();
        List<TestResult> results = new ArrayList<>();
        for (Map.Entry<String, String> m : modules.entrySet()) {
            if (!m.getKey().endsWith("_test.rego")) {
                continue;
            }
            Module mod = new Parser(m.getKey(), m.getValue()).parseModule();
            Set<String> seen = new LinkedHashSet<>();
            Map<String, Location> locs = new LinkedHashMap<>();
            for (Rule r : mod.rules()) {
                if (r.head().size() == 1
                        && r.args() == null
                        && r.head().get(0) instanceof Term.Scalar s
                        && s.value() instanceof StringValue n
                        && n.value().startsWith("test_")
                        && seen.add(n.value())) {
                    locs.put(n.value(), r.loc());
                }
            }
            for (Map.Entry<String, Location> t : locs.entrySet()) {
                String name = "data." + String.join(".", mod.pkg()) + "." + t.getKey();
                results.add(runOne(engine, name, t.getValue()));
            }
        }
        return new TestReport(List.copyOf(results));
    }

    private static TestResult runOne(RegoEngine engine, String name, Location loc) {
        try {
            QueryResult r = engine.prepare(name).eval(null);
            if (r.rawValue() == BooleanValue.TRUE) {
                return new TestResult(name, loc, true, "");
            }
            return new TestResult(
                    name,
                    loc,
                    false,
                    r.rawValue() == null ? "undefined" : "value " + r.rawValue().toRego());
        } catch (RegoException e) {
            return new TestResult(name, loc, false, e.opaMessage());
        }
    }

    private static void collect(Path p, Map<String, String> out) {
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    for (Path f : s.filter(x -> x.toString().endsWith(".rego"))
                            .sorted()
                            .toList()) {
                        out.put(f.toString(), Files.readString(f));
                    }
                }
            } else {
                out.put(p.toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** {@code RegoTestRunner PATH...}: prints failures and the totals; exit 1 on failure. */
    public static void main(String[] args) {
        List<Path> paths = new ArrayList<>();
        for (String a : args) {
            paths.add(Path.of(a));
        }
        TestReport r = new RegoTestRunner().run(paths);
        System.out.print(r.format());
        System.exit(r.failed() > 0 ? 1 : 0);
    }
}
