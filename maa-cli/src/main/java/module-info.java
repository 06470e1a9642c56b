/**
 * The {@code maa} command. Exports {@code dev.maa.cli} ({@code MaaCli}, the entry point); backends and commands
 * are its own. The command packages are open to picocli, which sets their annotated fields reflectively.
 */
module dev.maa.cli {
    requires dev.maa.server;
    requires dev.maa.samples.deviceadmin;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires net.bytebuddy.agent;
    requires java.instrument;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.maa.cli;
    opens dev.maa.cli to info.picocli;
    opens dev.maa.cli.commands to info.picocli;
}
