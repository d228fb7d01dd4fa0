package io.parley.kernel.plugin;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.MemberPage;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** A conversation service found at each call, so that a plugin may take it in {@code create}, before it is built. */
final class LateConversations implements ConversationService {
    private final Supplier<ConversationService> service;

    LateConversations(Supplier<ConversationService> service) {
        this.service = service;
    }

    @Override
    public ConversationKey key(String userId, ConversationType type, String targetId) {
        return service.get().key(userId, type, targetId);
    }

    @Override
    public ConversationKey readableKey(String userId, ConversationType type, String targetId) {
        return service.get().readableKey(userId, type, targetId);
    }

    @Override
    public boolean mayRead(String userId, ConversationKey conversation) {
        return service.get().mayRead(userId, conversation);
    }

    @Override
    public MemberPage members(ConversationKey conversation, String after, int limit) {
        return service.get().members(conversation, after, limit);
    }

    @Override
    public Message message(String userId, ConversationType type, String targetId, String messageUid,
            boolean asParticipant) {
        return service.get().message(userId, type, targetId, messageUid, asParticipant);
    }

    @Override
    public boolean keepsOwnMessages(ConversationType type) {
        return service.get().keepsOwnMessages(type);
    }

    @Override
    public String channelTarget(ConversationType type, String targetId, String channelId) {
        return service.get().channelTarget(type, targetId, channelId);
    }

    @Override
    public Message present(Message stored) {
        return service.get().present(stored);
    }

    @Override
    public java.util.Optional<Message> presentTo(String userId, Message stored) {
        return service.get().presentTo(userId, stored);
    }

    @Override
    public String senderAlias(String recipient, Message message) {
        return service.get().senderAlias(recipient, message);
    }

    @Override
    public java.util.List<String> followedBy(String userId, ConversationType type) {
        return service.get().followedBy(userId, type);
    }

    @Override
    public CompletionStage<Message> notify(ConversationKey conversation, String name, String content) {
        return service.get().notify(conversation, name, content);
    }
}
