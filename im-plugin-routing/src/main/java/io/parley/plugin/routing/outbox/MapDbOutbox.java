package io.parley.plugin.routing.outbox;

import io.parley.api.error.ImException;
import io.parley.plugin.routing.spi.RoutingErrorCode;
import io.parley.plugin.routing.spi.RoutingEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: one MapDB file (with a write-ahead log) holding the events waiting for delivery and an
 * index of them by ordering key, beside the {@link DeadLetterStore} and the {@link RecentMessages} kept in the
 * same file and committed by the same writer. It survives a restart and a kill -9: an event is durable once its
 * commit has returned, and only durable events are handed out for delivery.
 *
 * <p>Threads: {@link #append} is called by the plugin's listener and only queues the event in a bounded
 * in-memory queue (it blocks only when 8,192 events wait for the writer). One writer thread gives events
 * their ids, writes them and commits, gathering every waiting event into one commit (a MapDB commit costs
 * milliseconds). Reads and the removal of delivered or dead events may come from any thread; they take a
 * shared lock, and the writer's commit an exclusive one, so that a commit never holds half an operation.
 *
 * <p>Catching up after a kill -9 (see {@code RoutingCatchUp}): in the same commit as each batch of appends
 * the writer records the high-water mark and the recent set ({@link RecentMessages}). A message event whose
 * {@code msgUID} is in the recent set is not appended again: the writer checks and updates the set itself, so
 * the listener and a catch-up can never both queue one message.
 */
public final class MapDbOutbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MapDbOutbox.class);
    private static final int QUEUE_CAPACITY = 8_192;
    private static final int MAX_BATCH = 4_096;
    private static final long LAZY_COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The default replay window: how far below the high-water mark msgUIDs are remembered. */
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);

    private final DB db;
    private final BTreeMap<Long, byte[]> events;
    private final NavigableSet<Object[]> byKey;
    private final DeadLetterStore dead;
    private final RecentMessages recent;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final BlockingQueue<OutboxOp> ops = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Clock clock;
    private final DeliveryObserver observer;
    private final Thread writer;
    private volatile Runnable onDurable = () -> { };
    private volatile long durableUpTo;
    private volatile boolean dirty;
    private volatile boolean closing;
    private long lastCommitNanos;
    private long nextId;

    private MapDbOutbox(DB db, Clock clock, DeliveryObserver observer, Duration replayWindow) {
        RecentMessages.checkReplayWindow(replayWindow);
        this.db = db;
        this.clock = clock;
        this.observer = observer;
        // the file's collections are opened in the order they were created in before the split
        this.events = db.treeMap("events", Serializer.LONG, Serializer.BYTE_ARRAY).counterEnable().createOrOpen();
        this.byKey = db.treeSet("by-key", new SerializerArrayTuple(Serializer.STRING, Serializer.LONG)).createOrOpen();
        this.dead = new DeadLetterStore(db, lock);
        this.recent = new RecentMessages(db, lock, replayWindow);
        repairIndex();
        long last = Math.max(events.isEmpty() ? 0 : events.lastKey(), dead.lastId());
        this.nextId = last + 1;
        this.durableUpTo = events.isEmpty() ? 0 : events.lastKey();
        this.writer = new Thread(this::writeLoop, "parley-routing-outbox-writer");
        writer.setDaemon(true);
    }

    /** Starts the writer thread, which makes appended events durable. Idempotent. */
    public synchronized void startWriter() {
        if (writer.getState() == Thread.State.NEW) {
            writer.start();
        }
    }

    /** Opens (or creates) the outbox file with the default replay window; everything it holds will be delivered again. */
    public static MapDbOutbox open(Path file, Clock clock, DeliveryObserver observer) {
        return open(file, clock, observer, DEFAULT_REPLAY_WINDOW);
    }

    /**
     * Opens (or creates) the outbox file; everything it still holds will be delivered again.
     * {@code replayWindow} is how far below the high-water mark the msgUIDs of appended messages are remembered.
     */
    public static MapDbOutbox open(Path file, Clock clock, DeliveryObserver observer, Duration replayWindow) {
        MapDbOutbox outbox = openIdle(file, clock, observer, replayWindow);
        outbox.startWriter();
        return outbox;
    }

    /** Opens (or creates) the outbox file as {@link #open} does, with its writer not started yet ({@link #startWriter}). */
    public static MapDbOutbox openIdle(Path file, Clock clock, DeliveryObserver observer, Duration replayWindow) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            DB db = DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().checksumHeaderBypass()
                    .transactionEnable().make();
            return new MapDbOutbox(db, clock, observer, replayWindow);
        } catch (IOException | RuntimeException e) {
            throw new ImException(RoutingErrorCode.OUTBOX_FAILED, "cannot open the routing outbox " + file + ": " + e, e);
        }
    }

    /** Called on the writer thread after each commit that made new events durable. */
    public void onDurable(Runnable callback) {
        this.onDurable = callback;
    }

    /** Queues an event; it becomes durable at the writer's next commit. Blocks only while the queue is full. */
    public void append(RoutingEvent event) {
        enqueue(new OutboxOp.Append(event));
    }

    /** Completes once everything appended before this call is committed. */
    public CompletableFuture<Void> flush() {
        OutboxOp.Flush flush = new OutboxOp.Flush(new CompletableFuture<>());
        enqueue(flush);
        return flush.done();
    }

    /** Moves dead letters back into the outbox (all of them when {@code ids} is empty); completes with the count, once durable. */
    public CompletableFuture<Integer> replay(Optional<List<Long>> ids) {
        OutboxOp.Replay replay = new OutboxOp.Replay(ids, new CompletableFuture<>());
        enqueue(replay);
        return replay.done();
    }

    /** Up to {@code limit} durable events with ids above {@code afterId}, in id order. */
    public List<RoutingEvent> scan(long afterId, int limit) {
        List<RoutingEvent> result = new ArrayList<>();
        long upTo = durableUpTo;
        lock.readLock().lock();
        try {
            for (Map.Entry<Long, byte[]> entry : events.tailMap(afterId, false).entrySet()) {
                if (entry.getKey() > upTo || result.size() >= limit) {
                    break;
                }
                result.add(RoutingEventJson.fromNode(RoutingEventJson.readTree(entry.getValue())));
            }
        } finally {
            lock.readLock().unlock();
        }
        return result;
    }

    /** Up to {@code limit} durable events of {@code key} with ids above {@code afterId}, in order. */
    public List<RoutingEvent> pendingOf(String key, long afterId, int limit) {
        List<RoutingEvent> result = new ArrayList<>();
        long upTo = durableUpTo;
        lock.readLock().lock();
        try {
            for (Object[] entry : byKey.subSet(new Object[] {key, afterId}, false, new Object[] {key, upTo}, true)) {
                byte[] bytes = events.get((Long) entry[1]);
                if (bytes != null) {
                    result.add(RoutingEventJson.fromNode(RoutingEventJson.readTree(bytes)));
                    if (result.size() >= limit) {
                        break;
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return result;
    }

    /** Removes delivered events; the removal is committed with the writer's next commit. */
    public void delivered(List<RoutingEvent> batch) {
        lock.readLock().lock();
        try {
            for (RoutingEvent event : batch) {
                events.remove(event.id());
                byKey.remove(new Object[] {event.key(), event.id()});
            }
            dirty = true;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Moves an event to the dead-letter store. */
    public void bury(DeadLetter letter) {
        lock.readLock().lock();
        try {
            events.remove(letter.id());
            byKey.remove(new Object[] {letter.event().key(), letter.id()});
            dead.add(letter);
            dirty = true;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Events waiting in the outbox, durable or about to be. */
    public long backlog() {
        return events.sizeLong() + ops.size();
    }

    /** The dead letters kept in this outbox's file; {@link #replay} moves them back. */
    public DeadLetterStore deadLetters() {
        return dead;
    }

    /** The high-water mark and recent set of the message events appended, which a catch-up reads. */
    public RecentMessages recentMessages() {
        return recent;
    }

    /** The highest id that is committed; events above it are not handed out yet. */
    public long durableUpTo() {
        return durableUpTo;
    }

    public boolean isClosed() {
        return db.isClosed();
    }

    private void enqueue(OutboxOp op) {
        if (closing) {
            throw new ImException(RoutingErrorCode.OUTBOX_CLOSED, "the routing outbox is closed");
        }
        try {
            ops.put(op);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(RoutingErrorCode.OUTBOX_CLOSED, "interrupted while queuing a routing event");
        }
    }

    private void writeLoop() {
        List<OutboxOp> batch = new ArrayList<>();
        while (true) {
            OutboxOp first;
            try {
                first = ops.poll(5, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
                closing = true;
            }
            if (first == null) {
                // removals of delivered events only save redeliveries after a crash: commit them lazily
                if (dirty && (closing || System.nanoTime() - lastCommitNanos >= LAZY_COMMIT_NANOS)) {
                    commit();
                }
                if (closing && ops.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            ops.drainTo(batch, MAX_BATCH - 1);
            try {
                writeBatch(batch);
            } catch (RuntimeException e) {
                log.error("routing outbox: a write of {} operations failed; they are lost", batch.size(), e);
            }
            batch.clear();
        }
    }

    private void writeBatch(List<OutboxOp> batch) {
        int[] queuedByKind = new int[RoutingEvent.Kind.values().length];
        long now = clock.millis();
        lock.readLock().lock();
        try {
            for (OutboxOp op : batch) {
                if (op instanceof OutboxOp.Append append) {
                    if (recent.isRepeat(append.event())) {
                        continue;
                    }
                    RoutingEvent event = append.event().queuedAs(nextId++, now);
                    events.put(event.id(), RoutingEventJson.toBytes(RoutingEventJson.toNode(event)));
                    byKey.add(new Object[] {event.key(), event.id()});
                    queuedByKind[event.kind().ordinal()]++;
                } else if (op instanceof OutboxOp.Replay replay) {
                    replay.count()[0] = replayNow(replay.ids(), now, queuedByKind);
                }
            }
            recent.save();
        } catch (RuntimeException e) {
            batch.forEach(op -> op.fail(e));
            throw e;
        } finally {
            lock.readLock().unlock();
        }
        commit();
        durableUpTo = nextId - 1;
        for (RoutingEvent.Kind kind : RoutingEvent.Kind.values()) {
            if (queuedByKind[kind.ordinal()] > 0) {
                observer.queued(kind, queuedByKind[kind.ordinal()]);
            }
        }
        batch.forEach(OutboxOp::complete);
        onDurable.run();
    }

    private int replayNow(Optional<List<Long>> ids, long now, int[] queuedByKind) {
        return dead.take(ids, letter -> {
            RoutingEvent event = letter.queuedAs(nextId++, now);
            events.put(event.id(), RoutingEventJson.toBytes(RoutingEventJson.toNode(event)));
            byKey.add(new Object[] {event.key(), event.id()});
            queuedByKind[event.kind().ordinal()]++;
        });
    }

    private void commit() {
        lock.writeLock().lock();
        try {
            dirty = false;
            db.commit();
            lastCommitNanos = System.nanoTime();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** After a crash between the writes of one operation: every event indexed, no index entry without an event. */
    private void repairIndex() {
        events.forEach((id, bytes) -> {
            String key = RoutingEventJson.readTree(bytes).path("key").asText();
            byKey.add(new Object[] {key, id});
        });
        byKey.removeIf(entry -> !events.containsKey((Long) entry[1]));
        db.commit();
    }

    /** Commits what was queued, stops the writer and closes the file. Idempotent. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.writeLock().lock();
        try {
            if (!db.isClosed()) {
                db.commit();
                db.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
