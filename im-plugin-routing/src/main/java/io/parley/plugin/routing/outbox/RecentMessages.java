package io.parley.plugin.routing.outbox;

import io.parley.plugin.routing.spi.RoutingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReadWriteLock;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;

/**
 * What the outbox remembers of the message events it appended, so that a catch-up after a kill -9 (see
 * {@code RoutingCatchUp}) knows where to start and never queues a message twice: the <em>high-water mark</em>,
 * the greatest {@code msgTimestamp} of a message event appended, and the <em>recent set</em>, the
 * {@code msgUID}s of the message events appended whose {@code msgTimestamp} is within the replay window below
 * the high-water mark (at most {@value #MAX_RECENT_UIDS}; older ones are pruned as the mark rises). Both live in
 * the outbox file and are committed in the same commit as the appends they describe.
 *
 * <p>Threads: only the outbox's writer changes them ({@link #isRepeat}, {@link #save}), with the outbox's shared
 * lock held, so the check and the update are one step for every appender: the listener and a catch-up can never
 * both queue one message. The reads may come from any thread.
 */
public final class RecentMessages {
    /** The most msgUIDs the recent set keeps; beyond it the oldest go first (a catch-up may then send one twice). */
    static final int MAX_RECENT_UIDS = 1_000_000;
    /** The most entries pruned from the recent set per write, so that a large jump of the mark costs no long pause. */
    private static final int MAX_PRUNE_PER_WRITE = 20_000;

    private final DB db;
    private final ReadWriteLock lock;
    private final Atomic.Long highWater;
    private final BTreeMap<String, Long> recentUids;
    private final NavigableSet<Object[]> recentByTime;
    private final long replayWindowMillis;
    private volatile long highWaterMillis;
    private volatile long repeatsSkipped;
    private boolean recentChanged;

    /** Fails when {@code replayWindow} is not positive; checked before anything of the file is opened. */
    static void checkReplayWindow(Duration replayWindow) {
        if (replayWindow.isNegative() || replayWindow.isZero()) {
            throw new IllegalArgumentException("the replay window must be positive, was " + replayWindow);
        }
    }

    RecentMessages(DB db, ReadWriteLock lock, Duration replayWindow) {
        checkReplayWindow(replayWindow);
        this.db = db;
        this.lock = lock;
        this.replayWindowMillis = replayWindow.toMillis();
        this.highWater = db.atomicLong("message-high-water").createOrOpen();
        this.recentUids = db.treeMap("recent-uids", Serializer.STRING, Serializer.LONG).counterEnable().createOrOpen();
        this.recentByTime = db.treeSet("recent-by-time", new SerializerArrayTuple(Serializer.LONG, Serializer.STRING))
                .createOrOpen();
        this.highWaterMillis = highWater.get();
    }

    /**
     * The greatest {@code msgTimestamp} of a message event ever appended and committed (also by an earlier
     * run), or empty when none was (a new outbox, or one written by a version that kept no mark).
     */
    public OptionalLong messageHighWater() {
        long mark = highWaterMillis;
        return mark > 0 ? OptionalLong.of(mark) : OptionalLong.empty();
    }

    /** Whether a message event with this msgUID was appended and is still remembered in the recent set. */
    public boolean recentlyAppended(String messageUid) {
        lock.readLock().lock();
        try {
            return !db.isClosed() && recentUids.containsKey(messageUid);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many msgUIDs the recent set holds. */
    public long recentCount() {
        return recentUids.sizeLong();
    }

    /** How many appends this instance dropped because their msgUID was in the recent set. */
    public long repeatsSkipped() {
        return repeatsSkipped;
    }

    /**
     * On the writer thread: whether {@code event} is a message already appended (its msgUID is in the recent
     * set), counted as a repeat skipped; if not, raises the high-water mark and remembers its msgUID. Only the
     * writer changes the set, so the check and the update are one step for every appender.
     */
    boolean isRepeat(RoutingEvent event) {
        if (event.kind() != RoutingEvent.Kind.MESSAGE) {
            return false;
        }
        String uid = event.field("msgUID");
        if (!uid.isEmpty() && recentUids.containsKey(uid)) {
            repeatsSkipped++;
            return true;
        }
        long sentTime;
        try {
            sentTime = Long.parseLong(event.field("msgTimestamp"));
        } catch (NumberFormatException e) {
            return false;
        }
        if (sentTime > highWaterMillis) {
            highWaterMillis = sentTime;
        }
        if (!uid.isEmpty() && sentTime >= highWaterMillis - replayWindowMillis) {
            recentUids.put(uid, sentTime);
            recentByTime.add(new Object[] {sentTime, uid});
            recentChanged = true;
        }
        return false;
    }

    /**
     * On the writer thread, before the commit of a batch: stores a raised high-water mark and prunes the recent
     * set if either changed, so that both are committed with the appends that changed them.
     */
    void save() {
        if (highWater.get() != highWaterMillis) {
            highWater.set(highWaterMillis);
            recentChanged = true;
        }
        if (recentChanged) {
            recentChanged = false;
            pruneRecent();
        }
    }

    /** Forgets the msgUIDs too far below the high-water mark for a catch-up to find, and the oldest beyond the cap. */
    private void pruneRecent() {
        long floor = highWaterMillis - replayWindowMillis;
        long excess = recentUids.sizeLong() - MAX_RECENT_UIDS;
        List<Object[]> old = new ArrayList<>();
        Iterator<Object[]> oldest = recentByTime.iterator();
        while (oldest.hasNext() && old.size() < MAX_PRUNE_PER_WRITE) {
            Object[] entry = oldest.next();
            if ((Long) entry[0] >= floor && old.size() >= excess) {
                break;
            }
            old.add(entry);
        }
        for (Object[] entry : old) {
            recentByTime.remove(entry);
            recentUids.remove((String) entry[1], (Long) entry[0]);
        }
    }
}
