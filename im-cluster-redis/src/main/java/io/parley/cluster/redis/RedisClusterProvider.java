package io.parley.cluster.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.parley.api.cluster.ClusterBus;
import io.parley.api.cluster.ClusterProvider;
import io.parley.api.cluster.NodeHeartbeat;
import io.parley.api.cluster.LocalNode;
import io.parley.api.cluster.SessionDirectory;
import io.parley.api.cluster.SharedCounters;
import io.parley.api.cluster.SharedOnceKeys;
import io.parley.api.cluster.SharedRateLimits;
import io.parley.api.plugin.PluginMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code redis} cluster provider. The session directory is a set of node ids per user
 * ({@code <prefix>:user:<id>:nodes}) plus, per node, a liveness key that expires unless the node heartbeats
 * ({@code <prefix>:node:<id>:alive}, TTL three heartbeats): a killed node's entries stop counting when its key
 * expires, and are removed lazily by whoever finds them. A node also keeps the set of its users, to clean up after
 * a previous run under the same id and when it stops. The bus is Redis pub/sub, one channel per node
 * ({@code <prefix>:bus:<id>}) and one every node listens to ({@code <prefix>:bus:*all}, for broadcasts): at most once, in order per sender, lost while a node is disconnected.
 *
 * <p>Shared counters are {@code INCR <prefix>:counter:<key>}, kept without TTL.
 *
 * <p>Keys remembered once (the server API's nonces) are {@code SET <prefix>:once:<key> 1 NX PX <ttl>}: the first
 * call sets the key, a repeat finds it, and Redis forgets it when its time runs out. They fail closed: with Redis
 * unreachable the call throws and the caller refuses its work.
 *
 * <p>Shared rate limits are fixed windows: {@code INCR <prefix>:rate:<key>}, given the window's length as its TTL
 * by the call that creates it.
 *
 * <p>Writes (attach, detach, publish) are asynchronous and never block the caller; with Redis unreachable they
 * fail at once (commands are rejected while disconnected rather than queued without bound), are counted in
 * {@code im.cluster.redis.errors}, and the next successful heartbeat writes all of this node's users again.
 * Thread-safe.
 */
final class RedisClusterProvider implements ClusterProvider {
    private static final Logger log = LoggerFactory.getLogger(RedisClusterProvider.class);
    /** How long a silent node stays in {@link #nodes()} (shown with its old heartbeat) before it is forgotten. */
    static final Duration FORGET_NODES_AFTER = Duration.ofHours(24);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisConnection<String, byte[]> publisher;
    private final StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private final RedisKeys keys;
    private final Duration timeout;
    private final PluginMetrics.Counter errors;
    private final ScheduledExecutorService heartbeats;
    private final Map<String, Long> aliveUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile LocalNode node;
    private volatile boolean resync = true;

    private RedisClusterProvider(RedisClient client, StatefulRedisConnection<String, String> connection,
            StatefulRedisConnection<String, byte[]> publisher, StatefulRedisPubSubConnection<String, byte[]> subscriber,
            RedisKeys keys, Duration timeout, PluginMetrics metrics) {
        this.client = client;
        this.connection = connection;
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.keys = keys;
        this.timeout = timeout;
        this.errors = metrics.describe("im.cluster.redis.errors", "Redis commands of the cluster provider that failed"
                + " (the online directory, counters, once-keys)").counter("im.cluster.redis.errors");
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "parley-cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
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

    @Override
    public void join(LocalNode localNode) {
        this.node = localNode;
        removeEntriesOf(localNode.nodeId());
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                localNode.receive(message);
            }
        });
        subscriber.sync().subscribe(keys.channel(localNode.nodeId()), keys.everyNode());
        heartbeat();
        long period = localNode.heartbeat().toMillis();
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
            boolean alive = await(redis.pexpire(keys.nodeAlive(current.nodeId()), ttl));
            await(redis.hset(keys.nodes(), current.nodeId(), String.valueOf(System.currentTimeMillis())));
            if (!alive || resync) {
                await(redis.set(keys.nodeAlive(current.nodeId()), "1", SetArgs.Builder.px(ttl)));
                resync = false;
                Set<String> written = Set.copyOf(current.localUsers());
                List<RedisFuture<Long>> writes = new ArrayList<>();
                for (String userId : written) {
                    writes.add(redis.sadd(keys.userNodes(userId), current.nodeId()));
                    writes.add(redis.sadd(keys.nodeUsers(current.nodeId()), userId));
                }
                for (RedisFuture<Long> write : writes) {
                    await(write);
                }
                // a user whose last device left while the snapshot was being written must not stay listed here
                Set<String> stillHere = Set.copyOf(current.localUsers());
                for (String userId : written) {
                    if (!stillHere.contains(userId)) {
                        counted(redis.srem(keys.userNodes(userId), current.nodeId()));
                        counted(redis.srem(keys.nodeUsers(current.nodeId()), userId));
                    }
                }
            }
        } catch (RuntimeException e) {
            resync = true;
            errors.increment();
            log.warn("cluster heartbeat to Redis failed; will write this node's users again once it answers: {}",
                    e.toString());
        }
    }

    @Override
    public boolean distributed() {
        return true;
    }

    @Override
    public java.util.Optional<SharedRateLimits> sharedRateLimits() {
        return java.util.Optional.of(this::tryAcquire);
    }

    @Override
    public java.util.Optional<SharedCounters> sharedCounters() {
        return java.util.Optional.of(counters);
    }

    @Override
    public java.util.Optional<SharedOnceKeys> sharedOnceKeys() {
        return java.util.Optional.of(this::rememberOnce);
    }

    private SharedOnceKeys.Outcome rememberOnce(String key, Duration ttl) {
        try {
            String set = await(connection.async().set(keys.once(key), "1",
                    SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis()))));
            return "OK".equals(set) ? SharedOnceKeys.Outcome.FIRST : SharedOnceKeys.Outcome.REPEATED;
        } catch (RuntimeException e) {
            errors.increment();
            throw e instanceof IllegalStateException ? e
                    : new IllegalStateException("a key could not be remembered in Redis: " + e, e);
        }
    }

    private final SharedCounters counters = new SharedCounters() {
        @Override
        public long incrementAndGet(String key) {
            return counted(() -> await(connection.async().incr(keys.counter(key))));
        }

        @Override
        public long get(String key) {
            return counted(() -> {
                String value = await(connection.async().get(keys.counter(key)));
                return value == null ? 0 : Long.parseLong(value);
            });
        }

        private long counted(java.util.function.LongSupplier read) {
            try {
                return read.getAsLong();
            } catch (RuntimeException e) {
                errors.increment();
                throw e instanceof IllegalStateException ? e
                        : new IllegalStateException("a shared counter could not be read from Redis: " + e, e);
            }
        }
    };

    private boolean tryAcquire(String key, int limit, Duration period) {
        try {
            RedisAsyncCommands<String, String> redis = connection.async();
            String window = keys.rateWindow(key);
            long count = await(redis.incr(window));
            if (count == 1) {
                await(redis.pexpire(window, period.toMillis()));
            }
            return count <= limit;
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("a shared rate limit could not be read from Redis; letting the call through: {}", e.toString());
            return true;
        }
    }

    @Override
    public SessionDirectory directory() {
        return directory;
    }

    @Override
    public ClusterBus bus() {
        return bus;
    }

    private final SessionDirectory directory = new SessionDirectory() {
        @Override
        public void attach(String userId) {
            String nodeId = node.nodeId();
            write(redis -> {
                counted(redis.sadd(keys.userNodes(userId), nodeId));
                counted(redis.sadd(keys.nodeUsers(nodeId), userId));
            });
        }

        @Override
        public void detach(String userId) {
            String nodeId = node.nodeId();
            write(redis -> {
                counted(redis.srem(keys.userNodes(userId), nodeId));
                counted(redis.srem(keys.nodeUsers(nodeId), userId));
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
                Set<String> found = await(entry.getValue());
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
                        counted(redis.srem(keys.userNodes(userId), nodeId));
                    }
                }
                if (!live.isEmpty()) {
                    located.put(userId, live);
                }
            });
            return located;
        }
    };

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
            long remainingMillis = await(check);
            if (remainingMillis > 0) {
                aliveUntil.put(nodeId, now + TimeUnit.MILLISECONDS.toNanos(remainingMillis));
                alive.add(nodeId);
            } else {
                aliveUntil.remove(nodeId);
            }
        });
        return alive;
    }

    private final ClusterBus bus = new ClusterBus() {
        @Override
        public void send(String nodeId, byte[] payload) {
            publish(keys.channel(nodeId), payload);
        }

        @Override
        public void broadcast(byte[] payload) {
            publish(keys.everyNode(), payload);
        }
    };

    private void publish(String channel, byte[] payload) {
        counted(publisher.async().publish(channel, payload));
    }

    /**
     * Issues asynchronous writes; a connection that refuses them at once (closed while the node stops) counts as a
     * failed write, never an exception for the caller, which holds a session lock.
     */
    private void write(java.util.function.Consumer<RedisAsyncCommands<String, String>> writes) {
        try {
            writes.accept(connection.async());
        } catch (RuntimeException e) {
            errors.increment();
            resync = true;
            log.debug("a cluster write to Redis was refused: {}", e.toString());
        }
    }

    private void counted(RedisFuture<?> write) {
        write.whenComplete((result, failure) -> {
            if (failure != null) {
                errors.increment();
                resync = true;
                log.debug("a cluster write to Redis failed: {}", failure.toString());
            }
        });
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            if (!future.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                future.cancel(true);
                throw new IllegalStateException("Redis did not answer within " + timeout);
            }
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Redis failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Removes a node's entries: its users' references to it, its user set and its liveness key. */
    private void removeEntriesOf(String nodeId) {
        RedisAsyncCommands<String, String> redis = connection.async();
        Set<String> users = await(redis.smembers(keys.nodeUsers(nodeId)));
        List<RedisFuture<Long>> writes = new ArrayList<>();
        for (String userId : users) {
            writes.add(redis.srem(keys.userNodes(userId), nodeId));
        }
        writes.add(redis.del(keys.nodeUsers(nodeId), keys.nodeAlive(nodeId)));
        writes.add(redis.hdel(keys.nodes(), nodeId));
        for (RedisFuture<Long> write : writes) {
            await(write);
        }
    }

    /**
     * The nodes heartbeating into this Redis under this prefix, with their last heartbeat. A node silent for
     * {@link #FORGET_NODES_AFTER} is removed from the list (a node that stops cleanly removes itself at once).
     */
    @Override
    public List<NodeHeartbeat> nodes() {
        RedisAsyncCommands<String, String> redis = connection.async();
        long now = System.currentTimeMillis();
        List<NodeHeartbeat> nodes = new ArrayList<>();
        for (Map.Entry<String, String> entry : await(redis.hgetall(keys.nodes())).entrySet()) {
            long last;
            try {
                last = Long.parseLong(entry.getValue());
            } catch (NumberFormatException e) {
                last = 0;
            }
            if (now - last > FORGET_NODES_AFTER.toMillis()) {
                counted(redis.hdel(keys.nodes(), entry.getKey()));
            } else {
                nodes.add(new NodeHeartbeat(entry.getKey(), last));
            }
        }
        nodes.sort(java.util.Comparator.comparing(NodeHeartbeat::nodeId));
        return nodes;
    }

    @Override
    public void close() {
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
        subscriber.close();
        publisher.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
