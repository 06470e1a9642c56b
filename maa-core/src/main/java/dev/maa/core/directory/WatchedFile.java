package dev.maa.core.directory;

import dev.maa.api.MaaConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * A file's parsed content that follows the file while the process runs: membership edits in a users file take
 * effect without a restart.
 *
 * <p>The bound: {@link #get()} compares the file's modification time and size on every call and re-reads the
 * content when they differ, and at least every {@link #RECHECK} (2 s) anyway, so an edit that keeps both is seen
 * within 2 s; {@link #fresh()} re-reads the content now (reviews use it). Content is parsed again only when its
 * SHA-256 changes. A file that becomes unreadable or invalid fails closed: every call throws
 * {@link MaaConfigurationException} naming the file and the problem until it is fixed; the last good content is
 * never used again, since it may grant what the edit meant to take away.
 *
 * @param <T> the parsed content
 */
public final class WatchedFile<T> {

    /** The longest an edit that keeps the file's time and size goes unseen by {@link #get()}. */
    public static final Duration RECHECK = Duration.ofSeconds(2);

    private final Path file;
    private final Function<String, T> parse;
    private volatile State<T> state;

    private record State<T>(
            FileTime modified,
            long size,
            byte[] sha256,
            long readAtNanos,
            T value,
            MaaConfigurationException failure) {}

    private WatchedFile(Path file, Function<String, T> parse) {
        this.file = file;
        this.parse = parse;
    }

    /**
     * Reads and parses {@code file} now.
     *
     * @param parse turns the text into the content, throwing {@link MaaConfigurationException} for bad content
     * @throws MaaConfigurationException if the file cannot be read or parsed
     */
    public static <T> WatchedFile<T> open(Path file, Function<String, T> parse) {
        WatchedFile<T> w =
                new WatchedFile<>(Objects.requireNonNull(file, "file"), Objects.requireNonNull(parse, "parse"));
        return w.valueOf(w.reload());
    }

    private WatchedFile<T> valueOf(State<T> s) {
        if (s.failure() != null) {
            throw s.failure();
        }
        return this;
    }

    public Path file() {
        return file;
    }

    /** The content, re-read if the file's time or size changed or {@link #RECHECK} has passed since the last read. */
    public T get() {
        State<T> s = state;
        if (s.failure() != null || System.nanoTime() - s.readAtNanos() >= RECHECK.toNanos() || changed(s)) {
            s = reload();
        }
        return value(s);
    }

    /** The content as the file holds it now. */
    public T fresh() {
        return value(reload());
    }

    private T value(State<T> s) {
        if (s.failure() != null) {
            throw s.failure();
        }
        return s.value();
    }

    private boolean changed(State<T> s) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return !a.lastModifiedTime().equals(s.modified()) || a.size() != s.size();
        } catch (IOException e) {
            return true;
        }
    }

    private synchronized State<T> reload() {
        State<T> before = state;
        State<T> next;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            byte[] bytes = Files.readAllBytes(file);
            byte[] hash = sha256(bytes);
            long now = System.nanoTime();
            if (before != null && before.failure() == null && Arrays.equals(hash, before.sha256())) {
                next = new State<>(a.lastModifiedTime(), a.size(), hash, now, before.value(), null);
            } else {
                T value = parse.apply(new String(bytes, StandardCharsets.UTF_8));
                next = new State<>(a.lastModifiedTime(), a.size(), hash, now, value, null);
            }
        } catch (IOException e) {
            next = failed(new MaaConfigurationException(
                    "Cannot read " + file + ": " + e + ". Restore the file;"
                            + " until then nobody is found in it (fail closed).",
                    e));
        } catch (MaaConfigurationException e) {
            next = failed(new MaaConfigurationException(
                    e.getMessage() + " Until " + file + " is fixed, nobody is" + " found in it (fail closed).", e));
        }
        state = next;
        return next;
    }

    private State<T> failed(MaaConfigurationException e) {
        return new State<>(null, -1, null, System.nanoTime(), null, e);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
