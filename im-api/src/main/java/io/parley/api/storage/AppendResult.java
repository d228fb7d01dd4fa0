package io.parley.api.storage;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Message;
import java.util.Map;

/**
 * What a durable append produced.
 *
 * @param message the message with its assigned conversation seq
 * @param inboxSeqs each inbox owner's new inbox seq
 * @param duplicate true when the idempotency key had been committed before and nothing was written
 */
public record AppendResult(Message message, Map<String, Long> inboxSeqs, boolean duplicate) {
    public AppendResult {
        requireNonNull(message, "message is null");
        inboxSeqs = Map.copyOf(inboxSeqs);
    }
}
