package io.parley.kernel.storage.embedded;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream index of one segment while it is written, in memory: for each conversation and each inbox with an
 * entry in the segment, its run of seqs. Filled by the committer as batches become durable (or by recovery as it
 * replays), read by any thread; a reader never reads past the heads, which only move after the entries are here.
 * Also remembers what a sealed segment's index file records besides the runs: the sent-time range, the newest
 * sent time per conversation type, and the metadata keys written in the segment. Once the segment is sealed and
 * its {@link SegmentIndexFile} written, the memtable is dropped.
 */
final class SegmentMemtable {
    static final int TYPE_CODES = 16;

    private final long base;
    private final Map<String, Run> conversations = new ConcurrentHashMap<>();
    private final Map<String, Run> inboxes = new ConcurrentHashMap<>();
    private final Set<String> metadataKeys = ConcurrentHashMap.newKeySet();
    /** The UID hash and position of each message, in log order; a prefix of {@code uidCount} is published. */
    private volatile long[] uidHashes = new long[1024];
    private volatile int[] uidPositions = new int[1024];
    private volatile int uidCount;
    private final long[] maxSentByType = new long[TYPE_CODES];
    private volatile long minSentTime = Long.MAX_VALUE;
    private volatile long maxSentTime = Long.MIN_VALUE;

    SegmentMemtable(long base) {
        this.base = base;
        Arrays.fill(maxSentByType, Long.MIN_VALUE);
    }

    long base() {
        return base;
    }

    /** The conversation's run in this segment, created (starting at {@code firstSeq}) when new. Writer only. */
    Run conversationRun(String key, long firstSeq) {
        return runFor(conversations, key, firstSeq);
    }

    /** The inbox's run in this segment, created (starting at {@code firstSeq}) when new. Writer only. */
    Run inboxRun(String userId, long firstSeq) {
        return runFor(inboxes, userId, firstSeq);
    }

    private Run runFor(Map<String, Run> runs, String stream, long firstSeq) {
        Run run = runs.get(stream);
        if (run == null) {
            run = new Run(base, firstSeq);
            runs.put(stream, run);
        }
        return run;
    }

    /** Records a message's UID (by its hash) at {@code position}. Writer only. */
    void addUid(long hash, int position) {
        int at = uidCount;
        if (at == uidHashes.length) {
            long[] hashes = Arrays.copyOf(uidHashes, at * 2);
            int[] positions = Arrays.copyOf(uidPositions, at * 2);
            uidHashes = hashes;
            uidPositions = positions;
        }
        uidHashes[at] = hash;
        uidPositions[at] = position;
        uidCount = at + 1;
    }

    /** Hands the position of every message whose UID hashes to {@code hash} to {@code positions}, newest first. */
    void findUid(long hash, java.util.function.IntConsumer positions) {
        int count = uidCount;
        long[] hashes = uidHashes;
        int[] at = uidPositions;
        for (int i = count - 1; i >= 0; i--) {
            if (hashes[i] == hash) {
                positions.accept(at[i]);
            }
        }
    }

    /** The UIDs recorded: {@code hashes} and {@code positions} of equal length. Once the segment is sealed. */
    long[] uidHashes() {
        return Arrays.copyOf(uidHashes, uidCount);
    }

    int[] uidPositions() {
        return Arrays.copyOf(uidPositions, uidCount);
    }

    /** Notes a message's sent time and type, for the segment's time range. Writer only. */
    void noteMessage(long sentTime, int typeCode) {
        noteTime(sentTime, typeCode);
    }

    /** Adds a message's entries and its UID. Writer thread only (recovery). */
    void addMessage(String conversation, long seq, Map<String, Long> inboxSeqs, String uid, int position,
            long sentTime, int typeCode) {
        addUid(KeyTable.hash('u', uid), position);
        add(conversations, conversation, seq, position, sentTime, typeCode);
        for (Map.Entry<String, Long> inbox : inboxSeqs.entrySet()) {
            add(inboxes, inbox.getKey(), inbox.getValue(), position, sentTime, typeCode);
        }
        noteTime(sentTime, typeCode);
    }

