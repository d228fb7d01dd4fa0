package io.parley.cluster.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.parley.api.cluster.SharedCounters;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Counters shared by the nodes: {@code INCR <prefix>:counter:<key>}, kept without TTL. A read blocks for at most
 * {@code cluster.redis.timeout}; with Redis unreachable it throws {@link IllegalStateException}, counted in
 * {@code im.cluster.redis.errors}. Thread-safe.
 */
final class RedisSharedCounters implements SharedCounters {
    private final StatefulRedisConnection<String, String> connection;
    private final RedisKeys keys;
    private final RedisCalls calls;

    RedisSharedCounters(StatefulRedisConnection<String, String> connection, RedisKeys keys, RedisCalls calls) {
        this.connection = connection;
        this.keys = keys;
        this.calls = calls;
    }

    @Override
    public long incrementAndGet(String key) {
        return counted(() -> calls.await(connection.async().incr(keys.counter(key))));
    }

    /** The INCR is pipelined on the shared connection: no thread waits; bounded by {@code cluster.redis.timeout}. */
    @Override
    public CompletionStage<Long> incrementAndGetAsync(String key) {
        return calls.bounded(connection.async().incr(keys.counter(key)).toCompletableFuture())
                .exceptionallyCompose(failure -> {
                    calls.failed();
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    return CompletableFuture.failedFuture(cause instanceof IllegalStateException ? cause
                            : new IllegalStateException("a shared counter could not be read from Redis: " + cause,
                                    cause));
                });
    }

    @Override
    public long get(String key) {
        return counted(() -> {
            String value = calls.await(connection.async().get(keys.counter(key)));
            return value == null ? 0 : Long.parseLong(value);
        });
    }

    private long counted(LongSupplier read) {
        try {
            return read.getAsLong();
        } catch (RuntimeException e) {
            calls.failed();
            throw e instanceof IllegalStateException ? e
                    : new IllegalStateException("a shared counter could not be read from Redis: " + e, e);
        }
    }
}
