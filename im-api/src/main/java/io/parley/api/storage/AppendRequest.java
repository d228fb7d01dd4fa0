package io.parley.api.storage;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Message;
import java.util.List;

/**
 * One message to commit. The store assigns the conversation seq (ignoring {@code message.seq()}) and one
 * inbox seq for each inbox owner, all in the same durable write.
 *
 * @param message the message, with its UID and sent time already set by the kernel
 * @param inboxOwners the users whose inbox gets an entry, each listed once
 * @param idempotencyKey a key unique per send (sender and client message id); an append whose key was
 *     already committed writes nothing and returns the first result with {@code duplicate = true}
 */
public record AppendRequest(Message message, List<String> inboxOwners, String idempotencyKey) {
    public AppendRequest {
        requireNonNull(message, "message is null");
        inboxOwners = List.copyOf(inboxOwners);
        requireNonNull(idempotencyKey, "idempotencyKey is null");
    }
}
