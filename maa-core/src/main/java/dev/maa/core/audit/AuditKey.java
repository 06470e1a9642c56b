package dev.maa.core.audit;

import dev.maa.core.config.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that keys the audit chain (HMAC-SHA256). It lives outside the database, so that whoever can write the
 * tables can neither recompute the chain nor stage an event that the sealer accepts.
 *
 * <p>Where it comes from, first match wins ({@link #resolve}): the environment variable {@value #ENV} (base64 or hex,
 * at least 32 bytes), the file named by {@value #ENV_FILE}, else the file {@value #FILE_NAME} in the MAA home,
 * created with mode 0600 on first use. Every node of a cluster must hold the same key (one secret mounted on every
 * node, or the same variable): a node with another key writes events the others refuse. Losing the key does not lose
 * history, but nothing written under it can be verified any more.
 */
public final class AuditKey {

    /** Environment variable holding the key itself (base64 or hex). */
    public static final String ENV = "MAA_AUDIT_KEY";
    /** Environment variable naming a file that holds the key (a mounted secret). */
    public static final String ENV_FILE = "MAA_AUDIT_KEY_FILE";
    /** The key file in the MAA home. */
    public static final String FILE_NAME = "audit.key";

    private static final int MIN_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final String id;
    /** A {@link Mac} is not thread-safe and costs a provider lookup to create: one per thread and key. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private AuditKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("An audit key needs at least " + MIN_BYTES + " bytes, this one has "
                    + secret.length + "; generate one with `head -c 32 /dev/urandom | base64`");
        }
        key = new SecretKeySpec(secret.clone(), ALGORITHM);
        id = HexFormat.of().formatHex(sha256(secret), 0, 6);
        Arrays.fill(secret, (byte) 0);
    }

    /** A key from raw bytes (at least 32). */
    public static AuditKey of(byte[] secret) {
        return new AuditKey(Objects.requireNonNull(secret, "secret").clone());
    }

    /** A fresh random key that lives only in this JVM: for the in-memory store and tests. */
    public static AuditKey random() {
        byte[] b = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(b);
        return new AuditKey(b);
    }

    /** A key written as text: base64 (standard or URL-safe) or hex. */
    public static AuditKey parse(String text, String source) {
        String t = Objects.requireNonNull(text, "text").strip();
        try {
            if (t.matches("(?i)[0-9a-f]{64,}")) {
                return new AuditKey(HexFormat.of().parseHex(t));
            }
            return new AuditKey(
                    t.contains("-") || t.contains("_")
                            ? Base64.getUrlDecoder().decode(t)
                            : Base64.getDecoder().decode(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "The audit key from " + source + " is not usable: " + e.getMessage()
                            + ". Write at least 32 random bytes as base64 or hex, e.g. `head -c 32 /dev/urandom | base64`.",
                    e);
        }
    }

    /** {@link #resolve(Path, Map)} with this process's environment. */
    public static AuditKey resolve(Path home) {
        return resolve(home, System.getenv());
    }

    /** The key from {@value #ENV}, else the file {@value #ENV_FILE} names, else {@code home/audit.key} (created). */
    public static AuditKey resolve(Path home, Map<String, String> env) {
        return configured(env).orElseGet(() -> fromFile(home.resolve(FILE_NAME)));
    }

    /** The key {@value #ENV} or {@value #ENV_FILE} configures, if any; never creates one. */
    public static Optional<AuditKey> configured(Map<String, String> env) {
        String inline = env.get(ENV);
        if (inline != null && !inline.isBlank()) {
            return Optional.of(parse(inline, "the environment variable " + ENV));
        }
        String file = env.get(ENV_FILE);
        if (file != null && !file.isBlank()) {
            return Optional.of(read(Path.of(file)));
        }
        return Optional.empty();
    }

    /**
     * The key in {@code file}, which is created (mode 0600, 32 random bytes as base64) if it does not exist. Creation
     * is atomic: processes racing to create it all end up with the one that was written first.
     */
    public static AuditKey fromFile(Path file) {
        if (Files.exists(file)) {
            return read(file);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] b = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(b);
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".audit", ".key");
            try {
                restrict(tmp);
                Files.writeString(tmp, Base64.getEncoder().encodeToString(b) + "\n");
                Files.createLink(file, tmp); // fails if another process created it first: then use theirs
            } catch (FileAlreadyExistsException raced) {
                // keep the winner's key
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the audit key file " + file + ": " + e.getMessage()
                            + ". Make its directory writable, or set " + ENV + " or " + ENV_FILE + ".",
                    e);
        }
        return read(file);
    }

    private static AuditKey read(Path file) {
        try {
            PrivateFiles.openToOthers(file).ifPresent(perms -> {
                throw new IllegalStateException("The audit key file " + file + " is readable or writable by "
                        + "others (" + perms + "); run `chmod 600 " + file + "`");
            });
            return parse(Files.readString(file, StandardCharsets.UTF_8), "the file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the audit key file " + file + ": " + e.getMessage()
                            + ". Check that it exists and is readable by this user, or set " + ENV + ".",
                    e);
        }
    }

    private static void restrict(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** A short public fingerprint (first 6 bytes of SHA-256 of the key), to tell keys apart in messages. */
    public String id() {
        return id;
    }

    /** HMAC-SHA256 of {@code data}, hex. */
    public String mac(String data) {
        return HexFormat.of().formatHex(macs.get().doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** Compares two MACs in constant time. */
    static boolean sameMac(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "AuditKey[" + id + "]";
    }
}
