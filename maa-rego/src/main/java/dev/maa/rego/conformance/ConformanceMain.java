package dev.maa.rego.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ConformanceMain DIR [--report FILE] [--verbose]}: runs the cases, prints one line per
 * category, the causes line and the totals line, optionally writes the Markdown report. Exit code 1
 * if any case answers differently from OPA (cause {@code OTHER}); cases that only lack a builtin or
 * the network are reported, not fatal.
 */
public final class ConformanceMain {
    private ConformanceMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ConformanceMain DIR [--report FILE] [--verbose]");
            System.exit(2);
        }
        ConformanceReport r = new ConformanceRunner().run(Path.of(args[0]));
        boolean verbose = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--report") && i + 1 < args.length) {
                Files.writeString(Path.of(args[++i]), r.toMarkdown());
            } else if (args[i].equals("--verbose")) {
                verbose = true;
            }
        }
        if (verbose) {
            for (CaseResult c : r.cases()) {
                if (c.status() != CaseResult.Status.PASSED) {
                    System.out.println(
                            c.status() + " " + c.cause() + " " + c.file() + " :: " + c.note() + " :: " + c.reason());
                }
            }
        }
        System.out.print(r.summary());
        System.exit(r.differsFromOpa() ? 1 : 0);
    }
}
