package io.parley.kernel.storage.embedded;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the embedded store's writes are failing, and why, for each of its two writers: the message log (a write,
 * an fsync or cutting the log back failed; the committer and the syncer report it) and the index (applying records,
 * writing a segment's index file, or a checkpoint failed; the indexer reports it). A part is marked failing by the
 * thread that met the failure and healthy again once a write made after that failure succeeds; meanwhile the store
 * retries every {@link #RETRY_INTERVAL}, and readiness reports it NOT READY. Logs one WARN when a part starts failing
 * and one INFO when it recovers, never one per failed write; counts every failed attempt
 * ({@code im.storage.write.failures}) and shows the state ({@code im.storage.failing}, 1 while failing). Thread-safe;
 * the checks on the write path are a volatile read.
 */
final class StorageHealth {
    private static final Logger log = LoggerFactory.getLogger(StorageHealth.class);
    /** How long the store waits before trying again a write that failed (the log's probe, the indexer's task). */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    /** A writer of the store. */
    enum Part {
        LOG("writing the message log"),
        INDEX("writing the storage index");

        private final String doing;

        Part(String doing) {
            this.doing = doing;
        }
    }

    private final StorageMetrics metrics;
    private final State logState = new State();
    private final State indexState = new State();

    private static final class State {
        /** Why the part fails, or null while it works. */
        volatile String failure;
        /** Failures so far: a success proves the part works again only if none came after its write. */
        volatile long failures;
        long failingSinceNanos;
    }

    StorageHealth(StorageMetrics metrics) {
        this.metrics = metrics;
        metrics.failing(() -> failing().isPresent() ? 1 : 0);
    }

    private State state(Part part) {
        return part == Part.LOG ? logState : indexState;
    }

    /** Records a failed attempt of {@code part}; returns the failures counted so far. Any thread. */
    long failed(Part part, Throwable cause) {
        metrics.writeFailed();
        State state = state(part);
        synchronized (state) {
            state.failures++;
            if (state.failure == null) {
                state.failingSinceNanos = System.nanoTime();
                log.warn("storage: {} failed ({}); writes fail with 33010 STORAGE_UNAVAILABLE and are tried again"
                        + " every {} s until one succeeds; /health/ready answers 503 NOT_READY meanwhile", part.doing,
                        cause.toString(), RETRY_INTERVAL.toSeconds());
            }
            state.failure = part.doing + " failed: " + cause;
            return state.failures;
        }
    }

    /** The failures of {@code part} counted so far: read before a write, handed to {@link #recovered} after. */
    long failures(Part part) {
        return state(part).failures;
    }

    /**
     * A write of {@code part} made when {@code failuresBefore} failures were counted has succeeded: the part works
     * again unless a failure came after it. Any thread; a volatile read while the part works.
     */
    void recovered(Part part, long failuresBefore) {
        State state = state(part);
        if (state.failure == null) {
            return;
        }
        synchronized (state) {
            if (state.failure != null && state.failures == failuresBefore) {
                state.failure = null;
                log.info("storage: {} works again after {} s; writes are accepted", part.doing,
                        Duration.ofNanos(System.nanoTime() - state.failingSinceNanos).toSeconds());
            }
        }
    }

    boolean failing(Part part) {
        return state(part).failure != null;
    }

    /** Why the store's writes fail now, if they do (readiness shows it). */
    Optional<String> failing() {
        String failure = logState.failure;
        if (failure == null) {
            failure = indexState.failure;
        }
        return Optional.ofNullable(failure).map(reason -> "STORAGE_FAILING: " + reason);
    }
}
