package io.parley.kernel.storage.embedded;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the message log back in order after a failed write, before anything more is written to it; committer
 * thread. After a failed fsync the system may have dropped what was written since the last good one, so the syncer
 * hands over the end of the last durable batch and the batches written since (all failed): each gives back what it
 * took, newest first ({@link LogSyncer.Written#discard}), and the log is cut back to that end, across a roll if need
 * be. After a write that could not be recorded, the log is cut back to where that write began. While the log fails
 * and no write comes, {@link #probe} proves whether it works again.
 */
final class LogCutBack {
    private static final Logger log = LoggerFactory.getLogger(LogCutBack.class);

    /** What follows the cut, besides the log: the committer's memtables and keys. */
    interface Cut {
        /** The log was cut back to {@code end}; the segment being written now starts at {@code activeBase}. */
        void cutBackTo(long end, long activeBase) throws IOException;
    }

    private final MessageLog messageLog;
    private final LogSyncer syncer;
    private final StorageHealth health;
    private final Cut cut;
    /** Where the log must be cut back to before the next write, or -1. */
    private long mustCutTo = -1;

    LogCutBack(MessageLog messageLog, LogSyncer syncer, StorageHealth health, Cut cut) {
        this.messageLog = messageLog;
        this.syncer = syncer;
        this.health = health;
        this.cut = cut;
    }

    /** Whether a failure waits to be dealt with: a cut not made yet, or the log failing. A few volatile reads. */
    boolean pending() {
        return mustCutTo >= 0 || syncer.rewindNeeded() || health.failing(StorageHealth.Part.LOG);
    }

    /** The log must be cut back to {@code offset} (where a write that could not be recorded began). */
    void cutBackTo(long offset) {
        mustCutTo = mustCutTo < 0 ? offset : Math.min(mustCutTo, offset);
    }

    /** Makes the cut the log needs, if any; false while it cannot be made: nothing may be written then. */
    boolean logInOrder() {
        if (syncer.rewindNeeded()) {
            LogSyncer.RewindPoint point = syncer.awaitRewindPoint();
            List<LogSyncer.Written> discarded = point.discarded();
            for (int i = discarded.size() - 1; i >= 0; i--) {
                discarded.get(i).discard();
            }
            cutBackTo(point.durableEnd());
        }
        if (mustCutTo < 0) {
            return true;
        }
        long end = mustCutTo;
        long cutFrom = messageLog.endOffset();
        try {
            messageLog.rewindTo(end);
            cut.cutBackTo(end, messageLog.activeBase());
        } catch (IOException e) {
            health.failed(StorageHealth.Part.LOG, e);
            return false;
        }
        mustCutTo = -1;
        if (cutFrom > end) {
            log.warn("storage: cut the message log back from offset {} to {}, the end of the last durable write",
                    cutFrom, end);
        }
        return true;
    }

    /** No write came while the log fails: makes the cut it needs, then probes it. */
    void probe() {
        if (!logInOrder() || !health.failing(StorageHealth.Part.LOG)) {
            return;
        }
        long failuresBefore = health.failures(StorageHealth.Part.LOG);
        try {
            messageLog.probe();
            health.recovered(StorageHealth.Part.LOG, failuresBefore);
        } catch (IOException e) {
            health.failed(StorageHealth.Part.LOG, e);
        }
    }
}
