package dev.maa.benchmarks.store;

import dev.maa.api.ApprovalRequest;
import dev.maa.api.RequestQuery;
import dev.maa.api.RequestStore;
import dev.maa.api.Status;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcStoreSettings;
import dev.maa.store.jdbc.JdbcStores;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An approver's received requests (first page of 50, newest first) with 1,000,000 requests stored: bob is in 2
 * of the 20 approver groups, so about 100,000 requests are his to see. {@code pending} lists only those still
 * NEEDS_APPROVAL (the console's inbox), {@code all} every status (history); {@code nineGroups} is an approver in nine
 * groups (about 450,000 requests); {@code everyRequest} is the first page of all 1,000,000, for comparison.
 *
 * <p>Target (store/cluster issue): ≤ 50 ms. On PostgreSQL the plan of the {@code all} query is captured with
 * auto_explain (ANALYZE, BUFFERS) and printed, and written to {@code target/inbox-plan-postgres.txt}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx4g"})
public class InboxListBenchmark {

    static final int REQUESTS = Integer.getInteger("maa.bench.requests", 1_000_000);
    static final Set<String> BOBS_GROUPS = Set.of(BulkRequests.group(3), BulkRequests.group(7));

    @Param({"h2", "postgres"})
    String store;

    private BenchStores stores;
    private RequestStore requests;
    private final RequestQuery all = RequestQuery.all().received(BOBS_GROUPS).page(0, 50);
    private final RequestQuery pending = all.withStatuses(Set.of(Status.NEEDS_APPROVAL));
    private final RequestQuery everyone = RequestQuery.all().page(0, 50);
    private final RequestQuery nineGroups = RequestQuery.all()
            .page(0, 50)
            .received(IntStream.range(0, 9).mapToObj(BulkRequests::group).collect(Collectors.toSet()));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // loaded once per trial; with -Dmaa.bench.reuse=true the next trial (the other query) reuses the files
        boolean reuse = Boolean.getBoolean("maa.bench.reuse");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "maa-bench-inbox-" + store + "-" + REQUESTS);
        stores = reuse ? BenchStores.open(store, dir) : BenchStores.open(store);
        if (reuse) {
            stores.keep();
        }
        JdbcRequestStore jdbc = ((JdbcRequestStore) stores.store());
        if (count(jdbc) < REQUESTS) {
            BenchApps apps = stores.engine("bench").protect(BenchApps.class, appId -> {});
            BenchStores.park(apps, "template");
            // PostgreSQL: a separate connection whose driver rewrites each batch into multi-row INSERTs (load speed)
            try (Connection c = store.equals("postgres")
                    ? DriverManager.getConnection(BenchStores.url(stores.postgres()) + "&reWriteBatchedInserts=true")
                    : jdbc.dataSource().getConnection()) {
                BulkRequests.load(c, REQUESTS);
                try (Statement s = c.createStatement()) {
                    s.execute(store.equals("postgres") ? "VACUUM ANALYZE" : "ANALYZE");
                }
            }
        }
        requests = stores.store();
        check(requests.list(all));
        check(requests.list(pending));
        check(requests.list(everyone));
        check(requests.list(nineGroups));
        if (store.equals("postgres")) {
            PlanCapture.explain(stores, all);
        }
    }

    private static long count(JdbcRequestStore jdbc) throws SQLException {
        try (Connection c = jdbc.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM maa_request")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void check(List<ApprovalRequest> page) {
        if (page.isEmpty()) {
            throw new IllegalStateException("the query found nothing: the bulk load is broken");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        stores.close();
    }

    @Benchmark
    public List<ApprovalRequest> all() {
        return requests.list(all);
    }

    @Benchmark
    public List<ApprovalRequest> pending() {
        return requests.list(pending);
    }

    /** An approver in nine groups, every status: more branches than the inbox query makes (RequestListQuery). */
    @Benchmark
    public List<ApprovalRequest> nineGroups() {
        return requests.list(nineGroups);
    }

    /** Not an inbox: every request, newest first (an auditor's or the console's full list). */
    @Benchmark
    public List<ApprovalRequest> everyRequest() {
        return requests.list(everyone);
    }

    /** Opens a short-lived store whose sessions run auto_explain, so the plan is the one the store's SQL gets. */
    static JdbcRequestStore explainingStore(String url) throws SQLException {
        return JdbcStores.open(
                JdbcStoreSettings.builder(url).migrate(false).poolSize(1).build());
    }
}
