package io.parley.cluster.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.parley.api.cluster.SharedCounters;
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
