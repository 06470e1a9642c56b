package dev.maa.store.jdbc.cluster;

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
 * The embedded PostgreSQL of the cluster tests: the same server settings as the store tests' fixture (loopback,
 * fsync off, 100 connections), one server per test JVM, a fresh database per test.
 */
final class ClusterPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres shared;

    private ClusterPostgres() {
    }

    static synchronized EmbeddedPostgres shared() {
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

    /** A server on {@code dataDirectory} and {@code port} (0: any), so that a test can stop and restart it. */
    static EmbeddedPostgres start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "150");
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

    /** A new database on the shared server; its JDBC URL carries the user. */
    static String newDatabase(String prefix) {
        EmbeddedPostgres server = shared();
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return server.getJdbcUrl("postgres", name);
    }
}
