package io.parley.kernel.storage.embedded;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds committed messages by idempotency key, through the {@link KeyTable}, and by UID, through the UIDs each
 * segment's index holds; each candidate is checked against the record the log holds at its offset (so that stale
 * or colliding entries are never believed). The committer inserts the idempotency key of every message it writes.
 * Lookups from any thread; inserts from the writer only.
 */
final class KeyIndex {
    private final KeyTable table;
    private final MessageLog messageLog;
    private final StreamIndex streams;
    private volatile long coveredThrough;

    KeyIndex(KeyTable table, MessageLog messageLog, StreamIndex streams) {
        this.table = table;
        this.messageLog = messageLog;
        this.streams = streams;
    }

    /** Records the idempotency key of a message written at {@code offset}. Writer thread only. */
    void insert(LogRecord.MessageCommitted record, long offset) {
        table.insert(KeyTable.hash('k', record.idempotencyKey()), offset);
    }

    /**
     * Records the idempotency key of a message written at {@code offset}, where the lookup that found it new said
     * it goes. Writer thread only.
     */
    void insert(long offset, Lookup lookup) {
        table.insert(lookup.hash, offset, lookup.slot);
    }

    /** What a lookup by idempotency key found: the first commit, or where the key goes when it is new. */
    static final class Lookup {
        private final long hash;
        private final KeyTable.Slot slot;
        private final LogRecord.MessageCommitted first;

        private Lookup(long hash, KeyTable.Slot slot, LogRecord.MessageCommitted first) {
            this.hash = hash;
            this.slot = slot;
            this.first = first;
        }

        Optional<LogRecord.MessageCommitted> first() {
            return Optional.ofNullable(first);
        }
    }

    /** Looks an idempotency key up, remembering where it goes if it is new. */
    Lookup lookup(String key) {
        long hash = KeyTable.hash('k', key);
        LogRecord.MessageCommitted[] found = new LogRecord.MessageCommitted[1];
        KeyTable.Slot slot = table.lookup(hash, offset -> {
            if (found[0] == null && messageLog.tryRead(offset).orElse(null) instanceof LogRecord.MessageCommitted m
                    && m.idempotencyKey().equals(key)) {
                found[0] = m;
            }
        });
        return new Lookup(hash, slot, found[0]);
    }

    /** Records that the keys of every message below {@code offset} are inserted. Writer thread only. */
    void coveredThrough(long offset) {
        coveredThrough = offset;
    }

    /** Flushes the table; afterwards it durably holds the keys of every message below the returned offset. */
    long force() {
        long covered = coveredThrough;
        table.force();
        return covered;
    }

    /** The log offset of the message with this UID, if the log still holds it. */
    OptionalLong offsetOfUid(String uid) {
        long[] found = {-1};
        streams.findUid(KeyTable.hash('u', uid), offset -> {
            if (messageLog.tryRead(offset).orElse(null) instanceof LogRecord.MessageCommitted m
                    && m.message().messageUid().equals(uid)) {
                found[0] = offset;
                return true;
            }
            return false;
        });
        return found[0] < 0 ? OptionalLong.empty() : OptionalLong.of(found[0]);
    }
}
