package io.parley.cluster.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.parley.api.plugin.PluginMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the parts of the {@code redis} cluster provider call Redis: a read waits at most {@code cluster.redis.timeout};
 * a failed command is counted in {@code im.cluster.redis.errors}; a failed write (of the directory or the bus) is
 * remembered, so that the directory's next heartbeat writes all of this node's users again. Thread-safe.
 */
final class RedisCalls {
    private static final Logger log = LoggerFactory.getLogger(RedisCalls.class);

    private final Duration timeout;
    private final PluginMetrics.Counter errors;
    private volatile boolean resync = true;

    RedisCalls(Duration timeout, PluginMetrics metrics) {
        this.timeout = timeout;
        this.errors = metrics.describe("im.cluster.redis.errors", "Redis commands of the cluster provider that failed"
                + " (the online directory, counters, once-keys)").counter("im.cluster.redis.errors");
    }

    /** Counts a command that failed in {@code im.cluster.redis.errors}. */
    void failed() {
        errors.increment();
    }

    /** Whether a write failed (or none was made yet) since {@link #resynced}: this node's users must be written again. */
    boolean needsResync() {
        return resync;
    }

    /** Called once this node's users were all written again. */
    void resynced() {
        resync = false;
    }

    /** Counts a failure that leaves Redis behind this node's state: the next heartbeat writes it all again. */
    void failedToWrite() {
        errors.increment();
        resync = true;
    }

    /**
     * Issues asynchronous writes; a connection that refuses them at once (closed while the node stops) counts as a
     * failed write, never an exception for the caller, which holds a session lock.
     */
    void write(StatefulRedisConnection<String, String> connection,
            Consumer<RedisAsyncCommands<String, String>> writes) {
        try {
            writes.accept(connection.async());
        } catch (RuntimeException e) {
            failedToWrite();
            log.debug("a cluster write to Redis was refused: {}", e.toString());
        }
    }

    /** Watches an asynchronous write: when it fails it is counted and the next heartbeat writes everything again. */
    void counted(RedisFuture<?> write) {
        write.whenComplete((result, failure) -> {
            if (failure != null) {
                failedToWrite();
                log.debug("a cluster write to Redis failed: {}", failure.toString());
            }
        });
    }

    /** A command's answer, not waited for: failed with a {@code TimeoutException} past the timeout. */
    <T> CompletableFuture<T> bounded(CompletableFuture<T> answer) {
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for a command's answer, at most the timeout; throws {@link IllegalStateException} when there is none. */
    <T> T await(RedisFuture<T> future) {
        try {
            if (!future.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                future.cancel(true);
                throw new IllegalStateException("Redis did not answer within " + timeout);
            }
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Redis failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
