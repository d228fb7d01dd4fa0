package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.api.storage.RetentionCutoffs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.stream.Stream;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;

/**
 * The MapDB file ({@code meta.mapdb}, with MapDB's write-ahead log) holding what the log's non-message records
 * build: the metadata, the {@link Removals} (dead offsets, retention cutoffs), and how far into the log all that
 * has been applied. It is written with MapDB transactions and committed at each checkpoint only, so after a crash
 * it opens exactly as of its last checkpoint, and recovery replays the log from {@link #appliedOffset()}.
 * Metadata reads come from any thread; writes from the indexer thread (or recovery) only. Blocks on I/O.
 *
 * <p>A write or commit that fails (a full disk: MapDB's mapped files then fault) leaves MapDB's state in memory
 * unknown, so the index marks itself {@link #broken()}; the indexer then {@link #reopen}s it as of its last commit
 * and applies the log again from there, as a restart would.
 */
final class MetadataIndex implements AutoCloseable {
    static final String FILE = "meta.mapdb";
    /** Bumped when the layout changes; a file of another format is rebuilt from the log. */
    static final int FORMAT = 3;

    /** The directory of the file, or null for an index in memory. */
    private final Path dir;
    /** The open database; null while it is being reopened. */
    private volatile Tables tables;
    private volatile boolean broken;

    /** One open database and its structures. */
    private static final class Tables {
        final DB db;
        final BTreeMap<Object[], String> metadata;
        final NavigableSet<Long> deadOffsets;
        final Atomic.Long appliedOffset;
        final Atomic.Long keysThrough;
        final Atomic.String cutoffs;
        final Atomic.Integer format;

        Tables(DB db) {
            this.db = db;
            this.metadata = db.treeMap("metadata", new SerializerArrayTuple(Serializer.STRING, Serializer.STRING),
                    Serializer.STRING).valuesOutsideNodesEnable().createOrOpen();
            this.deadOffsets = db.treeSet("dead-offsets", Serializer.LONG).createOrOpen();
            this.appliedOffset = db.atomicLong("applied-offset").createOrOpen();
            this.keysThrough = db.atomicLong("keys-through").createOrOpen();
            this.cutoffs = db.atomicString("cutoffs").createOrOpen();
            this.format = db.atomicInteger("format").createOrOpen();
        }
    }

    private MetadataIndex(Path dir, DB db) {
        this.dir = dir;
        this.tables = new Tables(db);
    }

    /** Opens the file in {@code dir}, or creates it (stamped with the format) when {@code fresh} or absent. */
    static MetadataIndex open(Path dir, boolean fresh) throws IOException {
        Path file = dir.resolve(FILE);
        if (fresh) {
            deleteFiles(dir);
        }
        boolean created = !Files.exists(file);
        MetadataIndex index = new MetadataIndex(dir, openDb(file));
        if (created) {
            index.tables.format.set(FORMAT);
            index.tables.db.commit();
        }
        return index;
    }

    private static DB openDb(Path file) {
        return DBMaker.fileDB(file.toFile()).transactionEnable().fileMmapEnableIfSupported()
                .fileMmapPreclearDisable().make();
    }

    /** An empty index in memory, for a store in memory. */
    static MetadataIndex inMemory() {
        MetadataIndex index = new MetadataIndex(null, DBMaker.memoryDB().make());
        index.tables.format.set(FORMAT);
        return index;
    }

