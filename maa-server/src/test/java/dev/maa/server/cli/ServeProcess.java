package dev.maa.server.cli;

import picocli.CommandLine;

/** {@code maa serve} with the given arguments, as the {@code maa} command runs it: the main of a child JVM in tests. */
public final class ServeProcess {

    private ServeProcess() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }
}
