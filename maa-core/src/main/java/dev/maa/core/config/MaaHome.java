package dev.maa.core.config;

import dev.maa.api.MaaConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The MAA home, the directory holding the H2 store, {@code users.yaml}, the audit key and {@code policies/}: the
 * {@code --home} option, else {@code $MAA_HOME}, else {@code ~/.maa}. And the demo users a new home starts with.
 *
 * <p>Why one: the {@code maa} command, {@code maa serve} and the audit key each resolved the home, and the
 * command and the server each had their own demo users (the server's lacked the break-glass account), so the
 * demo behaved differently depending on which one created the home.
 */
public final class MaaHome {

    /** The environment variable naming the home. */
    public static final String ENV = "MAA_HOME";

    /** The users file's name in the home. */
    public static final String USERS_FILE = "users.yaml";

    /** The demo users (a classpath resource of this package), the same for every mode. */
    public static final String DEMO_USERS_RESOURCE = "demo-users.yaml";

    private MaaHome() {}

    /** {@code $MAA_HOME}, else {@code ~/.maa}. */
    public static Path resolve() {
        return resolve(null, System.getenv());
    }

    /** {@code option} (a {@code --home}) when given, else {@code $MAA_HOME} from {@code env}, else {@code ~/.maa}. */
    public static Path resolve(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String value = env.get(ENV);
        return value == null || value.isBlank() ? userHome().resolve(".maa") : Path.of(value.strip());
    }

    /**
     * A path as written in a config file: {@code ~} and {@code ~/...} under the user's home directory, a relative
     * path under {@code base}.
     */
    public static Path resolve(String value, Path base) {
        if (value.equals("~") || value.startsWith("~/")) {
            return userHome().resolve(value.length() > 2 ? value.substring(2) : "");
        }
        Path p = Path.of(value);
        return p.isAbsolute() || base == null ? p : base.resolve(p);
    }

    /** The demo users file's text. */
    public static String demoUsers() {
        try (InputStream in = MaaHome.class.getResourceAsStream(DEMO_USERS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + DEMO_USERS_RESOURCE + " is missing from maa-core");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the resource " + DEMO_USERS_RESOURCE + ": " + e, e);
        }
    }

    /**
     * Writes the demo users to {@code file} unless it exists (a file someone wrote, even an empty one, is kept).
     *
     * @return whether it was written now
     */
    public static boolean createDemoUsersIfMissing(Path file) {
        if (Files.exists(file)) {
            return false;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, demoUsers(), StandardOpenOption.CREATE_NEW);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (IOException e) {
            throw new MaaConfigurationException(
                    "Cannot create the users file " + file + ": " + e.getMessage()
                            + "; check that its directory is writable, or set --home / $MAA_HOME elsewhere",
                    e);
        }
    }

    private static Path userHome() {
        return Path.of(System.getProperty("user.home"));
    }
}
