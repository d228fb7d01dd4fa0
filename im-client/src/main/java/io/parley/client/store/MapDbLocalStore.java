package io.parley.client.store;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.ConversationType;
import io.parley.client.ReceivedMessage;
import io.parley.client.SyncPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LocalStore} on a MapDB database: a file with transactions (one commit per call, so per received batch),
 * or memory. It opens the tables ({@code messages}: uid to the message as JSON; {@code history}: per conversation, by
 * time; the {@link SearchIndex}'s {@code postings}, {@code timeline} and {@code tokenCounts}; {@code conversations};
 * {@code cursors}: {@code ""} the inbox, else a group's key; {@code owner}: the app key and user id), checks that the
 * file is this user's, and runs every call under one lock (writes exclusive, reads shared). The rules live in
 * {@link MessageTables}.
 */
final class MapDbLocalStore implements LocalStore {
    private static final Logger log = LoggerFactory.getLogger(MapDbLocalStore.class);

    private final String appKey;
    private final String userId;
    private final Path file;
    private final DB db;
    private final MessageTables tables;
    private final Map<String, Long> cursors;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** {@code file}: where {@code db} lives, deleted by {@link #wipe()}; null for memory. */
    MapDbLocalStore(String appKey, String userId, Path file, DB db) {
        this.appKey = requireNonNull(appKey, "appKey is null");
        this.userId = requireNonNull(userId, "userId is null");
        this.file = file;
        this.db = db;
        this.tables = new MessageTables(userId,
                db.treeMap("messages", Serializer.STRING, Serializer.STRING).createOrOpen(),
                db.treeSet("history", Serializer.STRING).createOrOpen(),
                new SearchIndex(db.treeSet("postings", Serializer.STRING).createOrOpen(),
                        db.treeSet("timeline", Serializer.STRING).createOrOpen(),
                        db.treeMap("tokenCounts", Serializer.STRING, Serializer.LONG).createOrOpen()),
                db.treeMap("conversations", Serializer.STRING, Serializer.STRING).createOrOpen());
        this.cursors = db.treeMap("cursors", Serializer.STRING, Serializer.LONG).createOrOpen();
        Map<String, String> owner = db.treeMap("owner", Serializer.STRING, Serializer.STRING).createOrOpen();
        if (owner.isEmpty()) {
            owner.put("appKey", appKey);
            owner.put("userId", userId);
            commit();
        } else if (!appKey.equals(owner.get("appKey")) || !userId.equals(owner.get("userId"))) {
            String belongsTo = owner.get("appKey") + "/" + owner.get("userId");
            db.close();
            throw new IllegalStateException("the store belongs to " + belongsTo + ", not " + appKey + "/" + userId);
        }
    }

    @Override
    public String appKey() {
        return appKey;
    }

    @Override
    public String userId() {
        return userId;
    }

    // ---- CursorStore ----

    @Override
    public long load() {
        return read(() -> cursors.getOrDefault("", 0L));
    }

    @Override
    public void save(long inboxCursor) {
        write(() -> saveCursor(SyncPosition.inbox(inboxCursor)));
    }

    @Override
    public Map<String, Long> loadConversations() {
        return read(() -> {
            Map<String, Long> groups = new HashMap<>(cursors);
            groups.remove("");
            return Map.copyOf(groups);
        });
    }

    @Override
    public void saveConversation(String conversation, long seq) {
        write(() -> saveCursor(SyncPosition.conversation(conversation, seq)));
    }

    @Override
    public void forgetConversation(String conversation) {
        write(() -> cursors.remove(conversation));
    }

    private void saveCursor(SyncPosition position) {
        if (position.stream() != null && position.cursor() > cursors.getOrDefault(position.stream(), -1L)) {
            cursors.put(position.stream(), position.cursor());
        }
    }

    // ---- written by the client ----

    @Override
    public void received(List<ReceivedMessage> batch, SyncPosition position) {
        write(() -> {
            batch.forEach(tables::received);
            saveCursor(position);
        });
    }

    /** {@code conversation.changed}: the read position, pin and do-not-disturb level set on another device. */
    @Override
    public void eventReceived(String name, Map<String, Object> body) {
        if (!"conversation.changed".equals(name) || !(body.get("conversationType") instanceof Number type)
                || !(body.get("targetId") instanceof String targetId)) {
            return;
        }
        Optional<ConversationType> conversationType = ConversationType.fromCode(type.intValue());
        if (conversationType.isEmpty() || conversationType.get() == ConversationType.CHATROOM) {
            return;
        }
        ConversationId id = new ConversationId(conversationType.get(), targetId);
        write(() -> {
            ConversationState state = tables.state(id);
            if (body.get("pinned") instanceof Boolean pinned) {
                state = state.withPinned(pinned);
            }
            if (body.get("unpushLevel") instanceof Number level) {
                state = state.withMuted(level.intValue() > 0);
            }
            tables.saveState(id, state);
            if (body.get("readTime") instanceof Number readTime && readTime.longValue() > 0) {
                tables.markRead(id, readTime.longValue());
            }
        });
    }

    @Override
    public void fetched(List<StoredMessage> fetched) {
        write(() -> fetched.forEach(m -> tables.put(m, false)));
    }

    // ---- reads ----

    @Override
    public List<StoredConversation> conversations() {
        return read(() -> {
            List<StoredConversation> list = tables.conversations();
            list.sort(Comparator.comparing(StoredConversation::pinned).reversed()
                    .thenComparing(Comparator.comparingLong(StoredConversation::lastTime).reversed()));
            return List.copyOf(list);
        });
    }

    @Override
    public Optional<StoredConversation> conversation(ConversationId id) {
        return read(() -> tables.conversation(id));
    }

    @Override
    public List<StoredMessage> history(ConversationId id, int limit) {
        return read(() -> tables.historyBelow(id, MessageKeys.history(id.key(), "\uffff"), limit));
    }

    @Override
    public List<StoredMessage> historyBefore(ConversationId id, StoredMessage oldestShown, int limit) {
        return read(() -> tables.historyBelow(id, MessageKeys.history(id.key(), MessageKeys.entry(oldestShown)),
                limit));
    }

    @Override
    public Optional<StoredMessage> message(String messageUid) {
        return read(() -> tables.stored(messageUid));
    }

    @Override
    public SearchPage search(SearchQuery query) {
        return read(() -> tables.search(query));
    }

    // ---- the app's changes ----

    @Override
    public void markRead(ConversationId id, long upToTime) {
        write(() -> tables.markRead(id, upToTime));
    }

    @Override
    public void setDraft(ConversationId id, String draft) {
        write(() -> tables.saveState(id, tables.state(id).withDraft(draft == null ? "" : draft)));
    }

    @Override
    public void setPinned(ConversationId id, boolean pinned) {
        write(() -> tables.saveState(id, tables.state(id).withPinned(pinned)));
    }

    @Override
    public void setMuted(ConversationId id, boolean muted) {
        write(() -> tables.saveState(id, tables.state(id).withMuted(muted)));
    }

    @Override
    public boolean deleteMessage(String messageUid) {
        return writeAnswer(() -> tables.stored(messageUid).map(m -> {
            tables.remove(m);
            return true;
        }).orElse(false));
    }

    @Override
    public void deleteConversation(ConversationId id) {
        write(() -> tables.deleteConversation(id));
    }

    /** Closes the store and deletes its file with its write-ahead log. */
    @Override
    public void wipe() {
        lock.writeLock().lock();
        try {
            closeDb();
            if (file != null) {
                String name = file.getFileName().toString();
                try (Stream<Path> files = Files.list(file.getParent())) {
                    for (Path path : files.filter(p -> p.getFileName().toString().equals(name)
                            || p.getFileName().toString().startsWith(name + ".")).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the store " + file, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closeDb();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void closeDb() {
        if (!closed) {
            closed = true;
            db.close();
        }
    }

    // ---- locking ----

    private <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            checkOpen();
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void write(Runnable body) {
        writeAnswer(() -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} and commits; on a failure, rolls back what it wrote. */
    private <T> T writeAnswer(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            checkOpen();
            try {
                T answer = body.get();
                tables.index().flush();
                commit();
                return answer;
            } catch (RuntimeException e) {
                tables.index().discardPending();
                rollback();
                throw e;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the local store of " + appKey + "/" + userId + " is closed");
        }
    }

    private void commit() {
        if (file != null) {
            db.commit();
        }
    }

    private void rollback() {
        if (file != null) {
            try {
                db.rollback();
            } catch (RuntimeException e) {
                log.warn("rollback of the local store failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "MapDbLocalStore[" + appKey + "/" + userId + (file == null ? ", memory" : "") + "]";
    }
}
