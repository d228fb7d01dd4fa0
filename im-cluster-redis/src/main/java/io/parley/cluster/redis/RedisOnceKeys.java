package io.parley.cluster.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.parley.api.cluster.SharedOnceKeys;
import java.time.Duration;

/**
 * Keys remembered once across the cluster (the server API's nonces): {@code SET <prefix>:once:<key> 1 NX PX <ttl>}.
 * The first call sets the key, a repeat finds it, and Redis forgets it when its time runs out. They fail closed:
 * with Redis unreachable the call throws and the caller refuses its work (counted in {@code im.cluster.redis.errors}).
 * Thread-safe.
 */
final class RedisOnceKeys implements SharedOnceKeys {
    private final StatefulRedisConnection<String, String> connection;
    private final RedisKeys keys;
    private final RedisCalls calls;

    RedisOnceKeys(StatefulRedisConnection<String, String> connection, RedisKeys keys, RedisCalls calls) {
        this.connection = connection;
        this.keys = keys;
        this.calls = calls;
    }

    @Override
    public Outcome rememberOnce(String key, Duration ttl) {
        try {
            String set = calls.await(connection.async().set(keys.once(key), "1",
                    SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis()))));
            return "OK".equals(set) ? Outcome.FIRST : Outcome.REPEATED;
        } catch (RuntimeException e) {
            calls.failed();
            throw e instanceof IllegalStateException ? e
                    : new IllegalStateException("a key could not be remembered in Redis: " + e, e);
        }
    }
}
