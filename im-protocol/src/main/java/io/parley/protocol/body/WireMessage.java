package io.parley.protocol.body;

/**
 * A message as a device sees it.
 *
 * @param inboxSeq its seq in the receiving user's inbox; 0 for a status message, which is never stored
 * @param targetId the conversation from the receiver's side: for a private chat the other party
 * @param seq its conversation seq
 */
public record WireMessage(long inboxSeq, int conversationType, String targetId, String fromUserId, String objectName,
        String content, String pushContent, String pushData, String messageUid, long seq, long sentTime,
        String clientMsgId, boolean persisted, boolean counted) {
}
