package io.parley.plugin.chatroom;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.PluginConfig;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.MetadataStore;
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

    /** Metadata namespace of the recall marks of stored room messages: message UID → {@link RoomRecall#mark}. */
    static final String RECALLED = "chatroom.recalled";

    private final MessageStore store;
    private final MetadataStore metadata;
    private final boolean enabled;

    RoomHistory(MessageStore store, MetadataStore metadata, boolean enabled) {
        this.store = store;
        this.metadata = metadata;
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
                    } else if (RoomRecall.isRecall(committed)) {
                        markRecalled(committed);
                    }
                });
    }

    /** A stored recall command: its message is served as its recall note from now on (off the room's stripe). */
    private void markRecalled(Message command) {
        RoomRecall.recalledUid(command).ifPresent(uid -> {
            try {
                metadata.put(RECALLED, uid, RoomRecall.mark(command));
            } catch (RuntimeException e) {
                log.warn("chatroom {}: marking message {} recalled in the stored history failed", command.targetId(),
                        uid, e);
            }
        });
    }

    /**
     * Up to {@code limit} stored messages of a room before {@code beforeSeq} (0: the newest), newest first; a recalled
     * one as its {@code RC:RcNtf} note.
     */
    List<Message> before(String roomId, long beforeSeq, int limit) {
        return store.readConversationBefore(key(roomId), beforeSeq, limit).stream()
                .map(message -> metadata.get(RECALLED, message.messageUid())
                        .map(mark -> RoomRecall.note(message, mark)).orElse(message))
                .toList();
    }

    private static ConversationKey key(String roomId) {
        return new ConversationKey(ConversationType.CHATROOM, roomId);
    }
}
