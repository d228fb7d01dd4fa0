package io.parley.cluster.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.parley.api.cluster.SharedRateLimits;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits counted across the cluster, in fixed windows: {@code INCR <prefix>:rate:<key>}, given the window's
 * length as its TTL by the call that creates it. They fail open: with Redis unreachable the call is let through
 * (counted in {@code im.cluster.redis.errors} and logged). Thread-safe.
 */
final class RedisRateLimits implements SharedRateLimits {
    private static final Logger log = LoggerFactory.getLogger(RedisRateLimits.class);

    private final StatefulRedisConnection<String, String> connection;
    private final RedisKeys keys;
    private final RedisCalls calls;

    RedisRateLimits(StatefulRedisConnection<String, String> connection, RedisKeys keys, RedisCalls calls) {
        this.connection = connection;
        this.keys = keys;
        this.calls = calls;
    }

    @Override
    public boolean tryAcquire(String key, int limit, Duration period) {
        try {
            RedisAsyncCommands<String, String> redis = connection.async();
            String window = keys.rateWindow(key);
            long count = calls.await(redis.incr(window));
            if (count == 1) {
                calls.await(redis.pexpire(window, period.toMillis()));
            }
            return count <= limit;
        } catch (RuntimeException e) {
            calls.failed();
            log.warn("a shared rate limit could not be read from Redis; letting the call through: {}", e.toString());
            return true;
        }
    }
}
