package io.parley.protocol.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message as a device sees it.
 *
 * @param inboxSeq its seq in the receiving user's inbox; 0 for a status message, which is never stored
 * @param targetId the conversation from the receiver's side: for a private chat the other party
 * @param seq its conversation seq
 * @param notice true for a plugin's notice (sent by {@code plugin:<name>}): a device hands it to the app as a notice
 *     and never shows, keeps or counts it; written only when true (absent reads as false), so that the frames of
 *     messages are as they were and older clients read notices as before
 */
public record WireMessage(long inboxSeq, int conversationType, String targetId, String fromUserId, String objectName,
        String content, String pushContent, String pushData, String messageUid, long seq, long sentTime,
        String clientMsgId, boolean persisted, boolean counted,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean notice) {

    @JsonCreator
    public WireMessage {
    }

    /** A message that is not a notice. */
    public WireMessage(long inboxSeq, int conversationType, String targetId, String fromUserId, String objectName,
            String content, String pushContent, String pushData, String messageUid, long seq, long sentTime,
            String clientMsgId, boolean persisted, boolean counted) {
        this(inboxSeq, conversationType, targetId, fromUserId, objectName, content, pushContent, pushData, messageUid,
                seq, sentTime, clientMsgId, persisted, counted, false);
    }
}
