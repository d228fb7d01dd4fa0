package io.parley.cluster.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.parley.api.cluster.LocalNode;
import io.parley.api.cluster.NodeHeartbeat;
import io.parley.api.cluster.SessionDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session directory in Redis: a set of node ids per user ({@code <prefix>:user:<id>:nodes}) plus, per node, a
 * liveness key that expires unless the node heartbeats ({@code <prefix>:node:<id>:alive}, TTL three heartbeats): a
 * killed node's entries stop counting when its key expires, and are removed lazily by whoever finds them. A node
 * also keeps the set of its users ({@code <prefix>:node:<id>:users}), to clean up after a previous run under the
 * same id and when it stops, and its last heartbeat in the hash {@code <prefix>:nodes}, for the health checks.
 *
 * <p>Writes (attach, detach) are asynchronous and never block the caller; with Redis unreachable they fail at once,
 * are counted in {@code im.cluster.redis.errors}, and the next successful heartbeat (on the
 * {@code parley-cluster-heartbeat} thread) writes all of this node's users again. {@link #locate} blocks for at most
 * {@code cluster.redis.timeout} per read. Thread-safe.
 */
final class RedisSessionDirectory implements SessionDirectory {
    /** How long a silent node stays in {@link #nodes()} (shown with its old heartbeat) before it is forgotten. */
    static final Duration FORGET_NODES_AFTER = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(RedisSessionDirectory.class);

    private final StatefulRedisConnection<String, String> connection;
    private final RedisKeys keys;
    private final RedisCalls calls;
    private final ScheduledExecutorService heartbeats;
    private final Map<String, Long> aliveUntil = new ConcurrentHashMap<>();
    private volatile LocalNode node;

