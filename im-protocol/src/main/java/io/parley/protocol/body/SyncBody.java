package io.parley.protocol.body;

import java.util.List;

/**
 * SYNC: pull a page. It carries both kinds of cursor: the inbox cursor, and, for conversations kept by read
 * diffusion, a cursor per conversation. Pull page by page until {@code finished}.
 *
 * @param inboxAfter pull inbox entries with a seq above this; null to skip the inbox
 * @param conversations per-conversation cursors; null or empty for none
 * @param limit the page size; the server caps it
 */
public record SyncBody(Long inboxAfter, List<ConversationCursor> conversations, int limit) {
}
