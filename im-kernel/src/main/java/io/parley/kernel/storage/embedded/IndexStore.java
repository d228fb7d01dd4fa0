package io.parley.kernel.storage.embedded;

import io.parley.api.model.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;

/**
 * The MapDB file ({@code index.mapdb}) holding what is derived from the log: conversation seq → log offset,
 * (user, inbox seq) → (log offset, sent time), message UID and idempotency key → log offset, the heads as of
 * the last checkpoint, and the metadata. Written without MapDB transactions and without an fsync per write;
 * {@link #checkpoint} flushes it. Writes come from one thread at a time (recovery, the committer, or the
 * expiry sweep removing entries); reads from any thread. Every method may block on I/O.
 */
final class IndexStore implements AutoCloseable {
    private final DB db;
    private final BTreeMap<Object[], Long> conversations;
    private final BTreeMap<Object[], long[]> inboxes;
    private final HTreeMap<String, Long> uids;
    private final HTreeMap<String, Long> idempotencyKeys;
    private final HTreeMap<String, Long> conversationHeads;
    private final HTreeMap<String, Long> inboxHeads;
    private final BTreeMap<Object[], String> metadata;
    private final Atomic.Long checkpointOffset;

    private IndexStore(DB db) {
        this.db = db;
        SerializerArrayTuple stringLong = new SerializerArrayTuple(Serializer.STRING, Serializer.LONG);
        this.conversations = db.treeMap("conversations", stringLong, Serializer.LONG).createOrOpen();
        this.inboxes = db.treeMap("inboxes", stringLong, Serializer.LONG_ARRAY).createOrOpen();
        this.uids = db.hashMap("uids", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.idempotencyKeys = db.hashMap("idempotency", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.conversationHeads = db.hashMap("conversation-heads", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.inboxHeads = db.hashMap("inbox-heads", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.metadata = db.treeMap("metadata", new SerializerArrayTuple(Serializer.STRING, Serializer.STRING),
                Serializer.STRING).valuesOutsideNodesEnable().createOrOpen();
        this.checkpointOffset = db.atomicLong("checkpoint-offset").createOrOpen();
    }

    /** Opens the file, or creates it when {@code fresh} (deleting any old one first). */
    static IndexStore open(Path file, boolean fresh) throws IOException {
        if (fresh) {
            Files.deleteIfExists(file);
        }
        DB db = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().make();
        return new IndexStore(db);
    }

    /** The log offset up to which this index was checkpointed. */
    long checkpointOffset() {
        return checkpointOffset.get();
    }

    Map<String, Long> conversationHeads() {
        return Map.copyOf(conversationHeads);
    }

    Map<String, Long> inboxHeads() {
        return Map.copyOf(inboxHeads);
    }

    /** Records a committed message found at {@code offset}, skipping inbox entries sent before {@code expiredBefore}. */
    void addMessage(LogRecord.MessageCommitted record, long offset, long expiredBefore) {
        Message message = record.message();
        conversations.put(new Object[] {message.conversation().asString(), message.seq()}, offset);
        uids.put(message.messageUid(), offset);
        idempotencyKeys.put(record.idempotencyKey(), offset);
        if (message.sentTime() >= expiredBefore) {
            long[] value = {offset, message.sentTime()};
            for (Map.Entry<String, Long> entry : record.inboxSeqs().entrySet()) {
                inboxes.put(new Object[] {entry.getKey(), entry.getValue()}, value);
            }
        }
    }

    Long offsetOfIdempotencyKey(String key) {
        return idempotencyKeys.get(key);
    }

    Long offsetOfUid(String uid) {
        return uids.get(uid);
    }

    /** Offsets of a conversation's messages with seq in {@code (afterSeq, upToSeq]}, in seq order, at most {@code limit}. */
    List<Long> conversationOffsets(String conversationKey, long afterSeq, long upToSeq, int limit) {
        ConcurrentNavigableMap<Object[], Long> range = conversations.subMap(
                new Object[] {conversationKey, afterSeq}, false, new Object[] {conversationKey, upToSeq}, true);
        List<Long> offsets = new ArrayList<>(Math.min(limit, 256));
        for (Iterator<Long> it = range.values().iterator(); it.hasNext() && offsets.size() < limit; ) {
            offsets.add(it.next());
        }
        return offsets;
    }

    /** A user's inbox entries with seq in {@code (afterSeq, upToSeq]}: seq → {log offset, sent time}. Lazy view. */
    Iterator<Map.Entry<Object[], long[]>> inboxEntries(String userId, long afterSeq, long upToSeq) {
        return inboxes.subMap(new Object[] {userId, afterSeq}, false, new Object[] {userId, upToSeq}, true)
                .entrySet().iterator();
    }

    /** Removes every inbox entry sent before {@code cutoffMillis}; returns how many. */
    long expireInboxEntries(long cutoffMillis) {
        long removed = 0;
        for (Iterator<Map.Entry<Object[], long[]>> it = inboxes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Object[], long[]> entry = it.next();
            if (entry.getValue()[1] < cutoffMillis && inboxes.remove(entry.getKey()) != null) {
                removed++;
            }
        }
        return removed;
    }

    void putMetadata(String namespace, String key, String value) {
        metadata.put(new Object[] {namespace, key}, value);
    }

    void deleteMetadata(String namespace, String key) {
        metadata.remove(new Object[] {namespace, key});
    }

    String getMetadata(String namespace, String key) {
        return metadata.get(new Object[] {namespace, key});
    }

    Map<String, String> scanMetadata(String namespace, String keyPrefix) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<Object[], String> entry : metadata.tailMap(new Object[] {namespace, keyPrefix}, true).entrySet()) {
            String key = (String) entry.getKey()[1];
            if (!namespace.equals(entry.getKey()[0]) || !key.startsWith(keyPrefix)) {
                break;
            }
            result.put(key, entry.getValue());
        }
        return result;
    }

    /** Writes the changed heads, records that the index covers the log up to {@code logOffset}, and flushes. */
    void checkpoint(HeadCounters heads, long logOffset) {
        Map<String, Long> conversationChanges = new java.util.HashMap<>();
        Map<String, Long> inboxChanges = new java.util.HashMap<>();
        heads.drainDirty(conversationChanges, inboxChanges);
        conversationHeads.putAll(conversationChanges);
        inboxHeads.putAll(inboxChanges);
        checkpointOffset.set(logOffset);
        db.commit();
    }

    @Override
    public void close() {
        db.close();
    }
}
