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
import java.util.NavigableMap;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;

/**
 * The MapDB file ({@code index.mapdb}) holding what is derived from the log: (conversation, seq) →
 * {log offset, sent time}, (user, inbox seq) → {log offset, sent time, conversation type}, message UID and
 * idempotency key → log offset, the heads as of the last checkpoint, and the metadata. Written without MapDB
 * transactions and without an fsync per write; {@link #checkpoint} flushes it. The committer adds; the
 * retention sweeper and the delete/clean callers remove; reads come from any thread (MapDB's maps are
 * concurrent). Every method may block on I/O.
 */
final class IndexStore implements AutoCloseable {
    /** Bumped when the layout changes; an index of another format is rebuilt from the log. */
    static final int FORMAT = 2;

    private final DB db;
    private final BTreeMap<Object[], long[]> conversations;
    private final BTreeMap<Object[], long[]> inboxes;
    private final HTreeMap<String, Long> uids;
    private final HTreeMap<String, Long> idempotencyKeys;
    private final HTreeMap<String, Long> conversationHeads;
    private final HTreeMap<String, Long> inboxHeads;
    private final BTreeMap<Object[], String> metadata;
    private final Atomic.Long checkpointOffset;
    private final Atomic.Integer format;

    private IndexStore(DB db) {
        this.db = db;
        SerializerArrayTuple stringLong = new SerializerArrayTuple(Serializer.STRING, Serializer.LONG);
        this.conversations = db.treeMap("conversations-v2", stringLong, Serializer.LONG_ARRAY).createOrOpen();
        this.inboxes = db.treeMap("inboxes-v2", stringLong, Serializer.LONG_ARRAY).createOrOpen();
        this.uids = db.hashMap("uids", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.idempotencyKeys = db.hashMap("idempotency", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.conversationHeads = db.hashMap("conversation-heads", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.inboxHeads = db.hashMap("inbox-heads", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.metadata = db.treeMap("metadata", new SerializerArrayTuple(Serializer.STRING, Serializer.STRING),
                Serializer.STRING).valuesOutsideNodesEnable().createOrOpen();
        this.checkpointOffset = db.atomicLong("checkpoint-offset").createOrOpen();
        this.format = db.atomicInteger("format").createOrOpen();
    }

    /** Opens the file, or creates it when {@code fresh} (deleting any old one first, and stamping the format). */
    static IndexStore open(Path file, boolean fresh) throws IOException {
        if (fresh) {
            Files.deleteIfExists(file);
        }
        DB db = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().make();
        IndexStore index = new IndexStore(db);
        if (fresh) {
            index.format.set(FORMAT);
        }
        return index;
    }

    int format() {
        return format.get();
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

    /** Records a committed message found at {@code offset}. */
    void addMessage(LogRecord.MessageCommitted record, long offset) {
        Message message = record.message();
        conversations.put(new Object[] {message.conversation().asString(), message.seq()},
                new long[] {offset, message.sentTime()});
        uids.put(message.messageUid(), offset);
        idempotencyKeys.put(record.idempotencyKey(), offset);
        long[] value = {offset, message.sentTime(), message.conversationType().code()};
        for (Map.Entry<String, Long> entry : record.inboxSeqs().entrySet()) {
            inboxes.put(new Object[] {entry.getKey(), entry.getValue()}, value);
        }
    }

    /**
     * Removes a message from the conversation, the inboxes and the UID index (the idempotency key stays until
     * its segment is deleted, so a late retry is still answered). Returns how many inbox entries went with it.
     */
    int removeMessage(LogRecord.MessageCommitted record) {
        Message message = record.message();
        conversations.remove(new Object[] {message.conversation().asString(), message.seq()});
        uids.remove(message.messageUid());
        int removed = 0;
        for (Map.Entry<String, Long> entry : record.inboxSeqs().entrySet()) {
            removed += inboxes.remove(new Object[] {entry.getKey(), entry.getValue()}) != null ? 1 : 0;
        }
        return removed;
    }

    /** Forgets an idempotency key if it still points at {@code offset}. */
    void forgetIdempotencyKey(String key, long offset) {
        idempotencyKeys.remove(key, offset);
    }

    Long offsetOfIdempotencyKey(String key) {
        return idempotencyKeys.get(key);
    }

    Long offsetOfUid(String uid) {
        return uids.get(uid);
    }

    /** A conversation's entries with seq in {@code (afterSeq, upToSeq)}: seq → {offset, sent time}. Lazy view. */
    NavigableMap<Object[], long[]> conversationRange(String conversationKey, long afterSeq, long beforeSeq) {
        return conversations.subMap(new Object[] {conversationKey, afterSeq}, false,
                new Object[] {conversationKey, beforeSeq}, false);
    }

    /** The first entry of a conversation at or above {@code seq}, or null. */
    Map.Entry<Object[], long[]> conversationCeiling(String conversationKey, long seq) {
        Map.Entry<Object[], long[]> entry = conversations.ceilingEntry(new Object[] {conversationKey, seq});
        return entry != null && conversationKey.equals(entry.getKey()[0]) ? entry : null;
    }

    /** Every conversation entry whose key starts with {@code prefix} (e.g. {@code "3/"}), from {@code from} on. */
    NavigableMap<Object[], long[]> conversationsFrom(Object[] from, String prefix) {
        return conversations.subMap(from, true, new Object[] {prefix + '\uffff', Long.MAX_VALUE}, true);
    }

    /** A user's inbox entries with seq in {@code (afterSeq, upToSeq]}. Lazy view. */
    Iterator<Map.Entry<Object[], long[]>> inboxEntries(String userId, long afterSeq, long upToSeq) {
        return inboxes.subMap(new Object[] {userId, afterSeq}, false, new Object[] {userId, upToSeq}, true)
                .entrySet().iterator();
    }

    /** Inbox entries from {@code from} on, across users, in (user, seq) order. Lazy view. */
    NavigableMap<Object[], long[]> inboxesFrom(Object[] from) {
        return inboxes.tailMap(from, true);
    }

    boolean removeInboxEntry(Object[] key) {
        return inboxes.remove(key) != null;
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

    /** Up to {@code limit} entries of a namespace with the key prefix, after {@code afterKey}, in key order. */
    Map<String, String> scanMetadata(String namespace, String keyPrefix, String afterKey, int limit) {
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

    /** Offsets of a list of entries, for callers that collect before reading the log. */
    static List<Long> offsets(Iterable<long[]> values, int limit) {
        List<Long> offsets = new ArrayList<>();
        for (Iterator<long[]> it = values.iterator(); it.hasNext() && offsets.size() < limit; ) {
            offsets.add(it.next()[0]);
        }
        return offsets;
    }

    @Override
    public void close() {
        db.close();
    }
}
