package dev.maa.core.directory;

import dev.maa.api.Directory;
import dev.maa.api.Principal;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The directory of a users file that is edited while the process runs: lookups follow the file within
 * {@link WatchedFile#RECHECK} (at once when its time or size changes), and {@link #findFresh} (every review)
 * reads it at that moment, so a principal removed from an approver group cannot approve after the edit is saved,
 * with no restart. A file that turns invalid fails closed: lookups throw until it is fixed.
 */
public final class UsersFileDirectory implements Directory {

    private final WatchedFile<?> watched;
    private final Function<Boolean, StaticDirectory> snapshot;

    private <T> UsersFileDirectory(WatchedFile<T> watched, Function<T, StaticDirectory> directoryOf) {
        this.watched = watched;
        this.snapshot = fresh -> directoryOf.apply(fresh ? watched.fresh() : watched.get());
    }

    /** Watches a plain users file ({@link UsersYaml}). @throws dev.maa.api.MaaConfigurationException if invalid now */
    public static UsersFileDirectory watch(Path file) {
        return over(WatchedFile.open(file, text -> StaticDirectory.fromYaml(text, file.toString())), d -> d);
    }

    /** The directory of a watched file whose content holds more than users (e.g. the server's token hashes). */
    public static <T> UsersFileDirectory over(WatchedFile<T> watched, Function<T, StaticDirectory> directoryOf) {
        return new UsersFileDirectory(
                Objects.requireNonNull(watched, "watched"), Objects.requireNonNull(directoryOf, "directoryOf"));
    }

    public Path file() {
        return watched.file();
    }

    /** The directory as of the last check (see the class comment for the bound). */
    public StaticDirectory current() {
        return snapshot.apply(false);
    }

    @Override
    public Optional<Principal> find(String principalId) {
        return current().find(principalId);
    }

    @Override
    public Optional<Principal> findFresh(String principalId) {
        return snapshot.apply(true).find(principalId);
    }

    @Override
    public Set<String> membersOf(String group) {
        return current().membersOf(group);
    }
}
