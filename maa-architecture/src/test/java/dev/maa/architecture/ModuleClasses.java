package dev.maa.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The compiled classes of every module of the build, read from each module's {@code target/classes} and
 * {@code target/test-classes}. Read from the directories rather than the class path: the agent's jar is shaded, and
 * other modules' tests are on no class path here.
 */
final class ModuleClasses {

    /** The repository root: this module's parent directory (surefire runs in the module's directory). */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static JavaClasses main;
    private static JavaClasses all;

    private ModuleClasses() {}

    /** Library, application, sample and benchmark classes, without tests. */
    static synchronized JavaClasses main() {
        if (main == null) {
            main = mainAndTests()
                    .that(DescribedPredicate.describe(
                            "main classes",
                            c -> c.getSource()
                                    .map(s -> s.getUri().toString().contains("/target/classes/"))
                                    .orElse(false)));
        }
        return main;
    }

    /** Main and test classes of every module. */
    static synchronized JavaClasses mainAndTests() {
        if (all == null) {
            List<Path> paths = new ArrayList<>(outputs("classes"));
            paths.addAll(outputs("test-classes"));
            all = new ClassFileImporter().importPaths(paths);
        }
        return all;
    }

    /** The directories with a {@code pom.xml} and {@code src/main/java}: every module but this one. */
    static List<Path> moduleDirs() {
        List<Path> dirs = new ArrayList<>();
        for (Path parent : List.of(ROOT, ROOT.resolve("samples"))) {
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                        .filter(d -> Files.isDirectory(d.resolve("src/main/java")))
                        .sorted()
                        .forEach(dirs::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dirs;
    }

    /** Whether {@code c} is part of a library module's main code (not a test, sample or benchmark). */
    static boolean isLibrary(JavaClass c) {
        String p = c.getPackageName();
        return p.startsWith("dev.maa.")
                && !p.startsWith("dev.maa.samples")
                && !p.startsWith("dev.maa.benchmarks")
                && !p.startsWith("dev.maa.architecture");
    }

    private static List<Path> outputs(String kind) {
        List<Path> paths = new ArrayList<>();
        for (Path module : moduleDirs()) {
            Path out = module.resolve("target").resolve(kind);
            if (Files.isDirectory(out)) {
                paths.add(out);
            } else if (kind.equals("classes")) {
                throw new IllegalStateException(ROOT.relativize(module) + " has no compiled classes (" + out + "):"
                        + " build the modules first, e.g. ./mvnw -o -pl maa-architecture -am verify");
            }
        }
        return paths;
    }
}
