package io.parley.kernel.storage.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The stream index of one sealed log segment, in its own immutable file ({@code index/<base>.idx}), written once
 * from the segment's {@link SegmentMemtable} and then read through a memory map. It holds, for every conversation
 * and every inbox with entries in the segment, the run of seqs (sorted by a hash of the key, for binary search),
 * the entries (position in the segment, sent time, conversation type: 16 bytes each), the segment's sent-time range
 * and newest sent time per conversation type, the metadata keys written in the segment, and its messages' UIDs (a
 * hash of each, sorted, with the message's position: found by binary search, checked against the record). The file is derived
 * from the segment: a missing or unreadable one is written again from the log.
 *
 * <p>Layout (big-endian): a 256-byte header (magic, segment base and size, times, section offsets), the two
 * directories (32 bytes an entry: key hash, key position and length in the key blob, first seq, count, first entry
 * index), the key blob, the entries, the metadata keys (length-prefixed UTF-8), the UID hashes then their
 * positions, and the magic again at the end, so
 * that a short file is refused. Written to a temporary name, forced, then renamed: a file with the final name is
 * whole. Thread-safe once open.
 */
final class SegmentIndexFile implements AutoCloseable {
    static final String DIR = "index";
    private static final long MAGIC = 0x5041524C49445832L; // "PARLIDX2"
    private static final int HEADER_BYTES = 256;
    private static final int DIR_ENTRY_BYTES = 32;
    private static final int ENTRY_BYTES = 16;
    private static final int TIMES_BY_TYPE = 40;

    private final Path path;
    private final FileChannel channel;
    private final MappedByteBuffer map;
    private final long segmentBase;
    private final long segmentSize;
    private final Directory conversations;
    private final Directory inboxes;
    private final long entriesAt;
    private final long metadataAt;
    private final int metadataCount;
    private final long uidAt;
    private final int uidCount;

    private record Directory(long at, int count) {
    }

    private SegmentIndexFile(Path path, FileChannel channel, MappedByteBuffer map) throws IOException {
        this.path = path;
        this.channel = channel;
        this.map = map;
        if (map.capacity() < HEADER_BYTES + 8 || map.getLong(0) != MAGIC
                || map.getLong(map.capacity() - 8) != MAGIC) {
            throw new IOException(path + " is not a whole segment index file");
        }
        this.segmentBase = map.getLong(8);
        this.segmentSize = map.getLong(16);
        this.conversations = new Directory(map.getLong(168), map.getInt(176));
        this.inboxes = new Directory(map.getLong(180), map.getInt(188));
        this.entriesAt = map.getLong(208);
        this.metadataAt = map.getLong(224);
        this.metadataCount = map.getInt(232);
        this.uidAt = map.getLong(240);
        this.uidCount = map.getInt(248);
    }

    static Path pathFor(Path dir, long segmentBase) {
        return dir.resolve(DIR).resolve(String.format("%020d.idx", segmentBase));
    }

