package io.parley.kernel.storage.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A batch of log records encoded and framed in place ({@link RecordFrame}'s layout: length, CRC32C, payload), in
 * one buffer that the log writes with a single call: no byte array per record and no separate frame buffer.
 * Strings go in as UTF-8 with bulk copies. Reused by the thread that owns it (the committer), one batch at a time;
 * grows as needed.
 */
final class FrameBuffer {
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private int[] starts = new int[256];
    private int count;
    private int recordStart = -1;
    private final CRC32C crc = new CRC32C();

    /** Empties the buffer for a new batch. */
    void clear() {
        buffer.clear();
        count = 0;
        recordStart = -1;
    }

    /** Encodes and frames {@code record}; returns its index in the batch. */
    int add(LogRecord record) {
        begin();
        LogRecordCodec.write(record, this);
        return end();
    }

    private void begin() {
        ensure(RecordFrame.HEADER_BYTES);
        recordStart = buffer.position();
        buffer.position(recordStart + RecordFrame.HEADER_BYTES);
    }

    private int end() {
        int payloadStart = recordStart + RecordFrame.HEADER_BYTES;
        int length = buffer.position() - payloadStart;
        buffer.putInt(recordStart, length);
        buffer.putInt(recordStart + 4, RecordFrame.checksum(crc, length, buffer.array(), payloadStart, length));
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count] = recordStart;
        recordStart = -1;
        return count++;
    }

    int count() {
        return count;
    }

    /** Where record {@code i}'s frame starts, relative to the start of the batch. */
    int start(int i) {
        return starts[i];
    }

    /** The framed batch, ready to be written (a view; the buffer is not changed). */
    ByteBuffer frames() {
        ByteBuffer frames = buffer.duplicate();
        frames.flip();
        return frames;
    }

    void putByte(int value) {
        ensure(1);
        buffer.put((byte) value);
    }

    void putBoolean(boolean value) {
        putByte(value ? 1 : 0);
    }

    void putShort(int value) {
        ensure(2);
        buffer.putShort((short) value);
    }

    void putInt(int value) {
        ensure(4);
        buffer.putInt(value);
    }

    void putLong(long value) {
        ensure(8);
        buffer.putLong(value);
    }

    void putBytes(byte[] bytes) {
        ensure(bytes.length);
        buffer.put(bytes);
    }

    /** A string as its UTF-8 length and bytes (the JDK encodes ASCII with a plain copy). */
    void putString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        putBytes(bytes);
    }

    private void ensure(int bytes) {
        if (buffer.remaining() >= bytes) {
            return;
        }
        int needed = buffer.position() + bytes;
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, needed));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
    }
}
