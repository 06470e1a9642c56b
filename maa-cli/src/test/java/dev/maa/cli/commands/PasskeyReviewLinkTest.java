package dev.maa.cli.commands;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.cli.CliException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * {@code maa approve ID} on a request of a passkey policy links out to the console's review of that request, where
 * the approver's passkey signs: the URL names the server and the request, nothing secret.
 */
class PasskeyReviewLinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReviewCommands.Approve approve(String id, String server) {
        ReviewCommands.Approve a = new ReviewCommands.Approve();
        a.id = id;
        a.options = new DevOptions();
        a.options.server = URI.create(server);
        return a;
    }

    @Test
    void approve_ofAPasskeyPolicyRequest_printsTheConsoleUrlOfItsReview() throws Exception {
        JsonNode request =
                JSON.readTree("{\"factors\": [{\"policy\": \"App changes\", \"approvalAssurance\": \"session\"},"
                        + " {\"policy\": \"Prod apps\", \"approvalAssurance\": \"passkey\"}]}");

        assertThatThrownBy(() -> approve("0f2c-id", "https://maa.example.com/").requireSessionReview(request))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("policy Prod apps: approval_assurance passkey")
                .hasMessageContaining("https://maa.example.com/console/#/requests/0f2c-id")
                .hasMessageNotContaining("token");
    }

    @Test
    void approve_ofASessionPolicyRequest_goesAhead() throws Exception {
        JsonNode request =
                JSON.readTree("{\"factors\": [{\"policy\": \"App changes\", \"approvalAssurance\": \"session\"}]}");

        assertThatCode(() -> approve("0f2c-id", "https://maa.example.com").requireSessionReview(request))
                .doesNotThrowAnyException();
    }
}
