package io.parley.client.store;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.ConversationType;
import io.parley.client.ReceivedMessage;
import io.parley.client.SyncPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * time; the {@link SearchIndex}'s {@code postings}, {@code timeline} and {@code tokenCounts}; the {@link IndexQueue}
 * {@code indexQueue}; {@code conversations}; {@code cursors}: {@code ""} the inbox, else a group's key; {@code owner}:
 * the app key and user id), checks that the file is this user's, and runs every call under one fair lock (writes
 * exclusive, reads shared). The rules live in {@link MessageTables}.
 *
 * <p>Messages, conversations, the timeline, the index queue and the cursor are written in the caller's commit. The
 * postings are written by the store's own thread, the indexer: it takes the changes waiting in the queue, applies
 * as many as fit in {@link #BATCH_NANOS} under the write lock (fewer, at least {@link #BATCH_MIN}, as soon as
 * another call waits for the lock), removes them from the queue and commits, then lets the other calls in before
 * the next batch. {@link #close()} and {@link #wipe()} stop it; what is left in the queue
 * is indexed at the next open.
 */
final class MapDbLocalStore implements LocalStore {
    private static final Logger log = LoggerFactory.getLogger(MapDbLocalStore.class);
    /**
     * The indexer's work per commit when nobody waits for the lock: a commit forces the file to disk, which costs
     * about as much as indexing a few dozen messages, so a batch is large when it can be.
     */
    static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** The changes the indexer reads from the queue at a time. */
    private static final int BATCH_MAX = 2000;
    /** The changes the indexer applies before it gives way to a call waiting for the lock. */
    private static final int BATCH_MIN = 16;
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final String appKey;
    private final String userId;
    private final Path file;
    private final DB db;
    private final MessageTables tables;
    private final Map<String, Long> cursors;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private boolean closed;

    /** The indexer's progress: guards {@link #queuedUpTo}, {@link #indexedUpTo} and {@link #stopping}. */
    private final Object progress = new Object();
    /** The last index change committed to the queue. */
    private long queuedUpTo;
    /** Every change up to this one is indexed and committed. */
    private long indexedUpTo;
    private boolean stopping;
    private final Thread indexer;

    /** {@code file}: where {@code db} lives, deleted by {@link #wipe()}; null for memory. */
    MapDbLocalStore(String appKey, String userId, Path file, DB db) {
        this(appKey, userId, file, db, true);
    }

    /** {@code indexing}: false leaves the index queue as it is (tests of what a crash leaves behind). */
    MapDbLocalStore(String appKey, String userId, Path file, DB db, boolean indexing) {
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
                new IndexQueue(db.treeMap("indexQueue", Serializer.LONG, Serializer.STRING).createOrOpen()),
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
        queuedUpTo = tables.indexQueue().lastKey();
        indexedUpTo = tables.indexQueue().appliedUpTo();
        indexer = new Thread(this::indexLoop, "parley-local-store-indexer-" + appKey + "/" + userId);
        indexer.setDaemon(true);
        if (indexing) {
            indexer.start();
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

    @Override
    public boolean awaitIndexed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = queuedUpTo;
            while (stopping || indexedUpTo < target) {
                if (stopping) {
                    throw new IllegalStateException("the local store of " + appKey + "/" + userId + " is closed");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    // ---- the indexer ----

    private void indexLoop() {
        try {
            while (true) {
                synchronized (progress) {
                    while (!stopping && indexedUpTo >= queuedUpTo) {
                        progress.wait();
                    }
                    if (stopping) {
                        return;
                    }
                }
                if (!indexBatch()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Indexes one batch in one commit; false once the store is closed. */
    private boolean indexBatch() throws InterruptedException {
        lock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            IndexQueue queue = tables.indexQueue();
            SearchIndex index = tables.index();
            long start = System.nanoTime();
            int changes = 0;
            for (IndexQueue.Change change : queue.head(BATCH_MAX)) {
                if (change.add()) {
                    index.add(change.entry(), change.foldedText());
                } else {
                    index.remove(change.entry(), change.foldedText());
                }
                queue.done(change.key());
                if (++changes >= BATCH_MIN && (lock.hasQueuedThreads() || System.nanoTime() - start > BATCH_NANOS)) {
                    break; // a write or a read is waiting: commit, and let it in
                }
            }
            index.flush();
            commit();
            long applied = queue.appliedUpTo();
            synchronized (progress) {
                indexedUpTo = applied;
                progress.notifyAll();
            }
            return true;
        } catch (RuntimeException e) {
            if (closed || db.isClosed()) {
                return false; // closed under it (the JVM's shutdown hook)
            }
            tables.index().discardPending();
            rollback();
            log.warn("indexing the local store of {}/{} failed; retrying in {}", appKey, userId,
                    RETRY_AFTER_FAILURE, e);
        } finally {
            lock.writeLock().unlock();
        }
        synchronized (progress) {
            if (!stopping) {
                progress.wait(RETRY_AFTER_FAILURE.toMillis());
            }
        }
        return true;
    }

    /** Stops the indexer (it finishes its batch first) and waits for it, outside the lock it takes. */
    private void stopIndexer() {
        synchronized (progress) {
            stopping = true;
            progress.notifyAll();
        }
    }

    private void joinIndexer() {
        if (indexer.isAlive() && Thread.currentThread() != indexer) {
            try {
                indexer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the store and deletes its file with its write-ahead log. */
    @Override
    public void wipe() {
        stopIndexer();
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
            joinIndexer();
        }
    }

    @Override
    public void close() {
        stopIndexer();
        lock.writeLock().lock();
        try {
            closeDb();
        } finally {
            lock.writeLock().unlock();
            joinIndexer();
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
                commit();
                long queued = tables.indexQueue().lastKey();
                synchronized (progress) {
                    if (queued > queuedUpTo) {
                        queuedUpTo = queued;
                        progress.notifyAll();
                    }
                }
                return answer;
            } catch (RuntimeException e) {
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
