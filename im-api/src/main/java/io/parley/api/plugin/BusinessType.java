package io.parley.api.plugin;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.MessageKind;
import io.parley.api.model.OutgoingMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The handler of one conversation type: it decides who may send and who receives. The kernel ships
 * {@code private}, and its built-in group plugin {@code group}, on this same SPI; plugins add chatrooms and ultragroups.
 *
 * <p>Called on the conversation's stripe: one conversation is handled by one thread at a time, so a handler
 * needs no locks per conversation. It may block briefly on metadata reads, never on the network.
 */
public interface BusinessType {

    ConversationType conversationType();

    /** The shared storage key of the conversation the sender addresses as {@code targetId}. */
    ConversationKey conversationKey(String fromUserId, String targetId);

    /**
     * The storage key of the conversation this message goes to. The default is
     * {@link #conversationKey(String, String)} of its sender and target; a type may key some messages apart (a group
     * message directed at some members is not kept in the group's shared log).
     */
    default ConversationKey conversationKey(OutgoingMessage message) {
        return conversationKey(message.fromUserId(), message.targetId());
    }

    /**
     * Whether a message stored under {@code stored} is one of the conversation {@code conversation} (a key of
     * {@link #conversationKey(String, String)}), for acting on it by the conversation's name (recall, expansion,
     * receipts). The default: only when the keys are equal; a type that keys some messages apart
     * ({@link #conversationKey(OutgoingMessage)}) says which keys are still its conversation's.
     */
    default boolean belongsTo(ConversationKey stored, ConversationKey conversation) {
        return stored.equals(conversation);
    }

    /**
     * The name {@code senderId} goes by in the conversation {@code targetId}, shown to its other members in the push
     * notifications of the messages it sends there (a group member's push alias, {@code /group/remarks/set.json}); a
     * remark the recipient gave the sender comes first. Empty (the default) when it has none. Called on the push
     * requester's thread; may block briefly on metadata reads.
     */
    default Optional<String> senderAlias(String senderId, String targetId) {
        return Optional.empty();
    }

    /**
     * Checks that the sender may send this message and says who receives it. Throws {@code ImException}
     * with a numbered code to refuse (not a member, muted, unknown target).
     */
    Recipients resolveRecipients(OutgoingMessage message);

    /**
     * True for a type that keeps and delivers its own messages (online-only rooms): the kernel then neither
     * stores the message nor writes inboxes, and calls {@link #commitOwn} instead. False (the default): the
     * kernel commits the message durably and writes the recipients' inboxes.
     */
    default boolean keepsOwnMessages() {
        return false;
    }

