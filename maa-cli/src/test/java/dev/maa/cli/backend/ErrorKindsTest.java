package dev.maa.cli.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.api.MaaException;
import dev.maa.api.MaaException.Kind;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.core.ErrorStatus;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every concrete {@link MaaException} on the class path of the CLI (which reaches every module) is classified
 * once, by its kind, and every mapping of the kind agrees: no error the caller caused is reported as a bug (exit
 * 70) or a server failure (HTTP 5xx), and the exit code {@code maa --server} derives from the server's answer is
 * the exit code the same error gives locally.
 */
class ErrorKindsTest {

    /** The kinds each exception may have; a new exception must be added here, so its kind is a decision. */
    private static final Map<String, Set<Kind>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("dev.maa.api.AccessDeniedException", Set.of(Kind.NOT_ALLOWED)),
            Map.entry("dev.maa.api.ReviewNotAllowedException", Set.of(Kind.NOT_ALLOWED)),
            Map.entry("dev.maa.api.RequestNotFoundException", Set.of(Kind.NOT_FOUND)),
            Map.entry("dev.maa.api.IllegalRequestStateException", Set.of(Kind.CONFLICT)),
            Map.entry("dev.maa.api.RequestAlreadyPendingException", Set.of(Kind.CONFLICT)),
            Map.entry("dev.maa.api.ConcurrentUpdateException", Set.of(Kind.CONFLICT)),
            Map.entry("dev.maa.api.PayloadIntegrityException", Set.of(Kind.CONFLICT)),
            Map.entry("dev.maa.policies.PolicyRevisionConflictException", Set.of(Kind.CONFLICT)),
            Map.entry("dev.maa.policies.StalePolicyBaseException", Set.of(Kind.CONFLICT)),
            Map.entry(
                    "dev.maa.policies.PolicyEditException", Set.of(Kind.INVALID_INPUT, Kind.NOT_FOUND, Kind.CONFLICT)),
            // a SCIM user name taken in canonical form (uniqueness); a member that is no provisioned user (input)
            Map.entry("dev.maa.store.jdbc.ScimConflictException", Set.of(Kind.CONFLICT, Kind.INVALID_INPUT)),
            Map.entry("dev.maa.api.TextTooLongException", Set.of(Kind.INVALID_INPUT)),
            Map.entry("dev.maa.api.InvalidIdentityException", Set.of(Kind.INVALID_INPUT)),
            Map.entry("dev.maa.api.JustificationRequiredException", Set.of(Kind.INVALID_INPUT)),
            Map.entry("dev.maa.api.ApprovalRequiredException", Set.of(Kind.APPROVAL_REQUIRED)),
            Map.entry("dev.maa.api.MaaConfigurationException", Set.of(Kind.CONFIGURATION)),
            Map.entry("dev.maa.api.UnsupportedArgumentException", Set.of(Kind.CONFIGURATION)),
            Map.entry("dev.maa.api.StoreFailureException", Set.of(Kind.CONFIGURATION)),
            Map.entry("dev.maa.server.ServerStartException", Set.of(Kind.CONFIGURATION)),
            Map.entry("dev.maa.policies.PolicyValidationException", Set.of(Kind.CONFIGURATION)),
            Map.entry("dev.maa.policies.PolicyTestsFailedException", Set.of(Kind.CONFIGURATION)),
            Map.entry("dev.maa.api.StoreUnavailableException", Set.of(Kind.UNAVAILABLE)),
            Map.entry("dev.maa.api.PolicyUnavailableException", Set.of(Kind.UNAVAILABLE)),
            Map.entry("dev.maa.api.DirectoryUnavailableException", Set.of(Kind.UNAVAILABLE)),
            Map.entry("dev.maa.notify.DeliveryException", Set.of(Kind.UNAVAILABLE, Kind.CONFIGURATION))));

    @Test
    void everyConcreteMaaException_isListed_andEveryWayToBuildIt_hasItsKind() throws Exception {
        List<Class<?>> found = concreteMaaExceptions();

        assertThat(found).extracting(Class::getName).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        for (Class<?> type : found) {
            List<MaaException> built = instances(type);
            assertThat(built)
                    .as(
                            "no constructor or factory of %s could be called with sample arguments: give"
                                    + " the test a sample of its parameter types",
                            type.getName())
                    .isNotEmpty();
            for (MaaException e : built) {
                assertThat(e.kind()).as(type.getName()).isIn(EXPECTED.get(type.getName()));
            }
        }
    }

    @Test
    void noCallerKind_mapsToAnInternalErrorExitOrAServerStatus() {
        for (Kind kind : Kind.values()) {
            boolean caller = kind.responsible() == MaaException.Responsible.CALLER;
            assertThat(ExitCodes.of(kind)).as(kind.name()).isNotIn(ExitCodes.INTERNAL, ExitCodes.OK, ExitCodes.FAILED);
            if (caller) {
                assertThat(ErrorStatus.of(kind)).as(kind.name()).isBetween(400, 499);
            } else {
                assertThat(ErrorStatus.of(kind)).as(kind.name()).isBetween(500, 599);
            }
        }
        assertThat(EnumSet.allOf(Kind.class).stream().map(ExitCodes::of).distinct())
                .hasSize(Kind.values().length);
    }

    @Test
    void everyError_exitsRemotelyAsLocally() throws Exception {
        for (Class<?> type : concreteMaaExceptions()) {
            for (MaaException e : instances(type)) {
                String body = "{\"type\":\"https://maa.dev/problems/x\",\"title\":\"t\",\"status\":"
                        + ErrorStatus.of(e.kind()) + ",\"kind\":\"" + e.kind().name() + "\",\"detail\":\"d\"}";

                CliException remote = RemoteBackend.problem(ErrorStatus.of(e.kind()), body);

                assertThat(remote.exitCode()).as(type.getName()).isEqualTo(ExitCodes.of(e));
            }
        }
    }

    @Test
    void answerWithoutKind_fallsBackToItsStatus() {
        assertThat(RemoteBackend.problem(404, "{\"title\":\"Check the path\"}").exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(RemoteBackend.problem(502, "<html>bad gateway</html>").exitCode())
                .isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(RemoteBackend.problem(403, "{\"kind\":\"NO_SUCH_KIND\"}").exitCode())
                .isEqualTo(ExitCodes.NOT_ALLOWED);
    }

    /** The concrete MaaException classes of MAA's main code on the class path (directories and jars). */
    static List<Class<?>> concreteMaaExceptions() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith("test-classes") || !Files.exists(p)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.map(f -> p.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
                            .forEach(n -> addClassName(names, n));
                }
            } else if (entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream().forEach(e -> addClassName(names, e.getName()));
                }
            }
        }
        List<Class<?>> out = new ArrayList<>();
        for (String name : names) {
            Class<?> c;
            try {
                c = Class.forName(name, false, ErrorKindsTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // an optional dependency is missing: such a class cannot be thrown here either
            }
            if (MaaException.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                out.add(c);
            }
        }
        return out;
    }

    private static void addClassName(Set<String> names, String path) {
        if (path.startsWith("dev/maa/") && path.endsWith(".class") && !path.contains("$")) {
            names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }

    /** One instance from each constructor and static factory of {@code type} (any access), with sample arguments. */
    private static List<MaaException> instances(Class<?> type) throws Exception {
        List<Executable> ways = new ArrayList<>(List.of(type.getDeclaredConstructors()));
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType())) {
                ways.add(m);
            }
        }
        List<MaaException> out = new ArrayList<>();
        for (Executable way : ways) {
            Object[] args = new Object[way.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = sample(way.getParameterTypes()[i]);
            }
            way.setAccessible(true);
            try {
                out.add((MaaException)
                        (way instanceof Constructor<?> c ? c.newInstance(args) : ((Method) way).invoke(null, args)));
            } catch (InvocationTargetException e) {
                // a way that needs a richer sample than null; the others must still build it
            }
        }
        return out;
    }

    private static Object sample(Class<?> t) {
        if (t == String.class) {
            return "x";
        } else if (t == int.class || t == Integer.class) {
            return 1;
        } else if (t == long.class || t == Long.class) {
            return 1L;
        } else if (t == boolean.class) {
            return false;
        } else if (t == List.class || t == java.util.Collection.class) {
            return List.of();
        } else if (t == Set.class) {
            return Set.of();
        } else if (t == Map.class) {
            return Map.of();
        } else if (t.isAssignableFrom(RuntimeException.class)) {
            return new RuntimeException("cause");
        } else if (t == Instant.class) {
            return Instant.EPOCH;
        } else if (t == Duration.class) {
            return Duration.ofSeconds(1);
        } else if (t.isEnum()) {
            return t.getEnumConstants()[0];
        } else if (t.isRecord()) {
            Class<?>[] types =
                    Stream.of(t.getRecordComponents()).map(c -> c.getType()).toArray(Class<?>[]::new);
            try {
                Object[] values = Stream.of(types).map(ErrorKindsTest::sample).toArray();
                return t.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }
}
