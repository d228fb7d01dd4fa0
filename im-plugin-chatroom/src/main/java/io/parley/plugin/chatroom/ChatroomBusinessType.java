package io.parley.plugin.chatroom;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.MessageKind;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.OnlineDirectory;
import io.parley.api.plugin.Recipients;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The {@code chatroom} conversation type (4). Messages are online-only: the kernel neither stores them nor
 * writes inboxes ({@link #keepsOwnMessages()}); the room gives each kept message its next seq, keeps it in
 * its ring for the join history, and fans it out to its members' connected devices.
 *
 * <p>A client's message is refused when the room does not exist (23410), the sender is not a member
 * (23406), or the sender is muted (23408). A message from the server API ({@code source} empty) needs only
 * an existing room. When the room is over its delivery capacity, or its distribution is stopped, the message
 * is dropped: the sender still gets a successful ack, with seq 0. Called on the room's stripe; never blocks (in a
 * cluster the seq is asked of the shared counter, and the room's next message waits for it, not the stripe).
 */
final class ChatroomBusinessType implements BusinessType {
    private final ChatroomRegistry registry;
    private final ChatroomSettings settings;
    private final OnlineDirectory online;
    private final ChatroomMetrics metrics;
    private final Clock clock;
    private final RoomHistory history;
    private final Executor continuation;

    ChatroomBusinessType(ChatroomRegistry registry, ChatroomSettings settings, OnlineDirectory online,
            ChatroomMetrics metrics, Clock clock, RoomHistory history, Executor continuation) {
        this.continuation = continuation;
        this.registry = registry;
        this.settings = settings;
        this.online = online;
        this.metrics = metrics;
        this.clock = clock;
        this.history = history;
    }

    @Override
    public ConversationType conversationType() {
        return ConversationType.CHATROOM;
    }

    @Override
    public ConversationKey conversationKey(String fromUserId, String targetId) {
        return new ConversationKey(ConversationType.CHATROOM, targetId);
    }

    @Override
    public Recipients resolveRecipients(OutgoingMessage message) {
        Room room = registry.require(message.targetId());
        if (message.source().isPresent()) {
            long now = clock.millis();
            room.checkSender(message.fromUserId(), now, settings.isGloballyMuted(message.fromUserId(), now));
        }
        // the members are read when the message is committed, under the room's lock
        return new Recipients(List.of());
    }

    @Override
    public boolean keepsOwnMessages() {
        return true;
    }

    /**
     * Keeps the message in its room; with several nodes the room's seq comes from the cluster's counter without
     * waiting for it, and the message is numbered and fanned out on {@code continuation} once it has answered.
     */
    @Override
    public CompletionStage<Message> commitOwnAsync(Message message, MessageKind kind) {
        Room room = registry.require(message.targetId());
        // a recall always passes: it must reach the ring on every node, as the kernel has already marked it
        boolean whitelisted = settings.whitelistTypes().contains(message.objectName())
                || RoomRecall.isRecall(message) || room.isUserWhitelisted(message.fromUserId());
        boolean lowPriority = settings.lowPriorityTypes().contains(message.objectName());
        // a notice reaches who is in the room now, like a status message: rooms keep nothing for later
        MessageKind asKept = kind == MessageKind.NOTICE ? MessageKind.STATUS : kind;
        return room.commit(message, asKept, whitelisted, lowPriority, online, metrics, clock.millis(), continuation)
                .thenApply(committed -> {
                    if (committed.seq() > 0) {
                        history.keep(committed);
                    }
                    return committed;
                });
    }

    /** A message still in the room's ring; a client ({@code checkParticipant}) must be a member (23406). */
    @Override
    public java.util.Optional<Message> keptMessage(String userId, String targetId, String messageUid,
            boolean checkParticipant) {
        return registry.require(targetId).kept(messageUid, userId, checkParticipant);
    }

    /** Whether the user is in the room now. */
    @Override
    public boolean mayRead(String userId, ConversationKey key) {
        return registry.find(key.id()).map(room -> room.isMember(userId)).orElse(false);
    }

    /** Who is in the room now, in user-id order. */
    @Override
    public io.parley.api.plugin.MemberPage members(ConversationKey key, String after, int limit) {
        List<String> members = new java.util.ArrayList<>(registry.require(key.id()).members().keySet());
        java.util.Collections.sort(members);
        return io.parley.api.plugin.MemberPage.of(members, after, limit);
    }
}
