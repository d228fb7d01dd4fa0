package io.parley.kernel.storage.embedded;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Message;
import io.parley.api.storage.RetentionCutoffs;
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

    /** Inbox entries sent before {@code cutoffMillis} were dropped (written by older versions; still read). */
    record InboxExpired(long cutoffMillis) implements LogRecord {
    }

    /** One message was deleted: it leaves every read. */
    record MessageDeleted(String messageUid) implements LogRecord {
        public MessageDeleted {
            requireNonNull(messageUid, "messageUid is null");
        }
    }

    /**
     * A conversation's messages sent at or before {@code upToMillis} were removed; it applies to the messages
     * before this record in the log only.
     */
    record HistoryCleaned(String conversationKey, long upToMillis) implements LogRecord {
        public HistoryCleaned {
            requireNonNull(conversationKey, "conversationKey is null");
        }
    }

    /** A retention sweep: what is older than these cutoffs is gone. Replay applies the latest one. */
    record Expired(RetentionCutoffs cutoffs) implements LogRecord {
        public Expired {
            requireNonNull(cutoffs, "cutoffs is null");
        }
    }

    /**
     * The heads of some conversations and inboxes, re-stated before the segment that proved them is deleted,
     * so that seqs are never reused after a rebuild. Replay advances heads to these values.
     */
    record HeadsKept(Map<String, Long> conversations, Map<String, Long> inboxes) implements LogRecord {
        public HeadsKept {
            conversations = Map.copyOf(conversations);
            inboxes = Map.copyOf(inboxes);
        }
    }

    /** Filler written by {@code repair} over damaged bytes, so that offsets after it stay valid. Ignored. */
    record Padding(int bytes) implements LogRecord {
    }
}
