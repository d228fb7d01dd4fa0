package io.parley.client;

/**
 * Where a batch of received messages leaves a sync stream, saved with the batch: the inbox cursor, a group's
 * cursor (by {@code "<type code>/<targetId>"}), or nothing (messages outside the synced streams, such as an ultragroup
 * channel's).
 *
 * @param stream {@code ""} for the inbox, a conversation key for a group, null for none
 * @param cursor the cursor after the batch
 */
public record SyncPosition(String stream, long cursor) {
    public static final SyncPosition NONE = new SyncPosition(null, 0);

    public static SyncPosition inbox(long cursor) {
        return new SyncPosition("", cursor);
    }

    public static SyncPosition conversation(String conversationKey, long cursor) {
        return new SyncPosition(conversationKey, cursor);
    }
}
