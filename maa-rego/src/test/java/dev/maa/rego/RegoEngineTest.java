package dev.maa.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RegoEngineTest {
    private static final String POLICY = """
      package maa.decision

      default allow := false

      allow if {
        some p in data.policies
        p.type == input.type
        input.user in p.groups
      }

      names contains p.name if some p in data.policies
      """;

    private static RegoEngine engine() {
        return RegoEngine.builder()
                .module("maa/decision.rego", POLICY)
                .data(Map.of(
                        "policies",
                        List.of(
                                Map.of("name", "a", "type", "app", "groups", List.of("admins")),
                                Map.of("name", "b", "type", "device", "groups", List.of("ops")))))
                .build();
    }

    @Test
    void containsBuiltin_inBodies_isACall_whileContainsInHeadsDeclaresSetRules() {
        RegoEngine e = RegoEngine.builder().module("c.rego", """
        package t
        p if contains("abc", "b")
        q contains x if { some x in ["ab", "cd"]; contains(x, "a") }
        """).build();

        assertThat(e.prepare("data.t.p").eval(null).value()).isEqualTo(true);
        assertThat(e.prepare("data.t.q").eval(null).value()).isEqualTo(java.util.Set.of("ab"));
    }

    @Test
    void prepare_singleRef_returnsValue() {
        PreparedQuery q = engine().prepare("data.maa.decision.allow");
        assertThat(q.eval(Map.of("type", "app", "user", "admins")).value()).isEqualTo(true);
        assertThat(q.eval(Map.of("type", "app", "user", "ops")).value()).isEqualTo(false);
    }

    @Test
    void prepare_partialSet_isJavaSet() {
        assertThat(engine().prepare("data.maa.decision.names").eval(null).value())
                .isEqualTo(Set.of("a", "b"));
    }

    @Test
    void prepare_queryWithVariables_returnsBindingsPerSolution() {
        QueryResult r = engine().prepare("x = data.policies[_].name").eval(null);
        assertThat(r.bindings()).containsExactly(Map.of("x", "a"), Map.of("x", "b"));
    }

    @Test
    void eval_undefinedRef_isNotDefined() {
        QueryResult r = engine().prepare("data.maa.decision.nothing").eval(null);
        assertThat(r.isDefined()).isFalse();
        assertThat(r.value()).isNull();
    }

    @Test
    void replaceData_swapsAtomically_andBumpsRevision() {
        RegoEngine e = engine();
        PreparedQuery q = e.prepare("count(data.policies)");
        assertThat(q.eval(null).value()).isEqualTo(BigInteger.valueOf(2));
        long rev = e.replaceData(Map.of("policies", List.of()));
        assertThat(rev).isEqualTo(2).isEqualTo(e.dataRevision());
        assertThat(q.eval(null).value()).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void eval_fromManyThreads_givesSameAnswers() throws Exception {
        PreparedQuery q = engine().prepare("data.maa.decision.allow");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String user = i % 2 == 0 ? "admins" : "nobody";
                fs.add(pool.submit(
                        () -> q.eval(Map.of("type", "app", "user", user)).value()));
            }
            for (int i = 0; i < fs.size(); i++) {
                assertThat(fs.get(i).get()).isEqualTo(i % 2 == 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parseError_carriesLocationSourceLineAndCaret() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("bad.rego", "package x\n\np := [1,\n")
                        .build())
                .isInstanceOf(RegoParseException.class)
                .satisfies(e -> {
                    RegoException re = (RegoException) e;
                    assertThat(re.code()).isEqualTo("rego_parse_error");
                    assertThat(re.location().file()).isEqualTo("bad.rego");
                    assertThat(re.getMessage()).startsWith("bad.rego:");
                });
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("bad.rego", "package x\np := 1 +* 2")
                        .build())
                .hasMessage("bad.rego:2:9: rego_parse_error: unexpected '*'\np := 1 +* 2\n        ^");
    }

    @Test
    void unsafeVariable_isCompileError() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("u.rego", "package x\np if { x > 1 }")
                        .build())
                .isInstanceOf(RegoCompileException.class)
                .extracting(e -> ((RegoException) e).code())
                .isEqualTo("rego_unsafe_var_error");
    }

    @Test
    void unknownFunction_isTypeErrorNamingIt() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("u.rego", "package x\np := no_such_fn(1)")
                        .build())
                .isInstanceOf(RegoCompileException.class)
                .hasMessageContaining("rego_type_error: undefined function no_such_fn");
    }

    @Test
    void wrongArity_isTypeError() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("u.rego", "package x\np := count([1], [2], 3)")
                        .build())
                .hasMessageContaining("rego_type_error: count: arity mismatch");
    }

    @Test
    void literalOperandOfWrongType_isCompileTimeTypeError() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("u.rego", "package x\np := 1 + \"a\"")
                        .build())
                .isInstanceOf(RegoCompileException.class)
                .hasMessageContaining("rego_type_error: plus");
    }

    @Test
    void unsupportedBuiltin_isUnsupportedException() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("u.rego", "package x\np := http.send({})")
                        .build())
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("http.send");
    }

    @Test
    void recursion_isRecursionError() {
        assertThatThrownBy(() -> RegoEngine.builder()
                        .module("r.rego", "package x\np if q\nq if p")
                        .build())
                .extracting(e -> ((RegoException) e).code())
                .isEqualTo("rego_recursion_error");
    }

    @Test
    void completeRuleWithTwoValues_isConflictError() {
        RegoEngine e = RegoEngine.builder()
                .module("c.rego", "package x\np := 1\np := 2")
                .build();
        assertThatThrownBy(() -> e.prepare("data.x.p").eval(null))
                .isInstanceOf(RegoEvalException.class)
                .extracting(x -> ((RegoException) x).code())
                .isEqualTo("eval_conflict_error");
    }

    @Test
    void runawayPolicy_stopsWithLimitError() {
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(i);
        }
        RegoEngine e = RegoEngine.builder()
                .module("loop.rego", "package x\nn := count([1 | data.a[_]; data.a[_]; data.a[_]])")
                .data(Map.of("a", many))
                .limits(EvalLimits.of(100_000, 100, Duration.ofSeconds(30)))
                .build();
        assertThatThrownBy(() -> e.prepare("data.x.n").eval(null))
                .isInstanceOf(RegoLimitExceededException.class)
                .hasMessageContaining("steps");
    }

    @Test
    void print_writesToSink() {
        List<String> lines = new ArrayList<>();
        RegoEngine e = RegoEngine.builder()
                .module("p.rego", "package x\np if { print(\"hi\", 1, input.missing) }")
                .printSink(lines::add)
                .build();
        assertThat(e.prepare("data.x.p").eval(Map.of()).value()).isEqualTo(true);
        assertThat(lines).containsExactly("hi 1 <undefined>");
    }

    @Test
    void builder_duplicateModuleName_failsFast() {
        assertThatThrownBy(
                        () -> RegoEngine.builder().module("a.rego", "package a").module("a.rego", "package b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.rego");
    }

    @Test
    void regoEval_oneOff_returnsValue() {
        QueryResult r = RegoEval.eval(Map.of("m.rego", "package m\ny := input.x * 2"), "{}", "{\"x\": 21}", "data.m.y");
        assertThat(r.value()).isEqualTo(BigInteger.valueOf(42));
        assertThat(RegoEval.toJson(r, true)).isEqualTo("42");
    }
}
