package io.parley.kernel.storage.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the derived state of an embedded store and brings it in line with the log, replaying only what the last
 * checkpoint does not cover: the {@link MetadataIndex} opens as of its last commit, the {@link KeyTable} as of its
 * last flush, the sealed segments whose index files are whole are used as they are, and the heads come from the
 * last {@link HeadsSnapshot} raised by the runs of the segments indexed since. The log is then replayed from the
 * lowest of those points (in practice, the segment being written): message records into the key table, the stream
 * index (segments without an index file) and the heads; the other records through the {@link RecordApplier} when
 * the metadata index had not applied them. Without a usable metadata index (a first start of this version, a
 * restored backup, a damaged file) everything is rebuilt from the whole log. Runs on the opening thread; blocks on
 * I/O.
 *
 * <p>Before all that it cuts a torn tail off the log: what a crash left half-written after the last durable write.
 * But when the log holds less than the store had recorded as written ({@link #recordedEnd}), acknowledged records
 * are missing (a file was truncated): that refuses to start, naming the file and the {@code repair} command, as
 * damage in the middle of the log does.
 */
final class StoreRecovery {
    private static final Logger log = LoggerFactory.getLogger(StoreRecovery.class);
    /** The index of earlier versions: the whole index in one MapDB file, replaced by this layout. */
    private static final String LEGACY_INDEX = "index.mapdb";
    private static final String LEGACY_CLEAN_MARKER = "index.clean";

    private StoreRecovery() {
    }

    /** The empty derived state of a new store in memory (durability {@code memory}): nothing to recover. */
    static Recovered fresh(MessageLog messageLog) throws IOException {
        StreamIndex streams = new StreamIndex(null);
        streams.addInMemory(messageLog.activeBase());
        return new Recovered(MetadataIndex.inMemory(), KeyTable.inMemory(offset -> offset >= messageLog.startOffset()),
                streams, new Removals(), new HeadCounters(), new RecoveryReport(false, 0, 0, 0), List.of(), 0);
    }

    /** What recovery opened, and where the indexer takes over. */
    record Recovered(MetadataIndex metadata, KeyTable keyTable, StreamIndex streams, Removals removals,
            HeadCounters heads, RecoveryReport report, List<long[]> sealedInMemory, long headsSnapshotOffset) {
    }

    /**
     * Recovers the store in {@code dir} over its freshly opened log. {@code fsynced}: whether the store forces its
     * log before it acknowledges (durability {@code fsync}), so that a checkpoint never recorded more than a power
     * cut leaves.
     */
    static Recovered recover(Path dir, MessageLog messageLog, boolean fsynced) throws IOException {
        long startNanos = System.nanoTime();
        boolean legacy = Files.exists(dir.resolve(LEGACY_INDEX));
        if (legacy) {
            log.info("storage: replacing the index of an earlier version ({}) by rebuilding from the log", LEGACY_INDEX);
            Files.deleteIfExists(dir.resolve(LEGACY_INDEX));
            Files.deleteIfExists(dir.resolve(LEGACY_CLEAN_MARKER));
        }
        MetadataIndex metadata = openMetadata(dir, legacy || !Files.exists(dir.resolve(MetadataIndex.FILE)));
        try {
            messageLog.cutTornTail(recordedEnd(dir, messageLog, metadata, fsynced));
        } catch (IOException | RuntimeException e) {
            metadata.close();
            throw e;
        }
        boolean rebuild = metadata.appliedOffset() == 0 && messageLog.endOffset() > messageLog.startOffset();
        if (rebuild || metadata.appliedOffset() > messageLog.endOffset()) {
            if (!rebuild) {
                // without fsync a power cut may take back writes a checkpoint had seen (with fsync that refuses above)
                log.warn("storage: the metadata index covers the log up to {} but the log ends at {} (writes that were"
                        + " not forced are lost); rebuilding", metadata.appliedOffset(), messageLog.endOffset());
                metadata.close();
                metadata = openMetadata(dir, true);
            }
            rebuild = true;
            HeadsSnapshot.delete(dir);
        }
        KeyTable keyTable = null;
        StreamIndex streams = new StreamIndex(dir);
        try {
            long logStart = messageLog.startOffset();
            keyTable = KeyTable.open(dir, offset -> offset >= messageLog.startOffset());
            long firstUnindexed = openIndexFiles(dir, messageLog, streams);
            Removals removals = new Removals();
            HeadCounters heads = new HeadCounters();
            long snapshotOffset = 0;
            if (!rebuild) {
                metadata.loadInto(removals);
                Optional<HeadsSnapshot.Loaded> snapshot = HeadsSnapshot.read(dir);
                if (snapshot.isPresent() && snapshot.get().logOffset() <= messageLog.endOffset()) {
                    snapshot.get().conversations().forEach(heads::advanceConversation);
                    snapshot.get().inboxes().forEach(heads::advanceInbox);
                    snapshotOffset = snapshot.get().logOffset();
                }
            }
            raiseHeadsFromIndexFiles(streams, heads, snapshotOffset);
            long applied = rebuild ? logStart : Math.max(metadata.appliedOffset(), logStart);
            long keysThrough = rebuild ? logStart : Math.max(metadata.keysThrough(), logStart);
            long from = Math.min(Math.min(applied, keysThrough), firstUnindexed);
            KeyIndex keys = new KeyIndex(keyTable, messageLog, streams);
            RecordApplier applier = new RecordApplier(metadata, removals, heads, streams, keys, true);
            long records = replay(messageLog, streams, keys, applier, heads, from, applied, keysThrough, firstUnindexed);
            long end = messageLog.endOffset();
            // what a kill left in the page cache is made durable before the checkpoint below records it as written
            messageLog.force();
            keyTable.force();
            metadata.storeRemovals(removals);
            metadata.commit(end, end);
            HeadsSnapshot.write(dir, heads, end);
            List<long[]> sealedInMemory = new ArrayList<>();
            for (LogSegment segment : messageLog.segments()) {
                if (segment.baseOffset() != messageLog.activeBase() && streams.memtable(segment.baseOffset()) != null) {
                    sealedInMemory.add(new long[] {segment.baseOffset(), segment.size()});
                }
            }
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            log.info("storage: {} the index: replayed {} log records from offset {} in {} ms", rebuild ? "rebuilt"
                    : "reopened", records, from, millis);
            return new Recovered(metadata, keyTable, streams, removals, heads,
                    new RecoveryReport(rebuild, from, records, millis), sealedInMemory, end);
        } catch (IOException | RuntimeException e) {
            streams.close();
            if (keyTable != null) {
                keyTable.close();
            }
            metadata.close();
            throw e;
        }
    }

    /**
     * The end of the log as the store last recorded it durably, or 0: the offset the metadata index was last
     * committed as applied up to (a checkpoint commits only what the log had made durable, so with {@code fsynced}
     * only: without fsync a power cut may take back what a checkpoint saw), and the end of the last segment as its
     * index file says (written once that much of the segment was forced: when the log rolled past it, or at a clean
     * close).
     */
    static long recordedEnd(Path dir, MessageLog messageLog, MetadataIndex metadata, boolean fsynced) {
        List<LogSegment> segments = messageLog.segments();
        long lastBase = segments.get(segments.size() - 1).baseOffset();
        return Math.max(fsynced ? metadata.appliedOffset() : 0, indexedEnd(dir, lastBase));
    }

    /**
     * As {@link #recordedEnd}, for a stopped store whose log is being repaired (whatever its durability was: what
     * the store recorded and the log lost is reported either way): the metadata index is opened only to be read.
     */
    static long recordedEnd(Path dir, long lastSegmentBase) {
        long applied = 0;
        if (Files.exists(dir.resolve(MetadataIndex.FILE))) {
            try (MetadataIndex metadata = MetadataIndex.open(dir, false)) {
                applied = metadata.format() == MetadataIndex.FORMAT ? metadata.appliedOffset() : 0;
            } catch (IOException | RuntimeException e) {
                // an unreadable metadata index proves nothing
            }
        }
        return Math.max(applied, indexedEnd(dir, lastSegmentBase));
    }

    /** Where the segment at {@code base} ends as its index file says, or 0 without a whole one. */
    private static long indexedEnd(Path dir, long base) {
        try (SegmentIndexFile file = SegmentIndexFile.open(dir, base)) {
            return base + file.segmentSize();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Deletes everything derived from the log (after a repair or a restore, the log alone is trusted): the next
     * open rebuilds it all from the whole log. Blocks on I/O; the store must be closed.
     */
    static void forgetDerivedState(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(LEGACY_INDEX));
        Files.deleteIfExists(dir.resolve(LEGACY_CLEAN_MARKER));
        if (Files.isDirectory(dir)) {
            MetadataIndex.deleteFiles(dir);
        }
        Files.deleteIfExists(dir.resolve(KeyTable.FILE));
        HeadsSnapshot.delete(dir);
        Path indexDir = dir.resolve(SegmentIndexFile.DIR);
        if (Files.isDirectory(indexDir)) {
            try (java.util.stream.Stream<Path> files = Files.list(indexDir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static MetadataIndex openMetadata(Path dir, boolean fresh) throws IOException {
        if (!fresh) {
            try {
                MetadataIndex existing = MetadataIndex.open(dir, false);
                if (existing.format() == MetadataIndex.FORMAT) {
                    return existing;
                }
                log.info("storage: the metadata index has format {}, this version uses {}; rebuilding",
                        existing.format(), MetadataIndex.FORMAT);
                existing.close();
            } catch (RuntimeException e) {
                log.warn("storage: the metadata index cannot be opened ({}); rebuilding from the log", e.toString());
            }
        }
        return MetadataIndex.open(dir, true);
    }

    /**
     * Opens the index files of the sealed segments, oldest first, while each is whole and matches its segment;
     * the segments from the first one without a usable file on are indexed in memory by the replay (their stale
     * files deleted). Returns the base of that first segment.
     */
    private static long openIndexFiles(Path dir, MessageLog messageLog, StreamIndex streams) throws IOException {
        List<LogSegment> segments = messageLog.segments();
        long firstUnindexed = messageLog.activeBase();
        boolean indexing = true;
        for (LogSegment segment : segments) {
            boolean active = segment.baseOffset() == messageLog.activeBase();
            if (indexing && active) {
                SegmentMemtable closedCleanly = partialIndexOf(dir, segment);
                SegmentIndexFile.delete(dir, segment.baseOffset());
                if (closedCleanly != null) {
                    streams.addInMemory(closedCleanly);
                    return messageLog.endOffset();
                }
                streams.addInMemory(segment.baseOffset());
                return firstUnindexed;
            }
            if (indexing) {
                try {
                    SegmentIndexFile file = SegmentIndexFile.open(dir, segment.baseOffset());
                    if (file.segmentSize() == segment.size()) {
                        streams.addIndexed(file);
                        continue;
                    }
                    file.close();
                    log.warn("storage: {} does not match its segment; indexing the log again from there", file.path());
                } catch (java.nio.file.NoSuchFileException e) {
                    log.info("storage: segment {} has no index file; indexing it from the log", segment.baseOffset());
                } catch (IOException e) {
                    log.warn("storage: cannot use the index file of segment {} ({}); indexing it from the log",
                            segment.baseOffset(), e.toString());
                }
                indexing = false;
                firstUnindexed = segment.baseOffset();
            }
            SegmentIndexFile.delete(dir, segment.baseOffset());
            streams.addInMemory(segment.baseOffset());
        }
        return firstUnindexed;
    }

    /**
     * The memtable of the segment being written as the partial index file written at a clean close holds it, or
     * null when there is no such file or it does not cover the segment exactly (the store did not close cleanly).
     */
    private static SegmentMemtable partialIndexOf(Path dir, LogSegment active) {
        try (SegmentIndexFile file = SegmentIndexFile.open(dir, active.baseOffset())) {
            return file.segmentSize() == active.size() ? SegmentMemtable.loadedFrom(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Raises heads to the last seq of every run in the index files of segments ending after {@code from}. */
    private static void raiseHeadsFromIndexFiles(StreamIndex streams, HeadCounters heads, long from) {
        for (StreamIndex.Indexed segment : streams.segments()) {
            SegmentIndexFile file = segment.file;
            if (file == null || segment.base + file.segmentSize() <= from) {
                continue;
            }
            file.forEachConversation((key, run) -> heads.advanceConversation(key, run.lastSeq()));
            file.forEachInbox((key, run) -> heads.advanceInbox(key, run.lastSeq()));
        }
    }

    private static long replay(MessageLog messageLog, StreamIndex streams, KeyIndex keys, RecordApplier applier,
            HeadCounters heads, long from, long applied, long keysThrough, long firstUnindexed) throws IOException {
        long[] count = {0};
        SegmentMemtable[] current = {null};
        Map<Long, Long> sizes = new HashMap<>();
        messageLog.segments().forEach(segment -> sizes.put(segment.baseOffset(), segment.size()));
        messageLog.replay(from, (offset, record) -> {
            count[0]++;
            SegmentMemtable memtable = null;
            if (offset >= firstUnindexed) {
                if (current[0] == null || !inSegment(messageLog, current[0].base(), offset)) {
                    if (current[0] != null) {
                        // the replay is past a sealed segment: its index goes to its file now, so that the heap
                        // holds one segment's memtable at a time however long the log is (a rebuild)
                        streams.writeFile(current[0].base(), sizes.get(current[0].base()));
                    }
                    current[0] = streams.memtable(messageLog.segmentBaseOf(offset));
                }
                memtable = current[0];
            }
            if (record instanceof LogRecord.MessageCommitted message) {
                if (offset >= keysThrough) {
                    keys.insert(message, offset);
                }
                var m = message.message();
                if (memtable != null) {
                    memtable.addMessage(m.conversation().asString(), m.seq(), message.inboxSeqs(), m.messageUid(),
                            (int) (offset - memtable.base()), m.sentTime(), m.conversationType().code());
                }
                heads.advanceConversation(m.conversation().asString(), m.seq());
                message.inboxSeqs().forEach(heads::advanceInbox);
                return;
            }
            if (memtable != null) {
                if (record instanceof LogRecord.MetadataPut put) {
                    memtable.addMetadataKey(put.namespace(), put.key());
                } else if (record instanceof LogRecord.MetadataDeleted deleted) {
                    memtable.addMetadataKey(deleted.namespace(), deleted.key());
                }
            }
            if (offset >= applied || record instanceof LogRecord.HeadsKept) {
                applier.apply(record, offset);
            }
        });
        return count[0];
    }

    private static boolean inSegment(MessageLog messageLog, long base, long offset) {
        return messageLog.segmentBaseOf(offset) == base;
    }
}