    /** Opens the index file of the segment at {@code segmentBase}; fails when it is missing or not whole. */
    static SegmentIndexFile open(Path dir, long segmentBase) throws IOException {
        Path path = pathFor(dir, segmentBase);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return new SegmentIndexFile(path, channel, map);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** Writes the index file of a sealed segment of {@code segmentSize} bytes from its memtable, durably. */
    static void write(Path dir, SegmentMemtable memtable, long segmentSize) throws IOException {
        Path target = pathFor(dir, memtable.base());
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        List<Keyed> conversationRuns = sorted(memtable.conversations());
        List<Keyed> inboxRuns = sorted(memtable.inboxes());
        ByteArrayBuilder blob = new ByteArrayBuilder();
        long entryCount = 0;
        for (Keyed run : conversationRuns) {
            entryCount += run.run.count();
        }
        for (Keyed run : inboxRuns) {
            entryCount += run.run.count();
        }
        List<byte[]> metadataKeys = new ArrayList<>();
        long metadataBytes = 0;
        for (String key : memtable.metadataKeys()) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            metadataKeys.add(bytes);
            metadataBytes += 4 + bytes.length;
        }
        long conversationsAt = HEADER_BYTES;
        long inboxesAt = conversationsAt + (long) conversationRuns.size() * DIR_ENTRY_BYTES;
        long blobAt = inboxesAt + (long) inboxRuns.size() * DIR_ENTRY_BYTES;
        for (Keyed run : conversationRuns) {
            run.keyPosition = blob.add(run.keyBytes);
        }
        for (Keyed run : inboxRuns) {
            run.keyPosition = blob.add(run.keyBytes);
        }
        long entriesAt = blobAt + blob.size();
        long metadataAt = entriesAt + entryCount * ENTRY_BYTES;
        long[] uidHashes = memtable.uidHashes();
        int[] uidPositions = memtable.uidPositions();
        Integer[] uidOrder = new Integer[uidHashes.length];
        for (int i = 0; i < uidOrder.length; i++) {
            uidOrder[i] = i;
        }
        Arrays.sort(uidOrder, Comparator.comparingLong(i -> uidHashes[i]));
        long uidAt = metadataAt + metadataBytes;
        long total = uidAt + 12L * uidHashes.length + 8;
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            header.putLong(0, MAGIC);
            header.putLong(8, memtable.base());
            header.putLong(16, segmentSize);
            header.putLong(24, memtable.minSentTime());
            header.putLong(32, memtable.maxSentTime());
            for (int type = 0; type < SegmentMemtable.TYPE_CODES; type++) {
                header.putLong(TIMES_BY_TYPE + type * 8, memtable.maxSentTime(type));
            }
            header.putLong(168, conversationsAt);
            header.putInt(176, conversationRuns.size());
            header.putLong(180, inboxesAt);
            header.putInt(188, inboxRuns.size());
            header.putLong(192, blobAt);
            header.putLong(200, blob.size());
            header.putLong(208, entriesAt);
            header.putLong(216, entryCount);
            header.putLong(224, metadataAt);
            header.putInt(232, metadataKeys.size());
            header.putLong(240, uidAt);
            header.putInt(248, uidHashes.length);
            writeFully(out, header, 0);
            Writer writer = new Writer(out, conversationsAt);
            int firstEntry = 0;
            List<Keyed> all = new ArrayList<>(conversationRuns);
            all.addAll(inboxRuns);
            for (Keyed run : all) {
                writer.putLong(run.hash).putInt(run.keyPosition).putInt(run.keyBytes.length)
                        .putLong(run.run.firstSeq()).putInt(run.run.count()).putInt(firstEntry);
                firstEntry += run.run.count();
            }
            writer.put(blob.bytes(), blob.size());
            for (Keyed run : all) {
                StreamRun entries = run.run;
                int count = entries.count();
                for (int i = 0; i < count; i++) {
                    writer.putInt(entries.position(i)).putInt(entries.typeCode(i) & 0xff).putLong(entries.sentTime(i));
                }
            }
            for (byte[] key : metadataKeys) {
                writer.putInt(key.length).put(key, key.length);
            }
            for (Integer i : uidOrder) {
                writer.putLong(uidHashes[i]);
            }
            for (Integer i : uidOrder) {
                writer.putInt(uidPositions[i]);
            }
            writer.putLong(MAGIC);
            writer.flush();
            if (writer.position() != total) {
                throw new IllegalStateException("index file size " + writer.position() + " != " + total);
            }
            out.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MessageLog.syncDirectory(target.getParent());
    }

    private static final class Keyed {
        final long hash;
        final byte[] keyBytes;
        final StreamRun run;
        int keyPosition;

        Keyed(String key, StreamRun run) {
            this.hash = KeyTable.hash('s', key);
            this.keyBytes = key.getBytes(StandardCharsets.UTF_8);
            this.run = run;
        }
    }

    private static List<Keyed> sorted(Map<String, ? extends StreamRun> runs) {
        List<Keyed> keyed = new ArrayList<>(runs.size());
        runs.forEach((key, run) -> keyed.add(new Keyed(key, run)));
        keyed.sort(Comparator.<Keyed>comparingLong(k -> k.hash).thenComparing(k -> k.keyBytes, Arrays::compare));
        return keyed;
    }

    long segmentBase() {
        return segmentBase;
    }

    long segmentSize() {
        return segmentSize;
    }

    long minSentTime() {
        return map.getLong(24);
    }

    long maxSentTime() {
        return map.getLong(32);
    }

    long maxSentTime(int typeCode) {
        return typeCode >= 0 && typeCode < SegmentMemtable.TYPE_CODES ? map.getLong(TIMES_BY_TYPE + typeCode * 8)
                : Long.MIN_VALUE;
    }

    StreamRun conversation(String key) {
        return find(conversations, key);
    }

    StreamRun inbox(String userId) {
        return find(inboxes, userId);
    }

    /** Every conversation's run, in directory order. */
    void forEachConversation(BiConsumer<String, StreamRun> visitor) {
        forEach(conversations, visitor);
    }

    /** Every inbox's run, in directory order. */
    void forEachInbox(BiConsumer<String, StreamRun> visitor) {
        forEach(inboxes, visitor);
    }

    /** The metadata keys written in the segment, as {@code namespace + '\0' + key}. */
    List<String> metadataKeys() {
        List<String> keys = new ArrayList<>(metadataCount);
        long at = metadataAt;
        for (int i = 0; i < metadataCount; i++) {
            int length = map.getInt((int) at);
            keys.add(string(at + 4, length));
            at += 4 + length;
        }
        return keys;
    }

