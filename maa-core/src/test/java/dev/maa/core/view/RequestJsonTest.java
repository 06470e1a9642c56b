package dev.maa.core.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestJsonTest {

    @Test
    void details_ofNestedValues_readAsWords_notAsJson() {
        String line = RequestJson.details("{\"approvals\":[{\"groups\":[\"App Approvers\",\"Security\"],"
                + "\"policy\":\"App changes\",\"required\":1}],\"groups\":[\"App Approvers\"],\"notes\":\"ok\","
                + "\"from\":null}");

        assertThat(line)
                .isEqualTo("approvals: (groups=App Approvers; Security, policy=App changes, required=1), "
                        + "groups: App Approvers, notes: ok");
        assertThat(line).doesNotContain("{", "[", "\"");
    }

    @Test
    void details_escapeHiddenCharacters() {
        assertThat(RequestJson.details("{\"notes\":\"app-\\u202Edorp\"}")).contains("⟨U+202E⟩");
    }
}
