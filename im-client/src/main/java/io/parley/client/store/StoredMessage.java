package io.parley.client.store;

import static java.util.Objects.requireNonNull;

import io.parley.client.ReceivedMessage;
import java.util.Map;

/**
 * A message kept on the device, as it stands now: recalled messages have become {@code RC:RcNtf}, edited ones carry
 * their latest content and version, and {@code expansion} holds the message's expansion values.
 *
 * @param messageUid the server's unique id
 * @param conversation the conversation it belongs to
 * @param fromUserId the sender
 * @param objectName the message type
 * @param content the content, usually JSON
 * @param sentTime the server's commit time, epoch ms
 * @param seq its seq in the conversation (0 for a private chat's, which are kept by inbox)
 * @param counted whether it counts as unread for those who did not send it
 * @param version 0, or the number of edits (ultragroups)
 * @param expansion the message's expansion, key to value
 */
public record StoredMessage(String messageUid, ConversationId conversation, String fromUserId, String objectName,
        String content, long sentTime, long seq, boolean counted, int version, Map<String, String> expansion) {
    public StoredMessage {
        requireNonNull(messageUid, "messageUid is null");
        requireNonNull(conversation, "conversation is null");
        fromUserId = fromUserId == null ? "" : fromUserId;
        requireNonNull(objectName, "objectName is null");
        content = content == null ? "" : content;
        expansion = expansion == null ? Map.of() : Map.copyOf(expansion);
    }

    /** A received message, unedited and without expansion. */
    public static StoredMessage of(ReceivedMessage m) {
        return new StoredMessage(m.messageUid(), new ConversationId(m.conversationType(), m.targetId()),
                m.fromUserId(), m.objectName(), m.content(), m.sentTime(), m.seq(), m.counted(), 0, Map.of());
    }

    StoredMessage withContent(String newObjectName, String newContent, int newVersion) {
        return new StoredMessage(messageUid, conversation, fromUserId, newObjectName, newContent, sentTime, seq,
                counted, newVersion, expansion);
    }

    StoredMessage withExpansion(Map<String, String> newExpansion) {
        return new StoredMessage(messageUid, conversation, fromUserId, objectName, content, sentTime, seq, counted,
                version, newExpansion);
    }
}
