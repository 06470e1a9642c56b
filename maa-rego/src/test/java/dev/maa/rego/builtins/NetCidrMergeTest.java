package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetCidrMergeTest {
    @Test
    void cidrMerge_joinsAdjacentAndContainedNetworks() {
        assertThat(call("net.cidr_merge", List.of("192.0.128.0/24", "192.0.129.0/24")))
                .isEqualTo(v(Set.of("192.0.128.0/23")));
        assertThat(call("net.cidr_merge", List.of("10.0.0.0/8", "10.1.2.0/24"))).isEqualTo(v(Set.of("10.0.0.0/8")));
        assertThat(call("net.cidr_merge", List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24")))
                .isEqualTo(v(Set.of("10.0.0.0/23", "10.0.2.0/24")));
    }

    @Test
    void cidrMerge_bareIpv4TakesItsClassfulMask_bareIpv6IsRefused() {
        assertThat(call("net.cidr_merge", List.of("192.168.1.1"))).isEqualTo(v(Set.of("192.168.1.1/24")));
        assertBuiltinError("net.cidr_merge: IPv6 invalid: needs prefix length", "net.cidr_merge", List.of("::1"));
    }
}
