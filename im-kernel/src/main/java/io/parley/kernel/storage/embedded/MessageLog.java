package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, segmented message log: the truth of the embedded store. A record's address is its global
 * offset (segment base offset + position in the segment). {@link #append}, {@link #rewindTo} and {@link #probe} are
 * called by the committer thread only, {@link #force} by the syncer; {@link #read} is safe from any thread at any
 * time. Every method blocks on I/O.
 *
 * <p>After {@link #open}, {@link #cutTornTail} cuts a torn tail (a short record or one with a bad CRC at the end of
 * the last segment) away, so that only whole records remain, unless the store had recorded the log as longer.
 *
 * <p>Every fsync (the syncer's, and the one before rolling to a new segment) runs under one lock and counts its
 * failures ({@link #forceFailures}): after a failed fsync the system may have dropped the written pages, so the
 * syncer must not acknowledge anything written before it, even if a later fsync succeeds.
 */
final class MessageLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageLog.class);
    /** What a {@link #probe} writes: as much as a typical batch. */
    private static final int PROBE_BYTES = 64 * 1024;

    /** The directory of the segment files, or null for a log in memory. */
    private final Path dir;
    private final long segmentBytes;
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private volatile LogSegment active;
    private final Object forceLock = new Object();
    /** Failed fsyncs so far; written under {@link #forceLock}. */
    private volatile long forceFailures;

    private MessageLog(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /** A new, empty log in memory (durability {@code memory}): the same log, with nothing on disk. */
    static MessageLog inMemory(long segmentBytes) {
        MessageLog messageLog = new MessageLog(null, segmentBytes);
        messageLog.segments.put(0L, LogSegment.inMemory(0L));
        messageLog.active = messageLog.segments.lastEntry().getValue();
        return messageLog;
    }

    /**
     * Opens (or creates) the log in {@code dir} and checks that its segments follow each other; the caller then cuts
     * a torn tail of the last segment ({@link #cutTornTail}) before anything else.
     */
    static MessageLog open(Path dir, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        MessageLog messageLog = new MessageLog(dir, segmentBytes);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                String name = file.getFileName().toString();
                long base = Long.parseLong(name.substring(0, name.length() - ".log".length()));
                messageLog.segments.put(base, LogSegment.open(dir, base));
            }
        }
        if (messageLog.segments.isEmpty()) {
            messageLog.segments.put(0L, LogSegment.open(dir, 0L));
            syncDirectory(dir);
        }
        messageLog.active = messageLog.segments.lastEntry().getValue();
        try {
            messageLog.checkChain();
        } catch (RuntimeException e) {
            messageLog.close();
            throw e;
        }
        return messageLog;
    }

    /** Each segment must end where the next begins; otherwise a file was truncated or removed. */
    private void checkChain() {
        LogSegment previous = null;
        for (LogSegment segment : segments.values()) {
            if (previous != null && previous.baseOffset() + previous.size() != segment.baseOffset()) {
                throw corrupt(previous.path(), previous.baseOffset() + previous.size(), "the segment ends at offset "
                        + (previous.baseOffset() + previous.size()) + " but the next one, " + segment.path().getFileName()
                        + ", starts at " + segment.baseOffset() + " (a truncated or missing file)");
            }
            previous = segment;
        }
    }

    /**
     * Cuts a torn tail (a short or bad record with nothing valid after it: a write cut by a crash) off the last
     * segment. A bad record followed by valid ones is damage, not a torn write, and fails. So does a bad or missing
     * record before {@code recordedEnd}, the end the store had recorded as written (0 when it knows none): what was
     * acknowledged would be cut. Opening thread only.
     */
    void cutTornTail(long recordedEnd) throws IOException {
        LogSegment last = active;
        long base = last.baseOffset();
        long validEnd = last.scan(0, (position, payload) -> { });
        if (validEnd < last.size() && last.nextValidFrame(validEnd) >= 0) {
            throw corrupt(last.path(), base + validEnd,
                    "a damaged record is followed by valid ones, so it is not a torn write");
        }
        if (base + validEnd < recordedEnd) {
            throw corrupt(last.path(), base + validEnd, "the store recorded the log as written up to offset "
                    + recordedEnd + ", but " + (base + last.size() < recordedEnd
                            ? "the log ends at offset " + (base + last.size()) + " (a truncated or missing file)"
                            : "the record here has a bad length or checksum"));
        }
        if (validEnd < last.size()) {
            log.warn("message log: cutting a torn tail of {} bytes at offset {} in {}",
                    last.size() - validEnd, base + validEnd, last.path());
            last.truncate(validEnd);
        }
    }

    /** The error for a damaged log: names the file and the recovery path (docs/operations.md, "Storage"). */
    static ImException corrupt(Path file, long offset, String detail) {
        return new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "the message log file " + file
                + " is damaged at log offset " + offset + ": " + detail + ". To recover, stop the server and run"
                + " `java -jar parley-server.jar repair` (it keeps every whole record and pads over the damaged"
                + " bytes), or restore the last backup with `java -jar parley-server.jar restore <backup-dir>`;"
                + " see docs/operations.md, section Storage");
    }

    /** The offset just past the last record: where the next record goes. */
    long endOffset() {
        LogSegment segment = active;
        return segment.baseOffset() + segment.size();
    }

    /**
     * Writes a batch of framed records in one write at the end of the log, rolling to a new segment first if the
     * batch would overflow the active one. Returns each record's offset. Does not force.
     */
    long[] append(FrameBuffer batch) throws IOException {
        ByteBuffer frames = batch.frames();
        if (active.size() > 0 && active.size() + frames.remaining() > segmentBytes) {
            roll();
        }
        long start = active.baseOffset() + active.append(frames);
        long[] offsets = new long[batch.count()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = start + batch.start(i);
        }
        return offsets;
    }

    private void roll() throws IOException {
        forceCounted(active);
        long base = endOffset();
        LogSegment next = dir == null ? LogSegment.inMemory(base) : LogSegment.open(dir, base);
        segments.put(base, next);
        syncDirectory(dir);
        active = next;
        if (dir != null) {
            log.info("message log: rolled to segment {}", next.path().getFileName());
        }
    }

    /** Forces the segment being written. Syncer thread (or the closing one). */
    void force() throws IOException {
        forceCounted(active);
    }

    private void forceCounted(LogSegment segment) throws IOException {
        synchronized (forceLock) {
            try {
                segment.force();
            } catch (IOException e) {
                forceFailures++;
                throw e;
            }
        }
    }

    /**
     * The fsyncs that failed so far, whoever ran them: a syncer that counts more after its own fsync than before its
     * last good one must treat everything written since as lost.
     */
    long forceFailures() {
        return forceFailures;
    }

    /**
     * Proves, after a failure, that the log can be written and forced again, leaving it unchanged (see
     * {@link LogSegment#probe}). A failed fsync counts as one. Committer thread.
     */
    void probe() throws IOException {
        synchronized (forceLock) {
            try {
                active.probe(PROBE_BYTES);
            } catch (IOException e) {
                forceFailures++;
                throw e;
            }
        }
    }

    /**
     * Cuts the log back to {@code end}: what was written after it (never acknowledged) is gone, with the segments
     * that start after it. Committer thread; nothing may be waiting to be forced beyond {@code end}.
     */
    void rewindTo(long end) throws IOException {
        boolean removed = false;
        while (active.baseOffset() > end) {
            LogSegment gone = active;
            Map.Entry<Long, LogSegment> previous = segments.lowerEntry(gone.baseOffset());
            if (previous == null) {
                throw new IllegalStateException("no segment holds log offset " + end);
            }
            active = previous.getValue();
            segments.remove(gone.baseOffset(), gone);
            gone.close();
            if (dir != null) {
                Files.deleteIfExists(gone.path());
            }
            removed = true;
            log.info("message log: removed segment {}, written after the last durable write", gone.path().getFileName());
        }
        if (removed) {
            syncDirectory(dir);
        }
        if (endOffset() > end) {
            active.truncate(end - active.baseOffset());
        }
    }

    /** Reads the record at {@code offset}. Safe from any thread. */
    LogRecord read(long offset) {
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
        if (entry == null) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "no log segment holds offset " + offset);
        }
        try {
            return LogRecordCodec.decode(entry.getValue().readFrame(offset - entry.getKey()));
        } catch (IOException e) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "cannot read the message log at offset " + offset + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the record at {@code offset}, or empty when its segment was deleted by retention (a reader raced
     * with the sweeper over a message that had expired). Safe from any thread.
     */
    Optional<LogRecord> readIfPresent(long offset) {
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LogRecordCodec.decode(entry.getValue().readFrame(offset - entry.getKey())));
        } catch (ClosedChannelException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "cannot read the message log at offset " + offset + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the record at {@code offset} if a whole, valid record starts there; empty otherwise (the offset is
     * beyond the end or in a deleted segment, or does not start a record: a stale entry of the key table); a
     * failure to read fails with {@code STORAGE_UNAVAILABLE}. Safe from any thread.
     */
    Optional<LogRecord> tryRead(long offset) {
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
        if (entry == null || offset >= endOffset()) {
            return Optional.empty();
        }
        byte[] frame;
        try {
            frame = entry.getValue().readFrame(offset - entry.getKey());
        } catch (NotARecordException | ClosedChannelException notThere) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "cannot read the message log at offset " + offset + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(LogRecordCodec.decode(frame));
        } catch (IOException | RuntimeException doesNotDecode) {
            return Optional.empty();
        }
    }

    /** The base offset of the segment holding {@code offset}. */
    long segmentBaseOf(long offset) {
        Long base = segments.floorKey(offset);
        if (base == null) {
            throw new IllegalArgumentException("no segment holds offset " + offset);
        }
        return base;
    }

    /** The segment starting at {@code base}, or null. */
    LogSegment segment(long base) {
        return segments.get(base);
    }

    /** The offset of the oldest byte still in the log (the base of the oldest segment). */
    long startOffset() {
        return segments.firstKey();
    }

    /** The base offset of the segment being written. */
    long activeBase() {
        return active.baseOffset();
    }

    /** The segments, oldest first; the last one is the active segment. */
    List<LogSegment> segments() {
        return new ArrayList<>(segments.values());
    }

    /** Bytes in every segment file. */
    long bytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.size();
        }
        return total;
    }

    /** Deletes a sealed segment's file (retention). Never the active segment. Blocks on I/O. */
    void deleteSegment(LogSegment segment) throws IOException {
        if (segment == active) {
            throw new IllegalArgumentException("the active segment cannot be deleted");
        }
        segments.remove(segment.baseOffset(), segment);
        segment.close();
        if (dir != null) {
            Files.deleteIfExists(segment.path());
            syncDirectory(dir);
        }
        log.info("message log: deleted segment {} ({} bytes)", segment.path().getFileName(), segment.size());
    }

    /** Receives records in log order during {@link #replay}. */
    interface RecordVisitor {
        void visit(long offset, LogRecord record) throws IOException;
    }

    /**
     * Hands every record from {@code fromOffset} to the end to {@code visitor}, in order, on the calling
     * thread. A corrupt record before the end of the log fails with {@code STORAGE_UNAVAILABLE}.
     */
    void replay(long fromOffset, RecordVisitor visitor) throws IOException {
        replay(fromOffset, Long.MAX_VALUE, visitor);
    }

    /** As {@link #replay(long, RecordVisitor)}, for the records that start before {@code toOffset}. */
    void replay(long fromOffset, long toOffset, RecordVisitor visitor) throws IOException {
        List<LogSegment> ordered = new ArrayList<>(segments.values());
        for (LogSegment segment : ordered) {
            long segmentEnd = segment.baseOffset() + segment.size();
            if (segmentEnd <= fromOffset) {
                continue;
            }
            if (segment.baseOffset() >= toOffset) {
                return;
            }
            long from = Math.max(0, fromOffset - segment.baseOffset());
            long base = segment.baseOffset();
            long validEnd = segment.scan(from, Math.min(segment.size(), toOffset - base), (position, payload) ->
                    visitor.visit(base + position, LogRecordCodec.decode(payload)));
            if (validEnd < Math.min(segment.size(), toOffset - base)) {
                throw corrupt(segment.path(), base + validEnd, "a record has a bad length or checksum");
            }
        }
    }

    static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (LogSegment segment : segments.values()) {
            try {
                segment.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
