package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationType;
import io.parley.api.storage.RetentionCutoffs;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the non-message records of the log do to the derived state: metadata puts and deletes go to the
 * {@link MetadataIndex}; a deleted message and a cleaned conversation become dead offsets in the {@link Removals};
 * a retention sweep raises its cutoffs; restated heads raise the heads. Applied in log order, by the indexer as
 * records become durable and by recovery as it replays; applying a record twice changes nothing more. Each
 * method returns what the caller of the write is told. One thread at a time.
 */
final class RecordApplier {
    private final MetadataIndex metadata;
    private final Removals removals;
    private final HeadCounters heads;
    private final StreamIndex streams;
    private final KeyIndex keys;
    private final boolean replaying;

    /**
     * @param replaying true for recovery: restated heads then raise the heads. Live, they restate what the committer
     *     already assigned and must not touch its counters from another thread.
     */
    RecordApplier(MetadataIndex metadata, Removals removals, HeadCounters heads, StreamIndex streams, KeyIndex keys,
            boolean replaying) {
        this.metadata = metadata;
        this.removals = removals;
        this.heads = heads;
        this.streams = streams;
        this.keys = keys;
        this.replaying = replaying;
    }

    /**
     * Applies {@code record}, found at {@code offset}; returns 1 for a message newly deleted (else 0), the messages a
     * clean removed, and 0 for other records. A message record is not this class's: it returns -1.
     */
    long apply(LogRecord record, long offset) {
        if (record instanceof LogRecord.MetadataPut put) {
            metadata.put(put.namespace(), put.key(), put.value());
        } else if (record instanceof LogRecord.MetadataDeleted deleted) {
            metadata.delete(deleted.namespace(), deleted.key());
        } else if (record instanceof LogRecord.MessageDeleted deleted) {
            OptionalLong at = keys.offsetOfUid(deleted.messageUid());
            return at.isPresent() && at.getAsLong() < offset ? removals.kill(new long[] {at.getAsLong()}) : 0;
        } else if (record instanceof LogRecord.HistoryCleaned cleaned) {
            return clean(cleaned.conversationKey(), cleaned.upToMillis(), offset);
        } else if (record instanceof LogRecord.Expired expired) {
            removals.raise(expired.cutoffs());
        } else if (record instanceof LogRecord.InboxExpired expired) {
            // written by older versions: one inbox cutoff for every type
            Map<ConversationType, Long> all = new EnumMap<>(ConversationType.class);
            for (ConversationType type : ConversationType.values()) {
                all.put(type, expired.cutoffMillis());
            }
            removals.raise(new RetentionCutoffs(all, Map.of()));
        } else if (record instanceof LogRecord.HeadsKept kept && replaying) {
            kept.conversations().forEach(heads::advanceConversation);
            kept.inboxes().forEach(heads::advanceInbox);
        } else if (record instanceof LogRecord.MessageCommitted) {
            return -1;
        }
        return 0;
    }

    /** Kills the conversation's live messages sent at or before {@code upToMillis} and written before {@code before}. */
    private long clean(String conversation, long upToMillis, long before) {
        long[] doomed = new long[64];
        int count = 0;
        for (StreamRun run : streams.conversationAfter(conversation, 0)) {
            for (int i = 0; i < run.count(); i++) {
                long offset = run.offset(i);
                if (run.present(i) && offset < before && run.sentTime(i) <= upToMillis
                        && !removals.messageGone(offset, run.typeCode(i), run.sentTime(i))) {
                    if (count == doomed.length) {
                        doomed = Arrays.copyOf(doomed, count * 2);
                    }
                    doomed[count++] = offset;
                }
            }
        }
        return count == 0 ? 0 : removals.kill(Arrays.copyOf(doomed, count));
    }
}
