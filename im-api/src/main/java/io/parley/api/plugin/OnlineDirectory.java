package io.parley.api.plugin;

import io.parley.api.model.Message;
import io.parley.api.model.Platform;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The users connected to this node; with several nodes ({@code cluster.provider=redis}), to any node of the
 * cluster: {@link #isOnline} then reads the shared session directory (it may block briefly on it), and the fan-outs
 * and {@link #disconnect} also reach other nodes' devices through the cluster bus, while the counts they return,
 * {@link #devices} and the variants that choose devices by session id cover this node only. Thread-safe; apart
 * from {@link #isOnline} with several nodes, non-blocking.
 */
public interface OnlineDirectory {

    boolean isOnline(String userId);

    /**
     * Which of {@code userIds} are online (on any node, as {@link #isOnline}): with several nodes one batched
     * read of the shared directory rather than one per user, the way to check many users at once. May block
     * briefly on the directory: never call it from an event loop.
     */
    default java.util.Set<String> onlineAmong(Collection<String> userIds) {
        java.util.Set<String> online = new java.util.HashSet<>();
        for (String userId : userIds) {
            if (isOnline(userId)) {
                online.add(userId);
            }
        }
        return online;
    }

    /**
     * The users with at least one device connected to this node now (with several nodes, this node's only, like
     * {@link #devices}), in no particular order: for what reaches every online user, such as an online broadcast.
     * Non-blocking. (A default so that test doubles need not implement it.)
     */
    default List<String> onlineUserIds() {
        throw new UnsupportedOperationException("this directory does not list its users");
    }

    /** The devices of a user that are connected now. */
    List<OnlineDevice> devices(String userId);

    /**
     * Sends a plugin event (an EVENT frame carrying {@code name} and {@code body}) to every connected device of
     * a user. Returns how many devices it was written to. Delivery is best effort: a device that misses it
     * must be able to recover by other means.
     */
    int sendEvent(String userId, String name, Map<String, Object> body);

    /**
     * Sends one plugin event to every connected device of every listed user, encoding it once per wire format
     * as {@link #deliver} does: the way to tell many users the same thing (a notice to a channel's online
     * members). A device over its outbound limit skips it when {@code droppable} is true. Non-blocking.
     */
    FanOutResult sendEvent(Collection<String> userIds, String name, Map<String, Object> body, boolean droppable);

    /**
     * Disconnects every device of a user: each gets KICKED with {@code code} and {@code reason}, then its
     * connection is closed. Returns how many devices were disconnected.
     */
    int disconnect(String userId, int code, String reason);

    /**
     * Writes a message as a DELIVER frame (inbox seq 0, the message's own seq) to every connected device of
     * every listed user, encoding it once per wire format rather than once per device. A device whose
     * outbound buffer is over its limit (a slow consumer) skips the message when {@code droppable} is true;
     * otherwise the message is queued for it. Non-blocking.
     */
    FanOutResult deliver(Collection<String> userIds, Message message, boolean droppable);

    /**
     * {@link #deliver(Collection, Message, boolean)} to only those connected devices of the listed users whose
     * session id ({@link OnlineDevice#sessionId()}, {@code ClientCommand.Caller#sessionId()}) {@code sessions}
     * accepts: the way to reach one device of a user and not its others (the channel a device has open). The
     * predicate is called on the calling thread, once per connected device of the listed users. Non-blocking.
     * (A default so that test doubles need not implement it.)
     */
    default FanOutResult deliver(Collection<String> userIds, Message message, boolean droppable,
            Predicate<String> sessions) {
        throw new UnsupportedOperationException("this directory does not deliver to chosen devices");
    }

    /**
     * {@link #sendEvent(Collection, String, Map, boolean)} to only those connected devices of the listed users
     * whose session id {@code sessions} accepts, as {@link #deliver(Collection, Message, boolean, Predicate)}
     * chooses them. Non-blocking. (A default so that test doubles need not implement it.)
     */
    default FanOutResult sendEvent(Collection<String> userIds, String name, Map<String, Object> body,
            boolean droppable, Predicate<String> sessions) {
        throw new UnsupportedOperationException("this directory does not send events to chosen devices");
    }

    /** What a fan-out did: devices written to, and devices that skipped the message because they were slow. */
    record FanOutResult(int delivered, int dropped) {
    }

    /** One connected device. */
    record OnlineDevice(String userId, String deviceId, Platform platform, String sessionId, String clientIp,
            long connectedAtMillis) {
    }
}
