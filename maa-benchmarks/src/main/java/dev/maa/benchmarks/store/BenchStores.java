package dev.maa.benchmarks.store;

import dev.maa.api.Action;
import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Factor;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.RequestStore;
import dev.maa.api.ResourceType;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.policy.RuleBasedPolicyEngine;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.store.jdbc.JdbcStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The stores the benchmarks compare: {@code memory} (baseline), {@code h2} (the embedded default: an H2 file in a
 * temporary directory) and {@code postgres} (embedded PostgreSQL 14 on loopback, in a temporary directory).
 *
 * <p>PostgreSQL durability: {@code fsync} and {@code synchronous_commit} are on (the server defaults), unless the
 * system property {@code maa.bench.pg.fsync=off} turns both off; the figures say which was used.
 */
final class BenchStores implements AutoCloseable {

    static final Principal ALICE = Principal.of("alice");
    static final Principal BOB = Principal.of("bob");

    private final Path dir;
    private final EmbeddedPostgres postgres;
    private final RequestStore store;
    private boolean keep;

    private BenchStores(Path dir, EmbeddedPostgres postgres, RequestStore store) {
        this.dir = dir;
        this.postgres = postgres;
        this.store = store;
    }

    static BenchStores open(String kind) {
        try {
            return open(kind, Files.createTempDirectory("maa-bench-" + kind));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store whose files live in {@code dir}; with {@link #keep()} they stay for the next trial. */
    static BenchStores open(String kind, Path dir) {
        try {
            Files.createDirectories(dir);
            switch (kind) {
                case "memory":
                    return new BenchStores(dir, null, new InMemoryRequestStore());
                case "h2":
                    return new BenchStores(dir, null, JdbcStores.h2File(dir.resolve("maa")));
                case "postgres":
                    EmbeddedPostgres pg = startPostgres(dir);
                    return new BenchStores(dir, pg, JdbcStores.fromUrl(url(pg)));
                default:
                    throw new IllegalArgumentException("unknown store " + kind + "; memory, h2 or postgres");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EmbeddedPostgres startPostgres(Path dir) throws IOException {
        boolean durable = !"off".equals(System.getProperty("maa.bench.pg.fsync", "on"));
        System.out.println("[maa-bench] embedded PostgreSQL: fsync=" + (durable ? "on" : "off")
                + ", synchronous_commit=" + (durable ? "on" : "off") + ", shared_buffers=256MB");
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("shared_preload_libraries", "auto_explain")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", dir.resolve("pglog").toString())
                .setServerConfig("log_filename", "postgresql.log")
                .start();
    }

    static String url(EmbeddedPostgres pg) {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    RequestStore store() {
        return store;
    }

    EmbeddedPostgres postgres() {
        return postgres;
    }

    Path dir() {
        return dir;
    }

    /** Leaves the database files in place on {@link #close()}, for the next trial to reuse. */
    void keep() {
        keep = true;
    }

    /** An engine over the store: app deletion needs one approval of app-approvers; bob approves, alice asks. */
    MaaEngine engine(String nodeId) {
        return MaaEngine.builder()
                .policyEngine(RuleBasedPolicyEngine.builder()
                        .requireApproval(ResourceType.APP, Set.of(Action.DELETE), Factor.of("apps", 1, "app-approvers"))
                        .ttl(Duration.ofDays(1))
                        .build())
                .directory(StaticDirectory.builder()
                        .user("alice", "helpdesk")
                        .user("bob", "app-approvers")
                        .build())
                .store(store)
                .nodeId(nodeId)
                .build();
    }

    /** Parks {@code deleteApp(appId)} as alice; returns the request id. */
    static String park(BenchApps apps, String appId) {
        try (var who = Maa.actingAs(ALICE);
                var why = Maa.justify("CHG-1 benchmark")) {
            apps.deleteApp(appId);
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
        throw new IllegalStateException("deleteApp(" + appId + ") ran instead of being parked");
    }

    @Override
    public void close() throws IOException {
        if (store instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        if (keep) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
