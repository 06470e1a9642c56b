package dev.maa.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (binaries from the Maven dependency, server on loopback), with a fresh
 * database per test class. Tests that stop the server start their own with {@link #start(Path, int)}.
 */
public final class EmbeddedPostgresSupport {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres shared;

    private EmbeddedPostgresSupport() {}

    public static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            shared = start(null, 0);
            EmbeddedPostgres server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return shared;
    }

    /** Starts a server; a given data directory and port let a test stop it and start it again on the same data. */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "150"); // two child JVMs with 32 threads each
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    /** Creates a new database on the shared server and returns its JDBC URL (which carries the user). */
    public static String newDatabase(String prefix) {
        return newDatabase(shared(), prefix);
    }

    /** Creates a new database on {@code server} and returns its JDBC URL. */
    public static String newDatabase(EmbeddedPostgres server, String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return server.getJdbcUrl("postgres", name);
    }
}
