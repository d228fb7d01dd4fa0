package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationType;
import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.RetentionCutoffs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removals from the index: one message, a conversation's history up to a time, and what retention cutoffs
 * expire. Used live (by the delete, clean and expiry callers, after their log record is durable) and by
 * recovery (when it replays those records). Works entry by entry on MapDB's concurrent maps and holds no lock,
 * so the committer keeps appending meanwhile. Call from one thread at a time per kind of removal; blocks on I/O.
 */
final class IndexMaintenance {
    /** Inbox order follows commit order, and sent times are taken just before commit: allow this much skew. */
    private static final long SKEW_MILLIS = 60_000;

    private final IndexStore index;
    private final MessageLog messageLog;

    IndexMaintenance(IndexStore index, MessageLog messageLog) {
        this.index = index;
        this.messageLog = messageLog;
    }

    /** Removes the message with this UID everywhere; false if it is not stored. */
    boolean deleteMessage(String messageUid) {
        Long offset = index.offsetOfUid(messageUid);
        return offset != null && removeAt(offset) >= 0;
    }

    /** Removes the message whose record is at {@code offset}; returns its inbox entries removed, or -1 if gone. */
    int removeAt(long offset) {
        Optional<LogRecord> record = messageLog.readIfPresent(offset);
        if (record.isEmpty() || !(record.get() instanceof LogRecord.MessageCommitted message)) {
            return -1;
        }
        Long current = index.offsetOfUid(message.message().messageUid());
        if (current == null || current != offset) {
            return -1;
        }
        return index.removeMessage(message);
    }

    /** Removes the conversation's messages sent at or before {@code upToMillis} and written before {@code beforeOffset}. */
    long cleanHistory(String conversationKey, long upToMillis, long beforeOffset) {
        List<Long> doomed = new ArrayList<>();
        for (long[] value : index.conversationRange(conversationKey, 0, Long.MAX_VALUE).values()) {
            if (value[0] < beforeOffset && value[1] <= upToMillis) {
                doomed.add(value[0]);
            }
        }
        long removed = 0;
        for (long offset : doomed) {
            removed += removeAt(offset) >= 0 ? 1 : 0;
        }
        return removed;
    }

    /** Drops expired messages (with their inbox entries), then expired inbox entries. */
    ExpiryResult expire(RetentionCutoffs cutoffs) {
        long[] removed = new long[2];
        for (Map.Entry<ConversationType, Long> entry : cutoffs.messages().entrySet()) {
            expireMessages(entry.getKey().code() + "/", entry.getValue(), removed);
        }
        return new ExpiryResult(removed[1] + expireInboxEntries(cutoffs), removed[0], 0);
    }

    /**
     * Walks each conversation of a type from its oldest message while messages are older than the cutoff,
     * removing them one conversation at a time (so memory stays bounded by one conversation's expired part).
     */
    private void expireMessages(String prefix, long cutoff, long[] removed) {
        Object[] from = {prefix, Long.MIN_VALUE};
        while (true) {
            Map.Entry<Object[], long[]> first = index.conversationsFrom(from, prefix).firstEntry();
            if (first == null) {
                return;
            }
            String conversation = (String) first.getKey()[0];
            List<Long> offsets = new ArrayList<>();
            for (long[] value : index.conversationRange(conversation, Long.MIN_VALUE, Long.MAX_VALUE).values()) {
                if (value[1] >= cutoff) {
                    break;
                }
                offsets.add(value[0]);
            }
            for (long offset : offsets) {
                int inboxEntries = removeAt(offset);
                if (inboxEntries >= 0) {
                    removed[0]++;
                    removed[1] += inboxEntries;
                }
            }
            from = new Object[] {conversation, Long.MAX_VALUE};
        }
    }

    /**
     * Walks each inbox from its oldest entry, dropping entries past their type's cutoff, until entries are
     * newer than every cutoff (plus the skew allowance): then the rest of that inbox is kept.
     */
    private long expireInboxEntries(RetentionCutoffs cutoffs) {
        if (cutoffs.inbox().isEmpty()) {
            return 0;
        }
        long newest = cutoffs.inbox().values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long[] byCode = new long[64];
        java.util.Arrays.fill(byCode, Long.MIN_VALUE);
        cutoffs.inbox().forEach((type, cutoff) -> byCode[type.code()] = cutoff);
        long removed = 0;
        Object[] from = {"", Long.MIN_VALUE};
        while (true) {
            Map.Entry<Object[], long[]> first = index.inboxesFrom(from).firstEntry();
            if (first == null) {
                return removed;
            }
            String user = (String) first.getKey()[0];
            List<Object[]> doomed = new ArrayList<>();
            for (var it = index.inboxEntries(user, Long.MIN_VALUE, Long.MAX_VALUE); it.hasNext(); ) {
                Map.Entry<Object[], long[]> entry = it.next();
                long sentTime = entry.getValue()[1];
                int code = (int) entry.getValue()[2];
                if (code >= 0 && code < byCode.length && sentTime < byCode[code]) {
                    doomed.add(entry.getKey());
                } else if (sentTime >= newest + SKEW_MILLIS) {
                    break;
                }
            }
            for (Object[] key : doomed) {
                removed += index.removeInboxEntry(key) ? 1 : 0;
            }
            from = new Object[] {user, Long.MAX_VALUE};
        }
    }
}
