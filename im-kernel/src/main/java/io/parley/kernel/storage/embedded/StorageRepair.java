package io.parley.kernel.storage.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The offline {@code repair} of an embedded store whose log is damaged: every whole, valid record is kept;
 * damaged bytes between valid records, and a shortfall between a truncated segment and the next, are
 * overwritten or filled with padding records (so every later offset stays valid); a damaged tail of the last
 * segment is cut. The index is then deleted, to be rebuilt from the log at the next start; before that, the repair
 * reads from it how far the store had recorded the log as written, to report what a truncated log lost, and restates
 * the last snapshot's heads after a lost tail, so that no seq is given twice. The server must be stopped (the
 * directory lock is taken). Runs on the calling thread; blocks on I/O.
 */
public final class StorageRepair {
    private static final int MAX_PAD_FRAME = 16 * 1024 * 1024;
    private static final int HEADS_PER_RECORD = 100_000;

    private StorageRepair() {
    }

    /**
     * What was done.
     *
     * @param segments segment files examined
     * @param paddedBytes damaged or missing bytes replaced by padding (their records are lost)
     * @param truncatedBytes bytes of a torn tail cut from the last segment
     * @param recordedEnd the log offset up to which the store had recorded the log as written (0 if it had not)
     * @param end the log offset where the repaired log ended, before the heads were restated
     * @param restatedHeads conversation and inbox heads restated after a lost tail, so that no seq is used again
     */
    public record Report(int segments, long paddedBytes, long truncatedBytes, long recordedEnd, long end,
            int restatedHeads) {
        /** Bytes of records the store had recorded as written that the log no longer holds (those records are lost). */
        public long lostBytes() {
            return Math.max(0, recordedEnd - end);
        }
    }

    /** Repairs the store in {@code storageDir} (the directory holding {@code log/} and {@code index.mapdb}). */
    public static Report repair(Path storageDir) throws IOException {
        try (StorageDirectoryLock lock = StorageDirectoryLock.acquire(storageDir)) {
            List<LogSegment> segments = open(storageDir.resolve("log"));
            long recordedEnd = segments.isEmpty() ? 0
                    : StoreRecovery.recordedEnd(storageDir, segments.get(segments.size() - 1).baseOffset());
            long logEnd = 0;
            long padded = 0;
            long truncated = 0;
            int restatedHeads = 0;
            try {
                for (int i = 0; i < segments.size(); i++) {
                    LogSegment segment = segments.get(i);
                    boolean last = i == segments.size() - 1;
                    long position = 0;
                    while (true) {
                        long validEnd = segment.scan(position, (at, payload) -> { });
                        if (validEnd >= segment.size()) {
                            break;
                        }
                        long next = segment.nextValidFrame(validEnd);
                        if (next < 0 && last) {
                            truncated += segment.size() - validEnd;
                            segment.truncate(validEnd);
                            break;
                        }
                        long end = next < 0 ? segment.size() : next;
                        pad(segment, validEnd, end - validEnd);
                        padded += end - validEnd;
                        position = end;
                    }
                    if (!last) {
                        long gap = segments.get(i + 1).baseOffset() - (segment.baseOffset() + segment.size());
                        if (gap > 0) {
                            pad(segment, segment.size(), gap);
                            padded += gap;
                        }
                    }
                }
                if (!segments.isEmpty()) {
                    LogSegment last = segments.get(segments.size() - 1);
                    logEnd = last.baseOffset() + last.size();
                    if (truncated > 0 || recordedEnd > logEnd) {
                        restatedHeads = restateHeads(storageDir, last);
                    }
                }
            } finally {
                for (LogSegment segment : segments) {
                    segment.close();
                }
            }
            StoreRecovery.forgetDerivedState(storageDir);
            MessageLog.syncDirectory(storageDir);
            return new Report(segments.size(), padded, truncated, recordedEnd, logEnd, restatedHeads);
        }
    }

    /**
     * After the log lost its tail, appends the heads of the store's last snapshot (a clean close writes one as of the
     * end), so that the rebuild does not give the lost messages' seqs to new ones: a device that received a lost
     * message would drop a new one under its seq. A head lower than the log's changes nothing. Returns how many.
     */
    private static int restateHeads(Path storageDir, LogSegment last) throws IOException {
        Optional<HeadsSnapshot.Loaded> snapshot = HeadsSnapshot.read(storageDir);
        if (snapshot.isEmpty()) {
            return 0;
        }
        FrameBuffer frames = new FrameBuffer();
        for (Map<String, Long> conversations : chunks(snapshot.get().conversations())) {
            frames.add(new LogRecord.HeadsKept(conversations, Map.of()));
        }
        for (Map<String, Long> inboxes : chunks(snapshot.get().inboxes())) {
            frames.add(new LogRecord.HeadsKept(Map.of(), inboxes));
        }
        last.append(frames.frames());
        last.force();
        return snapshot.get().conversations().size() + snapshot.get().inboxes().size();
    }

    /** The heads in records of at most {@value #HEADS_PER_RECORD}, well within a record's size. */
    private static List<Map<String, Long>> chunks(Map<String, Long> heads) {
        List<Map<String, Long>> chunks = new ArrayList<>();
        Map<String, Long> chunk = new HashMap<>();
        for (Map.Entry<String, Long> head : heads.entrySet()) {
            chunk.put(head.getKey(), head.getValue());
            if (chunk.size() == HEADS_PER_RECORD) {
                chunks.add(chunk);
                chunk = new HashMap<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static List<LogSegment> open(Path logDir) throws IOException {
        List<LogSegment> segments = new ArrayList<>();
        if (!Files.isDirectory(logDir)) {
            return segments;
        }
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                String name = file.getFileName().toString();
                segments.add(LogSegment.open(logDir, Long.parseLong(name.substring(0, name.length() - 4))));
            }
        }
        return segments;
    }

    /** Writes padding records over {@code length} bytes at {@code position}. */
    private static void pad(LogSegment segment, long position, long length) throws IOException {
        if (length < RecordFrame.HEADER_BYTES + 1) {
            throw new IOException("cannot repair " + segment.path() + ": a damaged range of " + length
                    + " bytes at " + position + " is too short to pad; restore it from a backup");
        }
        long at = position;
        long left = length;
        while (left > 0) {
            long frame = left > MAX_PAD_FRAME && left - MAX_PAD_FRAME >= RecordFrame.HEADER_BYTES + 1
                    ? MAX_PAD_FRAME : left;
            FrameBuffer buffer = new FrameBuffer();
            buffer.add(new LogRecord.Padding((int) frame - RecordFrame.HEADER_BYTES));
            segment.overwrite(at, buffer.frames());
            at += frame;
            left -= frame;
        }
    }
}
