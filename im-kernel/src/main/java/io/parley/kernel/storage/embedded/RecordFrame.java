package io.parley.kernel.storage.embedded;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk framing of one log record: a 4-byte payload length, a 4-byte CRC32C of the length and the
 * payload, then the payload. Stateless and thread-safe.
 */
final class RecordFrame {
    static final int HEADER_BYTES = 8;
    /** A sanity bound on one record, well above any message the kernel accepts. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    private RecordFrame() {
    }

    static int frameSize(byte[] payload) {
        return HEADER_BYTES + payload.length;
    }

    /** Frames every payload into one buffer, ready to be written in one call. */
    static ByteBuffer frameAll(List<byte[]> payloads) {
        int total = 0;
        for (byte[] payload : payloads) {
            total += frameSize(payload);
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (byte[] payload : payloads) {
            buffer.putInt(payload.length);
            buffer.putInt(checksum(payload.length, payload));
            buffer.put(payload);
        }
        return buffer.flip();
    }

    static int checksum(int length, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue();
    }

    /** Whether a header's length is plausible given the bytes left in the segment after the header. */
    static boolean plausibleLength(int length, long bytesAfterHeader) {
        return length > 0 && length <= MAX_PAYLOAD_BYTES && length <= bytesAfterHeader;
    }
}
