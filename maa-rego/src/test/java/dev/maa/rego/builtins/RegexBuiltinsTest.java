package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegexBuiltinsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "^[a-z]+\\[[0-9]+\\]$|foo[1]|true",
                "^$||true",
                "^$|something|false",
                "a$|\"a\n\"|false",
                "(?m)a$|\"a\nb\"|true",
                "^\\s+$|\u000b|false",
                "\\v|\u000b|true",
                "[[:alpha:]]+\\d|ab1|true",
                "[a&&b]|&|true",
                "[[]|[|true",
                "\\bé|xé|true",
                "é\\b|é|false",
                "(?i)straße|STRASSE|false",
                "(?i)ǅ|ǆ|true",
                "\\x{263a}|☺|true",
                "\\101|A|true",
                "\\p{Greek}|α|true",
                "(?P<first_name>\\w+)|bob|true",
            })
    void match_followsRe2(String pattern, String text, boolean want) {
        assertThat(call("regex.match", pattern, text == null ? "" : text)).isEqualTo(v(want));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?=a)", "(?<=a)b", "(a)\\1", "a*+", "(?>a)", "\\Z", "a{1001}", "$^[[[", "(?x)a", "\\y"})
    void isValid_rejectsWhatRe2Rejects(String pattern) {
        assertThat(call("regex.is_valid", pattern)).isEqualTo(v(false));
    }

    @Test
    void errors_useGoText() {
        assertBuiltinError(
                "regex.match: error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
                "regex.match",
                "(?=a)",
                "a");
        assertBuiltinError("regex.match: error parsing regexp: missing closing ]: `[[[`", "regex.match", "$^[[[", "x");
        assertBuiltinError(
                "regex.match: error parsing regexp: invalid escape sequence: `\\1`", "regex.match", "(a)\\1", "x");
        assertTypeError("regex.match: operand 2 must be string but got number", "regex.match", "a", 1);
        assertThat(call("regex.is_valid", 1)).isEqualTo(v(false));
    }

    @Test
    void findN_skipsEmptyMatchAfterMatch() {
        assertThat(call("regex.find_n", "a*", "baaa", -1)).isEqualTo(v(List.of("", "aaa")));
        assertThat(call("regex.find_n", "[0-9]+", "a1b22c333", 2)).isEqualTo(v(List.of("1", "22")));
        assertThat(call("regex.find_all_string_submatch_n", "a(x*)(y)?b", "axxb ab", -1))
                .isEqualTo(v(List.of(List.of("axxb", "xx", ""), List.of("ab", "", ""))));
    }

    @Test
    void split_likeGo() {
        assertThat(call("regex.split", "a", "banana")).isEqualTo(v(List.of("b", "n", "n", "")));
        assertThat(call("regex.split", "x*", "axb")).isEqualTo(v(List.of("a", "b")));
        assertThat(call("regex.split", "a", "")).isEqualTo(v(List.of("")));
        assertThat(call("regex.split", "^[a-z]+", "foobar baz")).isEqualTo(v(List.of("", " baz")));
        assertThat(call("regex.split", "[a-z]+$", "foobar baz")).isEqualTo(v(List.of("foobar ", "")));
        assertThat(call("regex.split", "^[a-z]+$", "foobar baz")).isEqualTo(v(List.of("foobar baz")));
        assertThat(call("regex.split", "^[a-z ]+$", "foobar baz")).isEqualTo(v(List.of("", "")));
        assertThat(call("regex.find_n", "a.", "paranormal", -1)).isEqualTo(v(List.of("ar", "an", "al")));
    }

    @Test
    void replace_usesGoTemplates() {
        assertThat(call("regex.replace", "-ab-axxb-", "a(x*)b", "${1}W")).isEqualTo(v("-W-xxW-"));
        assertThat(call("regex.replace", "-ab-axxb-", "a(x*)b", "$1W")).isEqualTo(v("---"));
        assertThat(call("regex.replace", "abc", "(?P<x>b)", "[$x$$]")).isEqualTo(v("a[b$]c"));
        assertThat(call("regex.replace", "abc", "x*", "-")).isEqualTo(v("-a-b-c-"));
        assertThat(call("regex.replace", "aaa", "^a", "b")).isEqualTo(v("baa"));
    }

    @Test
    void catastrophicBacktracking_failsInsteadOfHanging() {
        assertThatThrownBy(() -> call("regex.match", "(.*a){12}x", "a".repeat(60)))
                .isInstanceOf(BuiltinError.class)
                .hasMessageContaining("backtracking");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "*:github:com|:|api:github:com|true",
                "*.github.com|.|api.not-github.com|false",
                "[abc]at||fat|false",
                "[!abc]at||fat|true",
                "[!abc]at||cat|false",
                "[a-c]at||bat|true",
                "[!a-c]at||bat|false",
                "?at|f|fat|false",
                "{cat,bat,[fr]at}||rat|true",
                "{cat,bat,[fr]at}||hat|false",
                "*.com|.|a.b.com|false",
                "**.com|.|a.b.com|true",
                "a\\*b||a*b|true",
            })
    void glob_matchesLikeGobwas(String pattern, String delimiter, String text, boolean want) {
        List<String> delims = delimiter == null ? List.of() : List.of(delimiter);
        assertThat(call("glob.match", pattern, delims, text)).isEqualTo(v(want));
    }

    @Test
    void glob_nullDelimitersMeansNone() {
        assertThat(call("glob.match", "*.com", null, "a.b.com")).isEqualTo(v(true));
        assertThat(call("glob.match", "*.com", List.of(), "a.b.com")).isEqualTo(v(false));
        assertTypeError(
                "glob.match: operand 2 must be one of {array, null} but got string", "glob.match", "*", "x", "y");
        assertThat(call("glob.quote_meta", "*.github.com")).isEqualTo(v("\\*.github.com"));
    }

    @Test
    void templateMatch_literalOutsideDelimiters() {
        assertThat(call("regex.template_match", "urn:foo:{.*}", "urn:foo:bar:baz", "{", "}"))
                .isEqualTo(v(true));
        assertThat(call("regex.template_match", "urn:foo.bar.com:{.*}", "urn:foo.bar.com:bar:baz", "{", "}"))
                .isEqualTo(v(true));
        assertThat(call("regex.template_match", "urn:foo.bar.com:{.*}", "urn:fooxbar.com:bar:baz", "{", "}"))
                .isEqualTo(v(false));
        assertThat(call("regex.template_match", "foo:<[0-9]{2,10}>", "foo:123", "<", ">"))
                .isEqualTo(v(true));
        assertThat(call("regex.template_match", "foo:<[0-9]{2,10}>", "foo:1", "<", ">"))
                .isEqualTo(v(false));
        assertBuiltinError(
                "regex.template_match: unbalanced braces in \"a{b\"", "regex.template_match", "a{b", "x", "{", "}");
    }
}
