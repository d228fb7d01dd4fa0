package io.parley.api.storage;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Message;

/** One message in a user's inbox, at that inbox's seq. */
public record InboxEntry(long inboxSeq, Message message) {
    public InboxEntry {
        requireNonNull(message, "message is null");
        if (inboxSeq < 1) {
            throw new IllegalArgumentException("inboxSeq must be positive: " + inboxSeq);
        }
    }
}
