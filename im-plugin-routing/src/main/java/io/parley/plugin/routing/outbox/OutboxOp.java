package io.parley.plugin.routing.outbox;

import io.parley.plugin.routing.spi.RoutingEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A request to the outbox's writer thread: created on any thread, applied and completed on the writer. */
sealed interface OutboxOp {

    /** Called after the commit that made this operation durable. */
    void complete();

    void fail(Throwable error);

    record Append(RoutingEvent event) implements OutboxOp {
        @Override
        public void complete() {
        }

        @Override
        public void fail(Throwable error) {
        }
    }

    record Flush(CompletableFuture<Void> done) implements OutboxOp {
        @Override
        public void complete() {
            done.complete(null);
        }

        @Override
        public void fail(Throwable error) {
            done.completeExceptionally(error);
        }
    }

    /** {@code count[0]} is set by the writer before the commit. */
    record Replay(Optional<List<Long>> ids, CompletableFuture<Integer> done, int[] count) implements OutboxOp {
        Replay(Optional<List<Long>> ids, CompletableFuture<Integer> done) {
            this(ids, done, new int[1]);
        }

        @Override
        public void complete() {
            done.complete(count[0]);
        }

        @Override
        public void fail(Throwable error) {
            done.completeExceptionally(error);
        }
    }
}
