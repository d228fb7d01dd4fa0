package io.parley.api.plugin;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;

/**
 * The handler of one conversation type: it decides who may send and who receives. The kernel ships
 * {@code private} (and later {@code group}) on this same SPI; plugins add chatrooms and ultragroups.
 *
 * <p>Called on the conversation's stripe: one conversation is handled by one thread at a time, so a handler
 * needs no locks per conversation. It may block briefly on metadata reads, never on the network.
 */
public interface BusinessType {

    ConversationType conversationType();

    /** The shared storage key of the conversation the sender addresses as {@code targetId}. */
    ConversationKey conversationKey(String fromUserId, String targetId);

    /**
     * Checks that the sender may send this message and says who receives it. Throws {@code ImException}
     * with a numbered code to refuse (not a member, muted, unknown target).
     */
    Recipients resolveRecipients(OutgoingMessage message);
}
