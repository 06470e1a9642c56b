package dev.maa.server.cli;

/**
 * How the user runs the {@code maa} command, for hints that tell them what to type next: {@code ./maa} when they
 * started it through the repository's launcher script (it sets {@code MAA_COMMAND}), {@code maa} otherwise. A hint
 * naming a command the shell does not know ({@code maa: command not found}) is a stumble, not a help.
 */
public final class CommandName {

    private CommandName() {}

    /** The command as the user typed it, e.g. {@code ./maa}; {@code maa} when unknown. */
    public static String self() {
        String name = System.getenv("MAA_COMMAND");
        return name == null || name.isBlank() || !name.matches("[\\w./~-]{1,200}") ? "maa" : name;
    }
}
