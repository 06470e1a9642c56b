package dev.maa.policies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.policies.PolicySet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 20: what-if evaluates once per input that agrees on what the policy reads, and only when that is safe. */
class ReplayMemoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PolicySet withModule(String rego) {
        Map<String, String> files =
                new LinkedHashMap<>(PolicySet.fromClasspath(PolicySet.DEMO).files());
        files.put("custom.rego", rego);
        return PolicySet.of(files);
    }

    private static ObjectNode input(String time, String digest) throws Exception {
        return (ObjectNode) JSON.readTree("{\"principal\":{\"id\":\"alice\",\"groups\":[\"App Admins\"],\"roles\":[]},"
                + "\"resource\":{\"type\":\"APP\",\"id\":\"o-1\",\"platform\":\"unspecified\",\"scope_tags\":[]},"
                + "\"action\":\"DELETE\",\"operation\":{\"class\":\"A\",\"method\":\"m\",\"digest\":\"" + digest
                + "\"},\"justification\":\"\",\"emergency\":false,\"urgent\":false,\"time\":\"" + time + "\"}");
    }

    @Test
    void builtInDecision_readsNeitherTimeNorOperation_soOneEvaluationServesBoth() throws Exception {
        ReplayMemo<String> memo = ReplayMemo.of(PolicyModules.compose(PolicySet.fromClasspath(PolicySet.DEMO)));
        AtomicInteger evaluations = new AtomicInteger();
        assertThat(memo.enabled()).isTrue();
        memo.get(input("2026-12-07T07:00:00Z", "a"), in -> "x" + evaluations.incrementAndGet());
        String second = memo.get(input("2026-12-08T09:30:00Z", "b"), in -> "x" + evaluations.incrementAndGet());
        assertThat(second).isEqualTo("x1");
        assertThat(memo.key(input("2026-12-07T07:00:00Z", "a")).has("time")).isFalse();
        assertThat(memo.key(input("2026-12-07T07:00:00Z", "a"))
                        .path("principal")
                        .has("roles"))
                .isFalse();
    }

    @Test
    void aModuleReadingTime_keysByTime() throws Exception {
        ReplayMemo<String> memo = ReplayMemo.of(PolicyModules.compose(withModule(
                "package maa.custom\n\nimport rego.v1\n\ndeny contains \"late\" if input.time > \"2026-12-08\"\n")));
        AtomicInteger evaluations = new AtomicInteger();
        memo.get(input("2026-12-07T07:00:00Z", "a"), in -> "x" + evaluations.incrementAndGet());
        assertThat(memo.get(input("2026-12-08T09:30:00Z", "a"), in -> "x" + evaluations.incrementAndGet()))
                .isEqualTo("x2");
        assertThat(memo.get(input("2026-12-07T07:00:00Z", "b"), in -> "x" + evaluations.incrementAndGet()))
                .isEqualTo("x1");
    }

    @Test
    void aModuleReadingTheInputWhole_keysByTheWholeInput() throws Exception {
        ReplayMemo<String> memo = ReplayMemo.of(PolicyModules.compose(
                withModule("package maa.custom\n\nimport rego.v1\n\nn := count(object.keys(input))\n")));
        assertThat(memo.enabled()).isTrue();
        assertThat(memo.key(input("2026-12-07T07:00:00Z", "a")).has("time")).isTrue();
    }

    @Test
    void aPartPresentButEmpty_andAPartAbsent_neverShareAKey() throws Exception {
        ReplayMemo<String> memo = ReplayMemo.of(PolicyModules.compose(
                withModule("package maa.custom\n\nimport rego.v1\n\nflag if input.extra.x == 1\n")));
        ObjectNode empty = input("2026-12-07T07:00:00Z", "a");
        empty.putObject("extra");
        assertThat(memo.key(empty)).isNotEqualTo(memo.key(input("2026-12-07T07:00:00Z", "a")));
        ObjectNode one = input("2026-12-07T07:00:00Z", "a");
        one.putObject("extra").put("x", 1).put("y", 2);
        assertThat(memo.key(one).path("extra").has("y")).isFalse();
        assertThat(memo.key(one).path("extra").path("x").asInt()).isEqualTo(1);
    }

    @Test
    void aModuleCallingTheClock_isNotRemembered() throws Exception {
        ReplayMemo<String> memo = ReplayMemo.of(PolicyModules.compose(
                withModule("package maa.custom\n\nimport rego.v1\n\ndeny contains \"late\" if time.now_ns() > 0\n")));
        AtomicInteger evaluations = new AtomicInteger();
        assertThat(memo.enabled()).isFalse();
        memo.get(input("2026-12-07T07:00:00Z", "a"), in -> "x" + evaluations.incrementAndGet());
        assertThat(memo.get(input("2026-12-07T07:00:00Z", "a"), in -> "x" + evaluations.incrementAndGet()))
                .isEqualTo("x2");
    }
}
