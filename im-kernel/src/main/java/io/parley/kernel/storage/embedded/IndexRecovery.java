package io.parley.kernel.storage.embedded;

import io.parley.api.model.ConversationType;
import io.parley.api.storage.RetentionCutoffs;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the MapDB index in line with the log at start. If the index was closed cleanly (the
 * {@code index.clean} marker exists), it is opened and the log after its checkpoint is replayed into it;
 * otherwise (a kill -9, a crash, a failed write) it is deleted and rebuilt from the whole log. The marker is
 * removed before the index is touched, so a crash from then on leads to a rebuild. Runs on the opening
 * thread; blocks on I/O.
 */
final class IndexRecovery {
    static final String INDEX_FILE = "index.mapdb";
    static final String CLEAN_MARKER = "index.clean";
    private static final Logger log = LoggerFactory.getLogger(IndexRecovery.class);

    private IndexRecovery() {
    }

    /** An index brought up to date, how, and the latest retention cutoffs found in the log (if any). */
    record Recovered(IndexStore index, RecoveryReport report, java.util.Optional<RetentionCutoffs> cutoffs) {
    }

    /** Opens the index of {@code dir}, replays or rebuilds it from {@code messageLog}, and fills {@code heads}. */
    static Recovered recover(Path dir, MessageLog messageLog, HeadCounters heads) throws IOException {
        long startNanos = System.nanoTime();
        Path file = dir.resolve(INDEX_FILE);
        Path marker = dir.resolve(CLEAN_MARKER);
        IndexStore index = Files.exists(marker) && Files.exists(file) ? openClean(file, messageLog) : null;
        Files.deleteIfExists(marker);
        MessageLog.syncDirectory(dir);
        long from;
        boolean rebuilt = index == null;
        if (rebuilt) {
            log.info("storage: rebuilding the index {} from the whole message log", file);
            index = IndexStore.open(file, true);
            from = 0;
        } else {
            heads.load(index.conversationHeads(), index.inboxHeads());
            from = index.checkpointOffset();
        }
        long records;
        RetentionCutoffs[] cutoffs = new RetentionCutoffs[1];
        try {
            records = replay(messageLog, index, heads, from, cutoffs);
            index.checkpoint(heads, messageLog.endOffset());
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        log.info("storage: {} the index: replayed {} log records from offset {} in {} ms",
                rebuilt ? "rebuilt" : "reopened", records, from, millis);
        return new Recovered(index, new RecoveryReport(rebuilt, from, records, millis),
                java.util.Optional.ofNullable(cutoffs[0]));
    }

    private static IndexStore openClean(Path file, MessageLog messageLog) {
        IndexStore index = null;
        try {
            index = IndexStore.open(file, false);
            if (index.format() != IndexStore.FORMAT) {
                log.info("storage: the index {} has format {}, this version uses {}; rebuilding", file,
                        index.format(), IndexStore.FORMAT);
            } else if (index.checkpointOffset() <= messageLog.endOffset()) {
                return index;
            } else {
                log.warn("storage: the index covers the log up to {} but the log ends at {}; rebuilding",
                        index.checkpointOffset(), messageLog.endOffset());
            }
        } catch (RuntimeException | IOException e) {
            log.warn("storage: the index {} cannot be opened ({}); rebuilding", file, e.toString());
        }
        if (index != null) {
            index.close();
        }
        return null;
    }

    private static long replay(MessageLog messageLog, IndexStore index, HeadCounters heads, long from,
            RetentionCutoffs[] latestCutoffs) throws IOException {
        long[] counts = new long[1];
        IndexMaintenance maintenance = new IndexMaintenance(index, messageLog);
        messageLog.replay(from, (offset, record) -> {
            counts[0]++;
            if (CommitTimeIndex.apply(index, heads, record, offset)) {
                return;
            }
            if (record instanceof LogRecord.MessageDeleted deleted) {
                maintenance.deleteMessage(deleted.messageUid());
            } else if (record instanceof LogRecord.HistoryCleaned cleaned) {
                maintenance.cleanHistory(cleaned.conversationKey(), cleaned.upToMillis(), offset);
            } else if (record instanceof LogRecord.HeadsKept kept) {
                kept.conversations().forEach(heads::advanceConversation);
                kept.inboxes().forEach(heads::advanceInbox);
            } else if (record instanceof LogRecord.Expired expired) {
                latestCutoffs[0] = expired.cutoffs();
            } else if (record instanceof LogRecord.InboxExpired expired) {
                Map<ConversationType, Long> all = new EnumMap<>(ConversationType.class);
                for (ConversationType type : ConversationType.values()) {
                    all.put(type, expired.cutoffMillis());
                }
                latestCutoffs[0] = new RetentionCutoffs(all, Map.of());
            }
        });
        if (latestCutoffs[0] != null) {
            maintenance.expire(latestCutoffs[0]);
        }
        return counts[0];
    }

    /** Records that the index in {@code dir} was closed cleanly and matches the log. */
    static void markClean(Path dir) throws IOException {
        Path marker = dir.resolve(CLEAN_MARKER);
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        MessageLog.syncDirectory(dir);
    }
}