    RedisSessionDirectory(StatefulRedisConnection<String, String> connection, RedisKeys keys, RedisCalls calls) {
        this.connection = connection;
        this.keys = keys;
        this.calls = calls;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "parley-cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes this node's id and removes what a previous run under the same id left in the directory. */
    void join(LocalNode localNode) {
        this.node = localNode;
        removeEntriesOf(localNode.nodeId());
    }

    /** Heartbeats once now, then every {@link LocalNode#heartbeat()}. */
    void startHeartbeats() {
        heartbeat();
        long period = node.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Extends this node's liveness key. When the key was gone (Redis restarted or lost it) or the last heartbeat
     * failed, writes every local user again: the directory heals itself after an outage.
     */
    private void heartbeat() {
        LocalNode current = node;
        try {
            long ttl = current.entryTtl().toMillis();
            RedisAsyncCommands<String, String> redis = connection.async();
            boolean alive = calls.await(redis.pexpire(keys.nodeAlive(current.nodeId()), ttl));
            calls.await(redis.hset(keys.nodes(), current.nodeId(), String.valueOf(System.currentTimeMillis())));
            if (!alive || calls.needsResync()) {
                calls.await(redis.set(keys.nodeAlive(current.nodeId()), "1", SetArgs.Builder.px(ttl)));
                calls.resynced();
                Set<String> written = Set.copyOf(current.localUsers());
                List<RedisFuture<Long>> writes = new ArrayList<>();
                for (String userId : written) {
                    writes.add(redis.sadd(keys.userNodes(userId), current.nodeId()));
                    writes.add(redis.sadd(keys.nodeUsers(current.nodeId()), userId));
                }
                for (RedisFuture<Long> write : writes) {
                    calls.await(write);
                }
                // a user whose last device left while the snapshot was being written must not stay listed here
                Set<String> stillHere = Set.copyOf(current.localUsers());
                for (String userId : written) {
                    if (!stillHere.contains(userId)) {
                        calls.counted(redis.srem(keys.userNodes(userId), current.nodeId()));
                        calls.counted(redis.srem(keys.nodeUsers(current.nodeId()), userId));
                    }
                }
            }
        } catch (RuntimeException e) {
            calls.failedToWrite();
            log.warn("cluster heartbeat to Redis failed; will write this node's users again once it answers: {}",
                    e.toString());
        }
    }

    @Override
    public void attach(String userId) {
        String nodeId = node.nodeId();
        calls.write(connection, redis -> {
            calls.counted(redis.sadd(keys.userNodes(userId), nodeId));
            calls.counted(redis.sadd(keys.nodeUsers(nodeId), userId));
        });
    }

    @Override
    public void detach(String userId) {
        String nodeId = node.nodeId();
        calls.write(connection, redis -> {
            calls.counted(redis.srem(keys.userNodes(userId), nodeId));
            calls.counted(redis.srem(keys.nodeUsers(nodeId), userId));
        });
    }

    @Override
    public Map<String, Set<String>> locate(Collection<String> userIds) {
        RedisAsyncCommands<String, String> redis = connection.async();
        Map<String, RedisFuture<Set<String>>> pending = new LinkedHashMap<>();
        for (String userId : userIds) {
            pending.putIfAbsent(userId, redis.smembers(keys.userNodes(userId)));
        }
        Map<String, Set<String>> listed = new LinkedHashMap<>();
        Set<String> nodes = new LinkedHashSet<>();
        for (Map.Entry<String, RedisFuture<Set<String>>> entry : pending.entrySet()) {
            Set<String> found = calls.await(entry.getValue());
            if (!found.isEmpty()) {
                listed.put(entry.getKey(), found);
                nodes.addAll(found);
            }
        }
        Set<String> alive = alive(redis, nodes);
        Map<String, Set<String>> located = new HashMap<>();
        listed.forEach((userId, found) -> {
            Set<String> live = new LinkedHashSet<>();
            for (String nodeId : found) {
                if (alive.contains(nodeId)) {
                    live.add(nodeId);
                } else {
                    calls.counted(redis.srem(keys.userNodes(userId), nodeId));
                }
            }
            if (!live.isEmpty()) {
                located.put(userId, live);
            }
        });
        return located;
    }

    /**
     * The live nodes among {@code nodes}. A node's liveness key's remaining TTL says how long it is alive for sure,
     * so that answer is kept until then: a node is asked about once per TTL, not once per message, and a dead node
     * is never counted beyond its key's expiry.
     */
    private Set<String> alive(RedisAsyncCommands<String, String> redis, Set<String> nodes) {
        long now = System.nanoTime();
        Set<String> alive = new LinkedHashSet<>();
        Map<String, RedisFuture<Long>> checks = new LinkedHashMap<>();
        for (String nodeId : nodes) {
            Long until = aliveUntil.get(nodeId);
            if (until != null && until - now > 0) {
                alive.add(nodeId);
            } else {
                checks.put(nodeId, redis.pttl(keys.nodeAlive(nodeId)));
            }
        }
        checks.forEach((nodeId, check) -> {
            long remainingMillis = calls.await(check);
            if (remainingMillis > 0) {
                aliveUntil.put(nodeId, now + TimeUnit.MILLISECONDS.toNanos(remainingMillis));
                alive.add(nodeId);
            } else {
                aliveUntil.remove(nodeId);
            }
        });
        return alive;
    }

    /** Removes a node's entries: its users' references to it, its user set and its liveness key. */
    private void removeEntriesOf(String nodeId) {
        RedisAsyncCommands<String, String> redis = connection.async();
        Set<String> users = calls.await(redis.smembers(keys.nodeUsers(nodeId)));
        List<RedisFuture<Long>> writes = new ArrayList<>();
        for (String userId : users) {
            writes.add(redis.srem(keys.userNodes(userId), nodeId));
        }
        writes.add(redis.del(keys.nodeUsers(nodeId), keys.nodeAlive(nodeId)));
        writes.add(redis.hdel(keys.nodes(), nodeId));
        for (RedisFuture<Long> write : writes) {
            calls.await(write);
        }
    }

    /**
     * The nodes heartbeating into this Redis under this prefix, with their last heartbeat ({@code <prefix>:nodes},
     * written by each heartbeat). A node silent for {@link #FORGET_NODES_AFTER} is removed from the list (a node
     * that stops cleanly removes itself at once). Blocks on Redis.
     */
    List<NodeHeartbeat> nodes() {
        RedisAsyncCommands<String, String> redis = connection.async();
        long now = System.currentTimeMillis();
        List<NodeHeartbeat> nodes = new ArrayList<>();
        for (Map.Entry<String, String> entry : calls.await(redis.hgetall(keys.nodes())).entrySet()) {
            long last;
            try {
                last = Long.parseLong(entry.getValue());
            } catch (NumberFormatException e) {
                last = 0;
            }
            if (now - last > FORGET_NODES_AFTER.toMillis()) {
                calls.counted(redis.hdel(keys.nodes(), entry.getKey()));
            } else {
                nodes.add(new NodeHeartbeat(entry.getKey(), last));
            }
        }
        nodes.sort(Comparator.comparing(NodeHeartbeat::nodeId));
        return nodes;
    }

    /**
     * Stops the heartbeats and removes this node's entries; when Redis does not answer they expire with its liveness
     * key. Does not close the connection (the provider does).
     */
    void leave() {
        heartbeats.shutdownNow();
        LocalNode current = node;
        if (current != null) {
            try {
                removeEntriesOf(current.nodeId());
            } catch (RuntimeException e) {
                log.warn("could not remove node {}'s entries from Redis; they expire with its liveness key: {}",
                        current.nodeId(), e.toString());
            }
        }
    }
}
