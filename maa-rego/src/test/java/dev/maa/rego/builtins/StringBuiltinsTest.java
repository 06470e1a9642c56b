package dev.maa.rego.builtins;

import static dev.maa.rego.builtins.BuiltinCalls.assertBuiltinError;
import static dev.maa.rego.builtins.BuiltinCalls.assertTypeError;
import static dev.maa.rego.builtins.BuiltinCalls.call;
import static dev.maa.rego.builtins.BuiltinCalls.num;
import static dev.maa.rego.builtins.BuiltinCalls.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoEngine;
import dev.maa.rego.RegoUnsupportedException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringBuiltinsTest {
    @Test
    void concat_joinsArrayAndSet() {
        assertThat(call("concat", "/", List.of("", "foo", "bar"))).isEqualTo(v("/foo/bar"));
        assertThat(call("concat", ",", Set.of("b", "a"))).isEqualTo(v("a,b"));
    }

    @Test
    void concat_withNumberElement_isElementTypeError() {
        assertTypeError(
                "concat: operand 2 must be array of strings but got array containing number",
                "concat",
                ",",
                List.of("a", 1));
        assertTypeError("concat: operand 2 must be one of {set, array} but got string", "concat", ",", "x");
    }

    @Test
    void lowerUpper_mapRunesLikeGo() {
        assertThat(call("upper", "straße")).isEqualTo(v("STRAßE"));
        assertThat(call("lower", "ÀB")).isEqualTo(v("àb"));
    }

    @Test
    void split_emptyDelimiterSplitsRunes() {
        assertThat(call("split", "a😀b", "")).isEqualTo(v(List.of("a", "😀", "b")));
        assertThat(call("split", "a,b,", ",")).isEqualTo(v(List.of("a", "b", "")));
    }

    @Test
    void replaceN_firstKeyInSortOrderWins() {
        assertThat(call("strings.replace_n", Map.of("a", "1", "aa", "2"), "aaa"))
                .isEqualTo(v("111"));
        assertThat(call("strings.replace_n", Map.of("cat", "dog", "dog", "cat"), "cat dog"))
                .isEqualTo(v("dog cat"));
    }

    @Test
    void replace_emptyOldInsertsEverywhere() {
        assertThat(call("replace", "ab", "", "-")).isEqualTo(v("-a-b-"));
    }

    @Test
    void replace_emptyOld_insertsBeforeEveryRuneOfNonAsciiText() {
        // Go's strings.Replace matches an empty old string after each UTF-8 sequence, not each byte
        assertThat(call("replace", "é😀", "", "-")).isEqualTo(v("-é-😀-"));
        assertThat(call("replace", "", "", "-")).isEqualTo(v("-"));
    }

    @Test
    void replaceN_emptyKey_matchesEveryPositionButNotTwiceInARow() {
        assertThat(call("strings.replace_n", Map.of("", "X"), "ab")).isEqualTo(v("XaXbX"));
        assertThat(call("strings.replace_n", Map.of("", "-", "a", "A"), "ab")).isEqualTo(v("-A-b-"));
        assertThat(call("strings.replace_n", Map.of("", "-"), "")).isEqualTo(v("-"));
    }

    @Test
    void replaceN_emptyKeyOnNonAsciiText_isRefusedEvenWhenNotStrict() {
        // OPA splits the UTF-8 bytes of é; a Java string cannot hold that, and an undefined value
        // would be a different answer from OPA's, so the engine refuses
        RegoEngine engine = RegoEngine.builder()
                .module("t.rego", "package t\np := strings.replace_n({\"\": \"-\"}, input)")
                .build();
        assertThatThrownBy(() -> engine.prepare("data.t.p").eval("é"))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("strings.replace_n: an empty key on non-ASCII text");
        assertThat(engine.prepare("data.t.p").eval("ab").value()).isEqualTo("-a-b-");
    }

    @Test
    void trim_family() {
        assertThat(call("trim", "¡¡¡foo, bar!!!", "i")).isEqualTo(v("¡¡¡foo, bar!!!"));
        assertThat(call("trim", "¡¡¡foo, bar!!!", "¡!")).isEqualTo(v("foo, bar"));
        assertThat(call("trim_left", "xxaxx", "x")).isEqualTo(v("axx"));
        assertThat(call("trim_right", "xxaxx", "x")).isEqualTo(v("xxa"));
        assertThat(call("trim_prefix", "prefix-a", "prefix-")).isEqualTo(v("a"));
        assertThat(call("trim_suffix", "a.txt", ".txt")).isEqualTo(v("a"));
        assertThat(call("trim_space", "\u00a0\t x \n")).isEqualTo(v("x"));
    }

    @Test
    void formatInt_truncatesAndChecksBase() {
        assertThat(call("format_int", num("15.5"), 16)).isEqualTo(v("f"));
        assertThat(call("format_int", -5, 2)).isEqualTo(v("-101"));
        assertTypeError("format_int: operand 2 must be one of {2, 8, 10, 16}", "format_int", 1, 3);
    }

    @Test
    void indexof_countsRunes() {
        assertThat(call("indexof", "😀abc", "b")).isEqualTo(v(2));
        assertThat(call("indexof", "abc", "z")).isEqualTo(v(-1));
        assertThat(call("indexof_n", "aaa", "aa")).isEqualTo(v(List.of(0, 1)));
        assertBuiltinError("indexof: empty search character", "indexof", "abc", "");
    }

    @Test
    void substring_runesAndErrors() {
        assertThat(call("substring", "😀abc", 1, 2)).isEqualTo(v("ab"));
        assertThat(call("substring", "abc", 1, -1)).isEqualTo(v("bc"));
        assertThat(call("substring", "abc", 5, 1)).isEqualTo(v(""));
        assertBuiltinError("substring: negative offset", "substring", "abc", -1, 1);
        assertTypeError(
                "substring: operand 2 must be integer number but got floating-point number",
                "substring",
                "abc",
                num("1.5"),
                1);
    }

    @Test
    void reverseAndCount() {
        assertThat(call("strings.reverse", "a😀b")).isEqualTo(v("b😀a"));
        assertThat(call("strings.count", "cheese", "e")).isEqualTo(v(3));
        assertThat(call("strings.count", "five", "")).isEqualTo(v(5));
    }

    @Test
    void anyPrefixMatch_typeErrors() {
        assertThat(call("strings.any_prefix_match", "a/b", List.of("x/", "a/"))).isEqualTo(v(true));
        assertThat(call("strings.any_suffix_match", List.of("a/b/c"), "/d")).isEqualTo(v(false));
        assertTypeError(
                "strings.any_prefix_match: operand 1 must be one of {string, set, array} but got number",
                "strings.any_prefix_match",
                1,
                "a");
        assertTypeError(
                "strings.any_suffix_match: operand 2 must be array of strings but got array containing number",
                "strings.any_suffix_match",
                "a",
                List.of(1));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "%d|5|5",
                "%s|5|%!s(int=5)",
                "%5d|-42|  -42",
                "%-5d|42|42   ",
                "%05d|-42|-0042",
                "%x|255|ff",
                "%#X|255|0XFF",
                "%+d|3|+3",
                "%o|8|10",
                "%b|5|101",
                "%c|65|A",
                "%q|65|'A'",
                "%U|65|U+0041",
                "%t|1|%!t(int=1)",
                "%d %d|1|1 %!d(MISSING)",
                "%|1|%!(NOVERB)%!(EXTRA int=1)",
            })
    void sprintf_integers(String format, long arg, String expected) {
        assertThat(call("sprintf", format, List.of(arg))).isEqualTo(v(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "%v|1.5|1.5",
                "%f|1.5|1.500000",
                "%.2f|3.14159|3.14",
                "%8.3f|-3.14159|  -3.142",
                "%e|123456.789|1.234568e+05",
                "%g|0.00001234|1.234e-05",
                "%v|1e6|1e+06",
                "%v|100000.5|100000.5",
                "%.3g|3.14159|3.14",
                "%d|1.5|%!d(float64=1.5)",
                "%s|0.1|%!s(float64=0.1)",
                "%+.1e|-0.000123|-1.2e-04",
                "%06.2f|-1.5|-01.50",
                "%.0f|2.5|2",
                "%.0f|3.5|4",
            })
    void sprintf_floats(String format, String arg, String expected) {
        assertThat(call("sprintf", format, List.of(num(arg)))).isEqualTo(v(expected));
    }

    @Test
    void sprintf_stringsAndComposites() {
        assertThat(call("sprintf", "%s=%q", List.of("a", "b\"c"))).isEqualTo(v("a=\"b\\\"c\""));
        assertThat(call("sprintf", "%v", List.of(List.of(1, "<a>")))).isEqualTo(v("[1, \"<a>\"]"));
        assertThat(call("sprintf", "%v", List.of(Set.of()))).isEqualTo(v("set()"));
        assertThat(call("sprintf", "%v", List.of(Map.of("a", Set.of(1))))).isEqualTo(v("{\"a\": {1}}"));
        assertThat(call("sprintf", "%t", List.of(true))).isEqualTo(v("%!t(string=true)"));
        assertThat(call("sprintf", "%.2s|%5s|%-5s|", List.of("abc", "ab", "ab")))
                .isEqualTo(v("ab|   ab|ab   |"));
        assertThat(call("sprintf", "%x", List.of("hi"))).isEqualTo(v("6869"));
        assertThat(call("sprintf", "%v%%", List.of(50))).isEqualTo(v("50%"));
        assertThat(call("sprintf", "%*d", List.of(4, 7))).isEqualTo(v("   7"));
        assertThat(call("sprintf", "%d", List.of("x", 2))).isEqualTo(v("%!d(string=x)%!(EXTRA int=2)"));
    }

    @Test
    void sprintf_bigIntegers() {
        BigInteger big = new BigInteger("123456789123456789123");
        assertThat(call("sprintf", "%s", List.of(big))).isEqualTo(v("123456789123456789123"));
        assertThat(call("sprintf", "%x", List.of(big))).isEqualTo(v("6b14e9f9b0df36a83"));
        assertThat(call("sprintf", "%t", List.of(big))).isEqualTo(v("%!t(big.Int=123456789123456789123)"));
    }

    @Test
    void sprintf_argumentIndex_isUnsupported() {
        assertBuiltinError(
                "sprintf: explicit argument indexes (%[n]) are not supported by this engine",
                "sprintf", "%[1]d", List.of(1));
    }

    @Test
    void sprintf_secondOperandMustBeArray() {
        assertTypeError("sprintf: operand 2 must be array but got string", "sprintf", "%s", "x");
    }
}