    /**
     * Keeps and delivers a message of a type that {@link #keepsOwnMessages() keeps its own}: for example,
     * append it to the room's ring with the room's next seq and fan it out with
     * {@link OnlineDirectory#deliver}. Returns the message as committed (with its seq); the sender's ack
     * carries that seq. A {@link io.parley.api.model.MessageKind#STATUS STATUS} message (typing and the like)
     * should be delivered without a seq and not kept. Called on the conversation's stripe, after the
     * interceptors, one message at a time per conversation; must not block.
     */
    default Message commitOwn(Message message, MessageKind kind) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep its own messages");
    }

    /**
     * {@link #commitOwn} for a type whose commit waits for the network (a seq from a cluster-wide counter): the
     * kernel calls this one, on the stripe, where it must return at once; the stage completes with the message as
     * committed, or fails with an {@code ImException} to refuse it. Until it completes the conversation's later
     * messages wait behind this one, in order, while the stripe goes on with other conversations; no kernel thread
     * waits. The default calls {@link #commitOwn} right here.
     */
    default CompletionStage<Message> commitOwnAsync(Message message, MessageKind kind) {
        return CompletableFuture.completedFuture(commitOwn(message, kind));
    }

    /**
     * For a type that {@link #keepsOwnMessages() keeps its own messages}: the message {@code messageUid} of the
     * conversation {@code userId} names as {@code targetId}, while the type still keeps it (a room's ring of recent
     * messages), so that it can be recalled: the kernel checks the recall rules (sender or admin, recall window) on
     * it, then sends the {@code RC:RcCmd} into the conversation through {@link #commitOwn}, where the type marks its
     * copy recalled. With {@code checkParticipant} the type refuses a user not in the conversation with an
     * {@code ImException}. Empty when the message is not (or no longer) kept. The default refuses with 33006: the
     * type's messages cannot be acted on. Called on the conversation's stripe; must not block.
     */
    default Optional<Message> keptMessage(String userId, String targetId, String messageUid,
            boolean checkParticipant) {
        throw new io.parley.api.error.ImException(io.parley.api.error.StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                conversationType() + " messages are not stored, so they cannot be changed");
    }

    /**
     * For a type kept by read diffusion (one log read by every member, no inbox copies): the key of the
     * conversation {@code userId} names as {@code targetId}, when that user may read it. The kernel uses it to
     * serve SYNC conversation cursors and to let a participant act on the conversation's messages (recall,
     * expansion, receipts). Throw {@code ImException} to refuse with a specific code (not a member, a private
     * channel); return empty (the default) when the type does not serve reads by cursor. Called on a worker
     * thread; may block briefly on metadata reads.
     */
    default Optional<ConversationKey> readableKey(String userId, String targetId) {
        return Optional.empty();
    }

    /**
     * How a stored message of this type is served to {@code userId} when read from its conversation log (SYNC
     * by cursor): itself (the default), a replacement (an edited version, same UID and seq), or empty to hide
     * it from this reader (history from before the reader joined). Called on a worker thread; may block briefly.
     */
    default Optional<Message> presentTo(String userId, Message message) {
        return Optional.of(message);
    }

    /**
     * For a type kept by read diffusion whose conversations a device follows by cursor: the targets (as
     * {@link #readableKey}'s {@code targetId}) this user follows, in target order, so that a device learns which
     * conversations to pull (SYNC answers their heads). Empty (the default) for a type whose devices learn their
     * conversations otherwise. Called on a worker thread; may block briefly on metadata reads.
     */
    default java.util.List<String> followedBy(String userId) {
        return java.util.List.of();
    }

    /**
     * The {@code targetId} that addresses {@code channelId} inside the conversation {@code targetId}, for types
     * with channels (RongCloud's {@code busChannel}); an empty channel id is the conversation's default channel.
     * The default refuses any non-empty channel: the type has none.
     */
    default String channelTarget(String targetId, String channelId) {
        if (channelId == null || channelId.isEmpty()) {
            return targetId;
        }
        throw io.parley.api.error.ImException.invalidParameter(conversationType() + " conversations have no channels");
    }

    /**
     * Whether {@code userId} may read the conversation {@code key} now (see
     * {@link ConversationService#mayRead}). The default answers for types kept by read diffusion through
     * {@link #readableKey}, with the key's id as the target; a type whose keys are not its targets overrides it.
     * Called on a worker thread; may block briefly on metadata reads.
     */
    default boolean mayRead(String userId, ConversationKey key) {
        try {
            return readableKey(userId, key.id()).isPresent();
        } catch (io.parley.api.error.ImException e) {
            return false;
        }
    }

    /**
     * One page of the conversation's members, in user-id order (see {@link ConversationService#members}). Throw
     * {@code ImException} (not found) for a conversation that does not exist. The default refuses: the type does not
     * list its members. Called on a worker thread; may block briefly on metadata reads.
     */
    default MemberPage members(ConversationKey key, String after, int limit) {
        throw new io.parley.api.error.ImException(io.parley.api.error.StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE,
                conversationType() + " conversations do not list their members");
    }

    /**
     * Who receives a notice ({@link ConversationService#notify}) sent to the conversation whose members are
     * {@code members}: by default every member as an inbox owner (write diffusion); a type kept by read diffusion
     * returns them as {@link Recipients#readers readers}, who find it in the conversation's log. Not called for a
     * type that {@link #keepsOwnMessages() keeps its own messages}: its notices go to {@link #commitOwn} as
     * {@link io.parley.api.model.MessageKind#NOTICE NOTICE}s, to be delivered to who is there without a seq.
     */
    default Recipients noticeRecipients(ConversationKey key, java.util.List<String> members) {
        return new Recipients(members);
    }
}
