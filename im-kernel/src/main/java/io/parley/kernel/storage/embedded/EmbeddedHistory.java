package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.api.storage.StorageCapability;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The embedded store's history operations: reads by time, deleting a message, cleaning a conversation,
 * retention (then {@link SegmentReclaimer}) and scans by time for exports. A removal writes its log record through
 * the committer and returns once the indexer has applied it ({@link RecordApplier}): the messages it removes become
 * dead offsets or fall below a cutoff, which every read then skips; nothing is rewritten. Thread-safe; blocks on I/O.
 */
final class EmbeddedHistory {
    private final Set<StorageCapability> capabilities;
    private final GroupCommitter committer;
    private final StreamIndex streams;
    private final KeyIndex keys;
    private final Removals removals;
    private final MessageLog messageLog;
    private final SegmentReclaimer reclaimer;

    EmbeddedHistory(Set<StorageCapability> capabilities, GroupCommitter committer, StreamIndex streams, KeyIndex keys,
            Removals removals, MessageLog messageLog, SegmentReclaimer reclaimer) {
        this.capabilities = Set.copyOf(capabilities);
        this.committer = committer;
        this.streams = streams;
        this.keys = keys;
        this.removals = removals;
        this.messageLog = messageLog;
        this.reclaimer = reclaimer;
    }

    /** The lowest live seq at or after {@code millis}: sent times rise with seq within a conversation. */
    long seqAtTime(String conversation, long head, long millis) {
        StorageCapability.HISTORY_BY_TIME.requireIn(capabilities);
        List<StreamRun> runs = streams.conversationAfter(conversation, 0);
        for (StreamRun run : runs) {
            int count = (int) Math.min(run.count(), head - run.firstSeq() + 1);
            if (count <= 0 || run.sentTime(count - 1) < millis) {
                continue;
            }
            int low = 0;
            int high = count - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (run.sentTime(mid) >= millis) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            long found = firstLiveFrom(runs, run, low, head);
            if (found > 0) {
                return found;
            }
        }
        return head + 1;
    }

    /** The first live seq at or after entry {@code index} of {@code run}, across the later runs; 0 if none. */
    private long firstLiveFrom(List<StreamRun> runs, StreamRun run, int index, long head) {
        boolean started = false;
        for (StreamRun candidate : runs) {
            if (candidate == run) {
                started = true;
            }
            if (!started) {
                continue;
            }
            for (int i = candidate == run ? index : 0; i < candidate.count(); i++) {
                if (candidate.firstSeq() + i > head) {
                    return 0;
                }
                if (candidate.present(i)
                        && !removals.messageGone(candidate.offset(i), candidate.typeCode(i), candidate.sentTime(i))) {
                    return candidate.firstSeq() + i;
                }
            }
        }
        return 0;
    }

    boolean deleteMessage(String messageUid) {
        StorageCapability.DELETE_MESSAGE.requireIn(capabilities);
        OptionalLong offset = keys.offsetOfUid(messageUid);
        if (offset.isEmpty() || removals.isDead(offset.getAsLong())) {
            return false;
        }
        return log(new LogRecord.MessageDeleted(messageUid)) > 0;
    }

    long cleanHistory(String conversation, long upToMillis) {
        StorageCapability.CLEAN_HISTORY.requireIn(capabilities);
        return log(new LogRecord.HistoryCleaned(conversation, upToMillis));
    }

    /**
     * Raises the cutoffs (durably), counts what left the reads because of it, then deletes the segments whose
     * every message is gone. One sweep at a time.
     */
    synchronized ExpiryResult expire(RetentionCutoffs cutoffs) {
        StorageCapability.RETENTION.requireIn(capabilities);
        RetentionCutoffs before = removals.cutoffs();
        log(new LogRecord.Expired(cutoffs));
        ExpiryCount count = countExpired(before);
        try {
            return new ExpiryResult(count.inboxEntries, count.messages, reclaimer.reclaim());
        } catch (IOException e) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "deleting an expired log segment failed: " + e.getMessage(), e);
        }
    }

    private static final class ExpiryCount {
        long messages;
        long inboxEntries;
    }

    /**
     * Counts the messages and inbox entries that the cutoffs now in force remove and those of {@code before} did
     * not (and that no delete or clean had removed). Reads only the index entries of segments that hold entries
     * older than a new cutoff.
     */
    private ExpiryCount countExpired(RetentionCutoffs before) {
        ExpiryCount count = new ExpiryCount();
        long newest = Long.MIN_VALUE;
        for (ConversationType type : ConversationType.values()) {
            newest = Math.max(newest, Math.max(removals.messageCutoff(type.code()), removals.inboxCutoff(type.code())));
        }
        for (StreamIndex.Indexed segment : streams.segments()) {
            if (segment.minSentTime() >= newest) {
                continue;
            }
            segment.forEachConversation((key, run) -> {
                for (int i = 0; i < run.count(); i++) {
                    int type = run.typeCode(i);
                    long sent = run.sentTime(i);
                    if (run.present(i) && !removals.isDead(run.offset(i)) && sent < removals.messageCutoff(type)
                            && sent >= cutoff(before, type, false)) {
                        count.messages++;
                    }
                }
            });
            segment.forEachInbox((key, run) -> {
                for (int i = 0; i < run.count(); i++) {
                    int type = run.typeCode(i);
                    long sent = run.sentTime(i);
                    boolean goneNow = sent < removals.inboxCutoff(type) || sent < removals.messageCutoff(type);
                    boolean goneBefore = sent < cutoff(before, type, true) || sent < cutoff(before, type, false);
                    if (run.present(i) && goneNow && !goneBefore && !removals.isDead(run.offset(i))) {
                        count.inboxEntries++;
                    }
                }
            });
        }
        return count;
    }

    private static long cutoff(RetentionCutoffs cutoffs, int typeCode, boolean inbox) {
        ConversationType type = ConversationType.fromCode(typeCode).orElse(null);
        if (type == null) {
            return Long.MIN_VALUE;
        }
        return (inbox ? cutoffs.inboxCutoff(type) : cutoffs.messageCutoff(type)).orElse(Long.MIN_VALUE);
    }

    /** Scans the segments whose sent times overlap the range, in log order. */
    void scanByTime(long fromMillis, long toMillis, Consumer<Message> sink) {
        StorageCapability.SCAN_BY_TIME.requireIn(capabilities);
        for (StreamIndex.Indexed segment : streams.segments()) {
            if (segment.maxSentTime() < fromMillis || segment.minSentTime() >= toMillis) {
                continue;
            }
            LogSegment file = messageLog.segment(segment.base);
            if (file == null) {
                continue;
            }
            long base = segment.base;
            try {
                file.scan(0, (position, payload) -> {
                    if (LogRecordCodec.decode(payload) instanceof LogRecord.MessageCommitted m
                            && m.message().sentTime() >= fromMillis && m.message().sentTime() < toMillis
                            && !removals.messageGone(base + position, m.message().conversationType().code(),
                                    m.message().sentTime())) {
                        sink.accept(m.message());
                    }
                });
            } catch (java.nio.channels.ClosedChannelException e) {
                // deleted by retention meanwhile: its messages had expired
            } catch (IOException e) {
                throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "cannot scan " + file.path(), e);
            }
        }
    }

    /** Writes a removal record and waits until the indexer applied it; returns what applying it reported. */
    private long log(LogRecord record) {
        CompletableFuture<Long> applied = new CompletableFuture<>();
        committer.submit(new PendingWrite.Record(record, applied));
        return EmbeddedMessageStore.await(applied);
    }
}
