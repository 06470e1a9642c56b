package dev.maa.store.jdbc.internal;

import dev.maa.api.MaaConfigurationException;
import dev.maa.api.StoreUnavailableException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the schema up to date with Flyway: {@code db/migration/maa/common} plus the dialect's folder. The
 * history table is {@code maa_schema_history}, so MAA's tables can live next to a host application's own
 * Flyway-managed schema.
 */
public final class Migrations {

    private Migrations() {}

    public static void migrate(DataSource dataSource, Dialect dialect, String description) {
        try {
            configure(dataSource, dialect).load().migrate();
        } catch (FlywayException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException s && SqlErrors.isUnavailable(s)) {
                    throw new StoreUnavailableException(
                            "Request store " + description + " is unavailable (schema " + "migration failed: "
                                    + s.getMessage() + ").",
                            e);
                }
            }
            throw new MaaConfigurationException(
                    "Cannot bring the schema of request store " + description
                            + " up to date: " + e.getMessage() + ". Check that the database user may create tables, or "
                            + "repair the schema history table maa_schema_history.",
                    e);
        }
    }

    /** Migrates only up to {@code version}: how tests build a store of an earlier release to upgrade. */
    static void migrateTo(DataSource dataSource, Dialect dialect, String version) {
        configure(dataSource, dialect).target(version).load().migrate();
    }

    private static FluentConfiguration configure(DataSource dataSource, Dialect dialect) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(
                        "classpath:db/migration/maa/common", "classpath:db/migration/maa/" + dialect.migrationFolder())
                .table("maa_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholderReplacement(false);
    }
}
