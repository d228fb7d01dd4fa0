package io.parley.kernel.access;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.MessageStore;
import io.parley.kernel.message.BusinessTypeRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Who takes part in which conversation, for features that act on a conversation or on one of its messages
 * (recall, expansion, receipts, history): the storage key of a conversation as a user names it, and whether
 * the user may act on it. Thread-safe; may block on storage.
 */
@Singleton
public final class ConversationAccess {
    private final MessageStore store;
    private final BusinessTypeRegistry businessTypes;

    /**
     * @param businessTypes the installed types: a type other than private and system (a group, an ultragroup) takes
     *     part through its {@link io.parley.api.plugin.BusinessType#readableKey}
     */
    @Inject
    public ConversationAccess(MessageStore store, BusinessTypeRegistry businessTypes) {
        this.store = store;
        this.businessTypes = businessTypes;
    }

    /** The shared key of the conversation {@code userId} calls ({@code type}, {@code targetId}). */
    public static ConversationKey keyFor(String userId, ConversationType type, String targetId) {
        return switch (type) {
            case PRIVATE -> ConversationKey.privateChat(userId, targetId);
            case SYSTEM -> new ConversationKey(type, targetId + ":" + userId);
            default -> new ConversationKey(type, targetId);
        };
    }

    /** Whether {@code userId} belongs to the conversation now. Private and system conversations are always theirs. */
    public boolean isParticipant(String userId, ConversationType type, String targetId) {
        return switch (type) {
            case PRIVATE, SYSTEM -> true;
            default -> businessTypes.find(type).map(handler -> {
                try {
                    return handler.readableKey(userId, targetId).isPresent();
                } catch (ImException e) {
                    return false;
                }
            }).orElse(false);
        };
    }

    /**
     * The message {@code messageUid} of the conversation {@code userId} names, checking that it exists, belongs
     * to that conversation, and that the user takes part in it (skipped for the server API acting as admin).
     */
    public Message messageIn(String userId, ConversationType type, String targetId, String messageUid,
            boolean checkParticipant) {
        if (type == ConversationType.CHATROOM || keptByItsType(type)) {
            throw new ImException(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                    type + " messages are not stored, so they cannot be changed");
        }
        if (checkParticipant && !isParticipant(userId, type, targetId)) {
            throw new ImException(type == ConversationType.GROUP ? StandardErrorCode.NOT_IN_GROUP
                    : StandardErrorCode.MESSAGE_UNAUTHORIZED, userId + " is not in this conversation");
        }
        Optional<Message> message = store.findByUid(messageUid);
        ConversationKey key = keyFor(userId, type, targetId);
        if (message.isEmpty() || !belongsTo(type, message.get().conversation(), key)) {
            throw new ImException(StandardErrorCode.NOT_FOUND,
                    "no message " + messageUid + " in " + type + " conversation " + targetId);
        }
        return message.get();
    }

    /**
     * The message {@code messageUid} to recall: for a type that keeps its own messages (chatrooms), the one its
     * handler still keeps ({@link io.parley.api.plugin.BusinessType#keptMessage}); for the others, as
     * {@link #messageIn}. Fails with 33006 when no installed type keeps the conversation's messages and storage has
     * none (chatrooms without their plugin), with NOT_FOUND when the type no longer keeps the message.
     */
    public Message messageToRecall(String userId, ConversationType type, String targetId, String messageUid,
            boolean checkParticipant) {
        Optional<io.parley.api.plugin.BusinessType> handler = businessTypes.find(type)
                .filter(io.parley.api.plugin.BusinessType::keepsOwnMessages);
        if (handler.isEmpty()) {
            return messageIn(userId, type, targetId, messageUid, checkParticipant);
        }
        return handler.get().keptMessage(userId, targetId, messageUid, checkParticipant)
                .orElseThrow(() -> new ImException(StandardErrorCode.NOT_FOUND, "message " + messageUid
                        + " is not among the messages " + type + " " + targetId + " still keeps, so it cannot be"
                        + " recalled"));
    }

    private boolean keptByItsType(ConversationType type) {
        return businessTypes.find(type).map(io.parley.api.plugin.BusinessType::keepsOwnMessages).orElse(false);
    }

    /**
     * Whether a message stored under {@code stored} is one of the conversation {@code key}, as its type says
     * ({@link io.parley.api.plugin.BusinessType#belongsTo}: a group's own messages and those directed at some of its
     * members).
     */
    private boolean belongsTo(ConversationType type, ConversationKey stored, ConversationKey key) {
        return stored.equals(key) || businessTypes.find(type)
                .map(handler -> handler.belongsTo(stored, key)).orElse(false);
    }
}
