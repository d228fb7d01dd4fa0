package io.parley.protocol.body;

/**
 * SEND_ACK: the message is durable ({@code code} 0) or refused (an error code). For a committed message it
 * carries what the commit assigned.
 *
 * @param seq the message's conversation seq (0 for a status message)
 * @param inboxSeq the seq of the sender's own inbox entry (0 when there is none)
 */
public record SendAckBody(int code, String message, String clientMsgId, String messageUid, long seq, long sentTime,
        long inboxSeq) {
}
