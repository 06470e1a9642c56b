package dev.maa.cli.commands;

import dev.maa.api.AuditEntry;
import dev.maa.api.AuditVerification;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import dev.maa.cli.backend.Backend;
import dev.maa.cli.backend.LocalBackend;
import dev.maa.core.audit.AuditJsonLines;
import dev.maa.core.signing.Anchors;
import dev.maa.core.signing.SignedReviewAudit;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maa audit verify|export}: the hash-chained audit trail. */
@Command(
        name = "audit",
        description = "Verify or export the tamper-evident audit trail.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand {

    @Command(
            name = "verify",
            description = "Recompute the keyed hash chain; exit 8 naming each failed check (seq and"
                    + " check: sequence, link, mac, head, anchor, beyond-head, staged-mac, request-integrity).")
    public static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Option(
                names = "--signatures",
                description = "Also re-verify every passkey-signed review under the anchors in FILE.",
                paramLabel = "ANCHORS")
        Path anchors;

        @Mixin
        EnrollmentRule enrollmentRule;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            int approvals = anchors == null ? 0 : enrollmentRule.resolve(options.config, options.home);
            try (Backend backend = options.backend(spec.commandLine().getErr())) {
                AuditVerification v = backend.verifyAudit();
                int signatures = anchors == null ? ExitCodes.OK : verifySignatures(backend, out, approvals);
                if (options.json) {
                    Json.print(
                            out,
                            Map.of(
                                    "entriesChecked",
                                    v.entriesChecked(),
                                    "intact",
                                    v.intact(),
                                    "problems",
                                    v.problems()));
                } else if (v.intact()) {
                    out.println("Audit trail intact: " + v.entriesChecked() + " entries, keyed hash chain verified.");
                } else {
                    out.println("AUDIT TRAIL BROKEN: " + v.problems().size() + " problem(s) in " + v.entriesChecked()
                            + " entries:");
                    v.problems().forEach(p -> out.println("  " + p));
                }
                out.flush();
                return v.intact() && signatures == ExitCodes.OK ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
            }
        }

        private int verifySignatures(Backend backend, PrintWriter out, int enrollmentApprovals) {
            Anchors a;
            try {
                a = Anchors.read(anchors);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.CONFIGURATION, e.getMessage());
            }
            StringWriter lines = new StringWriter();
            backend.exportAudit(lines);
            List<AuditEntry> entries = new ArrayList<>();
            lines.toString().lines().filter(l -> !l.isBlank()).forEach(l -> entries.add(AuditJsonLines.parse(l)));
            return ApprovalsCommand.report(
                    out, SignedReviewAudit.verify(entries, a, null, null, enrollmentApprovals), options.json);
        }
    }

    @Command(name = "export", description = "Write every audit entry as JSON lines (to a file or stdout).")
    public static final class Export implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DevOptions options;

        @Option(
                names = {"-o", "--out"},
                paramLabel = "FILE",
                description = "Write to FILE instead of stdout.")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (Backend backend = options.backend(spec.commandLine().getErr())) {
                if (file == null) {
                    Writer w = spec.commandLine().getOut();
                    backend.exportAudit(w);
                    w.flush();
                    return ExitCodes.OK;
                }
                long total = backend instanceof LocalBackend local
                        ? local.environment().store().auditLog().size()
                        : -1;
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                        ProgressBar bar = new ProgressBarBuilder()
                                .setTaskName("audit export")
                                .setInitialMax(total)
                                .setStyle(ProgressBarStyle.ASCII)
                                .setConsumer(
                                        System.console() == null
                                                ? new DelegatingProgressBarConsumer(line -> {})
                                                : new ConsoleProgressBarConsumer(System.err))
                                .setUpdateIntervalMillis(200)
                                .build()) {
                    long n = backend.exportAudit(new LineCounting(w, bar));
                    bar.stepTo(n);
                    spec.commandLine().getErr().println("Exported " + n + " audit entries to " + file + ".");
                }
                return ExitCodes.OK;
            }
        }
    }

    /** Steps the progress bar once per exported line. */
    private static final class LineCounting extends FilterWriter {
        private final ProgressBar bar;

        LineCounting(Writer out, ProgressBar bar) {
            super(out);
            this.bar = bar;
        }

        @Override
        public void write(int c) throws IOException {
            super.write(c);
            if (c == '\n') {
                bar.step();
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            super.write(cbuf, off, len);
            for (int i = off; i < off + len; i++) {
                if (cbuf[i] == '\n') {
                    bar.step();
                }
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            super.write(str, off, len);
            for (int i = off; i < off + len; i++) {
                if (str.charAt(i) == '\n') {
                    bar.step();
                }
            }
        }
    }
}
