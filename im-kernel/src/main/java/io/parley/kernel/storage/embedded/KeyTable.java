package io.parley.kernel.storage.embedded;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hash table from a 64-bit key hash to a log offset, in a memory-mapped file ({@code keys.table}): the
 * embedded store's idempotency keys and message UIDs. A slot is two 8-byte words, the log offset + 1 and then
 * the hash (a hash of 0 marks an empty slot), placed by linear probing from {@code hash & (capacity - 1)}. The
 * offset is stored before the hash, with release ordering, so that a reader or a killed process never sees an
 * entry whose offset is missing.
 *
 * <p>The table is <em>self-validating</em>: a lookup hands back the offsets stored under the hash, and the caller
 * reads the record there and compares the key. So a stale entry (its segment deleted, a write that a crash cut)
 * costs a wasted read, never a wrong answer, and the table needs no transaction: what a crash loses is inserted
 * again when recovery replays the log after the last checkpoint.
 *
 * <p>A new file's slots are written with zeros before they are mapped, so that the disk holds their blocks: a page
 * of a mapped file that the disk cannot back faults when it is first written (a full disk), and the JVM reports such
 * a fault late, on whatever the thread does next, where it cannot be undone. A full disk shows as an
 * {@link IOException} when the file is made instead.
 *
 * <p>When the table is 70% full it grows to twice the size: a background thread makes the new file and copies the
 * old table into it (dropping entries below the log's start) while the writer goes on inserting into the old one and
 * keeps those inserts aside; at its next insert after the copy the writer adds them to the new table and switches.
 * Lookups keep working throughout.
 *
 * <p>Threads: {@link #insert} is called by one writer thread at a time (the committer, or recovery before it
 * starts); {@link #lookup} from any thread.
 */
final class KeyTable implements AutoCloseable {
    static final String FILE = "keys.table";
    private static final Logger log = LoggerFactory.getLogger(KeyTable.class);
    private static final long MAGIC = 0x5041524C4B455932L; // "PARLKEY2"
    private static final int HEADER_BYTES = 4096;
    private static final int SLOT_BYTES = 16;
    private static final int SLOTS_PER_BUFFER = 1 << 26;
    private static final VarHandle WORDS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** 16 MiB of slots to begin with: a sparse file, whose pages cost nothing until used. */
    static final int MIN_CAPACITY = 1 << 20;
    private static final double MAX_LOAD = 0.7;
    /** How long after a failed grow the next is tried. */
    private static final long GROWTH_RETRY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final Path file;
    private final LongPredicate live;
    private volatile Mapping mapping;
    private long count;
    private Growth growth;
    /** When the last grow failed (a full disk): the next is not tried for a while. Writer thread. */
    private boolean growthFailed;
    private long growthFailedNanos;

    /**
     * One mapped file (or, for a store in memory, direct buffers): its slots, spread over buffers of at most
     * {@value #SLOTS_PER_BUFFER} slots.
     */
    private static final class Mapping {
        final Path path;
        final FileChannel channel;
        final ByteBuffer[] buffers;
        final ByteBuffer header;
        final long capacity;
        final long mask;

        /** @param path the file, or null for a table in memory */
        Mapping(Path path, long capacity, boolean create) throws IOException {
            this.path = path;
            this.capacity = capacity;
            this.mask = capacity - 1;
            this.channel = path == null ? null : FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                if (create && channel != null) {
                    channel.truncate(0);
                    allocate(channel, HEADER_BYTES + capacity * SLOT_BYTES);
                }
                int bufferCount = (int) ((capacity + SLOTS_PER_BUFFER - 1) / SLOTS_PER_BUFFER);
                this.buffers = new ByteBuffer[bufferCount];
                for (int i = 0; i < bufferCount; i++) {
                    long first = (long) i * SLOTS_PER_BUFFER;
                    long slots = Math.min(SLOTS_PER_BUFFER, capacity - first);
                    buffers[i] = channel == null ? ByteBuffer.allocateDirect((int) (slots * SLOT_BYTES))
                            : channel.map(FileChannel.MapMode.READ_WRITE, HEADER_BYTES + first * SLOT_BYTES,
                                    slots * SLOT_BYTES);
                }
                this.header = channel == null ? ByteBuffer.allocate(HEADER_BYTES)
                        : channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES);
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    channel.close();
                }
                throw e;
            }
            if (create) {
                header.putLong(8, capacity);
                header.putLong(0, MAGIC);
                force(0);
            }
        }

        /** Writes {@code bytes} zero bytes from the start of the file, so that the disk holds every block. */
        private static void allocate(FileChannel channel, long bytes) throws IOException {
            ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < bytes; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
                at += channel.write(zeros, at);
            }
        }

        long hashAt(long index) {
            return (long) WORDS.getAcquire(buffer(index), position(index) + 8);
        }

        private ByteBuffer buffer(long index) {
            return buffers[(int) (index / SLOTS_PER_BUFFER)];
        }

        long offsetAt(long index) {
            return (long) WORDS.get(buffer(index), position(index)) - 1;
        }

        void put(long index, long hash, long offset) {
            ByteBuffer buffer = buffer(index);
            int position = position(index);
            WORDS.set(buffer, position, offset + 1);
            WORDS.setRelease(buffer, position + 8, hash);
        }

        private static int position(long index) {
            return (int) (index % SLOTS_PER_BUFFER) * SLOT_BYTES;
        }

        /** Flushes the slots, then records {@code count} in the header. */
        void force(long count) {
            header.putLong(16, count);
            if (channel == null) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                ((MappedByteBuffer) buffer).force();
            }
            ((MappedByteBuffer) header).force();
        }

        long storedCount() {
            return header.getLong(16);
        }

        void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }

    /**
     * A grow in progress: the background copy into the new table (made by the copier), and what the writer inserted
     * into the old table meanwhile.
     */
    private static final class Growth {
        final List<long[]> insertedMeanwhile = new ArrayList<>();
        volatile Mapping target;
        volatile boolean copied;
        volatile Throwable failure;
        volatile long copiedCount;
    }

    private KeyTable(Path file, LongPredicate live, Mapping mapping, long count) {
        this.file = file;
        this.live = live;
        this.mapping = mapping;
        this.count = count;
    }

    /**
     * Opens the table in {@code dir}, or creates an empty one. A file that is not a table of this format is
     * replaced by an empty one (recovery then refills it from the log). {@code live} tells whether an offset is
     * still in the log; a grow drops the entries that are not.
     */
    static KeyTable open(Path dir, LongPredicate live) throws IOException {
        Path file = dir.resolve(FILE);
        Files.deleteIfExists(dir.resolve(FILE + ".grow"));
        Mapping mapping = null;
        if (Files.exists(file) && Files.size(file) > HEADER_BYTES) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer header = ByteBuffer.allocate(16);
                channel.read(header, 0);
                long capacity = header.getLong(8);
                if (header.getLong(0) == MAGIC && Long.bitCount(capacity) == 1 && capacity >= MIN_CAPACITY
                        && Files.size(file) >= HEADER_BYTES + capacity * SLOT_BYTES) {
                    mapping = new Mapping(file, capacity, false);
                }
            }
            if (mapping == null) {
                log.warn("storage: {} is not a key table of this version; starting an empty one", file);
            }
        }
        if (mapping == null) {
            mapping = new Mapping(file, MIN_CAPACITY, true);
        }
        // the count as of the last flush: it only decides when to grow, so a few entries more are harmless
        return new KeyTable(file, live, mapping, mapping.storedCount());
    }

    /** An empty table in memory, for a store in memory. */
    static KeyTable inMemory(LongPredicate live) throws IOException {
        return new KeyTable(null, live, new Mapping(null, MIN_CAPACITY, true), 0);
    }

    /** A 64-bit hash of {@code key} under {@code kind} (the same string of two kinds hashes apart); never 0. */
    static long hash(char kind, String key) {
        long h = 0xcbf29ce484222325L ^ kind;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** Where a lookup ended: the empty slot an insert of the same hash takes, while nothing else took it. */
    static final class Slot {
        private final Mapping mapping;
        private final long index;

        private Slot(Mapping mapping, long index) {
            this.mapping = mapping;
            this.index = index;
        }
    }

    /**
     * Hands every offset stored under {@code hash} to {@code candidates}, oldest insert first, and returns the slot
     * where an insert of the same hash would go (so that the insert need not probe again), or null. Any thread.
     */
    Slot lookup(long hash, LongConsumer candidates) {
        Mapping current = mapping;
        for (long i = hash & current.mask, probes = 0; probes < current.capacity; i = (i + 1) & current.mask, probes++) {
            long stored = current.hashAt(i);
            if (stored == 0) {
                return new Slot(current, i);
            }
            if (stored == hash) {
                candidates.accept(current.offsetAt(i));
            }
        }
        return null;
    }

    /** Records {@code offset} under {@code hash}; an identical entry is not stored twice. Writer thread only. */
    void insert(long hash, long offset) {
        insert(hash, offset, null);
    }

    /**
     * As {@link #insert(long, long)}, at the slot a lookup of the same hash found empty when it still is (every slot
     * before it on the probe path was taken then, and entries are never removed, so it is still the first free
     * one). Writer thread only.
     */
    void insert(long hash, long offset, Slot found) {
        if (hash == 0 || offset < 0) {
            throw new IllegalArgumentException("bad key table entry: hash " + hash + ", offset " + offset);
        }
        finishGrowthIfCopied();
        Mapping current = mapping;
        boolean added;
        if (found != null && found.mapping == current && current.hashAt(found.index) == 0) {
            current.put(found.index, hash, offset);
            added = true;
        } else {
            added = put(current, hash, offset);
        }
        if (added) {
            count++;
            if (growth != null) {
                growth.insertedMeanwhile.add(new long[] {hash, offset});
            } else if (count > mapping.capacity * MAX_LOAD
                    && (!growthFailed || System.nanoTime() - growthFailedNanos > GROWTH_RETRY_NANOS)) {
                startGrowth();
            }
        }
    }

    /** Puts the entry into {@code into}; false when it was there already. */
    private static boolean put(Mapping into, long hash, long offset) {
        for (long i = hash & into.mask, probes = 0; probes < into.capacity; i = (i + 1) & into.mask, probes++) {
            long stored = into.hashAt(i);
            if (stored == 0) {
                into.put(i, hash, offset);
                return true;
            }
            if (stored == hash && into.offsetAt(i) == offset) {
                return false;
            }
        }
        throw new IllegalStateException("the key table is full");
    }

    private void startGrowth() {
        Path next = file == null ? null : file.resolveSibling(FILE + ".grow");
        long capacity = mapping.capacity * 2;
        Growth started = new Growth();
        growth = started;
        Mapping source = mapping;
        Thread copier = new Thread(() -> copy(source, next, capacity, started), "parley-storage-keys-grow");
        copier.setDaemon(true);
        copier.start();
    }

    /** On the copier thread: makes the new table, then copies every live entry of the old table into it. */
    private void copy(Mapping source, Path next, long capacity, Growth into) {
        try {
            into.target = new Mapping(next, capacity, true);
            long copied = 0;
            for (long i = 0; i < source.capacity; i++) {
                long hash = source.hashAt(i);
                if (hash == 0) {
                    continue;
                }
                long offset = source.offsetAt(i);
                if (live.test(offset) && put(into.target, hash, offset)) {
                    copied++;
                }
            }
            into.copiedCount = copied;
        } catch (IOException | RuntimeException | Error e) {
            into.failure = e;
            if (into.target != null) {
                closeQuietly(into.target);
            }
            try {
                if (next != null) {
                    Files.deleteIfExists(next); // what a full disk let it write is given back
                }
            } catch (IOException cannotDelete) {
                e.addSuppressed(cannotDelete);
            }
        }
        into.copied = true;
    }

    private void finishGrowthIfCopied() {
        Growth pending = growth;
        if (pending == null || !pending.copied) {
            return;
        }
        growth = null;
        if (pending.failure != null) {
            log.error("storage: growing the key table failed; it keeps working, fuller and slower, and tries again in a"
                    + " minute", pending.failure);
            growthFailed = true;
            growthFailedNanos = System.nanoTime();
            return;
        }
        growthFailed = false;
        long total = pending.copiedCount;
        for (long[] entry : pending.insertedMeanwhile) {
            if (put(pending.target, entry[0], entry[1])) {
                total++;
            }
        }
        try {
            pending.target.force(total);
            if (file != null) {
                Files.move(pending.target.path, file, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.error("storage: cannot switch to the grown key table; keeping the old one", e);
            closeQuietly(pending.target);
            return;
        }
        Mapping old = mapping;
        mapping = pending.target;
        count = total;
        closeQuietly(old);
        log.info("storage: key table grown to {} slots ({} entries)", mapping.capacity, count);
    }

    /** Flushes the table to disk (checkpoints). Any thread. */
    void force() {
        Mapping current = mapping;
        current.force(count);
    }

    private static void closeQuietly(Mapping mapping) {
        try {
            mapping.close();
        } catch (IOException e) {
            log.debug("storage: closing a key table mapping failed", e);
        }
    }

    /** Waits for a grow in progress, flushes and closes. Writer thread (after the committer stopped). */
    @Override
    public void close() {
        Growth pending = growth;
        if (pending != null) {
            while (!pending.copied) {
                Thread.onSpinWait();
            }
            finishGrowthIfCopied();
        }
        mapping.force(count);
        closeQuietly(mapping);
    }
}
