package io.parley.cluster.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.parley.api.cluster.ClusterBus;
import io.parley.api.cluster.ClusterProvider;
import io.parley.api.cluster.LocalNode;
import io.parley.api.cluster.NodeHeartbeat;
import io.parley.api.cluster.SessionDirectory;
import io.parley.api.cluster.SharedCounters;
import io.parley.api.cluster.SharedOnceKeys;
import io.parley.api.cluster.SharedRateLimits;
import io.parley.api.plugin.PluginMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code redis} cluster provider: it connects to Redis, owns the connections, and hands out the parts that use
 * them, each with one job: the session directory ({@link RedisSessionDirectory}, with the node's heartbeat), the
 * bus on pub/sub ({@link RedisClusterBus}), the shared counters ({@link RedisSharedCounters}), the keys remembered
 * once ({@link RedisOnceKeys}) and the shared rate limits ({@link RedisRateLimits}). They share {@link RedisCalls}:
 * the timeout of a read, the count of failures in {@code im.cluster.redis.errors}, and the rule that a failed write
 * makes the next heartbeat write all of this node's users again.
 *
 * <p>Commands are rejected while disconnected rather than queued without bound, so a write fails at once while Redis
 * is unreachable. Thread-safe.
 */
final class RedisClusterProvider implements ClusterProvider {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisSessionDirectory directory;
    private final RedisClusterBus bus;
    private final RedisSharedCounters counters;
    private final RedisOnceKeys onceKeys;
    private final RedisRateLimits rateLimits;

    private RedisClusterProvider(RedisClient client, StatefulRedisConnection<String, String> connection,
            StatefulRedisConnection<String, byte[]> publisher, StatefulRedisPubSubConnection<String, byte[]> subscriber,
            RedisKeys keys, Duration timeout, PluginMetrics metrics) {
        RedisCalls calls = new RedisCalls(timeout, metrics);
        this.client = client;
        this.connection = connection;
        this.directory = new RedisSessionDirectory(connection, keys, calls);
        this.bus = new RedisClusterBus(publisher, subscriber, keys, calls);
        this.counters = new RedisSharedCounters(connection, keys, calls);
        this.onceKeys = new RedisOnceKeys(connection, keys, calls);
        this.rateLimits = new RedisRateLimits(connection, keys, calls);
    }

    /** Connects to Redis at {@code uri}; fails with a message naming the URI when it does not answer. */
    static RedisClusterProvider connect(String uri, RedisKeys keys, Duration timeout, PluginMetrics metrics) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(timeout);
        RedisClient client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        try {
            RedisCodec<String, byte[]> bytes = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
            StatefulRedisConnection<String, String> connection = client.connect();
            connection.sync().ping();
            return new RedisClusterProvider(client, connection, client.connect(bytes), client.connectPubSub(bytes),
                    keys, timeout, metrics);
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("cluster.redis.uri=" + redisUri
                    + " does not answer (" + e.getMessage() + "): start Redis there, or point cluster.redis.uri at"
                    + " a running one", e);
        }
    }

    /** Clears what a previous run under this node's id left, listens on the bus, then starts heartbeating. */
    @Override
    public void join(LocalNode localNode) {
        directory.join(localNode);
        bus.listen(localNode);
        directory.startHeartbeats();
    }

    @Override
    public boolean distributed() {
        return true;
    }

    @Override
    public Optional<SharedRateLimits> sharedRateLimits() {
        return Optional.of(rateLimits);
    }

    @Override
    public Optional<SharedCounters> sharedCounters() {
        return Optional.of(counters);
    }

    @Override
    public Optional<SharedOnceKeys> sharedOnceKeys() {
        return Optional.of(onceKeys);
    }

    @Override
    public SessionDirectory directory() {
        return directory;
    }

    @Override
    public ClusterBus bus() {
        return bus;
    }

    @Override
    public List<NodeHeartbeat> nodes() {
        return directory.nodes();
    }

    @Override
    public void close() {
        directory.leave();
        bus.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
