package io.parley.builtin.conversation;

import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.Decision;
import io.parley.builtin.common.LastStep;
import io.parley.builtin.common.ContentFields;
import java.time.Clock;

/**
 * Keeps private read receipts: when a user sends {@code RC:ReadNtf} ({@code {lastMessageSendTime}}) to the other
 * user of a private chat, the other user's state of that conversation records it as {@code peerReadTime} (never
 * later than now, never moving back). The receipt itself is a status message, delivered only to the devices online
 * at that moment; the recorded time is what a device that was offline, or connects later, reads from
 * {@code conversation.list} (and what the {@code conversation.changed} event tells the online ones), so that every
 * device of the sender shows the same messages as read. Runs on the conversation's stripe; blocks on metadata.
 */
public final class PeerReadInterceptor implements LastStep {
    public static final String READ_RECEIPT = "RC:ReadNtf";

    private final ConversationStates states;
    private final Clock clock;

    public PeerReadInterceptor(ConversationStates states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "kernel.peer-read";
    }

    @Override
    public Decision decide(OutgoingMessage message) {
        if (message.objectName().equals(READ_RECEIPT) && message.conversationType() == ConversationType.PRIVATE
                && !message.fromUserId().equals(message.targetId())) {
            long readTime = Math.min(clock.millis(),
                    ContentFields.number(ContentFields.parse(message.content()), "lastMessageSendTime", 0));
            if (readTime > 0) {
                states.update(message.targetId(), ConversationType.PRIVATE, message.fromUserId(),
                        state -> state.withPeerReadTime(readTime));
            }
        }
        return Decision.proceed();
    }
}
