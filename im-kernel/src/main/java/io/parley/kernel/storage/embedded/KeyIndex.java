package io.parley.kernel.storage.embedded;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds committed messages by idempotency key and by UID through the {@link KeyTable}, checking each candidate
 * against the record the log holds at its offset (so that stale or colliding entries are never believed). The
 * committer inserts both keys of every message it writes. Lookups from any thread; inserts from the writer only.
 */
final class KeyIndex {
    private final KeyTable table;
    private final MessageLog messageLog;

    KeyIndex(KeyTable table, MessageLog messageLog) {
        this.table = table;
        this.messageLog = messageLog;
    }

    /** Records both keys of a message written at {@code offset}. Writer thread only. */
    void insert(LogRecord.MessageCommitted record, long offset) {
        table.insert(KeyTable.hash('k', record.idempotencyKey()), offset);
        table.insert(KeyTable.hash('u', record.message().messageUid()), offset);
    }

    /** The committed record appended with this idempotency key, if any. */
    Optional<LogRecord.MessageCommitted> byIdempotencyKey(String key) {
        LogRecord.MessageCommitted[] found = new LogRecord.MessageCommitted[1];
        table.lookup(KeyTable.hash('k', key), offset -> {
            if (found[0] == null && messageLog.tryRead(offset).orElse(null) instanceof LogRecord.MessageCommitted m
                    && m.idempotencyKey().equals(key)) {
                found[0] = m;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /** The log offset of the message with this UID, if the log still holds it. */
    OptionalLong offsetOfUid(String uid) {
        long[] found = {-1};
        table.lookup(KeyTable.hash('u', uid), offset -> {
            if (found[0] < 0 && messageLog.tryRead(offset).orElse(null) instanceof LogRecord.MessageCommitted m
                    && m.message().messageUid().equals(uid)) {
                found[0] = offset;
            }
        });
        return found[0] < 0 ? OptionalLong.empty() : OptionalLong.of(found[0]);
    }
}
