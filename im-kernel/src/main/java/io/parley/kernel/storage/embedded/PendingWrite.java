package io.parley.kernel.storage.embedded;

import static java.util.Objects.requireNonNull;

import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import java.util.concurrent.CompletableFuture;

/** One write waiting in the committer's queue, with the future its caller waits on. Immutable. */
sealed interface PendingWrite {

    /** Completes the caller's future exceptionally. */
    void fail(Throwable cause);

    /** A message append: seqs are assigned by the committer. */
    record Append(AppendRequest request, CompletableFuture<AppendResult> future) implements PendingWrite {
        public Append {
            requireNonNull(request, "request is null");
            requireNonNull(future, "future is null");
        }

        @Override
        public void fail(Throwable cause) {
            future.completeExceptionally(cause);
        }
    }

    /** A ready-made record (metadata, expiry) that only needs to be made durable and applied. */
    record Record(LogRecord record, CompletableFuture<Void> future) implements PendingWrite {
        public Record {
            requireNonNull(record, "record is null");
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
}
