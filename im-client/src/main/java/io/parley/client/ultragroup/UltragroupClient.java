package io.parley.client.ultragroup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.model.ConversationType;
import io.parley.client.ConnectionStatus;
import io.parley.client.ConnectionStatusListener;
import io.parley.client.EventListener;
import io.parley.client.ImClient;
import io.parley.client.MessageListener;
import io.parley.client.ReceivedMessage;
import io.parley.client.SendResult;
import io.parley.client.store.ConversationId;
import io.parley.client.store.LocalStore;
import io.parley.client.store.StoredMessage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed ultragroup calls on top of an {@link ImClient}: the channel list with unread and mention counts, history
 * by seq, read positions, the subscribed (open) channel, edits and do-not-disturb levels, and listeners for
 * notices, read-position sync and edits. It wraps the plugin's {@code ultragroup.*} commands and events (see
 * {@code docs/plugins/ultragroup.md}); the {@code ImClient} stays the app's, to connect and close.
 *
 * <pre>{@code
 * UltragroupClient ultragroups = new UltragroupClient(client);
 * ultragroups.addListener(new UltragroupListener() {
 *     public void onNotice(UltragroupNotice notice) { badge(notice.targetId()); }
 * });
 * for (UltragroupChannel channel : ultragroups.channels("town").join()) {
 *     show(channel.targetId(), channel.unreadCount(), channel.mentionCount());
 * }
 * ultragroups.subscribe("town:news").join();             // this device now gets that channel's messages
 * UltragroupHistory page = ultragroups.historyAfter("town:news", readSeq, 50).join();
 * ultragroups.markRead("town:news").join();              // the user's other devices hear of it
 * }</pre>
 *
 * <p>The subscription is per device and lasts as long as the connection; this helper subscribes again, to the
 * same channel, each time the client reconnects. Thread-safe; the futures complete on the client's callback
 * thread, and listeners are called there, as {@code ImClient}'s are.
 */
public final class UltragroupClient {
    /** The event of a message in a channel this device has not subscribed to. */
    public static final String EVENT_NOTICE = "ultragroup.message";
    /** The event of this user's read position moving. */
    public static final String EVENT_READ = "ultragroup.read";
    /** The note written into a channel when a message is edited. */
    public static final String MODIFY_NOTE = "Parley:UgMsgModify";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(UltragroupClient.class);

    private final ImClient client;
    private final List<UltragroupListener> listeners = new CopyOnWriteArrayList<>();
    private final EventListener events = this::onEvent;
    private final MessageListener messages = this::onMessage;
    private final ConnectionStatusListener reconnects = this::onStatus;
    private volatile String subscribed;

    /** Wraps a client (connected or not) and starts listening to it. */
    public UltragroupClient(ImClient client) {
        this.client = requireNonNull(client, "client is null");
        client.addEventListener(events);
        client.addMessageListener(messages);
        client.addStatusListener(reconnects);
    }

    /** The {@code targetId} of a channel: {@code groupId} for the default channel ({@code ""} or null), else {@code groupId:channelId}. */
    public static String targetId(String groupId, String channelId) {
        requireNonNull(groupId, "groupId is null");
        return channelId == null || channelId.isEmpty() ? groupId : groupId + ":" + channelId;
    }

