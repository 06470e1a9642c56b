package dev.maa.rego.builtins;

/**
 * The single list of builtin families. Add one {@code register} line per family class, keep the
 * list alphabetical.
 */
final class Families {
    private Families() {}

    static void registerAll(BuiltinRegistry r) {
        AggregateBuiltins.register(r);
        OperatorBuiltins.register(r);
        // --- families owned by the builtins engineer: add lines below, alphabetical ---
        ArrayBuiltins.register(r);
        AwsBuiltins.register(r);
        BitsBuiltins.register(r);
        CryptoBuiltins.register(r);
        EncodingBuiltins.register(r);
        GraphBuiltins.register(r);
        GraphqlBuiltins.register(r);
        JsonBuiltins.register(r);
        JsonPathBuiltins.register(r);
        JsonSchemaBuiltins.register(r);
        JwtBuiltins.register(r);
        NetBuiltins.register(r);
        NumberBuiltins.register(r);
        ObjectBuiltins.register(r);
        RandomBuiltins.register(r);
        RegexBuiltins.register(r);
        RegoBuiltins.register(r);
        SemverBuiltins.register(r);
        SetBuiltins.register(r);
        StringBuiltins.register(r);
        TimeBuiltins.register(r);
        TypeBuiltins.register(r);
        UnitsBuiltins.register(r);
        // --- end of builtins engineer section ---
        r.unsupported("http.send", "network access is not supported by the embedded engine");
        r.unsupported("opa.runtime", "no OPA runtime information in the embedded engine");
    }
}
