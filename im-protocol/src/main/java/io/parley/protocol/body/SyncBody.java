package io.parley.protocol.body;

import java.util.List;

/**
 * SYNC: pull a page. It carries both kinds of cursor: the inbox cursor, and, for conversations kept by read
 * diffusion, a cursor per conversation. Pull page by page until {@code finished}.
 *
 * @param inboxAfter pull inbox entries with a seq above this; null to skip the inbox
 * @param conversations per-conversation cursors; null or empty for none
 * @param limit the page size; the server caps it
 * @param headsAfter ask also for the heads of the user's groups with a target id after this ({@code ""} for the
 *     first page); null for none
 */
public record SyncBody(Long inboxAfter, List<ConversationCursor> conversations, int limit, String headsAfter) {

    /** A SYNC that asks for no heads. */
    public SyncBody(Long inboxAfter, List<ConversationCursor> conversations, int limit) {
        this(inboxAfter, conversations, limit, null);
    }
}
