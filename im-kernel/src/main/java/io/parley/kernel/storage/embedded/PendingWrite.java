package io.parley.kernel.storage.embedded;

import static java.util.Objects.requireNonNull;

import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.RetentionCutoffs;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One write waiting in the committer's queue, with the future its caller waits on. Immutable. */
sealed interface PendingWrite {

    /** Completes the caller's future exceptionally. */
    void fail(Throwable cause);

    /** A message append: seqs are assigned by the committer. {@code submittedNanos} feeds the latency metric. */
    record Append(AppendRequest request, CompletableFuture<AppendResult> future, long submittedNanos)
            implements PendingWrite {
        public Append {
            requireNonNull(request, "request is null");
            requireNonNull(future, "future is null");
        }

        Append(AppendRequest request, CompletableFuture<AppendResult> future) {
            this(request, future, System.nanoTime());
        }

        /** Roughly what the append holds in memory while it waits: its content and push text. */
        long bytes() {
            Message message = request.message();
            return 256L + message.content().length() + message.pushContent().map(String::length).orElse(0)
                    + message.pushData().map(String::length).orElse(0);
        }

        @Override
        public void fail(Throwable cause) {
            future.completeExceptionally(cause);
        }
    }

    /**
     * A ready-made record (metadata, delete, clean, expiry). Its future completes once the record is durable and
     * applied: with its log offset for metadata, 1 or 0 for a delete (whether a message went), the messages a clean
     * removed, 0 otherwise.
     */
    record Record(LogRecord record, CompletableFuture<Long> future) implements PendingWrite {
        public Record {
            requireNonNull(record, "record is null");
            requireNonNull(future, "future is null");
        }

        @Override
        public void fail(Throwable cause) {
            future.completeExceptionally(cause);
        }
    }

    /**
     * Before a log segment is deleted: re-append, from the committer's up-to-date view, the current value of
     * each metadata key the segment held, the heads of the conversations and inboxes it held, and the latest
     * retention cutoffs, so that nothing the segment proved is lost with it.
     */
    record Rewrite(Set<List<String>> metadataKeys, Set<String> conversations, Set<String> inboxes,
            Optional<RetentionCutoffs> cutoffs, CompletableFuture<Long> future) implements PendingWrite {
        public Rewrite {
            metadataKeys = Set.copyOf(metadataKeys);
            conversations = Set.copyOf(conversations);
            inboxes = Set.copyOf(inboxes);
            requireNonNull(cutoffs, "cutoffs is null");
            requireNonNull(future, "future is null");
        }

        @Override
        public void fail(Throwable cause) {
            future.completeExceptionally(cause);
        }
    }

    /** Tells the committer thread to stop; never written. */
    record Stop() implements PendingWrite {
        @Override
        public void fail(Throwable cause) {
        }
    }

    /** Wakes the committer thread to see whether a failed write waits to be tried again; never written. */
    record Wake() implements PendingWrite {
        @Override
        public void fail(Throwable cause) {
        }
    }
}
