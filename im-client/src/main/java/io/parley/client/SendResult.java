package io.parley.client;

import static java.util.Objects.requireNonNull;

/**
 * A message the server has committed: once a send future completes with this, the message is durable and
 * will reach every recipient device.
 *
 * @param clientMsgId the id the SDK generated for this send (the same on every retry)
 * @param messageUid the server's unique id of the message
 * @param seq the message's seq in its conversation (0 for a status message)
 * @param sentTime the server's commit time, epoch milliseconds
 * @param inboxSeq the seq of the sender's own inbox entry (0 when there is none); the message also reaches
 *     this client's {@link MessageListener}s with that seq
 */
public record SendResult(String clientMsgId, String messageUid, long seq, long sentTime, long inboxSeq) {
    public SendResult {
        requireNonNull(clientMsgId, "clientMsgId is null");
    }
}
