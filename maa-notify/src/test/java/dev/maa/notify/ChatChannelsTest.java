package dev.maa.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.Notification;
import dev.maa.notify.testing.BlockKitRules;
import dev.maa.notify.testing.TestNotifications;
import dev.maa.notify.testing.WebhookServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack and Teams channels against local HTTP receivers (Slack and Teams cannot be reached from here): every
 * Teams card validates against the published Adaptive Cards 1.5 JSON schema, every Slack message keeps Block Kit's
 * documented block types and limits ({@link BlockKitRules}), both show the request and link to its review page.
 */
class ChatChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK = "https://maa.example.com/requests/{id}";
    private static final JsonSchema ADAPTIVE_CARD_1_5 = adaptiveCardSchema();

    private final WebhookServer server = new WebhookServer();

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static JsonSchema adaptiveCardSchema() {
        try (InputStream in = ChatChannelsTest.class.getResourceAsStream("/adaptive-cards/adaptive-card-1.5.json")) {
            // the published file says draft-06 but names itself with draft-04's "id": read that as an annotation
            JsonMetaSchema draft6 = JsonMetaSchema.builder(JsonMetaSchema.getV6())
                    .keyword(new NonValidationKeyword("id"))
                    .build();
            return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V6))
                    .metaSchema(draft6)
                    .build()
                    .getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> schemaErrors(JsonNode card) {
        return ADAPTIVE_CARD_1_5.validate(card).stream().map(Object::toString).collect(Collectors.toSet());
    }

    private static Notification withJustification(Notification n, String justification) {
        ApprovalRequest r = n.request().toBuilder().justification(justification).build();
        return new Notification(n.kind(), r, n.recipients(), n.text(), n.eventId());
    }

    static Notification atVersion(Notification n, long version) {
        ApprovalRequest r = n.request().toBuilder().version(version).build();
        return new Notification(n.kind(), r, n.recipients(), n.text(), n.eventId());
    }

    private JsonNode body(int i) throws IOException {
        return JSON.readTree(server.received().get(i).body());
    }

    private TeamsChannel teams() {
        return TeamsChannel.builder()
                .webhookUrl(server.url())
                .linkTemplate(LINK)
                .build();
    }

    private SlackChannel slackWebhook() {
        return SlackChannel.builder()
                .webhookUrl(server.url())
                .linkTemplate(LINK)
                .build();
    }

    private SlackChannel slackApi() {
        return slackApi(server);
    }

    /** A Slack Web API channel whose API is {@code server}. */
    static SlackChannel slackApi(WebhookServer server) {
        return SlackChannel.builder()
                .botToken("xoxb-test-token")
                .channel("C0123456789")
                .apiUrl(server.apiUrl())
                .linkTemplate(LINK)
                .build();
    }

    @Test
    void teamsCard_isAValidAdaptiveCard15_showingTheRequest_withALinkToItsReviewPage() throws Exception {
        Notification n = TestNotifications.submitted("r-1");
        teams().deliver(new Delivery(n.eventId(), n, 1));

        JsonNode message = body(0);
        assertThat(message.path("type").asText()).isEqualTo("message");
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(schemaErrors(card)).isEmpty();
        assertThat(card.path("version").asText()).isEqualTo("1.5");
        String text = card.toString();
        assertThat(text)
                .contains("app-42", "DELETE", "alice", "CHG-1234 remove retired app")
                .contains("com.acme.AppAdmin#deleteApp(java.lang.String)")
                .contains("2026-01-06T10:00:00Z")
                .contains(n.eventId());
        JsonNode button = card.path("actions").get(0);
        assertThat(button.path("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(button.path("url").asText()).isEqualTo("https://maa.example.com/requests/r-1");
        assertThat(text).doesNotContain("Action.Submit", "Action.Execute");
    }

    @Test
    void theSchemaCheck_refusesACardThatBreaksIt() {
        ObjectNode card = JSON.createObjectNode().put("type", "AdaptiveCard").put("version", "1.5");
        card.putArray("body")
                .addObject()
                .put("type", "TextBlock")
                .put("size", "Huge")
                .put("text", "x");
        card.put("colour", "red");

        assertThat(schemaErrors(card)).isNotEmpty();
    }

    @Test
    void slackMessage_keepsBlockKitsTypesAndLimits_evenWithAVeryLongJustification() throws Exception {
        Notification n = withJustification(TestNotifications.submitted("r-2"), "x".repeat(5_000));
        slackWebhook().deliver(new Delivery(n.eventId(), n, 1));

        JsonNode message = body(0);
        assertThat(BlockKitRules.violations(message)).isEmpty();
        assertThat(message.toString())
                .contains("app-42", "DELETE", "alice", "com.acme.AppAdmin#deleteApp", "2026-01-06T10:00:00Z");
        JsonNode button = message.findValues("elements").stream()
                .flatMap(e -> java.util.stream.StreamSupport.stream(e.spliterator(), false))
                .filter(e -> e.path("type").asText().equals("button"))
                .findFirst()
                .orElseThrow();
        assertThat(button.path("url").asText()).isEqualTo("https://maa.example.com/requests/r-2");
        assertThat(button.path("style").asText()).isEqualTo("primary");
    }

    @Test
    void reminderCards_showTheOpenStage_andSayWhatHappened() throws Exception {
        Notification n = TestNotifications.stagedReminder("r-8");
        slackWebhook().deliver(new Delivery(n.eventId(), n, 1));
        teams().deliver(new Delivery(n.eventId(), n, 1));

        JsonNode slack = body(0);
        assertThat(BlockKitRules.violations(slack)).isEmpty();
        assertThat(slack.toString())
                .contains("Reminder: approval needed")
                .contains("stage 2 of 3: security")
                .contains("still needs your approval");
        JsonNode card = body(1).path("attachments").get(0).path("content");
        assertThat(schemaErrors(card)).isEmpty();
        assertThat(card.toString()).contains("stage 2 of 3: security").contains("still needs your approval");
    }

    @Test
    void cardsOfASingleStageRequest_orOfAPlainSubmission_showNoStageAndNoSentence() throws Exception {
        Notification n = TestNotifications.submitted("r-9");
        slackWebhook().deliver(new Delivery(n.eventId(), n, 1));
        teams().deliver(new Delivery(n.eventId(), n, 1));

        assertThat(body(0).toString()).doesNotContain("stage ").doesNotContain(n.text());
        assertThat(body(1).toString()).doesNotContain("stage ").doesNotContain(n.text());
    }

    @Test
    void webhookBody_namesTheOpenStage_forAutomation() throws Exception {
        JsonNode body = JSON.readTree(
                new dev.maa.notify.internal.Rendering(LINK).webhookBody(TestNotifications.stagedReminder("r-11")));

        assertThat(body.path("kind").asText()).isEqualTo("REMINDER");
        assertThat(body.path("stage").asInt()).isEqualTo(2);
        assertThat(body.path("stages").asInt()).isEqualTo(3);
        assertThat(body.path("stage_text").asText()).isEqualTo("stage 2 of 3: security");
        JsonNode plain = JSON.readTree(
                new dev.maa.notify.internal.Rendering(LINK).webhookBody(TestNotifications.approved("r-12")));
        assertThat(plain.path("stage").asInt()).isZero();
        assertThat(plain.path("stage_text").asText()).isEmpty();
    }

    @Test
    void escalatedVoidedAndWithdrawnCards_sayWhatHappened() throws Exception {
        Notification base = TestNotifications.stagedReminder("r-10");
        int i = 0;
        for (Notification.Kind kind :
                Set.of(Notification.Kind.ESCALATED, Notification.Kind.VOIDED, Notification.Kind.WITHDRAWN)) {
            Notification n = new Notification(kind, base.request(), base.recipients(), kind + " <!here> happened");
            slackWebhook().deliver(new Delivery(n.eventId(), n, 1));
            teams().deliver(new Delivery(n.eventId(), n, 1));
            assertThat(BlockKitRules.violations(body(i))).isEmpty();
            assertThat(body(i).toString()).contains(kind + " &lt;!here&gt; happened");
            JsonNode card = body(i + 1).path("attachments").get(0).path("content");
            assertThat(schemaErrors(card)).isEmpty();
            assertThat(card.path("body").get(1).path("text").asText()).isEqualTo(kind + " \\<!here\\> happened");
            i += 2;
        }
    }

    @Test
    void theBlockKitCheck_refusesWhatSlackDocumentsAsInvalid() {
        ObjectNode message = JSON.createObjectNode().put("text", "t");
        ObjectNode header = message.putArray("blocks").addObject().put("type", "header");
        header.putObject("text").put("type", "mrkdwn").put("text", "h".repeat(151));
        ((com.fasterxml.jackson.databind.node.ArrayNode) message.get("blocks"))
                .addObject()
                .put("type", "input");

        assertThat(BlockKitRules.violations(message))
                .anyMatch(v -> v.contains("plain_text only"))
                .anyMatch(v -> v.contains("1 to 150 characters"))
                .anyMatch(v -> v.contains("'input' is not a block type"));
    }

    @Test
    void chosenTexts_cannotPingTheChannelOrDisguiseALink() throws Exception {
        Notification n = withJustification(
                TestNotifications.submitted("r-3"), "<!channel> [Approve](https://evil.example) <https://evil|ok>");
        slackWebhook().deliver(new Delivery(n.eventId(), n, 1));
        teams().deliver(new Delivery(n.eventId(), n, 1));

        String slack = body(0).toString();
        assertThat(slack).doesNotContain("<!channel>", "<https://evil|ok>").contains("&lt;!channel&gt;");
        String teams = body(1).path("attachments").get(0).path("content").toString();
        assertThat(teams).doesNotContain("[Approve](").contains("\\\\[Approve\\\\]");
    }

    @Test
    void slackWebApi_postsTheFirstCard_thenUpdatesItWhenTheRequestChanges() throws Exception {
        server.answer(r -> "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1700000000.000100\"}");
        SlackChannel slack = slackApi();
        Notification submitted = TestNotifications.submitted("r-4");
        Notification approved = atVersion(TestNotifications.approved("r-4"), 2);

        slack.deliver(new Delivery(submitted.eventId(), submitted, 1));
        slack.deliver(new Delivery(approved.eventId(), approved, 1));
        slack.deliver(new Delivery(submitted.eventId(), submitted, 2)); // a repeat of the older state

        assertThat(server.received())
                .extracting(WebhookServer.Received::path)
                .containsExactly("/api/chat.postMessage", "/api/chat.update");
        assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer xoxb-test-token");
        assertThat(body(0).path("channel").asText()).isEqualTo("C0123456789");
        JsonNode update = body(1);
        assertThat(update.path("ts").asText()).isEqualTo("1700000000.000100");
        assertThat(update.toString()).contains("APPROVED").contains("Open in the console");
        assertThat(BlockKitRules.violations(update)).isEmpty();
    }

    @Test
    void slackWebApi_postsANewCard_whenTheOldMessageIsGone() throws Exception {
        server.answer(r -> r.path().endsWith("chat.update")
                ? "{\"ok\":false,\"error\":\"message_not_found\"}"
                : "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1.2\"}");
        SlackChannel slack = slackApi();
        Notification submitted = TestNotifications.submitted("r-5");
        Notification approved = atVersion(TestNotifications.approved("r-5"), 2);

        slack.deliver(new Delivery(submitted.eventId(), submitted, 1));
        slack.deliver(new Delivery(approved.eventId(), approved, 1));

        assertThat(server.received())
                .extracting(WebhookServer.Received::path)
                .containsExactly("/api/chat.postMessage", "/api/chat.update", "/api/chat.postMessage");
        assertThat(body(2).has("ts")).isFalse();
    }

    @Test
    void slackWebApiErrors_nameSlacksError_andOnlyRateLimitsAreRetried() {
        server.answer(r -> "{\"ok\":false,\"error\":\"not_in_channel\"}");
        Notification n = TestNotifications.submitted("r-6");
        assertThatThrownBy(() -> slackApi().deliver(new Delivery(n.eventId(), n, 1)))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("not_in_channel")
                .hasMessageContaining("invited to the channel");

        server.answer(r -> "{\"ok\":false,\"error\":\"ratelimited\"}");
        assertThatThrownBy(() -> slackApi().deliver(new Delivery(n.eventId(), n, 1)))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void teamsWebhookAnswering5xx_isRetried_and404IsNot_withoutShowingTheSecretPath() {
        Notification n = TestNotifications.submitted("r-7");
        server.respond(503, 404);
        assertThatThrownBy(() -> teams().deliver(new Delivery(n.eventId(), n, 1)))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> teams().deliver(new Delivery(n.eventId(), n, 1)))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("notifications.teams.webhook_url")
                .hasMessageNotContaining("secret-path");
    }

    @Test
    void chatChannels_withoutAConsoleLink_orWithBothWaysIntoSlack_areRefusedWithWhatToSet() {
        assertThatThrownBy(() -> TeamsChannel.builder().webhookUrl(server.url()).build())
                .hasMessageContaining("linkTemplate");
        assertThatThrownBy(() -> SlackChannel.builder().linkTemplate("https://maa.example.com/requests"))
                .hasMessageContaining("{id}");
        assertThatThrownBy(() -> SlackChannel.builder()
                        .webhookUrl(server.url())
                        .botToken("xoxb-1")
                        .channel("C1")
                        .linkTemplate(LINK)
                        .build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> SlackChannel.builder().webhookUrl(URI.create("ftp://x/y")))
                .hasMessageContaining("slack webhook_url must be an absolute http(s) URL");
    }

    @Test
    void throughTheOutbox_aRequestsCardIsPosted_andUpdatedWhenItIsApproved() throws Exception {
        server.answer(r -> "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"9.9\"}");
        var store = new dev.maa.core.store.InMemoryRequestStore();
        try (OutboxNotifier outbox = OutboxNotifier.builder(store)
                .channel(slackApi())
                .pollInterval(java.time.Duration.ofMillis(20))
                .registry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                .start()) {
            var engine = dev.maa.core.MaaEngine.builder()
                    .store(store)
                    .policyEngine(dev.maa.core.policy.RuleBasedPolicyEngine.builder()
                            .requireApproval(
                                    dev.maa.api.ResourceType.APP,
                                    Set.of(dev.maa.api.Action.DELETE),
                                    dev.maa.api.Factor.of("app-deletion", 1, "App-Approvers"))
                            .build())
                    .directory(dev.maa.core.directory.StaticDirectory.builder()
                            .user("alice", "Developers")
                            .user("bob", "App-Approvers")
                            .build())
                    .notifier(outbox)
                    .build();
            OutboxNotifierTest.AppAdmin apps = engine.protect(OutboxNotifierTest.AppAdmin.class, id -> {});
            String id;
            try (var who = dev.maa.api.Maa.actingAs(dev.maa.api.Principal.of("alice", "Developers"));
                    var why = dev.maa.api.Maa.justify("CHG-1234 remove retired app")) {
                apps.deleteApp("app-42");
                throw new AssertionError("deleteApp ran without approval");
            } catch (dev.maa.api.ApprovalRequiredException e) {
                id = e.requestId();
            }
            await().until(() -> server.received().size() == 1);
            engine.approvals().approve(id, dev.maa.api.Principal.of("bob", "App-Approvers"), "ok");
            await().until(() -> store.pending() == 0 && server.received().size() >= 2);
        }
        assertThat(server.received())
                .extracting(WebhookServer.Received::path)
                .containsExactly("/api/chat.postMessage", "/api/chat.update");
        assertThat(body(1).path("ts").asText()).isEqualTo("9.9");
        assertThat(body(1).toString()).contains("APPROVED");
    }
}
