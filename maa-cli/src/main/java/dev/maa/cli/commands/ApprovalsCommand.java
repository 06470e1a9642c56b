package dev.maa.cli.commands;

import dev.maa.api.AuditEntry;
import dev.maa.cli.CliException;
import dev.maa.cli.ExitCodes;
import dev.maa.cli.Json;
import dev.maa.core.audit.AuditJsonLines;
import dev.maa.core.signing.Anchors;
import dev.maa.core.signing.SignedReviewAudit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maa approvals verify EXPORT.jsonl --anchors FILE}: re-verify every passkey-signed review offline. */
@Command(
        name = "approvals",
        description = "Passkey-signed approvals.",
        subcommands = {ApprovalsCommand.Verify.class})
public final class ApprovalsCommand {

    @Command(
            name = "verify",
            description = "Re-verify every signed review in an audit export (`maa audit export`) with nothing but the"
                    + " anchor keys, under the hosts' enrollment rule (--config or --enrollment-approvals), and"
                    + " compare each key's signature counters; exit 8 naming each review that does not verify.")
    public static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "EXPORT", description = "Audit export, one JSON line per entry.")
        Path export;

        @Option(names = "--anchors", required = true, paramLabel = "FILE", description = "The anchors file.")
        Path anchors;

        @Option(names = "--rp-id", description = "Also check the WebAuthn relying-party id (e.g. maa.example.com).")
        String rpId;

        @Option(names = "--origin", description = "Also check the console origin(s) the assertions came from.")
        List<String> origins;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "The hosts' maa.yaml (as maa serve reads it): its approvals.enrollment_approvals is how"
                        + " many other admins' trusted keys a key enrolled by request needs (default 2).")
        Path config;

        @Option(
                names = "--home",
                paramLabel = "DIR",
                description = "MAA home for relative paths in --config (default: $MAA_HOME or ~/.maa).")
        Path home;

        @Mixin
        EnrollmentRule enrollmentRule;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Anchors a;
            try {
                a = Anchors.read(anchors);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.CONFIGURATION, e.getMessage());
            }
            int approvals = enrollmentRule.resolve(config, home);
            List<AuditEntry> entries = new ArrayList<>();
            int n = 0;
            for (String line : Files.readAllLines(export)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(AuditJsonLines.parse(line));
                } catch (IllegalArgumentException e) {
                    throw new CliException(ExitCodes.USAGE, export + ":" + n + ": " + e.getMessage());
                }
            }
            return report(
                    spec.commandLine().getOut(),
                    SignedReviewAudit.verify(entries, a, rpId, origins == null ? null : Set.copyOf(origins), approvals),
                    json);
        }
    }

    /** Prints a verification's result; the exit code. */
    static int report(PrintWriter out, SignedReviewAudit.Result r, boolean json) {
        if (json) {
            Json.print(out, Map.of("signedReviews", r.signedReviews(), "ok", r.ok(), "problems", r.problems()));
        } else if (r.ok()) {
            out.println("Signed reviews verified: " + r.signedReviews() + ", each under a key an anchor enrolled.");
        } else {
            out.println("SIGNED REVIEWS DO NOT VERIFY: " + r.problems().size() + " of " + r.signedReviews() + ":");
            r.problems().forEach(p -> out.println("  " + p));
        }
        out.flush();
        return r.ok() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }
}
