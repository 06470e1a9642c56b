package dev.maa.notify.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Block Kit's documented rules for the blocks a message may hold, as Slack publishes them in its Block Kit reference
 * (blocks, composition objects, the button element) and in {@code chat.postMessage}: Slack cannot be reached from
 * here, so the tests check messages against these. Only the block and element types the channel uses are allowed:
 * anything else is reported, so a new kind of block needs its rules written here first.
 *
 * <ul>
 *   <li>a message: {@code text} (the notification fallback) at most 40,000 characters, at most 50 blocks;
 *   <li>{@code header}: {@code plain_text}, at most 150 characters;
 *   <li>{@code section}: {@code text} at most 3,000 characters and/or {@code fields}, at most 10, each at most 2,000;
 *       one of the two required;
 *   <li>{@code context}: 1 to 10 elements (text objects here);
 *   <li>{@code actions}: 1 to 25 elements; a {@code button}: {@code plain_text} at most 75 characters, {@code url}
 *       at most 3,000, {@code action_id} at most 255, {@code style} {@code primary} or {@code danger};
 *   <li>a text object: {@code type} {@code plain_text} or {@code mrkdwn}, {@code text} at least 1 character.
 * </ul>
 */
public final class BlockKitRules {

    private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");

    private BlockKitRules() {}

    /** What in {@code message} breaks the rules; empty when nothing does. */
    public static List<String> violations(JsonNode message) {
        List<String> v = new ArrayList<>();
        if (!message.path("text").isTextual() || message.path("text").asText().length() > 40_000) {
            v.add("text: a fallback text of at most 40000 characters is required");
        }
        JsonNode blocks = message.path("blocks");
        if (!blocks.isArray() || blocks.isEmpty() || blocks.size() > 50) {
            v.add("blocks: 1 to 50 blocks, was " + blocks.size());
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), "blocks[" + i + "]", v);
        }
        return v;
    }

    private static void block(JsonNode b, String at, List<String> v) {
        String type = b.path("type").asText();
        switch (type) {
            case "header" -> {
                text(b.path("text"), at + ".text", 150, v);
                if (!"plain_text".equals(b.path("text").path("type").asText())) {
                    v.add(at + ".text: a header takes plain_text only");
                }
            }
            case "section" -> {
                if (b.has("text")) {
                    text(b.path("text"), at + ".text", 3000, v);
                }
                JsonNode fields = b.path("fields");
                if (b.has("fields") && (!fields.isArray() || fields.isEmpty() || fields.size() > 10)) {
                    v.add(at + ".fields: 1 to 10 fields, was " + fields.size());
                }
                for (int i = 0; i < fields.size(); i++) {
                    text(fields.get(i), at + ".fields[" + i + "]", 2000, v);
                }
                if (!b.has("text") && !b.has("fields")) {
                    v.add(at + ": a section needs text or fields");
                }
            }
            case "context" -> {
                JsonNode e = b.path("elements");
                if (!e.isArray() || e.isEmpty() || e.size() > 10) {
                    v.add(at + ".elements: 1 to 10 elements, was " + e.size());
                }
                for (int i = 0; i < e.size(); i++) {
                    text(e.get(i), at + ".elements[" + i + "]", 3000, v);
                }
            }
            case "actions" -> {
                JsonNode e = b.path("elements");
                if (!e.isArray() || e.isEmpty() || e.size() > 25) {
                    v.add(at + ".elements: 1 to 25 elements, was " + e.size());
                }
                for (int i = 0; i < e.size(); i++) {
                    button(e.get(i), at + ".elements[" + i + "]", v);
                }
            }
            default -> v.add(at + ".type: '" + type + "' is not a block type this channel may send");
        }
        if (b.has("block_id") && b.path("block_id").asText().length() > 255) {
            v.add(at + ".block_id: at most 255 characters");
        }
    }

    private static void button(JsonNode e, String at, List<String> v) {
        if (!"button".equals(e.path("type").asText())) {
            v.add(at + ".type: only buttons, was '" + e.path("type").asText() + "'");
            return;
        }
        text(e.path("text"), at + ".text", 75, v);
        if (!"plain_text".equals(e.path("text").path("type").asText())) {
            v.add(at + ".text: a button takes plain_text only");
        }
        if (e.has("url")
                && (e.path("url").asText().isEmpty() || e.path("url").asText().length() > 3000)) {
            v.add(at + ".url: 1 to 3000 characters");
        }
        if (e.has("action_id") && e.path("action_id").asText().length() > 255) {
            v.add(at + ".action_id: at most 255 characters");
        }
        if (e.has("style")
                && !Set.of("primary", "danger").contains(e.path("style").asText())) {
            v.add(at + ".style: primary or danger, was '" + e.path("style").asText() + "'");
        }
    }

    private static void text(JsonNode t, String at, int max, List<String> v) {
        if (!TEXT_TYPES.contains(t.path("type").asText())) {
            v.add(at + ".type: plain_text or mrkdwn, was '" + t.path("type").asText() + "'");
        }
        String text = t.path("text").asText("");
        if (text.isEmpty() || text.length() > max) {
            v.add(at + ".text: 1 to " + max + " characters, was " + text.length());
        }
    }
}
