package io.parley.client;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.ConversationType;
import io.parley.protocol.body.WireMessage;

/**
 * A message as this device received it: the protocol's {@code WireMessage} with a typed conversation type.
 *
 * @param inboxSeq its seq in this user's inbox; 0 for a status message (typing, …), which is never stored
 * @param conversationType the kind of conversation
 * @param targetId the conversation from this user's side: for a private chat, the other party (also for the
 *     user's own messages)
 * @param fromUserId the sender; equal to this client's user id for the user's own messages
 * @param objectName the message type, e.g. {@code RC:TxtMsg}
 * @param content the message's content, usually JSON
 * @param pushContent the push notification text, or null
 * @param pushData the push payload, or null
 * @param messageUid the server's unique id
 * @param seq the message's seq in its conversation
 * @param sentTime the server's commit time, epoch milliseconds
 * @param clientMsgId the sending device's id for the send, or null
 * @param persisted whether the client should store it
 * @param counted whether it counts as unread
 * @param notice whether it is a plugin's notice (sent by {@code plugin:<name>}, named by {@link #objectName()}):
 *     something for the app to act on (a reaction, a vote changed), never a message to show, keep or count. Notices
 *     reach {@link NoticeListener}s, not {@link MessageListener}s.
 */
public record ReceivedMessage(long inboxSeq, ConversationType conversationType, String targetId, String fromUserId,
        String objectName, String content, String pushContent, String pushData, String messageUid, long seq,
        long sentTime, String clientMsgId, boolean persisted, boolean counted, boolean notice) {
    public ReceivedMessage {
        requireNonNull(conversationType, "conversationType is null");
    }

    /** A message that is not a notice. */
    public ReceivedMessage(long inboxSeq, ConversationType conversationType, String targetId, String fromUserId,
            String objectName, String content, String pushContent, String pushData, String messageUid, long seq,
            long sentTime, String clientMsgId, boolean persisted, boolean counted) {
        this(inboxSeq, conversationType, targetId, fromUserId, objectName, content, pushContent, pushData, messageUid,
                seq, sentTime, clientMsgId, persisted, counted, false);
    }

    /** Whether this is a status message (no inbox seq and no conversation seq): not stored, not replayed, not counted. */
    public boolean isStatusMessage() {
        return inboxSeq == 0 && seq == 0;
    }

    /**
     * Whether this message came outside the inbox (inbox seq 0) but with a conversation seq: a message of a
     * conversation kept by its business type, such as a chatroom, delivered to online devices only.
     */
    public boolean isOnlineOnly() {
        return inboxSeq == 0 && seq > 0;
    }

    /** Converts a wire message; null when its conversation type is unknown to this SDK. */
    static ReceivedMessage fromWire(WireMessage m) {
        return ConversationType.fromCode(m.conversationType())
                .map(type -> new ReceivedMessage(m.inboxSeq(), type, m.targetId(), m.fromUserId(), m.objectName(),
                        m.content(), m.pushContent(), m.pushData(), m.messageUid(), m.seq(), m.sentTime(),
                        m.clientMsgId(), m.persisted(), m.counted(), m.notice()))
                .orElse(null);
    }
}
