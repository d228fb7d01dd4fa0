package io.parley.kernel.storage.embedded;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Message;
import java.util.Map;

/**
 * One record of the message log. The log is the truth; everything in the index is derived by applying these
 * records in log order. Immutable.
 */
sealed interface LogRecord {

    /**
     * A committed message, with the seqs it was given.
     *
     * @param message the message carrying its conversation seq
     * @param inboxSeqs each inbox owner's seq for this message, in the order the request listed them
     * @param idempotencyKey the key that makes a retried append a duplicate
     */
    record MessageCommitted(Message message, Map<String, Long> inboxSeqs, String idempotencyKey) implements LogRecord {
        public MessageCommitted {
            requireNonNull(message, "message is null");
            requireNonNull(inboxSeqs, "inboxSeqs is null");
            requireNonNull(idempotencyKey, "idempotencyKey is null");
        }
    }

    /** A metadata value was set. */
    record MetadataPut(String namespace, String key, String value) implements LogRecord {
        public MetadataPut {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }
    }

    /** A metadata value was removed. */
    record MetadataDeleted(String namespace, String key) implements LogRecord {
        public MetadataDeleted {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(key, "key is null");
        }
    }

    /** Inbox entries sent before {@code cutoffMillis} were dropped. */
    record InboxExpired(long cutoffMillis) implements LogRecord {
    }
}
