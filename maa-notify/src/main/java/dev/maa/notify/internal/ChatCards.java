package dev.maa.notify.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.ApprovalRequest;
import dev.maa.api.DisplayText;
import dev.maa.api.Notification;
import dev.maa.api.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat cards of a notification: a Slack Block Kit message and a Microsoft Teams Adaptive Card 1.5, both showing the
 * request (resource, action, requester, the open stage of a staged request, justification, the call, expiry) with
 * one button that opens the request's review page in the console; a reminder, an escalation, a voided request and a
 * withdrawn approval also say in a sentence what happened.
 *
 * <p>Why a link and no approve button: a review needs the signed-in reviewer, their factors (a passkey where the
 * policy asks for one) and the request's digest, which only the console checks; a chat button would approve as
 * whoever can click in the channel. Texts people chose (ids, justification, the call's arguments) show hidden
 * characters escaped ({@link DisplayText}) and are escaped for each platform's markup, so they cannot ping a
 * channel or disguise a link; every text is cut to the platform's documented limit.
 */
public final class ChatCards {

    /** Block Kit: header text at most 150 characters. */
    public static final int SLACK_HEADER_MAX = 150;
    /** Block Kit: a section's text at most 3000 characters. */
    public static final int SLACK_SECTION_MAX = 3000;
    /** Block Kit: a section's field text at most 2000 characters, at most 10 fields. */
    public static final int SLACK_FIELD_MAX = 2000;

    public static final int SLACK_FIELDS_MAX = 10;
    /** Block Kit: a button's text at most 75 characters, its URL at most 3000. */
    public static final int SLACK_BUTTON_TEXT_MAX = 75;

    public static final int SLACK_URL_MAX = 3000;
    /** How much of the call's canonical JSON a card shows; the console shows all of it. */
    public static final int CALL_MAX = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Rendering rendering;

    /** @param linkTemplate the console's review page, e.g. {@code https://maa.example.com/requests/{id}}: required */
    public ChatCards(String linkTemplate) {
        if (linkTemplate == null || linkTemplate.isBlank()) {
            throw new IllegalArgumentException("chat cards link to the console's review page: set link_template,"
                    + " e.g. https://maa.example.com/requests/{id}");
        }
        this.rendering = new Rendering(linkTemplate);
    }

    /** The console link of the notification's request. */
    public String link(Notification n) {
        return rendering.link(n.request());
    }

    /** One line for notifications and clients without blocks or cards. */
    public String fallbackText(Notification n) {
        ApprovalRequest r = n.request();
        return DisplayText.escapeLine(Rendering.title(n.kind()) + ": " + r.action() + " "
                + r.resource().key() + " by " + r.requester().id() + " (request " + r.id() + ")");
    }

    /** The Slack message: {@code text} (the fallback) and {@code blocks}; add {@code channel}, {@code ts} as needed. */
    public ObjectNode slackMessage(Notification n) {
        ApprovalRequest r = n.request();
        ObjectNode message = JSON.createObjectNode();
        message.put("text", Rendering.chatEscape(fallbackText(n)));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.set("text", plain(cut(title(n), SLACK_HEADER_MAX)));
        String happened = Rendering.whatHappened(n);
        if (!happened.isEmpty()) {
            blocks.addObject().put("type", "section").set("text", mrkdwn(cut(slack(happened), SLACK_SECTION_MAX)));
        }
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        facts(r).entrySet().stream()
                .limit(SLACK_FIELDS_MAX)
                .forEach(f -> fields.add(mrkdwn(cut("*" + f.getKey() + "*\n" + slack(f.getValue()), SLACK_FIELD_MAX))));
        String justification = r.justification().isEmpty() ? "(none)" : r.justification();
        blocks.addObject()
                .put("type", "section")
                .set("text", mrkdwn(cut("*Justification*\n" + slack(justification), SLACK_SECTION_MAX)));
        blocks.addObject()
                .put("type", "section")
                .set("text", mrkdwn(cut("*The call*\n```" + slack(call(r)) + "```", SLACK_SECTION_MAX)));
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements")
                .add(mrkdwn(cut(
                        "Request " + slack(r.id()) + " · event " + n.eventId() + " · review it in the console",
                        SLACK_FIELD_MAX)));
        ObjectNode actions = blocks.addObject().put("type", "actions");
        ObjectNode button = actions.putArray("elements").addObject().put("type", "button");
        button.set("text", plain(cut(buttonText(n), SLACK_BUTTON_TEXT_MAX)));
        button.put("url", cut(link(n), SLACK_URL_MAX));
        button.put("action_id", "maa-open-review");
        if (open(r)) {
            button.put("style", "primary");
        }
        return message;
    }

    /** The Teams card: an Adaptive Card 1.5 in the message envelope that incoming webhooks and Workflows take. */
    public ObjectNode teamsMessage(Notification n) {
        ApprovalRequest r = n.request();
        ObjectNode card = JSON.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.5");
        card.put("fallbackText", fallbackText(n));
        ArrayNode body = card.putArray("body");
        body.addObject()
                .put("type", "TextBlock")
                .put("text", teams(title(n)))
                .put("size", "Medium")
                .put("weight", "Bolder")
                .put("wrap", true);
        String happened = Rendering.whatHappened(n);
        if (!happened.isEmpty()) {
            body.addObject()
                    .put("type", "TextBlock")
                    .put("text", teams(happened))
                    .put("wrap", true);
        }
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        facts(r).forEach((k, v) -> facts.addObject().put("title", k).put("value", teams(v)));
        body.addObject().put("type", "TextBlock").put("text", "Justification").put("weight", "Bolder");
        body.addObject()
                .put("type", "TextBlock")
                .put("text", teams(r.justification().isEmpty() ? "(none)" : r.justification()))
                .put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", "The call").put("weight", "Bolder");
        body.addObject()
                .put("type", "TextBlock")
                .put("text", teams(call(r)))
                .put("fontType", "Monospace")
                .put("wrap", true);
        body.addObject()
                .put("type", "TextBlock")
                .put("text", teams("Request " + r.id() + " · event " + n.eventId() + " · review it in the console"))
                .put("isSubtle", true)
                .put("size", "Small")
                .put("wrap", true);
        ObjectNode button = card.putArray("actions").addObject();
        button.put("type", "Action.OpenUrl").put("title", buttonText(n)).put("url", link(n));
        if (open(r)) {
            button.put("style", "positive");
        }
        ObjectNode message = JSON.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return message;
    }

    /** The facts both cards show, in order. */
    private static Map<String, String> facts(ApprovalRequest r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Resource", r.resource().key());
        f.put("Action", r.action().name());
        f.put("Requested by", r.requester().id());
        f.put("Status", r.status().name());
        String stage = Rendering.openStage(r);
        if (!stage.isEmpty()) {
            f.put("Waiting for", stage);
        }
        f.put("Approver groups", String.join(", ", Rendering.approverGroups(r)));
        f.put("Expires", r.expiresAt().toString());
        List<String> flags = new ArrayList<>();
        if (r.urgent()) {
            flags.add("urgent");
        }
        if (r.emergency()) {
            flags.add("break-glass");
        }
        if (!flags.isEmpty()) {
            f.put("Flags", String.join(", ", flags));
        }
        if (!r.outcome().isEmpty()) {
            f.put("Outcome", r.outcome());
        }
        return f;
    }

    private static String title(Notification n) {
        ApprovalRequest r = n.request();
        return Rendering.title(n.kind()) + ": " + r.action() + " "
                + r.resource().key();
    }

    private static String call(ApprovalRequest r) {
        String call = r.operation().signature() + " " + r.payload();
        return call.length() > CALL_MAX ? call.substring(0, CALL_MAX) + "… (the console shows all of it)" : call;
    }

    private static boolean open(ApprovalRequest r) {
        return r.status() == Status.NEEDS_APPROVAL || r.awaitsPostReview();
    }

    private static String buttonText(Notification n) {
        return open(n.request()) ? "Review in the console" : "Open in the console";
    }

    /** Hidden characters shown, then Slack's {@code & < >} escaped; backticks would end the code block. */
    private static String slack(String s) {
        return Rendering.chatEscape(DisplayText.escape(s)).replace("`", "'");
    }

    /**
     * Hidden characters shown, then the Markdown that Teams renders in a TextBlock (links, emphasis, code, HTML-like
     * tags) escaped with backslashes, so a chosen text cannot disguise a link.
     */
    static String teams(String s) {
        return DisplayText.escape(s).replaceAll("([\\\\`*_\\[\\]~<>])", "\\\\$1");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static ObjectNode plain(String text) {
        return JSON.createObjectNode()
                .put("type", "plain_text")
                .put("text", text)
                .put("emoji", false);
    }

    private static ObjectNode mrkdwn(String text) {
        return JSON.createObjectNode().put("type", "mrkdwn").put("text", text);
    }

    /** JSON bytes of a card. */
    public static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
