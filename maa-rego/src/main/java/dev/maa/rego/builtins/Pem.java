package dev.maa.rego.builtins;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM blocks as Go's {@code encoding/pem.Decode} reads them: text before a {@code -----BEGIN X-----}
 * line is skipped, headers are not supported, and {@link Block#rest()} is what follows the END
 * line and its line ending. The one PEM reader of the crypto and JWT families.
 */
final class Pem {
    private Pem() {}

    /** One block: its type ({@code CERTIFICATE}, {@code PUBLIC KEY}, ...), DER bytes and what follows. */
    record Block(String type, byte[] der, String rest) {}

    /** The first block of {@code text}, or {@code null} if it holds none that decodes. */
    static Block decode(String text) {
        int from = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", from);
            if (begin < 0) {
                return null;
            }
            if (begin > 0 && text.charAt(begin - 1) != '\n') {
                from = begin + 1;
                continue;
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            int lineEnd = text.indexOf('\n', begin);
            if (typeEnd < 0 || lineEnd < 0 || typeEnd > lineEnd) {
                return null;
            }
            String type = text.substring(begin + 11, typeEnd);
            String endLine = "-----END " + type + "-----";
            int end = text.indexOf(endLine, lineEnd);
            if (end < 0) {
                from = begin + 1;
                continue;
            }
            String body = text.substring(lineEnd + 1, end).replaceAll("\\s", "");
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                from = begin + 1;
                continue;
            }
            int after = end + endLine.length();
            if (text.startsWith("\r\n", after)) {
                after += 2;
            } else if (after < text.length() && text.charAt(after) == '\n') {
                after++;
            }
            return new Block(type, der, text.substring(after));
        }
    }

    /** Every block in order, as Go code looping over {@code pem.Decode} finds them. */
    static List<Block> decodeAll(String text) {
        List<Block> out = new ArrayList<>();
        Block b;
        while ((b = decode(text)) != null) {
            out.add(b);
            text = b.rest();
        }
        return out;
    }
}
