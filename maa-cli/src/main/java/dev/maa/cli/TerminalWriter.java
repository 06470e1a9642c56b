package dev.maa.cli;

import dev.maa.api.DisplayText;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the CLI prints goes through this writer: hidden characters (terminal escape sequences, carriage
 * returns, bidirectional controls, zero-width characters...) are written as {@code ⟨U+001B⟩}
 * ({@link DisplayText#escape}), so text from requests (ids, justifications, notes, arguments) can never clear a
 * screen, colour a fake "APPROVED" or reorder what is read. Line feeds pass.
 *
 * <p>Why one writer around {@code out} and {@code err} instead of escaping in each command: a command that forgets
 * to escape cannot exist. {@code --json} output stays JSON: {@link Json} writes these characters as JSON unicode
 * escapes, which are plain ASCII and pass unchanged.
 */
public final class TerminalWriter extends Writer {

    private final Writer out;
    /** A high surrogate whose low half has not been written yet. */
    private char pendingHigh;

    public TerminalWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        StringBuilder text = new StringBuilder(len + 1);
        if (pendingHigh != 0) {
            text.append(pendingHigh);
            pendingHigh = 0;
        }
        text.append(buf, off, len);
        char last = text.charAt(text.length() - 1);
        if (Character.isHighSurrogate(last)) {
            pendingHigh = last;
            text.setLength(text.length() - 1);
        }
        out.write(DisplayText.escape(text.toString()));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes a high surrogate left without its low half (escaped), then closes the target. */
    @Override
    public void close() throws IOException {
        if (pendingHigh != 0) {
            out.write(DisplayText.escape(String.valueOf(pendingHigh)));
            pendingHigh = 0;
        }
        out.close();
    }
}