    /** Deletes the file and MapDB's log files beside it. */
    static void deleteFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(FILE)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** True after a write or commit failed: what MapDB holds in memory is unknown until {@link #reopen}. */
    boolean broken() {
        return broken;
    }

    /**
     * Closes the database and opens the file again, as of its last commit (what was written since is gone: the
     * caller applies the log again from {@link #appliedOffset()}). Reads fail with {@code STORAGE_UNAVAILABLE} in the
     * meantime. An index in memory cannot be reopened: it is only marked whole again. Indexer thread.
     */
    void reopen() {
        if (dir == null) {
            broken = false;
            return;
        }
        Tables old = tables;
        tables = null;
        if (old != null) {
            try {
                old.db.close();
            } catch (RuntimeException | Error e) {
                // a database that failed to write may fail to close; its file is reopened as of its last commit
            }
        }
        tables = new Tables(openDb(dir.resolve(FILE)));
        broken = false;
    }

    private Tables tables() {
        Tables current = tables;
        if (current == null) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "the metadata index is being reopened after a failed write; retry");
        }
        return current;
    }

    /** Runs a write, marking the index broken if it fails. */
    private <T> T writing(java.util.function.Function<Tables, T> write) {
        try {
            return write.apply(tables());
        } catch (RuntimeException | InternalError e) {
            broken = true;
            throw e;
        }
    }

    /** Runs a read; one that met a database closed by {@link #reopen} fails as unavailable. */
    private <T> T reading(java.util.function.Function<Tables, T> read) {
        Tables current = tables();
        try {
            return read.apply(current);
        } catch (RuntimeException e) {
            throw closedOr(current, e);
        }
    }

    private static RuntimeException closedOr(Tables read, RuntimeException failure) {
        return read.db.isClosed() ? new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                "the metadata index is being reopened after a failed write; retry", failure) : failure;
    }

    int format() {
        return reading(t -> t.format.get());
    }

    /** The log offset up to which every non-message record was applied, as of the last commit. */
    long appliedOffset() {
        return reading(t -> t.appliedOffset.get());
    }

    /** The log offset up to which the key table held every key, as of the last commit. */
    long keysThrough() {
        return reading(t -> t.keysThrough.get());
    }

    void put(String namespace, String key, String value) {
        writing(t -> t.metadata.put(new Object[] {namespace, key}, value));
    }

    void delete(String namespace, String key) {
        writing(t -> t.metadata.remove(new Object[] {namespace, key}));
    }

    String get(String namespace, String key) {
        Tables current = tables();
        try {
            return current.metadata.get(new Object[] {namespace, key});
        } catch (RuntimeException e) {
            throw closedOr(current, e);
        }
    }

    /** Up to {@code limit} entries of a namespace with the key prefix, after {@code afterKey}, in key order. */
    Map<String, String> scan(String namespace, String keyPrefix, String afterKey, int limit) {
        return reading(t -> scan(t.metadata, namespace, keyPrefix, afterKey, limit));
    }

    private static Map<String, String> scan(BTreeMap<Object[], String> metadata, String namespace, String keyPrefix,
            String afterKey, int limit) {
        Map<String, String> result = new LinkedHashMap<>();
        boolean afterThePrefixStart = afterKey.compareTo(keyPrefix) >= 0;
        Object[] from = new Object[] {namespace, afterThePrefixStart ? afterKey : keyPrefix};
        for (Map.Entry<Object[], String> entry : metadata.tailMap(from, !afterThePrefixStart).entrySet()) {
            String key = (String) entry.getKey()[1];
            if (!namespace.equals(entry.getKey()[0]) || !key.startsWith(keyPrefix) || result.size() == limit) {
                break;
            }
            result.put(key, entry.getValue());
        }
        return result;
    }

    /** Loads the persisted removals into {@code removals}. */
    void loadInto(Removals removals) {
        Tables t = tables();
        long[] dead = t.deadOffsets.stream().mapToLong(Long::longValue).toArray();
        if (dead.length > 0) {
            removals.kill(dead);
        }
        String stored = t.cutoffs.get();
        if (stored != null && !stored.isEmpty()) {
            removals.raise(parseCutoffs(stored));
        }
    }

    /** Persists (at the next commit) the removals as they are now. */
    void storeRemovals(Removals removals) {
        writing(t -> {
            storeRemovals(t, removals);
            return null;
        });
    }

    private static void storeRemovals(Tables t, Removals removals) {
        long[] dead = removals.deadOffsets();
        if (!sameOffsets(dead, t.deadOffsets)) {
            NavigableSet<Long> current = t.deadOffsets;
            java.util.Set<Long> wanted = new java.util.HashSet<>();
            for (long offset : dead) {
                wanted.add(offset);
                current.add(offset);
            }
            current.removeIf(offset -> !wanted.contains(offset));
        }
        t.cutoffs.set(formatCutoffs(removals.cutoffs()));
    }

    /** Whether {@code stored} (sorted) holds exactly the sorted, distinct {@code dead}. */
    private static boolean sameOffsets(long[] dead, NavigableSet<Long> stored) {
        if (dead.length != stored.size()) {
            return false;
        }
        int i = 0;
        for (long offset : stored) {
            if (offset != dead[i++]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes everything written so far durable, recording that the records below {@code applied} are applied and
     * that the key table (flushed just before) holds the keys of the messages below {@code keys}.
     */
    void commit(long applied, long keys) throws IOException {
        if (dir != null && StorageFaults.fails(dir.resolve(FILE), StorageFaults.Kind.METADATA_COMMIT)) {
            broken = true;
            StorageFaults.check(dir.resolve(FILE), StorageFaults.Kind.METADATA_COMMIT);
        }
        writing(t -> {
            t.appliedOffset.set(applied);
            t.keysThrough.set(keys);
            t.db.commit();
            return null;
        });
    }

    private static String formatCutoffs(RetentionCutoffs cutoffs) {
        StringBuilder text = new StringBuilder();
        cutoffs.inbox().forEach((type, cutoff) -> text.append('i').append(type.code()).append('=').append(cutoff)
                .append(';'));
        cutoffs.messages().forEach((type, cutoff) -> text.append('m').append(type.code()).append('=').append(cutoff)
                .append(';'));
        return text.toString();
    }

    private static RetentionCutoffs parseCutoffs(String text) {
        Map<ConversationType, Long> inbox = new EnumMap<>(ConversationType.class);
        Map<ConversationType, Long> messages = new EnumMap<>(ConversationType.class);
        for (String part : text.split(";")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            ConversationType type = ConversationType.fromCode(Integer.parseInt(part.substring(1, eq))).orElseThrow();
            long cutoff = Long.parseLong(part.substring(eq + 1));
            (part.charAt(0) == 'i' ? inbox : messages).put(type, cutoff);
        }
        return new RetentionCutoffs(inbox, messages);
    }

    @Override
    public void close() {
        Tables current = tables;
        if (current != null) {
            current.db.close();
        }
    }
}
