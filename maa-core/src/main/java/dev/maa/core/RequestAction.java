package dev.maa.core;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a principal can do to a stored request, with the name the REST API, the console and the CLI use for it and
 * the text fields it takes.
 *
 * <p>One list of actions for every surface: the REST routes, the console's buttons, the OpenAPI document and the
 * CLI's commands are all derived from it, and {@link ApprovalService#act} is the one place an action becomes a
 * transition, so no surface can offer or dispatch an action differently from another.
 */
public enum RequestAction {

    /**
     * Approve (an approver other than the requester); {@code digest}, if given, must be the request's;
     * {@code signature} is a passkey-signed review ({@code dev.maa.core.signing.SignedReview} JSON).
     */
    APPROVE("approve", List.of("notes", "digest", "signature")),
    /** Reject (an approver other than the requester); final; {@code signature} as for approve. */
    REJECT("reject", List.of("notes", "signature")),
    /**
     * Withdraw one's own approval (the approver who gave it) while the request has not started completing; the
     * quorum is counted again, so a met quorum drops back to NEEDS_APPROVAL (Intune's {@code cancelApproval}).
     */
    WITHDRAW("withdraw", List.of("notes")),
    /** Cancel (the requester, before completion starts). */
    CANCEL("cancel", List.of("reason")),
    /** Run the approved call once (the requester). */
    COMPLETE("complete", List.of()),
    /** Close the post-emergency review of a break-glass request (an approver, never the requester); notes needed. */
    CLOSE_REVIEW("close-review", List.of("notes"));

    private final String wireName;
    private final List<String> fields;

    RequestAction(String wireName, List<String> fields) {
        this.wireName = wireName;
        this.fields = fields;
    }

    /** The name in URLs ({@code /api/v1/requests/{id}/close-review}), JSON {@code actions} lists and CLI commands. */
    public String wireName() {
        return wireName;
    }

    /** The text fields the action takes (all optional but {@code notes} of {@link #CLOSE_REVIEW}). */
    public Set<String> fields() {
        return Set.copyOf(fields);
    }

    /**
     * The action called {@code wireName}.
     *
     * @throws IllegalArgumentException naming the unknown action and the known ones
     */
    public static RequestAction fromWire(String wireName) {
        for (RequestAction a : values()) {
            if (a.wireName.equals(wireName)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown request action '" + wireName + "'; the actions are "
                + Arrays.stream(values()).map(RequestAction::wireName).toList() + ".");
    }
}
