package io.parley.kernel.storage.embedded;

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
 */
final class MetadataIndex implements AutoCloseable {
    static final String FILE = "meta.mapdb";
    /** Bumped when the layout changes; a file of another format is rebuilt from the log. */
    static final int FORMAT = 3;

    private final DB db;
    private final BTreeMap<Object[], String> metadata;
    private final NavigableSet<Long> deadOffsets;
    private final Atomic.Long appliedOffset;
    private final Atomic.Long keysThrough;
    private final Atomic.String cutoffs;
    private final Atomic.Integer format;

    private MetadataIndex(DB db) {
        this.db = db;
        this.metadata = db.treeMap("metadata", new SerializerArrayTuple(Serializer.STRING, Serializer.STRING),
                Serializer.STRING).valuesOutsideNodesEnable().createOrOpen();
        this.deadOffsets = db.treeSet("dead-offsets", Serializer.LONG).createOrOpen();
        this.appliedOffset = db.atomicLong("applied-offset").createOrOpen();
        this.keysThrough = db.atomicLong("keys-through").createOrOpen();
        this.cutoffs = db.atomicString("cutoffs").createOrOpen();
        this.format = db.atomicInteger("format").createOrOpen();
    }

    /** Opens the file in {@code dir}, or creates it (stamped with the format) when {@code fresh} or absent. */
    static MetadataIndex open(Path dir, boolean fresh) throws IOException {
        Path file = dir.resolve(FILE);
        if (fresh) {
            deleteFiles(dir);
        }
        boolean created = !Files.exists(file);
        DB db = DBMaker.fileDB(file.toFile()).transactionEnable().fileMmapEnableIfSupported()
                .fileMmapPreclearDisable().make();
        MetadataIndex index = new MetadataIndex(db);
        if (created) {
            index.format.set(FORMAT);
            db.commit();
        }
        return index;
    }

    /** An empty index in memory, for a store in memory. */
    static MetadataIndex inMemory() {
        MetadataIndex index = new MetadataIndex(DBMaker.memoryDB().make());
        index.format.set(FORMAT);
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

    int format() {
        return format.get();
    }

    /** The log offset up to which every non-message record was applied, as of the last commit. */
    long appliedOffset() {
        return appliedOffset.get();
    }

    /** The log offset up to which the key table held every key, as of the last commit. */
    long keysThrough() {
        return keysThrough.get();
    }

    void put(String namespace, String key, String value) {
        metadata.put(new Object[] {namespace, key}, value);
    }

    void delete(String namespace, String key) {
        metadata.remove(new Object[] {namespace, key});
    }

    String get(String namespace, String key) {
        return metadata.get(new Object[] {namespace, key});
    }

    /** Up to {@code limit} entries of a namespace with the key prefix, after {@code afterKey}, in key order. */
    Map<String, String> scan(String namespace, String keyPrefix, String afterKey, int limit) {
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
        long[] dead = deadOffsets.stream().mapToLong(Long::longValue).toArray();
        if (dead.length > 0) {
            removals.kill(dead);
        }
        String stored = cutoffs.get();
        if (stored != null && !stored.isEmpty()) {
            removals.raise(parseCutoffs(stored));
        }
    }

    /** Persists (at the next commit) the removals as they are now. */
    void storeRemovals(Removals removals) {
        long[] dead = removals.deadOffsets();
        if (!sameOffsets(dead, deadOffsets)) {
            NavigableSet<Long> current = deadOffsets;
            java.util.Set<Long> wanted = new java.util.HashSet<>();
            for (long offset : dead) {
                wanted.add(offset);
                current.add(offset);
            }
            current.removeIf(offset -> !wanted.contains(offset));
        }
        cutoffs.set(formatCutoffs(removals.cutoffs()));
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
    void commit(long applied, long keys) {
        appliedOffset.set(applied);
        keysThrough.set(keys);
        db.commit();
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
        db.close();
    }
}
