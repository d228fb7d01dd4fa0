package io.parley.kernel.storage.embedded;

/**
 * What the index learns from a record the moment it is committed: a message (its log position, inbox entries
 * and heads) or a metadata change. The committer applies it after each durable batch, and recovery on replay,
 * so both build the same index. Runs on the committer or the recovering thread.
 */
final class CommitTimeIndex {
    private CommitTimeIndex() {
    }

    /** Applies {@code record} at {@code offset}; false for a record kind that is applied elsewhere. */
    static boolean apply(IndexStore index, HeadCounters heads, LogRecord record, long offset) {
        if (record instanceof LogRecord.MessageCommitted message) {
            index.addMessage(message, offset);
            heads.advanceConversation(message.message().conversation().asString(), message.message().seq());
            message.inboxSeqs().forEach(heads::advanceInbox);
            return true;
        }
        if (record instanceof LogRecord.MetadataPut put) {
            index.putMetadata(put.namespace(), put.key(), put.value());
            return true;
        }
        if (record instanceof LogRecord.MetadataDeleted deleted) {
            index.deleteMetadata(deleted.namespace(), deleted.key());
            return true;
        }
        return false;
    }
}
