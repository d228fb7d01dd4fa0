package io.parley.plugin.chatroom;

import io.parley.api.error.ImException;
import io.parley.api.model.Message;
import io.parley.api.model.MessageKind;
import io.parley.api.plugin.OnlineDirectory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * One chatroom, in memory: members in join order, the ring of recent messages with the room's seq, its
 * moderation state and its attributes. Every method takes the room's lock, so joins (worker threads) and
 * messages (the room's stripe) see one order: a member who joins gets every message after its history,
 * and never one twice. Fan-out runs under the lock; it only queues writes, so it never blocks.
 */
final class Room {
    /** What a join returns: the member count, the room's latest seq, and the history (oldest first). */
    record Joined(int memberCount, long seq, List<Message> history) {
        Joined {
            history = List.copyOf(history);
        }
    }

    /** What a leave did: whether the user was a member, and the auto-delete attributes it removed. */
    record Left(boolean wasMember, List<RoomEntry> removedEntries) {
        Left {
            removedEntries = List.copyOf(removedEntries);
        }
    }

    private final String id;
    private final long createdAt;
    private final int ringSize;
    private final LinkedHashMap<String, Long> members = new LinkedHashMap<>();
    private final ArrayDeque<Message> ring = new ArrayDeque<>();
    private final TimedUserList gagged = new TimedUserList();
    private final TimedUserList blocked = new TimedUserList();
    private final Set<String> banWhitelist = new LinkedHashSet<>();
    private final Set<String> userWhitelist = new LinkedHashSet<>();
    private final RoomEntries entries;
    private final DeliveryBudget budget;
    private final RoomPeers peers;
    /** Kept messages that arrived before their predecessor, by seq. */
    private final TreeMap<Long, Held> held = new TreeMap<>();
    private boolean gapWaitScheduled;
    private static final Predicate<String> EVERY_DEVICE = session -> true;

    /** A message waiting for its predecessor. */
    private record Held(Message message, boolean droppable) {
    }

    private String name;
    private RoomLifetime lifetime;
    private long lastActivity;
    private long seq;
    private boolean banned;
    private boolean distributionStopped;
    private boolean destroyed;

    Room(String id, String name, ChatroomConfig config, long now, long startSeq, RoomPeers peers) {
        this.id = id;
        this.peers = peers;
        this.seq = startSeq;
        this.name = name;
        this.createdAt = now;
        this.lastActivity = now;
        this.ringSize = config.ringSize();
        this.lifetime = RoomLifetime.idle(config.keepAlive());
        this.entries = new RoomEntries(config.kvMaxKeys(), config.kvMaxKeyLength(), config.kvMaxValueLength());
        this.budget = new DeliveryBudget(config.maxMessagesPerSecond(), now);
    }

    String id() {
        return id;
    }

    long createdAt() {
        return createdAt;
    }

    synchronized String name() {
        return name;
    }

    synchronized void rename(String newName) {
        name = newName;
    }

    synchronized RoomLifetime lifetime() {
        return lifetime;
    }

    synchronized void setLifetime(RoomLifetime newLifetime) {
        lifetime = newLifetime;
    }

    synchronized Joined join(String userId, long now, int maxMembers, int historyCount) {
        requireAlive();
        if (blocked.contains(userId, now)) {
            throw new ImException(ChatroomErrorCode.KICKED, "the user is blocked from chatroom " + id);
        }
        if (!members.containsKey(userId) && maxMembers > 0 && members.size() >= maxMembers) {
            throw new ImException(ChatroomErrorCode.FULL, "chatroom " + id + " has " + maxMembers + " members");
        }
        members.putIfAbsent(userId, now);
        lastActivity = now;
        List<Message> history = new ArrayList<>(Math.min(historyCount, ring.size()));
        Iterator<Message> newestFirst = ring.descendingIterator();
        while (history.size() < historyCount && newestFirst.hasNext()) {
            history.add(newestFirst.next());
        }
        Collections.reverse(history);
        return new Joined(members.size(), seq, history);
    }

    synchronized Left leave(String userId) {
        if (members.remove(userId) == null) {
            return new Left(false, List.of());
        }
        return new Left(true, entries.removeAutoDeleteOf(userId));
    }

    /** Refuses a client's message from a non-member (23406) or a muted member (23408). */
    synchronized void checkSender(String userId, long now, boolean globallyMuted) {
        requireAlive();
        if (!members.containsKey(userId)) {
            throw new ImException(ChatroomErrorCode.NOT_IN_CHATROOM, "not a member of chatroom " + id);
        }
        if (globallyMuted || gagged.contains(userId, now) || (banned && !banWhitelist.contains(userId))) {
            throw new ImException(ChatroomErrorCode.FORBIDDEN_IN_CHATROOM, "muted in chatroom " + id);
        }
    }

    /**
     * Keeps and fans out a message, or drops it when the room is over capacity or its distribution is stopped. The
     * stage completes with the message with its new seq, or unchanged (seq 0) when it was not kept. With several
     * nodes the seq comes from the cluster's counter: no thread waits for it, and once it is there the message is
     * numbered, sent to the other nodes and fanned out on {@code continuation}; the stage fails with an
     * {@code ImException} (the room cannot number messages now) when the counter does not answer.
     */
    CompletionStage<Message> commit(Message draft, MessageKind kind, boolean fromWhitelistedUserOrType,
            boolean lowPriority, OnlineDirectory online, ChatroomMetrics metrics, long now, Executor continuation) {
        boolean droppable = !fromWhitelistedUserOrType;
        synchronized (this) {
            requireAlive();
            if (distributionStopped) {
                metrics.undistributed();
                return CompletableFuture.completedFuture(draft);
            }
            DeliveryBudget.Priority priority = fromWhitelistedUserOrType ? DeliveryBudget.Priority.WHITELISTED
                    : lowPriority || kind == MessageKind.STATUS ? DeliveryBudget.Priority.LOW
                    : DeliveryBudget.Priority.NORMAL;
            if (!budget.admit(priority, now)) {
                metrics.droppedForOverload();
                return CompletableFuture.completedFuture(draft);
            }
            if (kind == MessageKind.STATUS) {
                peers.committed(draft, droppable);
                arrive(draft, droppable, online, metrics);
                return CompletableFuture.completedFuture(draft);
            }
            if (!peers.distributed()) {
                long next = Math.max(seq, held.isEmpty() ? 0 : held.lastKey()) + 1;
                return CompletableFuture.completedFuture(numbered(draft.withSeq(next), droppable, online, metrics, now));
            }
        }
        return peers.nextSharedSeq(id).thenApplyAsync(
                next -> numbered(draft.withSeq(next), droppable, online, metrics, now), continuation);
    }

    /** A kept message with its seq: sent to the other nodes and fanned out here. */
    private synchronized Message numbered(Message committed, boolean droppable, OnlineDirectory online,
            ChatroomMetrics metrics, long now) {
        lastActivity = now;
        peers.committed(committed, droppable);
        arrive(committed, droppable, online, metrics);
        return committed;
    }

    /**
     * A kept message, committed here or on another node: delivered to the members connected to this node and kept
     * in the ring, in seq order. A message whose predecessor has not arrived waits for it at most
     * {@link RoomPeers#GAP_WAIT} (on one node that never happens); one older than what was delivered already
     * (a duplicate, or one given up on) is dropped. A status message (seq 0) is delivered at once.
     */
    synchronized void arrive(Message message, boolean droppable, OnlineDirectory online, ChatroomMetrics metrics) {
        if (destroyed) {
            return;
        }
        if (message.seq() == 0) {
            deliver(message, droppable, online, metrics);
            return;
        }
        if (message.seq() <= seq) {
            return;
        }
        held.put(message.seq(), new Held(message, droppable));
        drain(online, metrics);
        if (!held.isEmpty() && !gapWaitScheduled) {
            gapWaitScheduled = true;
            peers.afterGapWait(() -> skipGap(online, metrics));
        }
    }

    /** The gap wait is over: gives up on the missing seqs before the oldest held message. */
    private synchronized void skipGap(OnlineDirectory online, ChatroomMetrics metrics) {
        gapWaitScheduled = false;
        if (held.isEmpty() || destroyed) {
            return;
        }
        seq = held.firstKey() - 1;
        drain(online, metrics);
        if (!held.isEmpty()) {
            gapWaitScheduled = true;
            peers.afterGapWait(() -> skipGap(online, metrics));
        }
    }

    private void drain(OnlineDirectory online, ChatroomMetrics metrics) {
        while (!held.isEmpty() && held.firstKey() == seq + 1) {
            Held next = held.pollFirstEntry().getValue();
            seq = next.message().seq();
            ring.addLast(next.message());
            if (ring.size() > ringSize) {
                ring.removeFirst();
            }
            if (RoomRecall.isRecall(next.message())) {
                markRecalled(next.message());
            }
            deliver(next.message(), next.droppable(), online, metrics);
        }
    }

    /**
     * The kept message {@code messageUid}, while it is in the ring. With {@code requireMember}, a non-member is
     * refused (23406).
     */
    synchronized Optional<Message> kept(String messageUid, String userId, boolean requireMember) {
        requireAlive();
        if (requireMember) {
            requireMember(userId);
        }
        for (Message message : ring) {
            if (message.messageUid().equals(messageUid)) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    /**
     * A recall command reached the ring (here or from another node): the message it names, if still in the ring,
     * is replaced there by its recall note, so that later joiners' histories show it recalled.
     */
    private void markRecalled(Message command) {
        Optional<String> uid = RoomRecall.recalledUid(command);
        if (uid.isEmpty()) {
            return;
        }
        boolean found = false;
        ArrayDeque<Message> updated = new ArrayDeque<>(ring.size());
        for (Message message : ring) {
            if (!found && message.messageUid().equals(uid.get()) && !RoomRecall.isNote(message)) {
                updated.addLast(RoomRecall.note(message, command));
                found = true;
            } else {
                updated.addLast(message);
            }
        }
        if (found) {
            ring.clear();
            ring.addAll(updated);
        }
    }

    /** To the connected devices of the members on this node (each node delivers to its own). */
    private void deliver(Message message, boolean droppable, OnlineDirectory online, ChatroomMetrics metrics) {
        metrics.delivered(online.deliver(members.keySet(), message, droppable, EVERY_DEVICE));
    }

    synchronized boolean isMember(String userId) {
        return members.containsKey(userId);
    }

    synchronized int memberCount() {
        return members.size();
    }

    /** Members with their join times, oldest first. */
    synchronized Map<String, Long> members() {
        return new LinkedHashMap<>(members);
    }

    synchronized boolean isUserWhitelisted(String userId) {
        return userWhitelist.contains(userId);
    }

    synchronized Set<String> userWhitelist() {
        return new LinkedHashSet<>(userWhitelist);
    }

    synchronized void whitelistUsers(List<String> userIds, boolean add) {
        if (add) {
            userWhitelist.addAll(userIds);
        } else {
            userWhitelist.removeAll(userIds);
        }
    }

    synchronized void gag(List<String> userIds, long until) {
        gagged.add(userIds, until);
    }

    synchronized void ungag(List<String> userIds) {
        gagged.remove(userIds);
    }

    synchronized Map<String, Long> gagged(long now) {
        return gagged.active(now);
    }

    /** Blocks the users until {@code until}; the registry then removes them from the room. */
    synchronized void block(List<String> userIds, long until) {
        blocked.add(userIds, until);
    }

    synchronized void unblock(List<String> userIds) {
        blocked.remove(userIds);
    }

    synchronized Map<String, Long> blocked(long now) {
        return blocked.active(now);
    }

    synchronized void setBanned(boolean value) {
        banned = value;
    }

    synchronized boolean banned() {
        return banned;
    }

    synchronized void banWhitelist(List<String> userIds, boolean add) {
        if (add) {
            banWhitelist.addAll(userIds);
        } else {
            banWhitelist.removeAll(userIds);
        }
    }

    synchronized Set<String> banWhitelist() {
        return new LinkedHashSet<>(banWhitelist);
    }

    synchronized void setDistributionStopped(boolean stopped) {
        distributionStopped = stopped;
    }

    /** Sets attributes; from a client ({@code requireMember}) only as a member. */
    synchronized List<RoomEntry> setEntries(Map<String, String> values, String userId, boolean autoDelete,
            boolean overwrite, boolean requireMember, long now) {
        requireAlive();
        if (requireMember) {
            requireMember(userId);
        }
        return entries.setAll(values, userId, autoDelete, overwrite, now);
    }

    synchronized RoomEntry removeEntry(String key, String userId, boolean force, boolean requireMember) {
        requireAlive();
        if (requireMember) {
            requireMember(userId);
        }
        return entries.remove(key, userId, force);
    }

    synchronized List<RoomEntry> queryEntries(List<String> keys, String userId, boolean requireMember) {
        if (requireMember) {
            requireMember(userId);
        }
        return entries.query(keys);
    }

    /** Whether the room should be destroyed now: idle, or past its fixed lifetime. */
    synchronized boolean expired(long now) {
        return lifetime.expired(createdAt, lastActivity, now);
    }

    /** Marks the room destroyed and returns its former members; later calls fail with 23410. */
    synchronized List<String> destroy() {
        destroyed = true;
        List<String> former = new ArrayList<>(members.keySet());
        members.clear();
        ring.clear();
        held.clear();
        return former;
    }

    private void requireMember(String userId) {
        if (!members.containsKey(userId)) {
            throw new ImException(ChatroomErrorCode.NOT_IN_CHATROOM, "not a member of chatroom " + id);
        }
    }

    private void requireAlive() {
        if (destroyed) {
            throw new ImException(ChatroomErrorCode.NOT_EXIST, "chatroom " + id + " does not exist");
        }
    }
}
