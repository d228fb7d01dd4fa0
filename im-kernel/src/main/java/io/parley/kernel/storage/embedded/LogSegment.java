package io.parley.kernel.storage.embedded;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file of the message log, named by the global log offset of its first byte (or its bytes in memory, for
 * durability {@code memory}). Appends and {@link #truncate} are called by one thread only (the committer, or the
 * opener before it starts), {@link #force()} by the syncer; positional reads ({@link #readFrame}) are safe from any
 * thread at the same time. Every method blocks on I/O.
 */
final class LogSegment implements AutoCloseable {
    private final long baseOffset;
    private final Path path;
    private final SegmentBytes channel;
    private volatile long size;
    /** A failed write could not be cut back: bytes past {@link #size} may be in the file. Writer thread. */
    private boolean tailUnknown;

    private LogSegment(long baseOffset, Path path, SegmentBytes channel, long size) {
        this.baseOffset = baseOffset;
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static LogSegment open(Path dir, long baseOffset) throws IOException {
        Path path = dir.resolve(fileName(baseOffset));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new LogSegment(baseOffset, path, SegmentBytes.of(channel, path), channel.size());
    }

    /** A new, empty segment in memory; its path names it in messages only. */
    static LogSegment inMemory(long baseOffset) {
        return new LogSegment(baseOffset, Path.of("memory", fileName(baseOffset)), SegmentBytes.inMemory(), 0);
    }

    static String fileName(long baseOffset) {
        return String.format("%020d.log", baseOffset);
    }

    long baseOffset() {
        return baseOffset;
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    /**
     * Writes the whole buffer at the end of the segment; returns the position it was written at. If the write fails
     * the segment is cut back to where it ended, so that no part of the batch stays in the file; if even that cut
     * fails, the next write (or {@link #probe}) makes it first, and fails while it cannot.
     */
    long append(ByteBuffer frames) throws IOException {
        cutUnknownTail();
        long start = size;
        long position = start;
        try {
            while (frames.hasRemaining()) {
                position += channel.write(frames, position);
            }
        } catch (IOException | RuntimeException | InternalError e) {
            cutBackAfterFailure(e);
            throw e;
        }
        size = position;
        return start;
    }

    /**
     * Proves the segment can be written and forced again (after a failure): writes {@code bytes} zero bytes past its
     * end, forces them, and cuts them off again. The segment is unchanged, whether it succeeds or not.
     */
    void probe(int bytes) throws IOException {
        cutUnknownTail();
        try {
            ByteBuffer zeros = ByteBuffer.allocate(bytes);
            long position = size;
            while (zeros.hasRemaining()) {
                position += channel.write(zeros, position);
            }
            channel.force(true);
            truncate(size);
        } catch (IOException e) {
            cutBackAfterFailure(e);
            throw e;
        }
    }

    private void cutUnknownTail() throws IOException {
        if (tailUnknown) {
            truncate(size);
            tailUnknown = false;
        }
    }

    private void cutBackAfterFailure(Throwable failure) {
        try {
            channel.truncate(size);
        } catch (IOException cutFailed) {
            failure.addSuppressed(cutFailed);
            tailUnknown = true;
        }
    }

    void force() throws IOException {
        channel.force(false);
    }

    /** Cuts the segment back to {@code newSize} bytes and forces the change (the cut stands if only the force fails). */
    void truncate(long newSize) throws IOException {
        channel.truncate(newSize);
        size = newSize;
        channel.force(true);
    }

    /** Reads and checks the record framed at {@code position}; fails if it is not a whole, valid record. */
    byte[] readFrame(long position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(RecordFrame.HEADER_BYTES);
        readFully(header, position);
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (!RecordFrame.plausibleLength(length, size - position - RecordFrame.HEADER_BYTES)) {
            throw new NotARecordException("bad record length " + length + " at " + position + " in " + path);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(payload, position + RecordFrame.HEADER_BYTES);
        byte[] bytes = payload.array();
        if (RecordFrame.checksum(length, bytes) != crc) {
            throw new NotARecordException("bad record checksum at " + position + " in " + path);
        }
        return bytes;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new NotARecordException("unexpected end of " + path + " at " + at);
            }
            at += read;
        }
    }

    /** Receives each valid record found by {@link #scan}. */
    interface FrameVisitor {
        void visit(long position, byte[] payload) throws IOException;
    }

    /**
     * Reads the records from {@code fromPosition} in order, handing each valid one to {@code visitor}, and
     * stops at the end or at the first short or corrupt record. Returns the position where the valid
     * records end (the segment size when all are valid).
     */
    long scan(long fromPosition, FrameVisitor visitor) throws IOException {
        return scan(fromPosition, size, visitor);
    }

    /** As {@link #scan(long, FrameVisitor)}, up to {@code end} (a record boundary) instead of the segment's end. */
    long scan(long fromPosition, long end, FrameVisitor visitor) throws IOException {
        long position = fromPosition;
        InputStream raw = positionalStream(fromPosition);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        while (end - position >= RecordFrame.HEADER_BYTES) {
            int length = in.readInt();
            int crc = in.readInt();
            if (!RecordFrame.plausibleLength(length, end - position - RecordFrame.HEADER_BYTES)) {
                return position;
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            if (RecordFrame.checksum(length, payload) != crc) {
                return position;
            }
            visitor.visit(position, payload);
            position += RecordFrame.HEADER_BYTES + length;
        }
        return position;
    }

    /**
     * The position of the first whole, valid record that starts after {@code from}, or -1 when there is none:
     * after a bad record, it tells a torn tail (nothing valid follows) from damage in the middle.
     */
    long nextValidFrame(long from) throws IOException {
        long start = from + 1;
        if (size - start < RecordFrame.HEADER_BYTES + 1) {
            return -1;
        }
        ByteBuffer rest = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, size - start));
        readFully(rest, start);
        byte[] bytes = rest.array();
        for (int at = 0; at + RecordFrame.HEADER_BYTES < bytes.length; at++) {
            int length = ByteBuffer.wrap(bytes, at, 4).getInt();
            if (!RecordFrame.plausibleLength(length, bytes.length - at - RecordFrame.HEADER_BYTES)) {
                continue;
            }
            int crc = ByteBuffer.wrap(bytes, at + 4, 4).getInt();
            byte[] payload = java.util.Arrays.copyOfRange(bytes, at + RecordFrame.HEADER_BYTES,
                    at + RecordFrame.HEADER_BYTES + length);
            if (RecordFrame.checksum(length, payload) == crc) {
                return start + at;
            }
        }
        return -1;
    }

    /** Overwrites bytes at {@code position} (used by repair only, on a stopped store) and forces them. */
    void overwrite(long position, ByteBuffer bytes) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        channel.force(true);
        size = Math.max(size, at);
    }

    /** A stream of the file from {@code from} by positional reads, so that concurrent scans never share a position. */
    private InputStream positionalStream(long from) {
        return new InputStream() {
            private long at = from;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = channel.read(ByteBuffer.wrap(buffer, offset, length), at);
                if (read > 0) {
                    at += read;
                }
                return read;
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
