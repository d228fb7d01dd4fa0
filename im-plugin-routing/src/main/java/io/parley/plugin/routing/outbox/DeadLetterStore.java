package io.parley.plugin.routing.outbox;

import io.parley.plugin.routing.spi.RoutingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Consumer;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * The dead-letter store inside the outbox file: the events that could not be delivered within the retry
 * window, by id, until they are replayed. It is committed with the rest of the file by the outbox's writer.
 *
 * <p>Threads: reads may come from any thread and take the outbox's shared lock, as the outbox's own reads do,
 * so that they never see half of a commit. {@link #add} and {@link #take} are called by {@link MapDbOutbox}
 * with that shared lock already held, as part of one operation on the outbox (a burial, a replay).
 */
public final class DeadLetterStore {
    private final BTreeMap<Long, byte[]> dead;
    private final ReadWriteLock lock;

    DeadLetterStore(DB db, ReadWriteLock lock) {
        this.dead = db.treeMap("dead-letters", Serializer.LONG, Serializer.BYTE_ARRAY).counterEnable().createOrOpen();
        this.lock = lock;
    }

    /** Up to {@code limit} dead letters with ids above {@code afterId}, optionally of one kind, in id order. */
    public List<DeadLetter> page(long afterId, int limit, Optional<RoutingEvent.Kind> kind) {
        List<DeadLetter> result = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (byte[] bytes : dead.tailMap(afterId, false).values()) {
                DeadLetter letter = DeadLetter.fromNode(RoutingEventJson.readTree(bytes));
                if (kind.isEmpty() || kind.get() == letter.event().kind()) {
                    result.add(letter);
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

    public boolean contains(long id) {
        return dead.containsKey(id);
    }

    public long count() {
        return dead.sizeLong();
    }

    /** The greatest id of a dead letter, 0 when there is none (ids go on above it). */
    long lastId() {
        return dead.isEmpty() ? 0 : dead.lastKey();
    }

    /** Keeps a dead letter; the caller holds the outbox's shared lock and the outbox's next commit makes it durable. */
    void add(DeadLetter letter) {
        dead.put(letter.id(), RoutingEventJson.toBytes(letter.toNode()));
    }

    /**
     * On the outbox's writer, with the shared lock held: removes the dead letters with these ids (all of them
     * when {@code ids} is empty) one by one, handing each one's event to {@code requeue} as it goes; ids with no
     * dead letter are skipped. Returns how many were taken.
     */
    int take(Optional<List<Long>> ids, Consumer<RoutingEvent> requeue) {
        List<Long> wanted = ids.orElseGet(() -> new ArrayList<>(dead.keySet()));
        int count = 0;
        for (Long id : wanted) {
            byte[] bytes = dead.remove(id);
            if (bytes == null) {
                continue;
            }
            requeue.accept(DeadLetter.fromNode(RoutingEventJson.readTree(bytes)).event());
            count++;
        }
        return count;
    }
}
