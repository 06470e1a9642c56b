package dev.maa.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import dev.maa.rego.PreparedQuery;
import dev.maa.rego.QueryResult;
import dev.maa.rego.RegoEngine;
import dev.maa.rego.conformance.CaseResult;
import dev.maa.rego.conformance.ConformanceReport;
import dev.maa.rego.conformance.ConformanceRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maa rego eval|conformance|capabilities}: the embedded Rego engine on its own. */
@Command(
        name = "rego",
        description = "Evaluate Rego with the embedded engine; run OPA conformance cases; print its capabilities.",
        subcommands = {RegoCommand.Eval.class, RegoCommand.Conformance.class, RegoCommand.Capabilities.class})
public final class RegoCommand {

    @Command(
            name = "eval",
            description = "Evaluate a query, e.g. maa rego eval -m policy.rego -i input.json data.maa.decision")
    public static final class Eval implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = {"-m", "--module"},
                paramLabel = "FILE|DIR",
                description = "A .rego file, or a directory searched for .rego files (repeatable).")
        List<Path> modules = new ArrayList<>();

        @Option(
                names = {"-d", "--data"},
                paramLabel = "FILE",
                description = "A JSON data document.")
        Path data;

        @Option(
                names = {"-i", "--input"},
                paramLabel = "FILE",
                description = "A JSON input document.")
        Path input;

        @Parameters(paramLabel = "QUERY", description = "The query, e.g. data.maa.decision or x = data.a[_].")
        String query;

        @Override
        public Integer call() {
            RegoEngine.Builder builder = RegoEngine.builder();
            for (Path m : modules) {
                for (Path file : regoFiles(m)) {
                    builder.module(file.toString(), read(file));
                }
            }
            if (data != null) {
                builder.data(readJson(data));
            }
            RegoEngine engine = builder.build();
            PreparedQuery prepared = engine.prepare(query);
            QueryResult result = prepared.eval(input == null ? null : readJson(input));
            PrintWriter out = spec.commandLine().getOut();
            if (!result.isDefined()) {
                out.println("undefined");
                out.flush();
                return ExitCodes.FAILED;
            }
            Json.print(
                    out,
                    query.trim().startsWith("data.") && result.bindings().size() <= 1
                            ? result.value()
                            : result.bindings());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "conformance",
            description = "Run OPA conformance YAML cases: a line per category and the totals;"
                    + " fails only when a case answers differently from OPA.")
    public static final class Conformance implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(
                paramLabel = "DIR",
                description = "A directory of OPA conformance YAML files (searched recursively).")
        Path dir;

        @Option(names = "--report", paramLabel = "FILE", description = "Also write a Markdown report of every case.")
        Path report;

        @Option(names = "--verbose", description = "Print each case that did not pass, with its reason.")
        boolean verbose;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new CliException(
                        ExitCodes.USAGE, "No directory " + dir + "; pass a folder of OPA conformance YAML files.");
            }
            ConformanceReport r = new ConformanceRunner().run(dir);
            PrintWriter out = spec.commandLine().getOut();
            if (verbose) {
                for (CaseResult c : r.cases()) {
                    if (c.status() != CaseResult.Status.PASSED) {
                        out.println(c.status() + " " + c.file() + " :: " + c.note() + " :: " + c.reason());
                    }
                }
            }
            if (report != null) {
                Files.writeString(report, r.toMarkdown());
            }
            out.print(r.summary());
            out.flush();
            return r.differsFromOpa() ? ExitCodes.VERIFICATION_FAILED : ExitCodes.OK;
        }
    }

    @Command(
            name = "capabilities",
            description =
                    "Print the engine's builtins and features as OPA's capabilities.json, for opa build --capabilities.")
    public static final class Capabilities implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(dev.maa.rego.builtins.Capabilities.json());
            out.flush();
            return ExitCodes.OK;
        }
    }

    static List<Path> regoFiles(Path p) {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            throw new CliException(ExitCodes.USAGE, "No such file or directory: " + p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(f -> f.toString().endsWith(".rego")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot read " + file + ": " + e.getMessage());
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return Json.exactMapper().readTree(read(file));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, file + " is not valid JSON: " + e.getMessage());
        }
    }
}
