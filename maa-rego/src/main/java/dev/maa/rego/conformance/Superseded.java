package dev.maa.rego.conformance;

import java.util.Map;
import java.util.Set;

/**
 * Cases whose expectation another copy of OPA's own suite contradicts, so that no engine can
 * pass both: the copied files come from 52 OPA commits. Each entry names the cases and the
 * evidence; the engine answers as the later copies do, and such a case is reported as failed with
 * cause {@link CaseResult.Cause#SUPERSEDED}, never hidden. Only a wrong answer is classed so
 * (a crash or refusal stays what it is).
 */
final class Superseded {
    private Superseded() {}

    private static final String GRAPHQL_VALUES = "expects ExpectedTypeHasDefault: false in every GraphQL value, as"
            + " OPA's suite did at commit 1024d06 (its vendored gqlparser marshalled that field); OPA's versions of"
            + " the same files at 67e8954 (basic-ast), b391a10 (parse-and-verify) and c2951c0 (parse-schema) expect"
            + " the same answers without it for the same queries, as do the copies here of"
            + " test-graphql-parse-query.yaml (8c800c4, graphql.parse_query) and test-graphql-parse.yaml (14f47ac,"
            + " graphql.parse, whose AST OPA's graphql.go builds by the same steps as graphql.parse_and_verify's):"
            + " the field follows OPA's version, not the input, so no one rule passes both; this engine answers as"
            + " the copies without it do";

    /** File → (notes, why). */
    private static final Map<String, Map.Entry<Set<String>, String>> CASES = Map.of(
            "graphql/test-graphql-basic-ast.yaml",
                    Map.entry(
                            Set.of(
                                    "graphql_parse_query/success-basic-ast with arguments",
                                    "graphql_parse_query/success-basic-ast inline fragments and type conditions",
                                    "graphql_parse_query/success-basic-ast meta fields and introspection"),
                            GRAPHQL_VALUES),
            "graphql/test-graphql-parse-and-verify.yaml",
                    Map.entry(
                            Set.of(
                                    "graphql_parse_and_verify/success validation rules are independent case 2",
                                    "graphql_parse_and_verify/success no unused variables"),
                            GRAPHQL_VALUES),
            "graphql/test-graphql-parse-schema.yaml",
                    Map.entry(
                            Set.of("graphql_parse_schema/success-object-types with field arg and default value"),
                            GRAPHQL_VALUES));

    /** Why the case's expectation is superseded, or null. */
    static String why(String file, String note) {
        Map.Entry<Set<String>, String> e = CASES.get(file);
        return e != null && e.getKey().contains(note) ? e.getValue() : null;
    }

    /** How many cases are listed. */
    static int size() {
        return CASES.values().stream().mapToInt(e -> e.getKey().size()).sum();
    }
}
