package dev.maa.benchmarks.store;

import dev.maa.api.RequestQuery;
import dev.maa.store.jdbc.JdbcRequestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures PostgreSQL's executed plan of a store query: auto_explain (preloaded by {@link BenchStores}) is switched
 * on for new sessions of the database, a fresh store runs the query, and the plan is cut out of the server log.
 */
final class PlanCapture {

    private static final String[] SETTINGS = {
        "auto_explain.log_min_duration", "auto_explain.log_analyze", "auto_explain.log_buffers"
    };

    private PlanCapture() {}

    static void explain(BenchStores stores, RequestQuery query) throws SQLException, IOException {
        String url = BenchStores.url(stores.postgres());
        try (Connection c = stores.postgres().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE postgres SET auto_explain.log_min_duration = 0");
            s.execute("ALTER DATABASE postgres SET auto_explain.log_analyze = on");
            s.execute("ALTER DATABASE postgres SET auto_explain.log_buffers = on");
            try (JdbcRequestStore explaining = InboxListBenchmark.explainingStore(url)) {
                explaining.list(query);
                explaining.list(query);
            } finally {
                for (String setting : SETTINGS) {
                    s.execute("ALTER DATABASE postgres RESET " + setting);
                }
            }
        }
        Path log = stores.dir().resolve("pglog").resolve("postgresql.log");
        String plan = "";
        for (int i = 0; i < 50 && plan.isEmpty(); i++) {
            plan = lastPlan(Files.exists(log) ? Files.readAllLines(log) : List.of(), "maa_request_approver");
            if (plan.isEmpty()) {
                java.util.concurrent.locks.LockSupport.parkNanos(
                        100_000_000L); // the log collector writes asynchronously
            }
        }
        System.out.println("[maa-bench] PostgreSQL plan of the received-requests query (auto_explain, ANALYZE):");
        System.out.println(plan);
        Path out = Path.of(System.getProperty("maa.bench.out", "target"), "inbox-plan-postgres.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, plan);
    }

    /** The last "plan:" block of the log whose query mentions {@code marker}. */
    static String lastPlan(List<String> lines, String marker) {
        String last = "";
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains("plan:")) {
                continue;
            }
            List<String> block = new ArrayList<>();
            block.add(lines.get(i));
            int j = i + 1;
            while (j < lines.size()
                    && (lines.get(j).startsWith("\t") || lines.get(j).startsWith(" "))) {
                block.add(lines.get(j++));
            }
            String text = String.join("\n", block);
            if (text.contains(marker)) {
                last = text;
            }
        }
        return last;
    }
}
