/**
 * The {@code maa} command, an application: it exports nothing ({@code dev.maa.cli.MaaCli} is launched, not called).
 * The command packages are open to picocli, which sets their annotated fields reflectively.
 */
module dev.maa.cli {
    requires dev.maa.server;
    requires dev.maa.samples.deviceadmin;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires net.bytebuddy.agent;
    requires java.instrument;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires oauth2.oidc.sdk;
    requires com.nimbusds.jose.jwt;
    requires jdk.httpserver;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    provides ch.qos.logback.classic.spi.Configurator with
            dev.maa.cli.CliLogging;

    opens dev.maa.cli to
            info.picocli;
    opens dev.maa.cli.commands to
            info.picocli;
}
