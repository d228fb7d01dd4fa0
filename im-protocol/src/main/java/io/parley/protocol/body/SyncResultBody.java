package io.parley.protocol.body;

import java.util.List;

/**
 * SYNC_RESULT: one page.
 *
 * @param inboxMessages inbox entries in inbox-seq order
 * @param inboxCursor the cursor to send in the next SYNC (covers entries skipped by retention)
 * @param conversationMessages messages pulled by conversation cursor, in seq order per conversation
 * @param finished true when every requested cursor reached its head
 */
public record SyncResultBody(List<WireMessage> inboxMessages, long inboxCursor,
        List<WireMessage> conversationMessages, boolean finished) {
}
