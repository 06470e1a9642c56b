/**
 * The MAA server: REST API, web console, OPA bundle endpoint, authentication, metrics. Exports
 * {@code dev.maa.server} (embedding, rendering) and {@code dev.maa.server.cli} (the {@code serve} and {@code token}
 * commands {@code maa} mounts); routes and their helpers stay in {@code dev.maa.server.internal}.
 */
module dev.maa.server {
    requires transitive dev.maa.core;
    requires transitive dev.maa.policies;
    requires transitive dev.maa.store.jdbc;
    requires transitive dev.maa.notify;
    requires transitive dev.maa.directory.ldap;
    requires transitive io.javalin;
    requires transitive info.picocli;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.nimbusds.jose.jwt;
    requires com.yubico.webauthn;
    requires oauth2.oidc.sdk;
    requires micrometer.core;
    requires transitive micrometer.registry.prometheus;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.util;
    requires org.slf4j;

    exports dev.maa.server;
    exports dev.maa.server.cli;
    // picocli sets the commands' annotated fields reflectively
    opens dev.maa.server.cli to
            info.picocli;
}
