/**
 * Rego v1 in pure Java: parser, evaluator, OPA builtins, test and conformance runners. Exports the engine's API
 * ({@code dev.maa.rego}, values, the builtin registry, the runners); lexer, parser, AST, compiler and interpreter
 * stay in {@code dev.maa.rego.internal.*}.
 */
module dev.maa.rego {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires com.nimbusds.jose.jwt;
    requires com.graphqljava;
    requires java.naming;

    exports dev.maa.rego;
    exports dev.maa.rego.builtins;
    exports dev.maa.rego.conformance;
    exports dev.maa.rego.testing;
    exports dev.maa.rego.value;
}
