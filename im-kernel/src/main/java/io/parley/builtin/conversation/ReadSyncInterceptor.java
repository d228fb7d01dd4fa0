package io.parley.builtin.conversation;

import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.builtin.common.LastStep;
import io.parley.builtin.common.ContentFields;

/**
 * Keeps a user's read position when one of their devices sends {@code RC:SRSMsg} (RongCloud's multi-device
 * read sync, {@code {lastMessageSendTime}}): the conversation's unread count drops to what came after. The
 * message itself then reaches only the sender's other devices (the pipeline's rule for this type).
 */
public final class ReadSyncInterceptor implements LastStep {
    public static final String READ_SYNC = "RC:SRSMsg";

    private final ConversationStates states;

    public ReadSyncInterceptor(ConversationStates states) {
        this.states = states;
    }

    @Override
    public String name() {
        return "kernel.read-sync";
    }

    @Override
    public Decision decide(OutgoingMessage message) {
        if (message.objectName().equals(READ_SYNC)) {
            long readTime = ContentFields.number(ContentFields.parse(message.content()), "lastMessageSendTime", 0);
            if (readTime > 0) {
                states.update(message.fromUserId(), message.conversationType(), message.targetId(),
                        state -> state.withReadTime(readTime));
            }
        }
        return Decision.proceed();
    }
}
