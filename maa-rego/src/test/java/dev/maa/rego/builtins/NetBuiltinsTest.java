package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetBuiltinsTest {
    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.1.0.0/24, true",
        "10.0.0.0/8, 10.1.2.3, true",
        "10.0.0.0/8, 11.1.2.3, false",
        "2001:4860:4860::8888/32, 2001:4860:4860:1234::8888/40, true",
        "2001:4860:4860::8888/32, 2001:4860:4860:1234:5678:1234:5678:8888/128, true",
        "::/0, 1.2.3.4, false",
        "::ffff:0:0/96, 1.2.3.4, true",
        "10.0.0.0/24, 10.0.0.0/16, false",
        "192.168.1.0/28, ::ffff:192.168.1.3, true",
    })
    void cidrContains_likeGo(String net, String what, boolean want) {
        assertThat(call("net.cidr_contains", net, what)).isEqualTo(v(want));
    }

    @Test
    void cidrContains_malformed() {
        assertBuiltinError(
                "net.cidr_contains: invalid CIDR address: not-a-cidr",
                "net.cidr_contains",
                "not-a-cidr",
                "192.168.1.67");
        assertBuiltinError(
                "net.cidr_contains: not a valid textual representation of an IP address or CIDR: not-a-cidr",
                "net.cidr_contains",
                "192.168.1.0/28",
                "not-a-cidr");
        assertBuiltinError(
                "net.cidr_contains: not a valid textual representation of an IP address or CIDR: 010.1.1.1",
                "net.cidr_contains",
                "10.0.0.0/8",
                "010.1.1.1");
    }

    @Test
    void intersectsValidMatchesExpand() {
        assertThat(call("net.cidr_intersects", "192.168.0.0/16", "192.168.1.0/24"))
                .isEqualTo(v(true));
        assertThat(call("net.cidr_intersects", "192.168.0.0/24", "192.168.1.0/24"))
                .isEqualTo(v(false));
        assertThat(call("net.cidr_is_valid", "fd1e:5bfe:8af3:9ddc::/64")).isEqualTo(v(true));
        assertThat(call("net.cidr_is_valid", "1.2.3.4")).isEqualTo(v(false));
        assertThat(call("net.cidr_is_valid", 1)).isEqualTo(v(false));
        assertThat(call(
                        "net.cidr_contains_matches",
                        List.of("1.1.1.0/24", List.of("2.2.2.0/24", "x")),
                        Map.of("a", "1.1.1.1", "b", List.of("2.2.2.2"))))
                .isEqualTo(v(Set.of(List.of(0, "a"), List.of(1, "b"))));
        assertThat(call("net.cidr_expand", "192.168.1.0/30"))
                .isEqualTo(v(Set.of("192.168.1.0", "192.168.1.1", "192.168.1.2", "192.168.1.3")));
        assertThat(call("net.cidr_expand", "2001:db8::/127")).isEqualTo(v(Set.of("2001:db8::", "2001:db8::1")));
    }
}
