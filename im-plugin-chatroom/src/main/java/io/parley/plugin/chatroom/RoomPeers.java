package io.parley.plugin.chatroom;

import io.parley.api.cluster.ClusterTopic;
import io.parley.api.cluster.SharedCounters;
import io.parley.api.error.ImException;
import io.parley.api.model.Message;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.storage.MetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chatroom plugin on the other nodes of a cluster. With several nodes ({@code cluster.provider=redis}):
 * <ul>
 *   <li>a room exists on every node: its id and name are kept in metadata ({@code chatroom.rooms}), so a node
 *       that has not seen it yet (or started later) finds it on first use, and its destruction is told to every
 *       node, each of which removes the members connected to it;</li>
 *   <li>its gags and its mute are told to every node and kept in metadata ({@code chatroom.room-gags},
 *       {@code chatroom.room-muted}) for the nodes that load the room later;</li>
 *   <li>a room has one seq across nodes, a shared counter ({@code chatroom:<roomId>});</li>
 *   <li>a message committed on one node is sent, encoded once, to every other node, whose room delivers it to
 *       the members connected there, in seq order ({@link Room#arrive}).</li>
 * </ul>
 * What arrives is applied on one thread of this plugin's own, in arrival order, behind a bounded queue (a full
 * queue drops the notice, counted in {@code im.chatroom.cluster.dropped}; the room skips the gap after
 * {@link #GAP_WAIT}). On a single node there is no topic and no shared counter: nothing is stored or sent and the
 * room counts its own seq, as it always has. Thread-safe.
 */
final class RoomPeers {
    static final String ROOMS = "chatroom.rooms";
    /** roomId/userId -> end of the gag (millis). */
    static final String GAGS = "chatroom.room-gags";
    /** roomId -> "" for a muted room. */
    static final String MUTED = "chatroom.room-muted";
    /** How long a node holds later messages back for a missing seq (lost on the way, or its node died). */
    static final Duration GAP_WAIT = Duration.ofSeconds(2);
    private static final int QUEUE_SIZE = 50_000;
    private static final Logger log = LoggerFactory.getLogger(RoomPeers.class);

    private final PluginContext context;
    private final MetadataStore store;
    private final Optional<SharedCounters> counters;
    private final PluginMetrics.Counter dropped;
    /** Applies what other nodes send, in arrival order; no thread until something arrives. */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_SIZE), task -> {
                Thread thread = new Thread(task, "parley-chatroom-peers");
                thread.setDaemon(true);
                return thread;
            });
    private volatile Optional<ClusterTopic> topic = Optional.empty();

    RoomPeers(PluginContext context) {
        this.context = context;
        this.store = context.storage().metadata();
        this.counters = context.sharedCounters();
        this.dropped = context.metrics().describe("im.chatroom.cluster.dropped", "Chatroom messages from other nodes"
                + " dropped because this node's chatroom worker was full").counter("im.chatroom.cluster.dropped");
        context.onStop(worker::shutdownNow);
    }

    /** Starts hearing the other nodes; until then nothing is sent either. */
    void start(ChatroomRegistry registry, ChatroomMetrics metrics, MemberNotices notices) {
        topic = context.clusterTopic("chatroom", bytes -> received(registry, metrics, notices, bytes));
    }

    /** Whether several nodes serve the app. */
    boolean distributed() {
        return counters.isPresent();
    }

    /**
     * The next seq of a room, from the cluster's shared counter (only when {@link #distributed()}), without waiting
     * for it; the stage fails with an {@code ImException} (chatroom unavailable) when the counter does not answer.
     */
    CompletionStage<Long> nextSharedSeq(String roomId) {
        return counters.orElseThrow().incrementAndGetAsync(counterKey(roomId)).exceptionallyCompose(failure -> {
            log.warn("chatroom {}: the shared counter could not number a message: {}", roomId, failure.toString());
            return CompletableFuture.failedFuture(new ImException(ChatroomErrorCode.UNAVAILABLE, "chatroom " + roomId
                    + " cannot number messages now (the cluster's shared counter does not answer): retry"));
        });
    }

    /** The seq a room instance starts from: the cluster's, else {@code local}. */
    long startSeq(String roomId, long local) {
        if (counters.isEmpty()) {
            return local;
        }
        try {
            return Math.max(local, counters.get().get(counterKey(roomId)));
        } catch (IllegalStateException e) {
            log.warn("chatroom {}: the shared seq could not be read; its first messages may wait {}", roomId,
                    GAP_WAIT);
            return local;
        }
    }

    /** A room was created on this node: kept for the other nodes. Blocks on storage in a cluster. */
    void created(String roomId, String name) {
        if (distributed()) {
            store.put(ROOMS, roomId, name);
        }
    }

    /** The name of a room created on any node, when this node has no instance of it. Blocks on storage. */
    Optional<String> known(String roomId) {
        return distributed() ? store.get(ROOMS, roomId) : Optional.empty();
    }

    /** A room was destroyed on this node: forgotten (with its gags and mute) and told to the other nodes. */
    void destroyed(String roomId, String reason) {
        if (distributed()) {
            store.delete(ROOMS, roomId);
            store.scan(GAGS, roomId + "/").keySet().forEach(key -> store.delete(GAGS, key));
            store.delete(MUTED, roomId);
            publish(new RoomNotices.RoomDestroyed(roomId, reason));
        }
    }

    /** Users were gagged in a room through this node: kept and told to the other nodes. */
    void gagged(String roomId, List<String> userIds, long untilMillis) {
        if (distributed()) {
            userIds.forEach(user -> store.put(GAGS, roomId + "/" + user, Long.toString(untilMillis)));
            publish(new RoomNotices.RoomGagged(roomId, List.copyOf(userIds), untilMillis));
        }
    }

    void ungagged(String roomId, List<String> userIds) {
        if (distributed()) {
            userIds.forEach(user -> store.delete(GAGS, roomId + "/" + user));
            publish(new RoomNotices.RoomUngagged(roomId, List.copyOf(userIds)));
        }
    }

    /** A whole room was muted or unmuted through this node: kept and told to the other nodes. */
    void muted(String roomId, boolean muted) {
        if (distributed()) {
            if (muted) {
                store.put(MUTED, roomId, "");
            } else {
                store.delete(MUTED, roomId);
            }
            publish(new RoomNotices.RoomMuted(roomId, muted));
        }
    }

    /** Gives a new instance of a room the gags and mute set on other nodes. Blocks on storage in a cluster. */
    void restore(Room room) {
        if (!distributed()) {
            return;
        }
        store.scan(GAGS, room.id() + "/").forEach((key, until) ->
                room.gag(List.of(key.substring(room.id().length() + 1)), Long.parseLong(until)));
        room.setBanned(store.get(MUTED, room.id()).isPresent());
    }

    /** A ban or block notice for a room's members, given to its members here: told to the other nodes. */
    void told(MemberNotice notice) {
        publish(notice);
    }

    /** A message was committed here: sent to the other nodes. */
    void committed(Message message, boolean droppable) {
        publish(new RoomNotices.RoomMessage(message, droppable));
    }

    /** Runs {@code check} once the gap wait is over. */
    void afterGapWait(Runnable check) {
        context.scheduler().schedule(check, GAP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publish(RoomNotices.Notice notice) {
        topic.ifPresent(open -> open.publish(RoomNotices.encode(notice)));
    }

    /** On the cluster's thread, which must not wait for a room's lock: the work goes to this plugin's own. */
    private void received(ChatroomRegistry registry, ChatroomMetrics metrics, MemberNotices notices, byte[] bytes) {
        try {
            worker.execute(() -> apply(registry, metrics, notices, bytes));
        } catch (RejectedExecutionException e) {
            dropped.increment();
        }
    }

    private void apply(ChatroomRegistry registry, ChatroomMetrics metrics, MemberNotices notices, byte[] bytes) {
        RoomNotices.Notice notice;
        try {
            notice = RoomNotices.decode(bytes);
        } catch (IllegalArgumentException e) {
            log.warn("ignored an unreadable chatroom notice from another node: {}", e.getMessage());
            return;
        }
        if (notice instanceof RoomNotices.RoomMessage room) {
            registry.loaded(room.message().targetId())
                    .ifPresent(here -> here.arrive(room.message(), room.droppable(), registry.online(), metrics));
        } else if (notice instanceof RoomNotices.RoomDestroyed destroyed) {
            registry.destroyHere(destroyed.roomId(), destroyed.reason());
        } else if (notice instanceof RoomNotices.RoomGagged gagged) {
            registry.loaded(gagged.roomId()).ifPresent(room -> room.gag(gagged.userIds(), gagged.untilMillis()));
        } else if (notice instanceof RoomNotices.RoomUngagged ungagged) {
            registry.loaded(ungagged.roomId()).ifPresent(room -> room.ungag(ungagged.userIds()));
        } else if (notice instanceof RoomNotices.RoomMuted muted) {
            registry.loaded(muted.roomId()).ifPresent(room -> room.setBanned(muted.muted()));
        } else if (notice instanceof MemberNotice member) {
            notices.toRoomHere(member);
        }
    }

    private static String counterKey(String roomId) {
        return "chatroom:" + roomId;
    }
}
