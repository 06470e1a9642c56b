package dev.maa.core.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The anchor public keys a host trusts, read from its configuration: the only root of trust for approver keys.
 *
 * <p>Why in the host's configuration and nowhere else: whoever can write the database or runs the server must not be
 * able to add an anchor, so anchors are read from a file the host's operator keeps (like the audit key), never from
 * the store. The file holds one anchor per line, {@code NAME ALGORITHM PUBLIC_KEY} (algorithm {@code eddsa} or
 * {@code es256}, the key X.509 SubjectPublicKeyInfo in unpadded base64url), {@code #} comments and blank lines;
 * {@code maa keys anchor create} prints such a line.
 */
public final class Anchors {

    /** One anchor: its name, algorithm and public key. */
    public record Anchor(String name, KeyAlgorithm algorithm, PublicKey key) {

        /** The anchor-file line naming this anchor. */
        public String line() {
            return name + " " + algorithm.wireName() + " " + Bytes.b64(key.getEncoded());
        }
    }

    private final Map<String, Anchor> byName;

    private Anchors(Map<String, Anchor> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static Anchors of(List<Anchor> anchors) {
        Map<String, Anchor> m = new LinkedHashMap<>();
        anchors.forEach(a -> m.put(a.name(), a));
        return new Anchors(m);
    }

    /**
     * Reads an anchors file.
     *
     * @throws IllegalArgumentException as {@code file:line: problem} for a malformed line, a duplicate name, an RS256
     *     anchor, or a file naming no anchor
     */
    public static Anchors read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the anchors file (" + e.getMessage()
                    + "); create it with `maa keys anchor" + " create`");
        }
    }

    /** Reads anchors-file text; {@code source} names it in messages. */
    public static Anchors parse(String text, String source) {
        Map<String, Anchor> m = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            String[] parts = line.split("\\s+");
            if (parts.length != 3) {
                throw new IllegalArgumentException(
                        where + "expected 'NAME ALGORITHM PUBLIC_KEY' (as `maa keys anchor create` prints it)");
            }
            try {
                KeyAlgorithm alg = KeyAlgorithm.fromWire(parts[1]);
                if (alg == KeyAlgorithm.RS256) {
                    throw new IllegalArgumentException("anchors are eddsa or es256 keys");
                }
                Anchor a = new Anchor(parts[0], alg, alg.publicKey(Bytes.unb64(parts[2], "the public key")));
                if (m.putIfAbsent(a.name(), a) != null) {
                    throw new IllegalArgumentException("anchor '" + a.name() + "' is named twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": names no anchor; add the line `maa keys anchor create` " + "printed");
        }
        return new Anchors(m);
    }

    public Optional<Anchor> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Anchor> all() {
        return List.copyOf(byName.values());
    }
}