    /** Hands the position of every message whose UID hashes to {@code hash} to {@code positions}. */
    void findUid(long hash, java.util.function.IntConsumer positions) {
        int low = 0;
        int high = uidCount - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (uidHash(mid) < hash) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for (int i = low; i < uidCount && uidHash(i) == hash; i++) {
            positions.accept(map.getInt((int) (uidAt + 8L * uidCount + 4L * i)));
        }
    }

    /** Every UID hash with its position, in hash order. */
    void forEachUid(UidVisitor visitor) {
        for (int i = 0; i < uidCount; i++) {
            visitor.visit(uidHash(i), map.getInt((int) (uidAt + 8L * uidCount + 4L * i)));
        }
    }

    /** Receives a UID hash and its message's position. */
    interface UidVisitor {
        void visit(long hash, int position);
    }

    private long uidHash(int i) {
        return map.getLong((int) (uidAt + 8L * i));
    }

    private void forEach(Directory directory, BiConsumer<String, StreamRun> visitor) {
        for (int i = 0; i < directory.count; i++) {
            long at = directory.at + (long) i * DIR_ENTRY_BYTES;
            visitor.accept(keyAt(at), runAt(at));
        }
    }

    private StreamRun find(Directory directory, String key) {
        long hash = KeyTable.hash('s', key);
        int low = 0;
        int high = directory.count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long midHash = map.getLong((int) (directory.at + (long) mid * DIR_ENTRY_BYTES));
            if (midHash < hash) {
                low = mid + 1;
            } else if (midHash > hash) {
                high = mid - 1;
            } else {
                for (int i = mid; i >= 0 && hashAt(directory, i) == hash; i--) {
                    if (keyAt(directory.at + (long) i * DIR_ENTRY_BYTES).equals(key)) {
                        return runAt(directory.at + (long) i * DIR_ENTRY_BYTES);
                    }
                }
                for (int i = mid + 1; i < directory.count && hashAt(directory, i) == hash; i++) {
                    if (keyAt(directory.at + (long) i * DIR_ENTRY_BYTES).equals(key)) {
                        return runAt(directory.at + (long) i * DIR_ENTRY_BYTES);
                    }
                }
                return null;
            }
        }
        return null;
    }

    private long hashAt(Directory directory, int i) {
        return map.getLong((int) (directory.at + (long) i * DIR_ENTRY_BYTES));
    }

    private String keyAt(long dirEntry) {
        int position = map.getInt((int) dirEntry + 8);
        int length = map.getInt((int) dirEntry + 12);
        return string(map.getLong(192) + position, length);
    }

    private String string(long at, int length) {
        byte[] bytes = new byte[length];
        map.get((int) at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private StreamRun runAt(long dirEntry) {
        long firstSeq = map.getLong((int) dirEntry + 16);
        int count = map.getInt((int) dirEntry + 24);
        int firstEntry = map.getInt((int) dirEntry + 28);
        return new FileRun(firstSeq, count, entriesAt + (long) firstEntry * ENTRY_BYTES);
    }

    /** A run read from the map. */
    private final class FileRun implements StreamRun {
        private final long firstSeq;
        private final int count;
        private final long at;

        FileRun(long firstSeq, int count, long at) {
            this.firstSeq = firstSeq;
            this.count = count;
            this.at = at;
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
            return map.getInt((int) (at + (long) i * ENTRY_BYTES));
        }

        @Override
        public long sentTime(int i) {
            return map.getLong((int) (at + (long) i * ENTRY_BYTES + 8));
        }

        @Override
        public int typeCode(int i) {
            return map.getInt((int) (at + (long) i * ENTRY_BYTES + 4));
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Deletes the index file of a segment (the segment itself was deleted). */
    static void delete(Path dir, long segmentBase) throws IOException {
        Files.deleteIfExists(pathFor(dir, segmentBase));
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
        }
    }

    /** Buffered sequential writes to a channel from a position. */
    private static final class Writer {
        private final FileChannel out;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private long position;

        Writer(FileChannel out, long position) {
            this.out = out;
            this.position = position;
        }

        Writer putLong(long value) throws IOException {
            room(8);
            buffer.putLong(value);
            return this;
        }

        Writer putInt(int value) throws IOException {
            room(4);
            buffer.putInt(value);
            return this;
        }

        Writer put(byte[] bytes, int length) throws IOException {
            int done = 0;
            while (done < length) {
                room(1);
                int chunk = Math.min(buffer.remaining(), length - done);
                buffer.put(bytes, done, chunk);
                done += chunk;
            }
            return this;
        }

        private void room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                flush();
            }
        }

        void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                position += out.write(buffer, position);
            }
            buffer.clear();
        }

        long position() {
            return position;
        }
    }

    /** A growable byte array (the key blob). */
    private static final class ByteArrayBuilder {
        private byte[] bytes = new byte[4096];
        private int size;

        int add(byte[] value) {
            if (size + value.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + value.length));
            }
            System.arraycopy(value, 0, bytes, size, value.length);
            size += value.length;
            return size - value.length;
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }
    }
}
