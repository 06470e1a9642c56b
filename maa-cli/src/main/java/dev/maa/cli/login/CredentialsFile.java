package dev.maa.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.core.config.PrivateFiles;
import dev.maa.server.cli.CommandName;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens {@code maa login} cached, one entry per server, in {@code credentials} in the MAA home (default
 * {@code ~/.maa/credentials}): a JSON file of mode 0600 in a directory of mode 0700. A file or directory that the
 * group or others may use is refused (never silently narrowed: tokens others could read may have been copied), with
 * the {@code chmod} that fixes it.
 *
 * <p>Why a file of our own rather than an OS keychain: {@code maa} runs over SSH and in containers, where no keychain
 * exists; a private file is what {@code gh}, {@code gcloud} and {@code kubectl} fall back to as well. A file that does
 * not parse is refused rather than rewritten, so no other server's entry is lost.
 */
public final class CredentialsFile {

    /** The file's name in the MAA home. */
    public static final String FILE_NAME = "credentials";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VERSION = 1;

    private final Path file;

    public CredentialsFile(Path home) {
        this.file = home.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    /**
     * The server's address as a key: scheme and host in lower case, the default port and trailing slashes dropped, so
     * {@code HTTP://Host:80/} and {@code http://host} find the same entry.
     */
    public static String key(URI server) {
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        String host = server.getHost() == null ? "" : server.getHost().toLowerCase(Locale.ROOT);
        int port = server.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = server.getRawPath() == null ? "" : server.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /** The entry for {@code server}, if {@code maa login} stored one. */
    public Optional<Credentials> find(URI server) {
        JsonNode entry = read().path("servers").path(key(server));
        return entry.isObject() ? Optional.of(parse(entry, key(server))) : Optional.empty();
    }

    /** Stores (or replaces) the entry for {@code server}, keeping every other server's. */
    public void put(URI server, Credentials c) {
        ObjectNode root = read();
        servers(root).set(key(server), toJson(c));
        write(root);
    }

    /** Removes the entry for {@code server}; returns whether there was one. */
    public boolean remove(URI server) {
        ObjectNode root = read();
        if (servers(root).remove(key(server)) == null) {
            return false;
        }
        write(root);
        return true;
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("version", VERSION);
            root.putObject("servers");
            return root;
        }
        refuseIfOpenToOthers(file.toAbsolutePath().getParent(), "700");
        refuseIfOpenToOthers(file, "600");
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || !root.isObject() || root.path("version").asInt() != VERSION) {
                throw unreadable("it is not a credentials file of version " + VERSION);
            }
            return (ObjectNode) root;
        } catch (IOException e) {
            throw unreadable("it is not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static ObjectNode servers(ObjectNode root) {
        JsonNode servers = root.path("servers");
        return servers.isObject() ? (ObjectNode) servers : root.putObject("servers");
    }

    private void write(ObjectNode root) {
        Path dir = file.toAbsolutePath().getParent();
        PrivateFiles.createPrivateDirectory(dir);
        refuseIfOpenToOthers(dir, "700");
        try {
            PrivateFiles.writePrivately(
                    file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "Cannot write the credentials file " + file + ": " + e.getMessage() + ". Check that " + dir
                            + " is yours and writable.");
        }
    }

    private static void refuseIfOpenToOthers(Path p, String mode) {
        PrivateFiles.openToOthers(p).ifPresent(perms -> {
            throw new CliException(
                    ExitCodes.CONFIGURATION,
                    "The credentials " + (Files.isDirectory(p) ? "directory " : "file ") + p + " has mode " + perms
                            + ": other users of this machine could read your sign-in tokens. Nothing was read or"
                            + " sent. Run `chmod " + mode + " " + p + "`; if others may have read it, also run"
                            + " `" + CommandName.self() + " logout` for each server and sign in again.");
        });
    }

    private CliException unreadable(String why) {
        return new CliException(
                ExitCodes.CONFIGURATION,
                "Cannot use the credentials file " + file + ": " + why + ". It was left as it is; move it away"
                        + " (or delete it) and run `" + CommandName.self() + " login` again.");
    }

    private Credentials parse(JsonNode e, String server) {
        try {
            List<String> scopes = new ArrayList<>();
            e.path("scopes").forEach(s -> scopes.add(s.asText()));
            return new Credentials(
                    URI.create(required(e, "issuer")),
                    required(e, "clientId"),
                    scopes,
                    URI.create(required(e, "tokenEndpoint")),
                    e.hasNonNull("revocationEndpoint")
                            ? URI.create(e.get("revocationEndpoint").asText())
                            : null,
                    required(e, "accessToken"),
                    e.hasNonNull("refreshToken") ? e.get("refreshToken").asText() : null,
                    e.hasNonNull("expiresAt") ? Instant.parse(e.get("expiresAt").asText()) : null,
                    e.path("flow").asText(""));
        } catch (IllegalArgumentException | DateTimeParseException ex) {
            throw unreadable("the entry for " + server + " is incomplete or damaged (" + ex.getMessage() + ")");
        }
    }

    private static String required(JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("no " + field);
        }
        return v.asText();
    }

    private static ObjectNode toJson(Credentials c) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("issuer", c.issuer().toString());
        e.put("clientId", c.clientId());
        ArrayNode scopes = e.putArray("scopes");
        c.scopes().forEach(scopes::add);
        e.put("tokenEndpoint", c.tokenEndpoint().toString());
        e.put(
                "revocationEndpoint",
                c.revocationEndpoint() == null ? null : c.revocationEndpoint().toString());
        e.put("accessToken", c.accessToken());
        e.put("refreshToken", c.refreshToken());
        e.put("expiresAt", c.expiresAt() == null ? null : c.expiresAt().toString());
        e.put("flow", c.flow());
        return e;
    }

    /** The servers with an entry, as keys (for messages). */
    public List<String> servers() {
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = read().path("servers").fields(); it.hasNext(); ) {
            keys.add(it.next().getKey());
        }
        return keys;
    }
}
