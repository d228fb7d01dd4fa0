package io.parley.protocol.body;

import java.util.List;

/**
 * SYNC_RESULT: one page.
 *
 * @param inboxMessages inbox entries in inbox-seq order
 * @param inboxCursor the cursor to send in the next SYNC (covers entries skipped by retention)
 * @param conversationMessages messages pulled by conversation cursor, in seq order per conversation
 * @param finished true when every requested cursor reached its head
 * @param conversationCursors per requested conversation, the cursor to send next: the last seq this page covered,
 *     seqs hidden from the user included
 * @param heads when asked for, a page of the user's groups with their latest seq, in target-id order
 * @param headsNext when more heads follow, the {@code headsAfter} of the next SYNC; else null
 */
public record SyncResultBody(List<WireMessage> inboxMessages, long inboxCursor,
        List<WireMessage> conversationMessages, boolean finished, List<ConversationCursor> conversationCursors,
        List<ConversationHead> heads, String headsNext) {

    /** A page without conversation cursors or heads. */
    public SyncResultBody(List<WireMessage> inboxMessages, long inboxCursor, List<WireMessage> conversationMessages,
            boolean finished) {
        this(inboxMessages, inboxCursor, conversationMessages, finished, null, null, null);
    }
}
