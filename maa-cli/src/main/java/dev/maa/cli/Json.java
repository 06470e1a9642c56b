package dev.maa.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.maa.api.DisplayText;
import java.io.PrintWriter;

/** JSON output for {@code --json}: one pretty-printed document per command, stable field names. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactory().setCharacterEscapes(new Hidden()))
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /**
     * Writes the characters {@link DisplayText} hides as JSON unicode escapes (backslash, u, four hex digits): the
     * document means the same, and the terminal (see {@link TerminalWriter}) receives only visible characters.
     */
    private static final class Hidden extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = asciiEscapes();

        private static int[] asciiEscapes() {
            int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
            codes[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
            return codes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return DisplayText.isHidden(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot render JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** A reader that keeps numbers exact (policy data and inputs). */
    public static ObjectMapper exactMapper() {
        return EXACT;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
