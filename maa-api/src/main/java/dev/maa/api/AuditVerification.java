package dev.maa.api;

import java.util.List;

/**
 * The result of checking the audit hash chain.
 *
 * @param entriesChecked how many entries were read
 * @param problems       one line per broken link (seq and what is wrong); empty when intact
 */
public record AuditVerification(long entriesChecked, List<String> problems) {

    public AuditVerification {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }
}
