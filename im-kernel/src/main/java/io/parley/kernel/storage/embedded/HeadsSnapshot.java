package io.parley.kernel.storage.embedded;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Every conversation's and inbox's head as of a log offset, in one file ({@code heads.snapshot}), so that a start
 * need not read the whole log to learn them: recovery loads the snapshot, then raises heads from the runs of the
 * segments indexed since and from the records it replays. Written by the indexer now and then (a temporary file,
 * forced, then renamed); a head in it may be newer than its offset says, never older, which is harmless since heads
 * only move once their entry is durable. Blocks on I/O.
 */
final class HeadsSnapshot {
    static final String FILE = "heads.snapshot";
    private static final long MAGIC = 0x5041524C48454144L; // "PARLHEAD"

    private HeadsSnapshot() {
    }

    /** What a snapshot holds. */
    record Loaded(long logOffset, Map<String, Long> conversations, Map<String, Long> inboxes) {
    }

    /** Writes every head of {@code heads}, recorded as of {@code logOffset}. */
    static void write(Path dir, HeadCounters heads, long logOffset) throws IOException {
        Path target = dir.resolve(FILE);
        Path temporary = dir.resolve(FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32C crc = new CRC32C();
            OutputStream raw = Channels.newOutputStream(channel);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc),
                    1 << 16));
            out.writeLong(MAGIC);
            out.writeLong(logOffset);
            writeHeads(out, heads.conversationHeads());
            writeHeads(out, heads.inboxHeads());
            out.flush();
            DataOutputStream trailer = new DataOutputStream(raw);
            trailer.writeLong(crc.getValue());
            trailer.flush();
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MessageLog.syncDirectory(dir);
    }

    private static void writeHeads(DataOutputStream out, Map<String, Long> heads) throws IOException {
        out.writeInt(heads.size());
        for (Map.Entry<String, Long> head : heads.entrySet()) {
            out.writeUTF(head.getKey());
            out.writeLong(head.getValue());
        }
    }

    /** The snapshot in {@code dir}, or empty when there is none or it is not whole. */
    static Optional<Loaded> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream raw = Files.newInputStream(file)) {
            long size = Files.size(file);
            CRC32C crc = new CRC32C();
            DataInputStream in = new DataInputStream(new CheckedInputStream(
                    new BufferedInputStream(new BoundedStream(raw, size - 8), 1 << 16), crc));
            if (in.readLong() != MAGIC) {
                return Optional.empty();
            }
            long offset = in.readLong();
            Map<String, Long> conversations = readHeads(in);
            Map<String, Long> inboxes = readHeads(in);
            long expected = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            return stored == expected ? Optional.of(new Loaded(offset, conversations, inboxes)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Long> readHeads(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("bad head count " + count);
        }
        Map<String, Long> heads = new java.util.HashMap<>(Math.max(16, count * 4 / 3 + 1));
        for (int i = 0; i < count; i++) {
            heads.put(in.readUTF(), in.readLong());
        }
        return heads;
    }

    /** Reads at most {@code limit} bytes of a stream, leaving the rest (the trailer) unread. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }
    }

    static void delete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }
}
