package io.parley.kernel.session;

import io.parley.api.model.Message;
import io.parley.protocol.body.WireMessage;

/** Converts committed messages to their wire form as one receiving user sees them. */
public final class WireMessages {
    private WireMessages() {
    }

    /** The wire form shared by every receiver of a conversation kept by its business type: no inbox seq. */
    public static WireMessage shared(Message message) {
        return new WireMessage(0, message.conversationType().code(), message.targetId(), message.fromUserId(),
                message.objectName(), message.content(), message.pushContent().orElse(null),
                message.pushData().orElse(null), message.messageUid(), message.seq(), message.sentTime(),
                message.clientMsgId(), message.persisted(), message.counted(), message.notice());
    }

    public static WireMessage forUser(Message message, String userId, long inboxSeq) {
        return new WireMessage(inboxSeq, message.conversationType().code(), message.targetFor(userId),
                message.fromUserId(), message.objectName(), message.content(), message.pushContent().orElse(null),
                message.pushData().orElse(null), message.messageUid(), message.seq(), message.sentTime(),
                message.clientMsgId(), message.persisted(), message.counted(), message.notice());
    }
}
