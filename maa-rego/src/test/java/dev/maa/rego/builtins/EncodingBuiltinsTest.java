package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EncodingBuiltinsTest {
    @Test
    void base64_roundTripAndGoErrors() {
        assertThat(call("base64.encode", "subjects?_d")).isEqualTo(v("c3ViamVjdHM/X2Q="));
        assertThat(call("base64.decode", "c3ViamVjdHM/X2Q=")).isEqualTo(v("subjects?_d"));
        assertThat(call("base64.decode", "aGVs\nbG8=")).isEqualTo(v("hello"));
        assertBuiltinError("base64.decode: illegal base64 data at input byte 4", "base64.decode", "aGVsbG8");
        assertBuiltinError("base64.decode: illegal base64 data at input byte 2", "base64.decode", "aG*s");
        assertThat(call("base64.is_valid", "aGVsbG8=")).isEqualTo(v(true));
        assertThat(call("base64.is_valid", "aGVsbG8")).isEqualTo(v(false));
        assertThat(call("base64.is_valid", 1)).isEqualTo(v(false));
        assertBuiltinError(
                "base64.decode: decoded bytes are not valid UTF-8, which this engine cannot represent in a string",
                "base64.decode",
                "//4=");
    }

    @Test
    void base64url_padsMissingPadding() {
        assertThat(call("base64url.encode", "subjects?_d")).isEqualTo(v("c3ViamVjdHM_X2Q="));
        assertThat(call("base64url.encode_no_pad", "subjects?_d")).isEqualTo(v("c3ViamVjdHM_X2Q"));
        assertThat(call("base64url.decode", "c3ViamVjdHM_X2Q")).isEqualTo(v("subjects?_d"));
        assertBuiltinError("base64url.decode: illegal base64url string: a", "base64url.decode", "a");
    }

    @Test
    void hex_roundTripAndGoErrors() {
        assertThat(call("hex.encode", "hi")).isEqualTo(v("6869"));
        assertThat(call("hex.decode", "6869")).isEqualTo(v("hi"));
        assertBuiltinError("hex.decode: encoding/hex: invalid byte: U+0067 'g'", "hex.decode", "6g");
        assertBuiltinError("hex.decode: encoding/hex: odd length hex string", "hex.decode", "686");
    }

    @Test
    void urlquery_likeGo() {
        assertThat(call("urlquery.encode", "a b&c=d~*")).isEqualTo(v("a+b%26c%3Dd~%2A"));
        assertThat(call("urlquery.decode", "a+b%26c")).isEqualTo(v("a b&c"));
        assertBuiltinError("urlquery.decode: invalid URL escape \"%zz\"", "urlquery.decode", "a%zzb");
        assertThat(call("urlquery.encode_object", Map.of("b", List.of("2", "1"), "a", "x y", "c", Set.of("z"))))
                .isEqualTo(v("a=x+y&b=2&b=1&c=z"));
        assertTypeError(
                "urlquery.encode_object: operand 1 values must be string, array[string], or set[string]",
                "urlquery.encode_object",
                Map.of("a", 1));
        assertThat(call("urlquery.decode_object", "a=1&b=2&a=3&c"))
                .isEqualTo(v(Map.of("a", List.of("1", "3"), "b", List.of("2"), "c", List.of(""))));
    }

    @Test
    void json_marshalUnmarshalValid() {
        assertThat(call("json.marshal", List.of(Map.of("foo", Set.of(1, 2, 3)))))
                .isEqualTo(v("[{\"foo\":[1,2,3]}]"));
        assertThat(call("json.unmarshal", "{\"a\": [1, 2.5, null]}"))
                .isEqualTo(v(Map.of("a", java.util.Arrays.asList(1, new java.math.BigDecimal("2.5"), null))));
        assertThat(call("json.is_valid", "plainstring")).isEqualTo(v(false));
        assertThat(call("json.is_valid", "{")).isEqualTo(v(false));
        assertThat(call("json.is_valid", "1 2")).isEqualTo(v(false));
        assertThat(call("json.is_valid", "")).isEqualTo(v(false));
        assertThat(call("json.is_valid", "{\"json\": \"ok\"}")).isEqualTo(v(true));
        assertThat(call("json.is_valid", 1)).isEqualTo(v(false));
    }

    @Test
    void json_marshalWithOptions_indentsLikeGo() {
        assertThat(call("json.marshal_with_options", Map.of("a", List.of(1, 2), "b", Map.of()), Map.of("indent", "  ")))
                .isEqualTo(v("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}"));
        assertThat(call("json.marshal_with_options", List.of(1), Map.of("prefix", "> ", "pretty", true)))
                .isEqualTo(v("> [\n> \t1\n> ]"));
        assertThat(call("json.marshal_with_options", List.of(1), Map.of("indent", " ", "pretty", false)))
                .isEqualTo(v("[1]"));
        assertTypeError(
                "json.marshal_with_options: operand 2 object contained unknown key x",
                "json.marshal_with_options",
                1,
                Map.of("x", 1));
    }

    @Test
    void yaml_marshalLikeGoYaml() {
        assertThat(call("yaml.marshal", Map.of("foo", List.of(1, 2), "bar", Map.of("x", "true", "y", "a: b"))))
                .isEqualTo(v("bar:\n  x: \"true\"\n  \"y\": 'a: b'\nfoo:\n- 1\n- 2\n"));
        assertThat(call("yaml.marshal", List.of(Map.of("a", 1, "b", ""), List.of(1.5, "x"))))
                .isEqualTo(v("- a: 1\n  b: \"\"\n- - 1.5\n  - x\n"));
        assertThat(call("yaml.marshal", "yes")).isEqualTo(v("\"yes\"\n"));
    }

    @Test
    void yaml_unmarshalAndValidity() {
        assertThat(call("yaml.unmarshal", "foo:\n  - qux: bar\n  - baz: 2\nok: yes\n"))
                .isEqualTo(v(Map.of("foo", List.of(Map.of("qux", "bar"), Map.of("baz", 2)), "ok", true)));
        assertThat(call("yaml.is_valid", "foo:\n  - qux: bar\n  - baz: {")).isEqualTo(v(false));
        assertThat(call("yaml.is_valid", "  test:\ntest1: hello\n")).isEqualTo(v(false));
        assertThat(call("yaml.is_valid", "a: 1\n---\n\tb: 2\n")).isEqualTo(v(false));
        assertThat(call("yaml.is_valid", "a: 1\n---\nb: 2\n")).isEqualTo(v(true));
        assertThat(call("yaml.unmarshal", call("yaml.marshal", List.of(Map.of("foo", Set.of(1, 2, 3))))))
                .isEqualTo(v(List.of(Map.of("foo", List.of(1, 2, 3)))));
    }

    @Test
    void yaml_unmarshal_typesPlainScalarsLikeGoYamlV2() {
        java.util.Map<String, Object> want = new java.util.HashMap<>();
        want.put("a", true);
        want.put("b", "y");
        want.put("c", 31);
        want.put("d", 15);
        want.put("e", 5);
        want.put("f", 1000);
        want.put("g", "2001-12-14");
        want.put("h", "1:20");
        want.put("i", new java.math.BigDecimal("0.5"));
        want.put("j", 1000);
        want.put("k", null);
        want.put("l", "123");
        want.put("m", -16);
        assertThat(call(
                        "yaml.unmarshal",
                        "a: y\nb: 'y'\nc: 0x1F\nd: 017\ne: 0b101\nf: 1_000\ng: 2001-12-14\nh: 1:20\n"
                                + "i: .5\nj: 1e3\nk: ~\nl: \"123\"\nm: -0x10\n"))
                .isEqualTo(v(want));
        assertThat(call("yaml.unmarshal", "1: a\ntrue: b\n")).isEqualTo(v(Map.of("1", "a", "true", "b")));
        assertThat(call("yaml.unmarshal", "")).isEqualTo(v((Object) null));
        assertThat(call("yaml.unmarshal", "a: 1\n---\nb: 2\n")).isEqualTo(v(Map.of("a", 1)));
    }
}
