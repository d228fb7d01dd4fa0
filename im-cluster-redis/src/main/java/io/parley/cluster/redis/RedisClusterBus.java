package io.parley.cluster.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.parley.api.cluster.ClusterBus;
import io.parley.api.cluster.LocalNode;

/**
 * The cluster bus on Redis pub/sub: one channel per node ({@code <prefix>:bus:<id>}) and one every node listens to
 * ({@code <prefix>:bus:*all}, for broadcasts). At most once, in order per sender, lost while a node is
 * disconnected. Publishing is asynchronous and never blocks the caller; a failed publish is counted in
 * {@code im.cluster.redis.errors}. Thread-safe; closed by the provider.
 */
final class RedisClusterBus implements ClusterBus {
    private final StatefulRedisConnection<String, byte[]> publisher;
    private final StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private final RedisKeys keys;
    private final RedisCalls calls;

    RedisClusterBus(StatefulRedisConnection<String, byte[]> publisher,
            StatefulRedisPubSubConnection<String, byte[]> subscriber, RedisKeys keys, RedisCalls calls) {
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.keys = keys;
        this.calls = calls;
    }

    /** Subscribes to this node's channel and the broadcast channel; what arrives goes to {@link LocalNode#receive}. */
    void listen(LocalNode localNode) {
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                localNode.receive(message);
            }
        });
        subscriber.sync().subscribe(keys.channel(localNode.nodeId()), keys.everyNode());
    }

    @Override
    public void send(String nodeId, byte[] payload) {
        publish(keys.channel(nodeId), payload);
    }

    @Override
    public void broadcast(byte[] payload) {
        publish(keys.everyNode(), payload);
    }

    private void publish(String channel, byte[] payload) {
        calls.counted(publisher.async().publish(channel, payload));
    }

    /** Closes the subscription, then the publishing connection. */
    void close() {
        subscriber.close();
        publisher.close();
    }
}
