package io.parley.storage.postgres;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one committer thread takes every waiting append from a FIFO queue, up to {@code maxBatch} at a
 * time, and writes them in one transaction ({@link AppendBatchWriter}) whose synchronous commit makes them all
 * durable at once; only then are their stages completed. Appends submitted by one thread are numbered in
 * submission order.
 *
 * <p>Failures: a batch that hit a deadlock, a serialization failure or a unique-key race with another node is
 * retried whole (nothing of it was kept); a batch refused for its data (one bad message) is split and each append
 * retried alone, so only the bad one fails (with {@code INVALID_MESSAGE}); when the database cannot be reached, the batch's stages fail with
 * {@code STORAGE_UNAVAILABLE} and nothing was acknowledged. {@link #submit} is thread-safe and never blocks.
 */
final class AppendCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppendCommitter.class);
    private static final int MAX_ATTEMPTS = 5;
    /** Deadlock, serialization failure, unique violation (a new head or key inserted by another node first). */
    private static final Set<String> RETRYABLE = Set.of("40P01", "40001", "23505");

    /** One append waiting for its commit. */
    private record Pending(AppendRequest request, CompletableFuture<AppendResult> future, long submittedNanos) {
    }

    private static final Pending STOP = new Pending(null, null, 0);

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Jdbc jdbc;
    private final int maxBatch;
    private final PostgresMetrics metrics;
    private final Thread thread;
    private volatile boolean closed;

    AppendCommitter(Jdbc jdbc, int maxBatch, PostgresMetrics metrics) {
        this.jdbc = jdbc;
        this.maxBatch = maxBatch;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "parley-postgres-committer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    CompletionStage<AppendResult> submit(AppendRequest request) {
        CompletableFuture<AppendResult> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(closedException());
            return future;
        }
        queue.add(new Pending(request, future, System.nanoTime()));
        if (closed) {
            failQueued();
        }
        return future;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - 1);
                stopping = batch.remove(STOP);
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } catch (RuntimeException | Error e) {
                log.error("storage committer: a batch failed", e);
                fail(batch, new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage commit failed: " + e, e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        SQLException failure = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                List<AppendResult> results = writeInOneTransaction(batch);
                metrics.batchCommitted(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    metrics.committed(batch.get(i).submittedNanos());
                    batch.get(i).future().complete(results.get(i));
                }
                return;
            } catch (SQLException e) {
                failure = e;
                if (!RETRYABLE.contains(e.getSQLState())) {
                    break;
                }
                metrics.retried();
            }
        }
        if (batch.size() > 1 && !isConnectionFailure(failure)) {
            log.warn("storage: a batch of {} appends was refused ({}); committing them one by one", batch.size(),
                    failure.getMessage());
            for (Pending pending : batch) {
                commit(List.of(pending));
            }
            return;
        }
        if (isRefusedData(failure)) {
            log.warn("storage: an append was refused for its data: {}", failure.getMessage());
            fail(batch, new ImException(StandardErrorCode.INVALID_MESSAGE,
                    "PostgreSQL cannot store this message (a NUL character, U+0000, is not allowed in text): "
                            + failure.getMessage(), failure));
            return;
        }
        log.error("storage: {} append(s) failed: {}", batch.size(), failure.getMessage());
        fail(batch, Jdbc.unavailable("commit " + batch.size() + " append(s)", failure));
    }

    private List<AppendResult> writeInOneTransaction(List<Pending> batch) throws SQLException {
        List<AppendRequest> requests = batch.stream().map(Pending::request).toList();
        try {
            return jdbc.inTransaction("commit appends", connection -> AppendBatchWriter.write(connection, requests));
        } catch (ImException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || state == null || state.startsWith("08")
                || state.startsWith("57P");
    }

    /** Data exceptions (class 22): the message's own bytes, such as a NUL in a text field. */
    private static boolean isRefusedData(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    private void fail(List<Pending> batch, Throwable cause) {
        metrics.failed();
        for (Pending pending : batch) {
            pending.future().completeExceptionally(cause);
        }
    }

    private void failQueued() {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.remove(STOP);
        ImException failure = closedException();
        left.forEach(pending -> pending.future().completeExceptionally(failure));
    }

    private static ImException closedException() {
        return new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage is closed");
    }

    /** Stops taking appends, commits those queued before, and waits for the committer thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }
}
