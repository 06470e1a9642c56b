package dev.maa.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.ChatMessages;
import dev.maa.api.Notification;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.notify.testing.BlockKitRules;
import dev.maa.notify.testing.TestNotifications;
import dev.maa.notify.testing.WebhookServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chat cards updated in place (issue 21): the Slack Web API and the Teams Bot Framework channels keep the message
 * they posted for a request in the store the outbox gives them ({@link ChatMessages}), so a new channel instance on
 * the same store (a restart, another node) updates that card instead of posting a new one. Slack and Teams cannot be
 * reached from here: a loopback receiver answers as their published APIs do (Slack's {@code chat.postMessage} and
 * {@code chat.update}; the Bot Framework's token endpoint, {@code POST .../activities} and
 * {@code PUT .../activities/{id}}), and the cards are checked against the Adaptive Cards 1.5 schema and Block Kit's
 * rules.
 */
class ChatCardsInPlaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK = "https://maa.example.com/requests/{id}";
    private static final String CONVERSATION = "19:abc@thread.tacv2";

    private final WebhookServer server = new WebhookServer();
    private final InMemoryRequestStore store = new InMemoryRequestStore();

    @AfterEach
    void tearDown() {
        server.close();
    }

    private JsonNode body(int i) throws IOException {
        return JSON.readTree(server.received().get(i).body());
    }

    private List<String> calls() {
        return server.received().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Answers like the Bot Framework: a token, then the activity's id. */
    private void answerLikeTheBotFramework() {
        server.answer(r -> r.path().endsWith("/token")
                ? "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"bot-token-1\"}"
                : "{\"id\":\"1:activity-7\"}");
    }

    private TeamsChannel teamsBot() {
        return TeamsChannel.builder()
                .bot(
                        "00000000-0000-0000-0000-000000000001",
                        "s3cret",
                        server.botUrl().resolve("teams/"),
                        CONVERSATION)
                .tokenUrl(server.botUrl().resolve("token"))
                .linkTemplate(LINK)
                .build();
    }

    @Test
    void teamsBot_postsTheFirstCard_thenPutsUpdatesToIt_withOneCachedToken_neverGoingBack() throws Exception {
        answerLikeTheBotFramework();
        TeamsChannel teams = teamsBot();
        Notification submitted = TestNotifications.submitted("r-1");
        Notification approved = ChatChannelsTest.atVersion(TestNotifications.approved("r-1"), 2);

        teams.deliver(new Delivery(submitted.eventId(), submitted, 1, store));
        teams.deliver(new Delivery(approved.eventId(), approved, 1, store));
        teams.deliver(new Delivery(submitted.eventId(), submitted, 2, store)); // a repeat of the older state

        String activities = "/bot/teams/v3/conversations/19%3Aabc%40thread.tacv2/activities";
        assertThat(calls())
                .containsExactly("POST /bot/token", "POST " + activities, "PUT " + activities + "/1%3Aactivity-7");
        String form = new String(server.received().get(0).body(), StandardCharsets.UTF_8);
        assertThat(form)
                .contains("grant_type=client_credentials")
                .contains("client_id=00000000-0000-0000-0000-000000000001")
                .contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default");
        assertThat(server.received().get(1).header("Authorization")).isEqualTo("Bearer bot-token-1");
        assertThat(server.received().get(2).header("Authorization")).isEqualTo("Bearer bot-token-1");
        for (int i = 1; i <= 2; i++) {
            JsonNode activity = body(i);
            assertThat(activity.path("type").asText()).isEqualTo("message");
            JsonNode card = activity.path("attachments").get(0).path("content");
            assertThat(ChatChannelsTest.schemaErrors(card)).isEmpty();
        }
        assertThat(body(2).path("id").asText()).isEqualTo("1:activity-7");
        assertThat(body(2).toString()).contains("APPROVED");
        assertThat(store.find("r-1", "teams")).isEqualTo(new ChatMessages.Posted("1:activity-7", 2));
    }

    @Test
    void afterARestart_aNewTeamsChannelOnTheSameStore_updatesTheSameCard() throws Exception {
        answerLikeTheBotFramework();
        Notification submitted = TestNotifications.submitted("r-2");
        Notification approved = ChatChannelsTest.atVersion(TestNotifications.approved("r-2"), 2);
        teamsBot().deliver(new Delivery(submitted.eventId(), submitted, 1, store));

        teamsBot().deliver(new Delivery(approved.eventId(), approved, 1, store)); // another instance: a restart

        assertThat(calls())
                .filteredOn(c -> !c.endsWith("/token"))
                .hasSize(2)
                .last()
                .asString()
                .startsWith("PUT ");
    }

    @Test
    void afterARestart_aNewSlackChannelOnTheSameStore_updatesTheSameMessage() throws Exception {
        server.answer(r -> "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1700000000.000100\"}");
        Notification submitted = TestNotifications.submitted("r-3");
        Notification approved = ChatChannelsTest.atVersion(TestNotifications.approved("r-3"), 2);
        ChatChannelsTest.slackApi(server).deliver(new Delivery(submitted.eventId(), submitted, 1, store));

        ChatChannelsTest.slackApi(server)
                .deliver(new Delivery(approved.eventId(), approved, 1, store)); // another instance: a restart

        assertThat(calls()).containsExactly("POST /api/chat.postMessage", "POST /api/chat.update");
        JsonNode update = body(1);
        assertThat(update.path("channel").asText()).isEqualTo("C0123456789");
        assertThat(update.path("ts").asText()).isEqualTo("1700000000.000100");
        assertThat(BlockKitRules.violations(update)).isEmpty();
    }

    @Test
    void teamsBot_postsANewCard_whenTheActivityIsGone_andClassifiesFailuresLikeTheOtherChannels() throws Exception {
        server.answer(
                r -> r.path().endsWith("/token") ? "{\"expires_in\":3600,\"access_token\":\"t\"}" : "{\"id\":\"a-2\"}");
        store.record("r-4", "teams", new ChatMessages.Posted("a-1", 1));
        server.respond(200, 404); // the token, then the PUT of a deleted activity
        Notification approved = ChatChannelsTest.atVersion(TestNotifications.approved("r-4"), 2);
        TeamsChannel teams = teamsBot();

        teams.deliver(new Delivery(approved.eventId(), approved, 1, store));

        assertThat(calls()).extracting(c -> c.substring(0, c.indexOf(' '))).containsExactly("POST", "PUT", "POST");
        assertThat(store.find("r-4", "teams")).isEqualTo(new ChatMessages.Posted("a-2", 2));

        Notification later = ChatChannelsTest.atVersion(TestNotifications.approved("r-4"), 3);
        server.header("Retry-After", "7").respond(429, 400);
        assertThatThrownBy(() -> teams.deliver(new Delivery(later.eventId(), later, 1, store)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
        assertThatThrownBy(() -> teams.deliver(new Delivery(later.eventId(), later, 1, store)))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("conversation_id");
    }

    @Test
    void teamsBot_settings_areCheckedAtOnce_namingWhatToSet() {
        assertThatThrownBy(() -> TeamsChannel.builder().bot("not a guid!", "s", URI.create("https://x/"), "19:a"))
                .hasMessageContaining("app_id");
        assertThatThrownBy(() -> TeamsChannel.builder()
                        .bot("00000000-0000-0000-0000-000000000001", "s", URI.create("ftp://x/"), "19:a"))
                .hasMessageContaining("service_url");
        assertThatThrownBy(() -> TeamsChannel.builder()
                        .webhookUrl(server.url())
                        .bot("00000000-0000-0000-0000-000000000001", "s", server.botUrl(), CONVERSATION)
                        .linkTemplate(LINK)
                        .build())
                .hasMessageContaining("not both");
    }
}