    private void noteTime(long sentTime, int typeCode) {
        if (sentTime < minSentTime) {
            minSentTime = sentTime;
        }
        if (sentTime > maxSentTime) {
            maxSentTime = sentTime;
        }
        if (typeCode >= 0 && typeCode < TYPE_CODES && sentTime > maxSentByType[typeCode]) {
            maxSentByType[typeCode] = sentTime;
        }
    }

    /**
     * A memtable holding what {@code file} indexes: the partial index file written for the segment being written
     * when the store closed cleanly, so that a start need not replay that segment.
     */
    static SegmentMemtable loadedFrom(SegmentIndexFile file) {
        SegmentMemtable memtable = new SegmentMemtable(file.segmentBase());
        file.forEachConversation((key, run) -> memtable.addRun(memtable.conversations, key, run));
        file.forEachInbox((key, run) -> memtable.addRun(memtable.inboxes, key, run));
        memtable.metadataKeys.addAll(file.metadataKeys());
        file.forEachUid(memtable::addUid);
        return memtable;
    }

    private void addRun(Map<String, Run> runs, String stream, StreamRun run) {
        for (int i = 0; i < run.count(); i++) {
            add(runs, stream, run.firstSeq() + i, run.position(i), run.sentTime(i), run.typeCode(i));
            noteTime(run.sentTime(i), run.typeCode(i));
        }
    }

    /** Remembers that the segment holds a write of this metadata key. Writer thread only. */
    void addMetadataKey(String namespace, String key) {
        metadataKeys.add(namespace + '\u0000' + key);
    }

    private void add(Map<String, Run> runs, String stream, long seq, int position, long sentTime, int typeCode) {
        runFor(runs, stream, seq).append(seq, position, sentTime, typeCode);
    }

    StreamRun conversation(String key) {
        return conversations.get(key);
    }

    StreamRun inbox(String userId) {
        return inboxes.get(userId);
    }

    Map<String, Run> conversations() {
        return conversations;
    }

    Map<String, Run> inboxes() {
        return inboxes;
    }

    Set<String> metadataKeys() {
        return metadataKeys;
    }

    long minSentTime() {
        return minSentTime;
    }

    long maxSentTime() {
        return maxSentTime;
    }

    long maxSentTime(int typeCode) {
        return typeCode >= 0 && typeCode < TYPE_CODES ? maxSentByType[typeCode] : Long.MIN_VALUE;
    }

    /**
     * One stream's run in memory. Single writer; readers see a prefix: the arrays are replaced (grown) before
     * the count that covers a new entry is published.
     */
    static final class Run implements StreamRun {
        private final long segmentBase;
        private final long firstSeq;
        private volatile Columns columns = new Columns(4);
        private volatile int count;

        private record Columns(int[] positions, long[] sentTimes, byte[] types) {
            Columns(int capacity) {
                this(new int[capacity], new long[capacity], new byte[capacity]);
            }

            Columns grown() {
                int capacity = positions.length * 2;
                return new Columns(Arrays.copyOf(positions, capacity), Arrays.copyOf(sentTimes, capacity),
                        Arrays.copyOf(types, capacity));
            }
        }

        Run(long segmentBase, long firstSeq) {
            this.segmentBase = segmentBase;
            this.firstSeq = firstSeq;
        }

        void append(long seq, int position, long sentTime, int typeCode) {
            if (seq < firstSeq + count) {
                throw new IllegalStateException("stream seqs must rise within a segment: expected "
                        + (firstSeq + count) + ", got " + seq);
            }
            while (seq > firstSeq + count) {
                // records lost to damage and padded over by repair: holes, in time order
                put(-1, count == 0 ? sentTime : columns.sentTimes[count - 1], typeCode);
            }
            put(position, sentTime, typeCode);
        }

        private void put(int position, long sentTime, int typeCode) {
            int at = count;
            Columns current = columns;
            if (at == current.positions.length) {
                current = current.grown();
                columns = current;
            }
            current.positions[at] = position;
            current.sentTimes[at] = sentTime;
            current.types[at] = (byte) typeCode;
            count = at + 1;
        }

        @Override
        public long segmentBase() {
            return segmentBase;
        }

        @Override
        public long firstSeq() {
            return firstSeq;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public int position(int i) {
            return columns.positions[i];
        }

        @Override
        public long sentTime(int i) {
            return columns.sentTimes[i];
        }

        @Override
        public int typeCode(int i) {
            return columns.types[i];
        }
    }
}
