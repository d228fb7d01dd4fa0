package io.parley.kernel.storage.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every stream (a conversation's log, a user's inbox) has its entries: for each log segment, either its
 * {@link SegmentMemtable} (the segment being written, and a sealed one until its file is written) or its
 * {@link SegmentIndexFile}. Because seqs are assigned in log order, a stream's runs in successive segments hold
 * successive seq ranges; a read walks the segments from the newest back to the one holding the first seq it wants.
 * Reads from any thread; segments are added by the committer (or recovery) and switched to their files by the
 * indexer.
 */
final class StreamIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamIndex.class);

    /** One segment's index: its memtable until its file is written, then the file. */
    static final class Indexed {
        final long base;
        volatile SegmentMemtable memtable;
        volatile SegmentIndexFile file;

        Indexed(long base, SegmentMemtable memtable, SegmentIndexFile file) {
            this.base = base;
            this.memtable = memtable;
            this.file = file;
        }

        StreamRun conversation(String key) {
            // memtable first: the indexer sets the file before it drops the memtable
            SegmentMemtable inMemory = memtable;
            SegmentIndexFile indexFile = file;
            return indexFile != null ? indexFile.conversation(key) : inMemory.conversation(key);
        }

        StreamRun inbox(String userId) {
            // memtable first: the indexer sets the file before it drops the memtable
            SegmentMemtable inMemory = memtable;
            SegmentIndexFile indexFile = file;
            return indexFile != null ? indexFile.inbox(userId) : inMemory.inbox(userId);
        }

        /** The positions of the messages whose UID hashes to {@code hash}. */
        void findUid(long hash, java.util.function.IntConsumer positions) {
            SegmentMemtable inMemory = memtable;
            SegmentIndexFile indexFile = file;
            if (indexFile != null) {
                indexFile.findUid(hash, positions);
            } else {
                inMemory.findUid(hash, positions);
            }
        }

        /** Every conversation's run in the segment. */
        void forEachConversation(BiConsumer<String, StreamRun> visitor) {
            SegmentMemtable inMemory = memtable;
            SegmentIndexFile indexFile = file;
            if (indexFile != null) {
                indexFile.forEachConversation(visitor);
            } else {
                inMemory.conversations().forEach(visitor);
            }
        }

        /** Every inbox's run in the segment. */
        void forEachInbox(BiConsumer<String, StreamRun> visitor) {
            SegmentMemtable inMemory = memtable;
            SegmentIndexFile indexFile = file;
            if (indexFile != null) {
                indexFile.forEachInbox(visitor);
            } else {
                inMemory.inboxes().forEach(visitor);
            }
        }

        /** The metadata keys written in the segment, as {@code namespace + '\0' + key}. */
        List<String> metadataKeys() {
            SegmentMemtable inMemory = memtable;
            SegmentIndexFile indexFile = file;
            return indexFile != null ? indexFile.metadataKeys() : new ArrayList<>(inMemory.metadataKeys());
        }

        long minSentTime() {
            // memtable first: the indexer sets the file before it drops the memtable
            SegmentMemtable inMemory = memtable;
            SegmentIndexFile indexFile = file;
            return indexFile != null ? indexFile.minSentTime() : inMemory.minSentTime();
        }

        long maxSentTime() {
            // memtable first: the indexer sets the file before it drops the memtable
            SegmentMemtable inMemory = memtable;
            SegmentIndexFile indexFile = file;
            return indexFile != null ? indexFile.maxSentTime() : inMemory.maxSentTime();
        }

        long maxSentTime(int typeCode) {
            // memtable first: the indexer sets the file before it drops the memtable
            SegmentMemtable inMemory = memtable;
            SegmentIndexFile indexFile = file;
            return indexFile != null ? indexFile.maxSentTime(typeCode) : inMemory.maxSentTime(typeCode);
        }
    }

    /** The store's directory, or null for a store in memory (whose segments keep their memtables). */
    private final Path dir;
    private final ConcurrentSkipListMap<Long, Indexed> segments = new ConcurrentSkipListMap<>();

    StreamIndex(Path dir) {
        this.dir = dir;
    }

    /** Adds a segment that has an index file. Recovery only. */
    void addIndexed(SegmentIndexFile file) {
        segments.put(file.segmentBase(), new Indexed(file.segmentBase(), null, file));
    }

    /** Adds a segment indexed in memory (the one being written, or one whose file is yet to be written). */
    SegmentMemtable addInMemory(long base) {
        SegmentMemtable memtable = new SegmentMemtable(base);
        segments.put(base, new Indexed(base, memtable, null));
        return memtable;
    }

    /** Adds a segment indexed by a memtable already filled. Recovery only. */
    void addInMemory(SegmentMemtable memtable) {
        segments.put(memtable.base(), new Indexed(memtable.base(), memtable, null));
    }

    /** Writes the partial index file of the segment being written, as it is now (a clean close). */
    void writePartialFile(long base, long segmentSize) throws IOException {
        Indexed indexed = segments.get(base);
        if (indexed != null && indexed.memtable != null) {
            SegmentIndexFile.write(dir, indexed.memtable, segmentSize);
        }
    }

    /** The memtable of the segment at {@code base}, or null when it is indexed by a file. */
    SegmentMemtable memtable(long base) {
        Indexed indexed = segments.get(base);
        return indexed == null ? null : indexed.memtable;
    }

    /** Writes the file of a sealed segment from its memtable and switches reads to it. Indexer thread. */
    void writeFile(long base, long segmentSize) throws IOException {
        Indexed indexed = segments.get(base);
        if (indexed == null || indexed.memtable == null) {
            return;
        }
        SegmentIndexFile.write(dir, indexed.memtable, segmentSize);
        indexed.file = SegmentIndexFile.open(dir, base);
        indexed.memtable = null;
    }

    /** Drops a deleted segment's index (and its file). */
    void remove(long base) throws IOException {
        Indexed indexed = segments.remove(base);
        if (indexed != null && indexed.file != null) {
            indexed.file.close();
        }
        if (dir != null) {
            SegmentIndexFile.delete(dir, base);
        }
    }

    /** Drops the memtables of the segments after {@code base} (the log was cut back into it). Committer thread. */
    void removeAfter(long base) throws IOException {
        for (Long later : new java.util.ArrayList<>(segments.tailMap(base, false).keySet())) {
            remove(later);
        }
    }

    /** The index of the segment at {@code base}, or null. */
    Indexed indexed(long base) {
        return segments.get(base);
    }

    /** Every segment's index, oldest first. */
    List<Indexed> segments() {
        return new ArrayList<>(segments.values());
    }

    /** The offsets of the messages whose UID hashes to {@code hash}, newest segment first, until one is taken. */
    void findUid(long hash, java.util.function.LongPredicate take) {
        for (Indexed indexed : segments.descendingMap().values()) {
            boolean[] taken = {false};
            indexed.findUid(hash, position -> {
                if (!taken[0]) {
                    taken[0] = take.test(indexed.base + position);
                }
            });
            if (taken[0]) {
                return;
            }
        }
    }

    /** The conversation's runs that may hold seqs above {@code afterSeq}, oldest first. */
    List<StreamRun> conversationAfter(String key, long afterSeq) {
        return runsAfter(indexed -> indexed.conversation(key), afterSeq);
    }

    /** The inbox's runs that may hold seqs above {@code afterSeq}, oldest first. */
    List<StreamRun> inboxAfter(String userId, long afterSeq) {
        return runsAfter(indexed -> indexed.inbox(userId), afterSeq);
    }

    /** The conversation's runs holding seqs below {@code beforeSeq}, newest first, lazily. */
    Iterable<StreamRun> conversationBefore(String key, long beforeSeq) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<Indexed> newestFirst = segments.descendingMap().values().iterator();
            private StreamRun next = advance();

            private StreamRun advance() {
                while (newestFirst.hasNext()) {
                    StreamRun run = newestFirst.next().conversation(key);
                    if (run != null && run.count() > 0 && run.firstSeq() < beforeSeq) {
                        return run;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public StreamRun next() {
                StreamRun current = next;
                if (current == null) {
                    throw new NoSuchElementException();
                }
                next = advance();
                return current;
            }
        };
    }

    private List<StreamRun> runsAfter(Function<Indexed, StreamRun> find, long afterSeq) {
        List<StreamRun> newestFirst = new ArrayList<>();
        for (Indexed indexed : segments.descendingMap().values()) {
            StreamRun run = find.apply(indexed);
            if (run == null || run.count() == 0) {
                continue;
            }
            if (run.lastSeq() <= afterSeq) {
                break;
            }
            newestFirst.add(run);
            if (run.firstSeq() <= afterSeq + 1) {
                break;
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public void close() {
        for (Map.Entry<Long, Indexed> entry : segments.entrySet()) {
            SegmentIndexFile file = entry.getValue().file;
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    log.debug("storage: closing {} failed", file.path(), e);
                }
            }
        }
        segments.clear();
    }
}
