package dev.maa.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.maa.api.Identities;
import dev.maa.api.MaaConfigurationException;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.directory.UsersFileDirectory;
import dev.maa.core.directory.UsersYaml;
import dev.maa.core.directory.WatchedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The users file of {@code maa serve}'s embedded (dev) mode: who exists, their groups, and SHA-256 hashes of
 * their API tokens.
 *
 * <pre>{@code
 * users:
 *   - id: alice
 *     groups: [App Admins]
 *     tokens:
 *       - sha256: 9f86d08...   # maa token create --user alice
 *         created: 2026-11-23T09:00:00Z
 * }</pre>
 *
 * <p>Tokens are 256 random bits ({@code maa_} + base64url), so a plain SHA-256 is a sound verifier (no
 * password stretching needed); only the hash is stored and comparison is constant-time over every stored hash.
 * Ids follow the identity rules of {@link UsersYaml} (canonical form, no two spellings of one id). Instances are
 * immutable snapshots; {@link #watch} follows the file as it is edited, and {@link #createToken} rewrites it
 * (comments are not preserved).
 */
public final class DevUsersFile {

    /** Prefix of dev API tokens, so they are recognisable in logs and secret scanners. */
    public static final String TOKEN_PREFIX = "maa_";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One user: id, groups, roles and token hashes (lower-case hex). */
    public record User(String id, Set<String> groups, Set<String> roles, List<String> tokenHashes) {
        public User {
            Objects.requireNonNull(id, "id");
            groups = Set.copyOf(groups);
            roles = Set.copyOf(roles);
            tokenHashes = List.copyOf(tokenHashes);
        }
    }

    private final Path file;
    private final UsersYaml.Document document;
    private final List<User> users;
    private final List<byte[]> hashes = new ArrayList<>();
    private final List<String> hashOwners = new ArrayList<>();
    private final StaticDirectory directory;

    private DevUsersFile(Path file, UsersYaml.Document document, List<User> users, StaticDirectory directory) {
        this.file = file;
        this.document = document;
        this.users = List.copyOf(users);
        this.directory = directory;
        for (User u : users) {
            for (String h : u.tokenHashes()) {
                hashes.add(HexFormat.of().parseHex(h));
                hashOwners.add(u.id());
            }
        }
    }

    /** Reads the users file. @throws MaaConfigurationException naming the file and the problem */
    public static DevUsersFile load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new MaaConfigurationException(
                    "Cannot read the users file " + file + ": " + e.getMessage()
                            + ". Create it (see maa serve --help) or set auth.users_file in the server config.",
                    e);
        }
    }

    /**
     * Parses the text of the users file {@code file} in one pass ({@link UsersYaml#read}: canonical ids, no two
     * spellings of one id, well-formed token hashes); this class adds only the token check and the writing.
     *
     * @throws MaaConfigurationException naming the file, the entry and the problem
     */
    public static DevUsersFile parse(String text, Path file) {
        UsersYaml.Document doc = UsersYaml.read(text, file.toString());
        List<User> users = new ArrayList<>();
        for (UsersYaml.Entry u : doc.entries()) {
            users.add(new User(u.id(), u.groups(), u.roles(), u.tokenHashes()));
        }
        return new DevUsersFile(file, doc, users, StaticDirectory.fromEntries(doc.entries()));
    }

    /**
     * The directory of the users file {@code file} as it is edited (see {@link UsersFileDirectory} for the bound).
     *
     * @throws MaaConfigurationException if the file cannot be read or is invalid now
     */
    public static UsersFileDirectory watchDirectory(Path file) {
        return UsersFileDirectory.over(watch(file), DevUsersFile::directory);
    }

    /** The users file {@code file}, re-read as it is edited ({@link WatchedFile}). */
    public static WatchedFile<DevUsersFile> watch(Path file) {
        return WatchedFile.open(file, text -> parse(text, file));
    }

    public Path file() {
        return file;
    }

    public List<User> users() {
        return users;
    }

    public boolean hasTokens() {
        return !hashes.isEmpty();
    }

    /** The users and groups as a directory (groups for review checks come from here). */
    public StaticDirectory directory() {
        return directory;
    }

    /** The user {@code id} names, compared canonically. */
    public Optional<User> user(String id) {
        return users.stream().filter(u -> Identities.same(u.id(), id)).findFirst();
    }

    /**
     * The user a token belongs to. Compares the token's hash with every stored hash in constant time per entry and
     * without stopping at the first match, so timing says nothing about which hash (if any) matched.
     */
    public Optional<String> userForToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        String owner = null;
        for (int i = 0; i < hashes.size(); i++) {
            if (MessageDigest.isEqual(presented, hashes.get(i)) & owner == null) {
                owner = hashOwners.get(i);
            }
        }
        return Optional.ofNullable(owner);
    }

    /**
     * Mints a new token for {@code userId}, stores its hash in the file (atomically replacing it) and returns the
     * token: the only time it is ever shown.
     */
    public static String createToken(Path file, String userId) {
        DevUsersFile current = load(file);
        ObjectNode user = null;
        for (UsersYaml.Entry u : current.document.entries()) {
            if (Identities.same(userId, u.id())) {
                user = u.node();
            }
        }
        if (user == null) {
            throw new MaaConfigurationException("No user '" + userId + "' in " + file + "; known users: "
                    + current.users.stream().map(User::id).toList() + ". Add the user (id and groups) first.");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        ArrayNode tokens = user.has("tokens") && user.get("tokens").isArray()
                ? (ArrayNode) user.get("tokens")
                : user.putArray("tokens");
        ObjectNode entry = tokens.addObject();
        entry.put("sha256", HexFormat.of().formatHex(sha256(token)));
        entry.put("created", Instant.now().toString());
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(
                    tmp,
                    "# maa serve dev-mode users: groups and SHA-256 hashes of API tokens\n"
                            + YAML.writeValueAsString(current.document.root()),
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MaaConfigurationException("Cannot write the users file " + file + ": " + e.getMessage(), e);
        }
        return token;
    }

    /** Writes a users file with the given users (id → groups) and no tokens, unless it exists. */
    public static void createIfMissing(Path file, Map<String, List<String>> users) {
        if (Files.exists(file)) {
            return;
        }
        ObjectNode root = YAML.createObjectNode();
        ArrayNode list = root.putArray("users");
        users.forEach((id, groups) -> {
            ObjectNode u = list.addObject();
            u.put("id", id);
            ArrayNode g = u.putArray("groups");
            groups.forEach(g::add);
        });
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(
                    file,
                    "# maa serve dev-mode users: groups and SHA-256 hashes of API tokens\n"
                            + YAML.writeValueAsString(root),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MaaConfigurationException("Cannot create the users file " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
