package io.parley.kernel.storage.embedded;

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

    static int checksum(int length, byte[] payload) {
        return checksum(new CRC32C(), length, payload, 0, payload.length);
    }

    /** The CRC32C of a frame: its length (big-endian), then its payload ({@code length} bytes at {@code offset}). */
    static int checksum(CRC32C crc, int length, byte[] bytes, int offset, int count) {
        crc.reset();
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        crc.update(bytes, offset, count);
        return (int) crc.getValue();
    }

    /** Whether a header's length is plausible given the bytes left in the segment after the header. */
    static boolean plausibleLength(int length, long bytesAfterHeader) {
        return length > 0 && length <= MAX_PAYLOAD_BYTES && length <= bytesAfterHeader;
    }
}
