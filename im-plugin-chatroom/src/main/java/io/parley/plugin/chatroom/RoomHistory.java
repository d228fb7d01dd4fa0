package io.parley.plugin.chatroom;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.MessageStore;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloud storage of room history, off by default as in RongCloud: on when the kernel's {@code retention.chatroom}
 * names a window (say {@code 7d}). A kept room message is then also appended to the room's durable log, in
 * the room's order (appends come from the room's stripe), and a room's seq starts from that log's head, so the
 * stored seq is the seq members saw. Delivery never waits for the append. Thread-safe.
 */
final class RoomHistory {
    private static final Logger log = LoggerFactory.getLogger(RoomHistory.class);

    private final MessageStore store;
    private final boolean enabled;

    RoomHistory(MessageStore store, boolean enabled) {
        this.store = store;
        this.enabled = enabled;
    }

    /** On when {@code retention.chatroom} is set to anything but {@code off}, {@code none} or {@code 0}. */
    static boolean enabledBy(PluginConfig root) {
        return root.get("retention.chatroom").map(value -> value.trim().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty() && !value.equals("off") && !value.equals("none") && !value.equals("0"))
                .isPresent();
    }

    boolean enabled() {
        return enabled;
    }

    /** The seq a new room continues from: the stored head when history is kept, else 0. */
    long startSeq(String roomId) {
        return enabled ? store.conversationHead(key(roomId)) : 0;
    }

    /** Appends a kept message to the room's log; a failure is logged, the room goes on. */
    void keep(Message committed) {
        if (!enabled) {
            return;
        }
        store.append(new AppendRequest(committed, List.of(), "chatroom:" + committed.messageUid()))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        log.warn("chatroom {}: storing message {} failed", committed.targetId(),
                                committed.messageUid(), failure);
                    }
                });
    }

    /** Up to {@code limit} stored messages of a room before {@code beforeSeq} (0: the newest), newest first. */
    List<Message> before(String roomId, long beforeSeq, int limit) {
        return store.readConversationBefore(key(roomId), beforeSeq, limit);
    }

    private static ConversationKey key(String roomId) {
        return new ConversationKey(ConversationType.CHATROOM, roomId);
    }
}