    public void addListener(UltragroupListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    public void removeListener(UltragroupListener listener) {
        listeners.remove(listener);
    }

    /** Stops listening to the client (which stays connected). */
    public void detach() {
        client.removeEventListener(events);
        client.removeMessageListener(messages);
        client.removeStatusListener(reconnects);
    }

    /** Every ultragroup of this user, each with the channels it may see. */
    public CompletableFuture<List<Ultragroup>> groups() {
        return client.command("ultragroup.channels", Map.of()).thenApply(UltragroupClient::groups);
    }

    /** One ultragroup with the channels this user may see; empty when it is not a member. */
    public CompletableFuture<Optional<Ultragroup>> group(String groupId) {
        return client.command("ultragroup.channels", Map.of("groupId", requireNonNull(groupId, "groupId is null")))
                .thenApply(body -> groups(body).stream().findFirst());
    }

    /** The channels of one ultragroup this user may see, the default channel first; empty when it is not a member. */
    public CompletableFuture<List<UltragroupChannel>> channels(String groupId) {
        return group(groupId).thenApply(group -> group.map(Ultragroup::channels).orElse(List.of()));
    }

    private static List<Ultragroup> groups(Map<String, Object> body) {
        return BodyFields.list(body, "groups").stream().map(Ultragroup::from).toList();
    }

    /** Up to {@code limit} (1–100) messages of a channel with a seq above {@code afterSeq}, in seq order. */
    public CompletableFuture<UltragroupHistory> historyAfter(String targetId, long afterSeq, int limit) {
        return history(targetId, "afterSeq", afterSeq, limit);
    }

    /** Up to {@code limit} (1–100) messages of a channel below {@code beforeSeq} (0: from the newest), newest first. */
    public CompletableFuture<UltragroupHistory> historyBefore(String targetId, long beforeSeq, int limit) {
        return history(targetId, "beforeSeq", beforeSeq, limit);
    }

    private CompletableFuture<UltragroupHistory> history(String targetId, String from, long seq, int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("targetId", requireNonNull(targetId, "targetId is null"));
        body.put(from, seq);
        body.put("limit", limit);
        return client.command("ultragroup.history", body).thenApply(UltragroupHistory::from).thenApply(page -> {
            client.localStore().filter(LocalStore.class::isInstance).map(LocalStore.class::cast)
                    .ifPresent(store -> keep(store, page));
            return page;
        });
    }

    /** A channel's page read from the server is kept on the device, like the messages it was delivered. */
    private static void keep(LocalStore store, UltragroupHistory page) {
        try {
            store.fetched(page.messages().stream().filter(m -> !MODIFY_NOTE.equals(m.objectName()))
                    .map(m -> new StoredMessage(m.messageUid(), new ConversationId(ConversationType.ULTRA_GROUP,
                            m.targetId()), m.fromUserId(), m.objectName(), m.content(), m.sentTime(), m.seq(),
                            m.counted(), m.version(), Map.of()))
                    .toList());
        } catch (RuntimeException e) {
            log.warn("local store failed to keep a page of {} messages", page.messages().size(), e);
        }
    }

    /** Marks a channel read up to its latest message; completes with the read position kept. */
    public CompletableFuture<Long> markRead(String targetId) {
        return read(Map.of("targetId", requireNonNull(targetId, "targetId is null")));
    }

    /** Marks a channel read up to {@code seq} (a read position never moves back); completes with the position kept. */
    public CompletableFuture<Long> markRead(String targetId, long seq) {
        return read(Map.of("targetId", requireNonNull(targetId, "targetId is null"), "seq", seq));
    }

    private CompletableFuture<Long> read(Map<String, Object> body) {
        return client.command("ultragroup.read", body).thenApply(result -> BodyFields.number(result, "readSeq"));
    }

    /**
     * Opens a channel on this device: it now gets the channel's messages themselves ({@link UltragroupListener#onMessage})
     * and notices for the other channels; the user's other devices are not affected. Completes with the channel's
     * latest seq.
     */
    public CompletableFuture<Long> subscribe(String targetId) {
        requireNonNull(targetId, "targetId is null");
        return client.command("ultragroup.subscribe", Map.of("targetId", targetId)).thenApply(result -> {
            subscribed = targetId;
            return BodyFields.number(result, "latestSeq");
        });
    }

    /** Closes the open channel on this device: it gets notices only. */
    public CompletableFuture<Void> unsubscribe() {
        subscribed = null;
        return client.command("ultragroup.unsubscribe", Map.of()).thenApply(result -> null);
    }

    /** The channel this device has open, if any. */
    public Optional<String> subscribedChannel() {
        return Optional.ofNullable(subscribed);
    }

    /** Sends a message into a channel. */
    public CompletableFuture<SendResult> send(String targetId, String objectName, String content) {
        return client.send(ConversationType.ULTRA_GROUP, targetId, objectName, content);
    }

    /** Edits a message this user sent; completes with its new version. */
    public CompletableFuture<Integer> modify(String targetId, String messageUid, String content) {
        return client.command("ultragroup.modify", Map.of("targetId", requireNonNull(targetId, "targetId is null"),
                "messageUid", requireNonNull(messageUid, "messageUid is null"),
                "content", requireNonNull(content, "content is null")))
                .thenApply(result -> (int) BodyFields.number(result, "version"));
    }

    /**
     * Sets this user's do-not-disturb level for a channel (the default channel's {@code targetId}: for the whole
     * ultragroup): -1 or 0 every message, 1 mentions, 2 @me only, 4 @all only, 5 nothing.
     */
    public CompletableFuture<Void> setNotDisturb(String targetId, int level) {
        return client.command("ultragroup.notdisturb.set", Map.of("targetId", requireNonNull(targetId,
                "targetId is null"), "level", level)).thenApply(result -> null);
    }

    private void onEvent(String name, Map<String, Object> body) {
        if (EVENT_NOTICE.equals(name)) {
            if (Boolean.TRUE.equals(body.get("notice"))) {
                return; // a plugin's notice is no new message to tell of (only a device with the channel open gets it, by DELIVER)
            }
            UltragroupNotice notice = UltragroupNotice.from(body);
            listeners.forEach(listener -> listener.onNotice(notice));
        } else if (EVENT_READ.equals(name)) {
            String targetId = BodyFields.string(body, "targetId");
            long readSeq = BodyFields.number(body, "readSeq");
            listeners.forEach(listener -> listener.onRead(targetId, readSeq));
        }
    }

    private void onMessage(ReceivedMessage message) {
        if (message.conversationType() != ConversationType.ULTRA_GROUP) {
            return;
        }
        if (MODIFY_NOTE.equals(message.objectName())) {
            modification(message).ifPresent(edit -> listeners.forEach(listener -> listener.onModified(edit)));
        } else {
            listeners.forEach(listener -> listener.onMessage(message));
        }
    }

    private static Optional<UltragroupModification> modification(ReceivedMessage note) {
        try {
            JsonNode content = JSON.readTree(note.content());
            return Optional.of(new UltragroupModification(note.targetId(), content.path("messageUId").asText(),
                    content.path("seq").asLong(), content.path("version").asInt(), content.path("content").asText(),
                    note.fromUserId()));
        } catch (IOException e) {
            return Optional.empty(); // the server writes these notes; a malformed one is not an edit
        }
    }

    private void onStatus(ConnectionStatus status) {
        String channel = subscribed;
        if (status == ConnectionStatus.CONNECTED && channel != null) {
            // a subscription lasts as long as one connection: open the same channel on the new one
            client.command("ultragroup.subscribe", Map.of("targetId", channel)).exceptionally(failure -> {
                log.warn("could not open ultragroup channel {} again after reconnecting", channel, failure);
                return null;
            });
        }
    }
}
