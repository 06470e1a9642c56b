package dev.maa.rego.internal.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.rego.RegoParseException;
import dev.maa.rego.RegoUnsupportedException;
import dev.maa.rego.value.ArrayValue;
import dev.maa.rego.value.ObjectValue;
import dev.maa.rego.value.Value;
import dev.maa.rego.value.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OPA's JSON form of a module's AST. Expectations marked "OPA" are the expected JSON of OPA's own
 * {@code v1/ast/marshal_test.go} (Apache-2.0, Open Policy Agent authors) for the same source, without
 * locations (OPA's default); the others apply the head rules of OPA's {@code parser.go}/{@code parser_ext.go}.
 */
class OpaAstJsonTest {
    private static final String BOOL_TRUE = "{\"type\":\"boolean\",\"value\":true}";
    private static final String TRUE_BODY = "[{\"index\":0,\"terms\":" + BOOL_TRUE + "}]";

    private static Value json(String text) {
        try {
            return Values.parseJson(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectValue parse(String src) {
        return (ObjectValue) OpaAstJson.parseModule("example.rego", src);
    }

    /** OPA's message of the parse error {@code src} raises. */
    private static String opaError(String src) {
        try {
            parse(src);
        } catch (RegoParseException e) {
            return OpaAstJson.opaMessage(e);
        }
        throw new AssertionError("no parse error for " + src);
    }

    private static Value rule(String src, int i) {
        return ((ArrayValue) parse(src).get("rules")).get(i);
    }

    private static Value head(String src) {
        return ((ObjectValue) rule(src, 0)).get("head");
    }

    private static Value firstExpr(String src) {
        return ((ArrayValue) ((ObjectValue) rule(src, 0)).get("body")).get(0);
    }

    private static Value var(String name) {
        return json("{\"type\":\"var\",\"value\":\"" + name + "\"}");
    }

    @Test
    void rule_ifTrue_isOpasRuleJson() {
        // OPA: TestRule_MarshalJSON, TestHead_MarshalJSON, TestExpr_MarshalJSON ("base case")
        String src = "\n\tpackage foo\n\n\t# comment\n\n\tallow if { true }\n\t";
        assertThat(rule(src, 0))
                .isEqualTo(json("{\"body\":" + TRUE_BODY + ",\"head\":{\"name\":\"allow\",\"value\":" + BOOL_TRUE
                        + ",\"ref\":[{\"type\":\"var\",\"value\":\"allow\"}]}}"));
    }

    @Test
    void module_hasPackagePathFromData_andCommentsWithGoFieldNames() {
        // Comment JSON as OPA's TestComment_MarshalJSON: {"Text": base64, "Location": {file,row,col}} always
        ObjectValue m = parse("\n\tpackage foo\n\n\t# comment\n\n\tallow if { true }\n\t");
        assertThat(m.get("package"))
                .isEqualTo(json(
                        "{\"path\":[{\"type\":\"var\",\"value\":\"data\"},{\"type\":\"string\",\"value\":\"foo\"}]}"));
        assertThat(m.get("comments"))
                .isEqualTo(json(
                        "[{\"Text\":\"IGNvbW1lbnQ=\",\"Location\":{\"file\":\"example.rego\",\"row\":4,\"col\":2}}]"));
        assertThat(m.get("imports")).isNull();
        assertThat(m.get("annotations")).isNull();
    }

    @Test
    void every_isKeyValueDomainBody() {
        // OPA: TestEvery_MarshalJSON ("base case")
        String src = "\npackage foo\n\nallow if {\n\tevery e in [1,2,3] {\n\t\te == 1\n    }\n}\n";
        assertThat(((ObjectValue) firstExpr(src)).get("terms"))
                .isEqualTo(
                        json(
                                "{\"body\":[{\"index\":0,\"terms\":[{\"type\":\"ref\",\"value\":[{\"type\":\"var\","
                                        + "\"value\":\"equal\"}]},{\"type\":\"var\",\"value\":\"e\"},{\"type\":\"number\",\"value\":1}]}],"
                                        + "\"domain\":{\"type\":\"array\",\"value\":[{\"type\":\"number\",\"value\":1},{\"type\":\"number\","
                                        + "\"value\":2},{\"type\":\"number\",\"value\":3}]},\"key\":null,\"value\":{\"type\":\"var\",\"value\":\"e\"}}"));
    }

    @Test
    void with_targetInput_isAReference() {
        // OPA: TestWith_MarshalJSON ("base case")
        String src = "\npackage foo\n\na if {input}\n\nb if {\n\ta with input as 1\n}\n";
        ObjectValue expr = (ObjectValue) ((ArrayValue) ((ObjectValue) rule(src, 1)).get("body")).get(0);
        assertThat(expr.get("with"))
                .isEqualTo(json("[{\"target\":{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"input\"}]},"
                        + "\"value\":{\"type\":\"number\",\"value\":1}}]"));
        assertThat(expr.get("terms")).isEqualTo(var("a"));
    }

    @Test
    void refHead_withVarAndContains_hasKeyAndNoName() {
        // OPA: TestRuleHeadRefWithTermLocations_MarshalJSON (locations left out)
        String src =
                "package test\n\nimport rego.v1\n\nref.head[rule].test contains \"value\" if {\n\trule := \"rule\"\n}";
        assertThat(head(src))
                .isEqualTo(
                        json("{\"key\":{\"type\":\"string\",\"value\":\"value\"},\"ref\":[{\"type\":\"var\",\"value\":"
                                + "\"ref\"},{\"type\":\"string\",\"value\":\"head\"},{\"type\":\"var\",\"value\":\"rule\"},{\"type\":"
                                + "\"string\",\"value\":\"test\"}]}"));
        assertThat(parse(src).get("imports"))
                .isEqualTo(json("[{\"path\":{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"rego\"},"
                        + "{\"type\":\"string\",\"value\":\"v1\"}]}}]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                // parseHead: VarHead (name), `:=` sets assign; no body: parser_ext ParseCompleteDocRuleFromEqExpr
                "p := 1 | {'name':'p','ref':[V_p],'value':N_1,'assign':true}",
                "p = 1 | {'name':'p','ref':[V_p],'value':N_1}",
                "p := 1 if { true } | {'name':'p','ref':[V_p],'value':N_1,'assign':true}",
                "p contains 1 if { true } | {'name':'p','ref':[V_p],'key':N_1}",
                "p contains 1 | {'name':'p','ref':[V_p],'key':N_1}",
                // RefHead: a name only for a one-part reference
                "a.b.c if { true } | {'ref':[V_a,S_b,S_c],'value':T}",
                "a.b.c := 1 | {'ref':[V_a,S_b,S_c],'value':N_1,'assign':true}",
                "a.b contains 1 | {'ref':[V_a,S_b],'key':N_1}",
                // two parts with `if`: a key when the second part is not ground; a name when a value is written
                "a.b if { true } | {'ref':[V_a,S_b],'value':T}",
                "p[x] if { x := 1 } | {'ref':[V_p,V_x],'key':V_x,'value':T}",
                "p[x] := 2 if { x := 1 } | {'name':'p','ref':[V_p,V_x],'key':V_x,'value':N_2,'assign':true}",
                "p.q := 2 if { true } | {'name':'p','ref':[V_p,S_q],'value':N_2,'assign':true}",
                // two parts without a body: ParsePartialObjectDocRuleFromEqExpr, name and key
                "p.q := 2 | {'name':'p','ref':[V_p,S_q],'key':S_q,'value':N_2,'assign':true}",
                // functions: RefHead of the operator, args
                "f(x) := x if { true } | {'name':'f','ref':[V_f],'args':[V_x],'value':V_x,'assign':true}",
                "f(x) if { x } | {'name':'f','ref':[V_f],'args':[V_x],'value':T}",
                "a.f(x) = 1 | {'ref':[V_a,S_f],'args':[V_x],'value':N_1}",
                "a.f(x) if { x } | {'name':'a','ref':[V_a,S_f],'args':[V_x],'value':T}",
                "a.b.f(x) := 1 if { x } | {'ref':[V_a,S_b,S_f],'args':[V_x],'value':N_1,'assign':true}",
                "default a.b := 1 | {'ref':[V_a,S_b],'value':N_1,'assign':true}",
            })
    void head_ofEachRuleForm_hasOpasFields(String rule, String expected) {
        String want = expected.replace('\'', '"')
                .replace("V_", "#var#")
                .replace("S_", "#string#")
                .replace("N_", "#number#")
                .replace("T", BOOL_TRUE);
        want = want.replaceAll("#(var|string)#(\\w+)", "{\"type\":\"$1\",\"value\":\"$2\"}")
                .replaceAll("#number#(\\d+)", "{\"type\":\"number\",\"value\":$1}");
        assertThat(head("package x\n" + rule + "\n")).isEqualTo(json(want));
    }

    @Test
    void defaultRule_hasDefaultAndATrueBody() {
        Value r = rule("package x\ndefault p := 1\n", 0);
        assertThat(r)
                .isEqualTo(json("{\"default\":true,\"body\":" + TRUE_BODY
                        + ",\"head\":{\"name\":\"p\",\"ref\":[{\"type\":\"var\",\"value\":\"p\"}],"
                        + "\"value\":{\"type\":\"number\",\"value\":1},\"assign\":true}}"));
    }

    @Test
    void elseChain_copiesTheHeadWithItsOwnValue() {
        ObjectValue r = (ObjectValue) rule("package x\np := 1 if { false } else = 2 if { true } else := 3\n", 0);
        ObjectValue e1 = (ObjectValue) r.get("else");
        ObjectValue e2 = (ObjectValue) e1.get("else");
        assertThat(((ObjectValue) e1.get("head")).get("value")).isEqualTo(json("{\"type\":\"number\",\"value\":2}"));
        assertThat(((ObjectValue) e1.get("head")).get("assign")).isNull();
        assertThat(((ObjectValue) e2.get("head")).get("assign")).isEqualTo(json("true"));
        assertThat(e2.get("body")).isEqualTo(json(TRUE_BODY));
        assertThat(((ObjectValue) e1.get("head")).get("name")).isEqualTo(json("\"p\""));
    }

    @Test
    void expressions_areOperatorAndOperands_withIndexes() {
        String src =
                "package x\np if {\n  x := 1\n  x = y\n  not q\n  some z in [1]\n  some k, v in {}\n  some w\n  y + 1 > 0\n}\n";
        ArrayValue body = (ArrayValue) ((ObjectValue) rule(src, 0)).get("body");
        assertThat(((ObjectValue) body.get(0)).get("terms"))
                .isEqualTo(json("[{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"assign\"}]},"
                        + "{\"type\":\"var\",\"value\":\"x\"},{\"type\":\"number\",\"value\":1}]"));
        assertThat(((ObjectValue) body.get(1)).get("terms"))
                .isEqualTo(json("[{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"eq\"}]},"
                        + "{\"type\":\"var\",\"value\":\"x\"},{\"type\":\"var\",\"value\":\"y\"}]"));
        assertThat(body.get(2))
                .isEqualTo(json("{\"index\":2,\"negated\":true,\"terms\":{\"type\":\"var\",\"value\":\"q\"}}"));
        assertThat(((ObjectValue) body.get(3)).get("terms"))
                .isEqualTo(json(
                        "{\"symbols\":[{\"type\":\"call\",\"value\":[{\"type\":\"ref\",\"value\":[{\"type\":\"var\","
                                + "\"value\":\"internal\"},{\"type\":\"string\",\"value\":\"member_2\"}]},{\"type\":\"var\",\"value\":"
                                + "\"z\"},{\"type\":\"array\",\"value\":[{\"type\":\"number\",\"value\":1}]}]}]}"));
        assertThat(((ObjectValue) body.get(4)).get("terms").toString()).contains("member_3");
        assertThat(((ObjectValue) body.get(5)).get("terms"))
                .isEqualTo(json("{\"symbols\":[{\"type\":\"var\",\"value\":\"w\"}]}"));
        assertThat(((ObjectValue) body.get(6)).get("terms"))
                .isEqualTo(
                        json(
                                "[{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"gt\"}]},{\"type\":\"call\","
                                        + "\"value\":[{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"plus\"}]},{\"type\":\"var\","
                                        + "\"value\":\"y\"},{\"type\":\"number\",\"value\":1}]},{\"type\":\"number\",\"value\":0}]"));
    }

    @Test
    void setsAndObjects_areSortedByOpasOrder_withDuplicatesDropped() {
        String src = "package x\np := [{\"b\", 1, x, \"a\", 1}, {\"b\": 1, \"a\": 2, \"a\": 3}] if { x := 1 }\n";
        Value value = ((ObjectValue) head(src)).get("value");
        assertThat(value)
                .isEqualTo(json(
                        "{\"type\":\"array\",\"value\":[{\"type\":\"set\",\"value\":[{\"type\":\"number\",\"value\":1},"
                                + "{\"type\":\"string\",\"value\":\"a\"},{\"type\":\"string\",\"value\":\"b\"},{\"type\":\"var\","
                                + "\"value\":\"x\"}]},{\"type\":\"object\",\"value\":[[{\"type\":\"string\",\"value\":\"a\"},"
                                + "{\"type\":\"number\",\"value\":3}],[{\"type\":\"string\",\"value\":\"b\"},{\"type\":\"number\","
                                + "\"value\":1}]]}]}"));
    }

    @ParameterizedTest(name = "{1} < {0}")
    @CsvSource(
            delimiterString = " # ",
            quoteCharacter = '~',
            value = {
                // compare.go: a comprehension's term first (var x < var y) ...
                "[y | y := 1] # [x | x := 1]",
                // ... then Body.Compare: Expr.Compare by sortOrder (SomeDecl < Term < call < Every) ...
                "[x | x] # [x | some x]",
                "[x | x := 1] # [x | x]",
                // ... index, negation (policy.go at 01c474d), the terms (number 1 < number 2) ...
                "[x | not x] # [x | x]",
                "[x | x := 2] # [x | x := 1]",
                // ... withs (target, then value), then the shorter body
                "[x | x with input as 2] # [x | x with input as 1]",
                "[x | x; x] # [x | x]",
                // setcomprehension: term, body; objectcomprehension: key, value, body
                "{x | x := 2} # {x | x := 1}",
                "{k: v | k := 1} # {k: u | k := 1}",
                "{k: v | k := 1; v := 2} # {k: v | k := 1; v := 1}",
            })
    void twoComprehensionsOfOneKind_inASet_areInOpasCompareOrder(String greater, String less) {
        String both1 = "{" + greater + ", " + less + "}";
        String both2 = "{" + less + ", " + greater + "}";
        Value want = json("{\"type\":\"set\",\"value\":[" + value(less) + "," + value(greater) + "]}");
        assertThat(((ObjectValue) head("package x\np := " + both1 + "\n")).get("value"))
                .isEqualTo(want);
        assertThat(((ObjectValue) head("package x\np := " + both2 + "\n")).get("value"))
                .isEqualTo(want);
    }

    @Test
    void twoEqualComprehensions_inASet_areOne_andAsObjectKeysAreSorted() {
        // a set keeps one of equal elements (Compare == 0); object keys are written in Compare order
        String c = "[x | x := 1]";
        assertThat(((ObjectValue) head("package x\np := {" + c + ", " + c + "}\n")).get("value"))
                .isEqualTo(json("{\"type\":\"set\",\"value\":[" + value(c) + "]}"));
        String k2 = "{x | x := 2}";
        String k1 = "{x | x := 1}";
        assertThat(((ObjectValue) head("package x\np := {" + k2 + ": 2, " + k1 + ": 1}\n")).get("value"))
                .isEqualTo(json("{\"type\":\"object\",\"value\":[[" + value(k1) + ",{\"type\":\"number\","
                        + "\"value\":1}],[" + value(k2) + ",{\"type\":\"number\",\"value\":2}]]}"));
    }

    /** A term's JSON, as the value of a rule alone. */
    private static String value(String term) {
        return ((ObjectValue) head("package x\np := " + term + "\n"))
                .get("value")
                .toJson();
    }

    @Test
    void wildcards_areNumberedVars_andComprehensionsHaveTermAndBody() {
        String src = "package x\np := [y | y := input[_]] if { data.q[_] }\n";
        ObjectValue r = (ObjectValue) rule(src, 0);
        assertThat(((ObjectValue) r.get("head")).get("value").toString()).contains("arraycomprehension", "$0");
        assertThat(r.get("body").toString()).contains("$1");
    }

    @Test
    void importWithAlias_hasAlias_andWithoutHasNone() {
        ObjectValue m = parse("package x\nimport data.a.b as c\nimport input.d\n");
        assertThat(((ObjectValue) ((ArrayValue) m.get("imports")).get(0)).get("alias"))
                .isEqualTo(json("\"c\""));
        assertThat(((ObjectValue) ((ArrayValue) m.get("imports")).get(1)).get("alias"))
                .isNull();
        assertThat(m.get("rules")).isNull();
    }

    @Test
    void bareHashComment_hasNullText() {
        // OPA's doScan: "leave a nil Text value if there is no text", and Go writes a nil []byte as null
        ObjectValue m = parse("package x\n#\n");
        assertThat(m.get("comments"))
                .isEqualTo(json("[{\"Text\":null,\"Location\":{\"file\":\"example.rego\",\"row\":2,\"col\":1}}]"));
    }

    @Test
    void futureKeywordsImport_isARefFromFuture() {
        ObjectValue m = parse("package x\nimport future.keywords.in\n");
        assertThat(m.get("imports"))
                .isEqualTo(json("[{\"path\":{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"future\"},"
                        + "{\"type\":\"string\",\"value\":\"keywords\"},{\"type\":\"string\",\"value\":\"in\"}]}}]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "import rego.v2 | the import rego.v2",
                "import future.keywords.not | the import future.keywords.not",
                "import future.keywords.foo | the import future.keywords.foo",
                // parseImport's parseTerm ends the path at a blank (parseTermFinish); OPA then fails on the `.`
                "import data .a | a blank before `.` in a reference or call",
            })
    void importThatOpaVersionsReadDifferently_isRefusedNamingIt(String imp, String named) {
        // rego.v2 and `not` are later OPA; futureImport's error lists the keywords the version knows
        assertThatThrownBy(() -> parse("package x\n" + imp + "\n"))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining(named);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // parser.go regoV1Import: "invalid import `%s`, must be `%s`" with the path's String()
                "import rego.v3 | invalid import `rego.v3`, must be `rego.v1`",
                "import rego | invalid import `rego`, must be `rego.v1`",
                // futureImport
                "import future.foo | invalid import, must be `future.keywords`",
                "import future.keywords.in as kw | `future` imports cannot be aliased",
                // parseImport: an unaliased path must not end with a keyword (KeywordsV1)
                "import data.x.if | unexpected import path, must not end with a keyword, got: if",
            })
    void importThatOpasParserRejects_isOpasParseError(String imp, String message) {
        assertThat(opaError("package x\n" + imp + "\n")).isEqualTo("example.rego:2: rego_parse_error: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                // parseImport skips blanks and line breaks after `import`; regoV1Import and futureImport report at
                // imp.Path.Location, the path term's (its head's) row
                "~import\n  rego.v3~ | example.rego:3: rego_parse_error: invalid import `rego.v3`, must be `rego.v1`",
                "~import\n\n future.foo~ | example.rego:4: rego_parse_error: invalid import, must be `future.keywords`",
                // parseImport's keyword check reports at t.Location, the last part's: a bracket may be a line later
                "~import data.x[\n\"if\"]~ | example.rego:3: rego_parse_error: unexpected import path, must not end "
                        + "with a keyword, got: if",
            })
    void importPathOnALaterLine_isOpasErrorAtThePathsRow(String imp, String message) {
        assertThat(opaError("package x\n" + imp + "\n")).isEqualTo(message);
    }

    @Test
    void importPathOnTheNextLine_isTheImportsPath() {
        assertThat(parse("package x\nimport\n  data.a as b\n").get("imports"))
                .isEqualTo(json("[{\"path\":{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"data\"},"
                        + "{\"type\":\"string\",\"value\":\"a\"}]},\"alias\":\"b\"}]"));
    }

    @Test
    void importEndingInAKeyword_withAnAlias_isAccepted() {
        ObjectValue m = parse("package x\nimport data.x.if as y\nimport future.keywords\n");
        assertThat(((ArrayValue) m.get("imports")).size()).isEqualTo(2);
        assertThat(((ObjectValue) ((ArrayValue) m.get("imports")).get(0)).get("alias"))
                .isEqualTo(json("\"y\""));
    }

    @Test
    void metadataBlock_staysAComment_evenWhenItsYamlIsBad() {
        ObjectValue m = parse("package x\n# METADATA\n# title: [unclosed\np := 1\n");
        assertThat(((ArrayValue) m.get("comments")).size()).isEqualTo(2);
        assertThat(m.get("annotations")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "p := $\"a{input.x}\" | template strings",
                "p := -input.x | unary minus",
                "p := 007 | leading zeros",
                // parser.go parseTerm: a keyword other than true/false/null/contains is no term inside an expression
                "p := if.x | the keyword `if` as a reference's head inside an expression",
                // the scanner yields blanks as a token, which ends a term (parseTermFinish; parseLiteral's scanWS)
                "~p if { true .x }~ | a blank before `.` in a reference or call",
                "~p := [true\n.x]~ | a blank before `.` in a reference or call",
                "~p if { input [0] }~ | a blank before `[` in a reference or call",
                "~p if { count ([]) }~ | a blank before `(` in a reference or call",
            })
    void constructWithoutOpasTree_isRefusedNamingIt(String rule, String named) {
        assertThatThrownBy(() -> parse("package x\n" + rule + "\n"))
                .isInstanceOf(RegoUnsupportedException.class)
                .hasMessageContaining("rego.parse_module")
                .hasMessageContaining(named);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "a.b.c | rule must have value assignment and/or body declaration",
                "p.q | `contains` keyword is required for partial set rules",
            })
    void ruleThatOpasV1ChecksReject_isOpasParseError(String rule, String message) {
        assertThatThrownBy(() -> parse("package x\n\n" + rule + "\n"))
                .isInstanceOf(RegoParseException.class)
                .extracting(e -> ((RegoParseException) e).opaMessage())
                .isEqualTo("example.rego:3: rego_parse_error: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                // parser.go validateDefaultRuleValue: TypeName of each Ref, Var or Call outside comprehensions
                "default p := input.x | illegal default rule (value cannot contain ref)",
                "default p := input | illegal default rule (value cannot contain ref)",
                "default p := x | illegal default rule (value cannot contain var)",
                "~default p := [1, {y | y := 1}, count([])]~ | illegal default rule (value cannot contain call)",
                // validateDefaultRuleArgs (only when the value passed): ValueName of a non-variable, or a repeat
                "default f(x, x) := 1 | illegal default rule (arguments cannot be repeated x)",
                "default f(x, \"a\") := 1 | illegal default rule (arguments cannot contain string)",
                "default f(upper(x)) := 1 | illegal default rule (arguments cannot contain call)",
                // parseRef: `illegal ref (head cannot be %v)`, ValueName of the head, at the head's location
                "p := \"abc\"[0] | illegal ref (head cannot be string)",
                "p if { x := 1[0] } | illegal ref (head cannot be number)",
                // ... and for a boolean or null constant: parseTerm reads true/false/null as constants, but for the
                // first token of an expression (parseLiteral: isAllowedRefKeyword, then Dot or LBrack) or after `not`
                "p := true[0] | illegal ref (head cannot be boolean)",
                "p := null.a | illegal ref (head cannot be null)",
                "p if { x := false.a } | illegal ref (head cannot be boolean)",
                "p if { not true[0] } | illegal ref (head cannot be boolean)",
            })
    void whatOpasParserReports_isOpasParseError(String rule, String message) {
        assertThat(opaError("package x\n\n" + rule + "\n")).isEqualTo("example.rego:3: rego_parse_error: " + message);
    }

    @Test
    void keywordFirstInAnExpression_beforeARef_isAVariable() {
        // OPA parser.go parseLiteral: "Check that we're not parsing a ref": a keyword (KeywordsV1, here true/null)
        // followed by `.` or `[` is scanned as an Ident, so parseVar makes the reference's head a variable
        String src = "package x\np if { true[0] }\nq if { null.a == 1 }\n";
        assertThat(((ObjectValue) firstExpr(src)).get("terms"))
                .isEqualTo(json("{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"true\"},"
                        + "{\"type\":\"number\",\"value\":0}]}"));
        ObjectValue q = (ObjectValue) ((ArrayValue) ((ObjectValue) rule(src, 1)).get("body")).get(0);
        assertThat(q.get("terms"))
                .isEqualTo(json("[{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"equal\"}]},"
                        + "{\"type\":\"ref\",\"value\":[{\"type\":\"var\",\"value\":\"null\"},"
                        + "{\"type\":\"string\",\"value\":\"a\"}]},{\"type\":\"number\",\"value\":1}]"));
    }

    @Test
    void twoRulesThatOpasV1ChecksReject_areOpasTwoErrors() {
        // parser_ext.go parseModule collects CheckRegoV1 of every rule; errors.go Errors.Error() prints the count,
        // then one error per line (NewError: no source-line details)
        assertThat(opaError("package x\n\na.b.c\n\np.q\n"))
                .isEqualTo("2 errors occurred:\n"
                        + "example.rego:3: rego_parse_error: rule must have value assignment and/or body declaration\n"
                        + "example.rego:5: rego_parse_error: `contains` keyword is required for partial set rules");
    }

    /** OPA's Error.Error() of a parser error: the error, its source line without leading tabs, a caret. */
    private static String parserError(int row, String text, String line, int caret) {
        return "example.rego:" + row + ": rego_parse_error: " + text + "\n\t" + line + "\n\t" + " ".repeat(caret) + "^";
    }

    @Test
    void severalParseErrors_areOpasList_eachWithItsLineAndCaret() {
        // errors.go Errors.Error(): "N errors occurred:" and each Error() on its own line; Error() appends the
        // ParserErrorDetail lines p.errorf gives every parser error (parser_ext.go newParserErrorDetail: the line,
        // the caret under the error's byte); parseArray goes on after parseRef's "illegal ref"
        assertThat(opaError("package x\n\np := [\"a\"[0], \"b\"[0]]\n"))
                .isEqualTo("2 errors occurred:\n"
                        + parserError(3, "illegal ref (head cannot be string)", "p := [\"a\"[0], \"b\"[0]]", 6) + "\n"
                        + parserError(3, "illegal ref (head cannot be string)", "p := [\"a\"[0], \"b\"[0]]", 14));
    }

    @Test
    void severalParseErrors_acrossStatements_areInOpasOrder_andLinesLoseTheirTabs() {
        // Parse goes on after an import's errors and after a rule parseRules finished (a body); Lines() trims
        // leading tabs and moves the caret left by their count
        String src = "package x\nimport rego.v3\n\np if {\n\tx := \"a\"[0]\n}\n\nq if { y := 1[0] }\n";
        assertThat(opaError(src))
                .isEqualTo("3 errors occurred:\n"
                        + parserError(2, "invalid import `rego.v3`, must be `rego.v1`", "import rego.v3", 7) + "\n"
                        + parserError(5, "illegal ref (head cannot be string)", "x := \"a\"[0]", 5) + "\n"
                        + parserError(8, "illegal ref (head cannot be number)", "q if { y := 1[0] }", 12));
    }

    @Test
    void parseErrors_stopWhereOpasParseStops() {
        // parseRules returns nil for a rule without body (read as a query later): with errors, Parse breaks
        assertThat(opaError("package x\n\np := \"a\"[0]\n\nq := \"b\"[0]\n"))
                .isEqualTo("example.rego:3: rego_parse_error: illegal ref (head cannot be string)");
        // a default rule: the errors of its value's references, then validateDefaultRuleValue's at `default`
        // (each Ref, Var or Call in walk order), then Parse breaks
        assertThat(opaError("package x\n\ndefault p := [\"a\"[0], x]\n\nq := \"b\"[0]\n"))
                .isEqualTo("3 errors occurred:\n"
                        + parserError(3, "illegal ref (head cannot be string)", "default p := [\"a\"[0], x]", 14)
                        + "\n"
                        + parserError(
                                3, "illegal default rule (value cannot contain ref)", "default p := [\"a\"[0], x]", 0)
                        + "\n"
                        + parserError(
                                3, "illegal default rule (value cannot contain var)", "default p := [\"a\"[0], x]", 0));
    }

    @Test
    void callAloneAsAStatement_isAFunctionReturningTrue() {
        // OPA parser_ext.go: the statement parses as a body; ParseRuleFromExpr -> ParseRuleFromCallExpr makes
        // RefHead(ref, true) with Args (a name only for a one-part ref) and a generated `true` body
        assertThat(rule("package x\nf(x)\n", 0))
                .isEqualTo(json("{\"head\":{\"name\":\"f\",\"ref\":[{\"type\":\"var\",\"value\":\"f\"}],\"args\":"
                        + "[{\"type\":\"var\",\"value\":\"x\"}],\"value\":" + BOOL_TRUE + "},\"body\":" + TRUE_BODY
                        + "}"));
        assertThat(head("package x\na.b(x, 1)\n"))
                .isEqualTo(json("{\"ref\":[{\"type\":\"var\",\"value\":\"a\"},{\"type\":\"string\",\"value\":\"b\"}],"
                        + "\"args\":[{\"type\":\"var\",\"value\":\"x\"},{\"type\":\"number\",\"value\":1}],\"value\":"
                        + BOOL_TRUE + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "count(x) | rule name conflicts with built-in function",
                "io.jwt.decode(x) | rule name conflicts with built-in function",
                "f() | rule argument list must take at least one argument",
            })
    void callAloneThatOpaRejects_isOpasParseError(String statement, String message) {
        // OPA parser_ext.go ParseRuleFromExpr (BuiltinMap) and ParseRuleFromCallExpr (len(terms) <= 1)
        assertThat(opaError("package x\n\n" + statement + "\n"))
                .isEqualTo("example.rego:3: rego_parse_error: " + message);
    }

    @Test
    void chainedBodies_areRulesWithACopyOfTheHead() {
        // OPA parser.go parseRules: `for p.s.tok == tokens.LBrace` parses the next body, then `next.Head =
        // rule.Head.Copy()`, each wildcard argument getting p.genwildcard() after that body
        ObjectValue m = parse("package x\nf(_) if { input[_] } { input[_] }\n");
        ObjectValue first = (ObjectValue) ((ArrayValue) m.get("rules")).get(0);
        ObjectValue chained = (ObjectValue) ((ArrayValue) m.get("rules")).get(1);
        assertThat(((ObjectValue) first.get("head")).get("args"))
                .isEqualTo(json("[{\"type\":\"var\",\"value\":\"$0\"}]"));
        assertThat(first.get("body").toString()).contains("$1");
        assertThat(chained.get("body").toString()).contains("$2").doesNotContain("$1");
        assertThat(((ObjectValue) chained.get("head")).get("args"))
                .isEqualTo(json("[{\"type\":\"var\",\"value\":\"$3\"}]"));
        assertThat(((ObjectValue) chained.get("head")).get("value")).isEqualTo(json(BOOL_TRUE));
        assertThat(((ObjectValue) chained.get("head")).get("name")).isEqualTo(json("\"f\""));
    }

    @Test
    void chainedBodyAfterAnElse_isOpasParseError() {
        // OPA parser.go parseRules: "expected else keyword" when the chained rule follows an else
        assertThat(opaError("package x\n\np if { false } else := 1 if { true } { input.x }\n"))
                .isEqualTo("example.rego:3: rego_parse_error: expected else keyword");
    }

    @Test
    void invalidModule_isAParseError() {
        assertThatThrownBy(() -> parse("package foo.")).isInstanceOf(RegoParseException.class);
    }
}
