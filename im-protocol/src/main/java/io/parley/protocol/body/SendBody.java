package io.parley.protocol.body;

/**
 * SEND: a message from this device.
 *
 * @param clientMsgId the client's id for this send, reused on every retry; a retry is answered with the
 *     first commit and writes nothing
 * @param conversationType RongCloud's number (1 private, 3 group, 4 chatroom, 10 ultragroup)
 * @param persisted null for the message type's default
 * @param counted null for the message type's default
 */
public record SendBody(String clientMsgId, int conversationType, String targetId, String objectName, String content,
        String pushContent, String pushData, Boolean persisted, Boolean counted) {
}
