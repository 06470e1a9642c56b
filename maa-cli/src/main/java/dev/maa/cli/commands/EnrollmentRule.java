package dev.maa.cli.commands;

import dev.maa.core.config.MaaHome;
import dev.maa.server.ApprovalsSettings;
import dev.maa.server.ServerSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The hosts' rule for keys enrolled by request, for the commands that verify signed reviews offline ({@code maa
 * approvals verify}, {@code maa audit verify --signatures}): {@code --enrollment-approvals N}, else
 * {@code approvals.enrollment_approvals} of the maa.yaml that {@code maa serve} reads (default 2), refused below 2
 * with start-up's message. One option and one reading, so both commands judge an export as the hosts do.
 */
public final class EnrollmentRule {

    @Option(
            names = "--enrollment-approvals",
            paramLabel = "N",
            description = "How many other admins' trusted keys a key enrolled by request needs (at least 2); default:"
                    + " approvals.enrollment_approvals of --config, else 2.")
    Integer enrollmentApprovals;

    /** The rule: the option if given, else {@code config} (may be null) read with {@code home} (may be null). */
    int resolve(Path config, Path home) {
        return enrollmentApprovals != null
                ? ApprovalsSettings.enrollmentApprovals(enrollmentApprovals, "--enrollment-approvals")
                : ServerSettings.of(config, MaaHome.resolve(home, System.getenv()))
                        .approvals()
                        .enrollmentApprovals();
    }
}
