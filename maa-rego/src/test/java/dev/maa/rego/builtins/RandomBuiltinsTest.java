package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.callAt;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.StringValue;
import org.junit.jupiter.api.Test;

class RandomBuiltinsTest {
    @Test
    void uuidParse_decodesVersion1TimeNodeAndClock() {
        ObjectValue u = (ObjectValue) call("uuid.parse", "000003e8-48b9-21ee-b200-325096b39f47");
        assertThat(u.get("version")).isEqualTo(v(2));
        assertThat(u.get("time")).isEqualTo(v(1693566990121469600L));
        assertThat(u.get("nodeid")).isEqualTo(v("32-50-96-b3-9f-47"));
        assertThat(u.get("macvariables")).isEqualTo(v("local:unicast"));
        assertThat(u.get("clocksequence")).isEqualTo(v(12800));
        assertThat(u.get("domain")).isEqualTo(v("Person"));
        assertThat(call("uuid.parse", "not-a-uuid")).isNull();
    }

    @Test
    void randomValues_areFixedPerEvaluationAndKey() {
        BuiltinContext query = BuiltinContext.simple();
        String first = ((StringValue) callAt(query, "uuid.rfc4122", "k")).value();
        assertThat(callAt(query, "uuid.rfc4122", "k")).isEqualTo(v(first));
        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(callAt(query, "rand.intn", "k", 1000)).isEqualTo(callAt(query, "rand.intn", "k", 1000));
        assertThat(callAt(BuiltinContext.simple(), "uuid.rfc4122", "k")).isNotEqualTo(v(first));
    }
}
