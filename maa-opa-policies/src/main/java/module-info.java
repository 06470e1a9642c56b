/**
 * MAA's Rego access policies and the PolicyEngine adapters (embedded Rego, OPA server). Exports
 * {@code dev.maa.policies} only.
 */
module dev.maa.policies {
    requires transitive dev.maa.core;
    requires transitive dev.maa.rego;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.slf4j;
    requires io.github.javadiffutils;
    requires java.net.http;

    exports dev.maa.policies;
}
