/**
 * MAA engine: gatekeeper, approval state machine, parked-call codec, audit chain, in-memory store. Exports the
 * API packages only; {@code dev.maa.core.internal} is implementation, reachable through {@code MaaEngine}.
 */
module dev.maa.core {
    requires transitive dev.maa.api;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.github.benmanes.caffeine;
    requires java.net.http;
    requires org.slf4j;

    exports dev.maa.core;
    exports dev.maa.core.audit;
    exports dev.maa.core.cache;
    exports dev.maa.core.codec;
    exports dev.maa.core.config;
    exports dev.maa.core.decisionlog;
    exports dev.maa.core.directory;
    exports dev.maa.core.policy;
    exports dev.maa.core.signing;
    exports dev.maa.core.store;
    exports dev.maa.core.testing;
    exports dev.maa.core.view;
}
