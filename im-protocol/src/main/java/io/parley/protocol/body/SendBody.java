package io.parley.protocol.body;

/**
 * SEND: a message from this device.
 *
 * @param clientMsgId the client's id for this send, reused on every retry; a retry is answered with the
 *     first commit and writes nothing
 * @param conversationType RongCloud's number (1 private, 3 group, 4 chatroom, 10 ultragroup)
 * @param persisted null for the message type's default
 * @param counted null for the message type's default
 * @param disablePush true when no push notification may be sent for it; null (older clients) means false
 */
public record SendBody(String clientMsgId, int conversationType, String targetId, String objectName, String content,
        String pushContent, String pushData, Boolean persisted, Boolean counted, Boolean disablePush) {

    /** A send that allows push notifications, as clients before {@code disablePush} sent it. */
    public SendBody(String clientMsgId, int conversationType, String targetId, String objectName, String content,
            String pushContent, String pushData, Boolean persisted, Boolean counted) {
        this(clientMsgId, conversationType, targetId, objectName, content, pushContent, pushData, persisted, counted,
                null);
    }
}
