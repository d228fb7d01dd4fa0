package io.parley.api.event;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Message;
import java.util.Map;

/**
 * A message was committed (durable) or, for a status message, accepted.
 *
 * @param inboxSeqs each recipient's inbox seq (empty for a status message)
 * @param clientIp the sender's address as {@code ip:port}, or empty for the server API
 */
public record MessageCommitted(Message message, Map<String, Long> inboxSeqs, String clientIp, long timestamp)
        implements ImEvent {
    public MessageCommitted {
        requireNonNull(message, "message is null");
        inboxSeqs = Map.copyOf(inboxSeqs);
        requireNonNull(clientIp, "clientIp is null");
    }
}
