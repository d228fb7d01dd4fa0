package io.parley.kernel.message;

import io.parley.api.model.Message;
import java.util.Map;

/**
 * What a send produced: the committed message, each recipient's inbox seq (empty for a status message), and
 * whether it was a retry of an earlier send.
 */
public record CommitResult(Message message, Map<String, Long> inboxSeqs, boolean duplicate) {
    public CommitResult {
        inboxSeqs = Map.copyOf(inboxSeqs);
    }
}
