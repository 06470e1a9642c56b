package dev.maa.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.maa.api.Directory;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.PolicyEngine;
import dev.maa.api.RequestStore;
import dev.maa.core.BreakGlass;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.directory.UsersFileDirectory;
import dev.maa.policies.EmbeddedRegoPolicyEngine;
import dev.maa.policies.OpaServerPolicyEngine;
import dev.maa.store.jdbc.JdbcStoreSettings;
import dev.maa.store.jdbc.JdbcStores;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;

/**
 * Builds the default parts from the {@code maa.*} properties with the project's own factories, so the application
 * opens the same store, directory and policies {@code maa serve} would for the same settings.
 */
final class MaaParts {

    private static final Logger LOG = LoggerFactory.getLogger(MaaParts.class);
    private static final String CLASSPATH = "classpath:";

    private MaaParts() {}

    /**
     * The store: the application's database ({@code maa.store.datasource=application}) through a pool of MAA's
     * own (the store owns its pool, and an H2 file gets its transition log), else {@code maa.store.url}, else the H2
     * file {@code <home>/maa}.
     */
    static RequestStore store(MaaProperties properties, Path home, ObjectProvider<DataSource> dataSources) {
        MaaStoreProperties s = properties.getStore();
        if (s.getDatasource() == MaaProperties.StoreSource.APPLICATION) {
            DataSource app = dataSources.getIfUnique();
            if (app == null) {
                throw new InvalidMaaPropertyException(
                        "maa.store.datasource",
                        "application",
                        "the application has no single DataSource bean",
                        "configure spring.datasource.url (with spring-boot-starter-jdbc), or remove"
                                + " maa.store.datasource to use the H2 file under the MAA home");
            }
            return JdbcStores.open(applicationDatabase(app));
        }
        if (s.getUrl() != null) {
            return JdbcStores.open(JdbcStoreSettings.builder(s.getUrl())
                    .user(s.getUsername())
                    .password(s.getPassword())
                    .build());
        }
        return JdbcStores.h2File(home.resolve("maa"));
    }

    /** The URL and credentials of the application's DataSource (HikariCP's, Boot's default, carries them all). */
    private static JdbcStoreSettings applicationDatabase(DataSource app) {
        if (app instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            return JdbcStoreSettings.builder(hikari.getJdbcUrl())
                    .user(hikari.getUsername())
                    .password(hikari.getPassword())
                    .build();
        }
        try (Connection c = app.getConnection()) {
            return JdbcStoreSettings.builder(c.getMetaData().getURL())
                    .user(c.getMetaData().getUserName())
                    .build();
        } catch (SQLException e) {
            throw new MaaConfigurationException(
                    "maa.store.datasource=application: cannot read the URL of the application's DataSource ("
                            + e.getMessage() + "); set maa.store.url, maa.store.username and maa.store.password",
                    e);
        }
    }

    /** The users file of {@code maa.directory.users-file} (a path or classpath:), else {@code <home>/users.yaml}. */
    static Directory directory(MaaProperties properties, Path home) {
        String file = properties.getDirectory().getUsersFile();
        if (file != null && file.startsWith(CLASSPATH)) {
            String name = file.substring(CLASSPATH.length());
            try (InputStream in = new ClassPathResource(name).getInputStream()) {
                return StaticDirectory.fromYaml(in, file);
            } catch (IOException e) {
                throw new InvalidMaaPropertyException(
                        "maa.directory.users-file",
                        file,
                        "cannot be read (" + e.getMessage() + ")",
                        "name a users file on the class path, e.g. classpath:maa/users.yaml");
            }
        }
        Path path = file != null ? Path.of(file) : home.resolve("users.yaml");
        if (Files.exists(path)) {
            return UsersFileDirectory.watch(path);
        }
        if (file != null) {
            throw new InvalidMaaPropertyException(
                    "maa.directory.users-file", file, "does not exist", "create it, or name an existing users file");
        }
        LOG.warn(
                "No users file {}: the MAA directory is empty, so nobody can approve. Set maa.directory.users-file"
                        + " or define a Directory bean.",
                path);
        return StaticDirectory.empty();
    }

    /**
     * An OPA server ({@code maa.policies.opa-url}), else the Rego policies of {@code maa.policies.location} (a
     * directory or classpath:), else {@code <home>/policies} when it exists, else the demo policies.
     */
    static PolicyEngine policyEngine(MaaProperties properties, Path home) {
        MaaPoliciesProperties p = properties.getPolicies();
        if (p.getOpaUrl() != null) {
            try {
                return OpaServerPolicyEngine.builder(new URI(p.getOpaUrl())).build();
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new InvalidMaaPropertyException(
                        "maa.policies.opa-url", p.getOpaUrl(), "is not a URL", "write e.g. http://localhost:8181");
            }
        }
        EmbeddedRegoPolicyEngine.Builder rego = EmbeddedRegoPolicyEngine.builder();
        String location = p.getLocation();
        if (location != null && location.startsWith(CLASSPATH)) {
            rego.classpath(location.substring(CLASSPATH.length()));
        } else if (location != null || Files.isDirectory(home.resolve("policies"))) {
            Path dir = location != null ? Path.of(location) : home.resolve("policies");
            if (!Files.isDirectory(dir)) {
                throw new InvalidMaaPropertyException(
                        "maa.policies.location",
                        location,
                        "is not a directory",
                        "name a policy directory (access-policies.yaml and *.rego) or classpath:<prefix>");
            }
            rego.directory(dir);
            if (p.getWatch() != null) {
                rego.watch(MaaProperties.duration("maa.policies.watch", p.getWatch()));
            }
        } else {
            LOG.warn(
                    "No maa.policies.location and no {}: MAA decides with the demo policies. Set"
                            + " maa.policies.location to your own.",
                    home.resolve("policies"));
            return EmbeddedRegoPolicyEngine.demo();
        }
        return rego.build();
    }

    /** The break-glass accounts the Rego policies name; none for other engines. */
    static BreakGlass policyBreakGlass(PolicyEngine engine) {
        return engine instanceof EmbeddedRegoPolicyEngine rego
                ? rego.policySet().accessPolicies().engineBreakGlass()
                : BreakGlass.disabled();
    }
}
