package io.parley.kernel.cluster;

import io.parley.kernel.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.cluster.ClusterProvider;
import io.parley.api.cluster.ClusterTopic;
import io.parley.api.cluster.LocalNode;
import io.parley.kernel.session.Session;
import io.parley.kernel.session.SessionRegistry;
import io.parley.protocol.Frame;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node in a cluster: finds the other nodes that hold a user's devices in the {@code SessionDirectory} and
 * sends them {@link ClusterPayload}s on the {@code ClusterBus}; applies the payloads other nodes send here to the
 * local {@link SessionRegistry}. Look-ups and sends run on one thread of their own, in call order (so one user's
 * hints leave in commit order), behind a bounded queue: a full queue drops the hint, counted in
 * {@code im.cluster.hints.dropped}, and the client finds the message by SYNC. Never blocks its callers.
 *
 * <p>With a provider that is not {@link ClusterProvider#distributed() distributed} (the single-node default)
 * nothing here runs: callers check {@link #distributed()} first.
 */
@Singleton
public final class ClusterRouter implements LocalNode, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterRouter.class);
    private static final int QUEUE_SIZE = 50_000;

    private final ClusterProvider provider;
    private final ClusterSettings settings;
    private final SessionRegistry sessions;
    private final ThreadPoolExecutor outbound;
    private final Counter sent;
    private final Counter received;
    private final Counter dropped;
    private final Counter lookupFailures;
    private final Map<String, Consumer<byte[]>> topics = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    public ClusterRouter(ClusterProvider provider, ClusterSettings settings, SessionRegistry sessions,
            MeterRegistry registry) {
        this.provider = provider;
        this.settings = settings;
        this.sessions = sessions;
        this.sent = Meters.counter(registry, "im.cluster.hints.sent",
                "Delivery hints sent to other nodes for their connected devices");
        this.received = Meters.counter(registry, "im.cluster.hints.received",
                "Delivery hints received from other nodes");
        this.dropped = Meters.counter(registry, "im.cluster.hints.dropped",
                "Delivery hints not sent because the outbound queue was full (devices catch up by SYNC)");
        this.lookupFailures = Meters.counter(registry, "im.cluster.directory.failures",
                "Failed lookups in the cluster's online directory");
        this.outbound = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_SIZE),
                task -> {
                    Thread thread = new Thread(task, "parley-cluster-out");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Joins the cluster; called once at startup, before clients connect. */
    public void join() {
        provider.join(this);
        if (distributed()) {
            sessions.onRegistered(this::displaceElsewhere);
        }
        log.info("cluster node {} joined (provider distributed: {}, heartbeat {})", settings.nodeId(),
                provider.distributed(), settings.heartbeat());
    }

    public boolean distributed() {
        return provider.distributed();
    }

    @Override
    public String nodeId() {
        return settings.nodeId();
    }

    @Override
    public Duration heartbeat() {
        return settings.heartbeat();
    }

    @Override
    public Collection<String> localUsers() {
        return sessions.onlineUserIds();
    }

    /**
     * Whether a user has a device on any live node. Blocks on the directory: for the server API's worker threads,
     * not for event loops. When the directory cannot be read it answers for this node only.
     */
    public boolean isOnlineAnywhere(String userId) {
        if (sessions.isOnline(userId)) {
            return true;
        }
        try {
            return provider.directory().locate(List.of(userId)).containsKey(userId);
        } catch (RuntimeException e) {
            lookupFailures.increment();
            log.warn("the session directory could not be read; answering for this node only: {}", e.toString());
            return false;
        }
    }

    /**
     * Sends each listed user's own frame ({@code frameFor}) to the other nodes that hold the user, then calls
     * {@code onLocated} with the users found on some other node (empty when the directory could not be read).
     */
    public void deliverElsewhere(Collection<String> userIds, Function<String, Frame> frameFor,
            Consumer<Set<String>> onLocated) {
        submit(() -> {
            Map<String, List<String>> byNode = remoteNodes(userIds);
            Set<String> elsewhere = new HashSet<>();
            byNode.forEach((node, users) -> {
                elsewhere.addAll(users);
                send(node, new ClusterPayload.DeliverEach(users, users.stream().map(frameFor).toList()));
            });
            onLocated.accept(elsewhere);
        }, () -> onLocated.accept(Set.of()));
    }

    /** Sends one frame to the devices other nodes hold of the listed users, encoded once on each node. */
    public void fanOutElsewhere(Collection<String> userIds, Frame frame, boolean droppable) {
        List<String> users = List.copyOf(userIds);
        submit(() -> remoteNodes(users).forEach((node, located) ->
                send(node, new ClusterPayload.FanOut(located, frame, droppable))), () -> { });
    }

    /** Kicks the devices other nodes hold of a user. */
    public void kickElsewhere(String userId, int code, String reason) {
        submit(() -> remoteNodes(List.of(userId)).keySet()
                .forEach(node -> send(node, new ClusterPayload.Kick(userId, code, reason))), () -> { });
    }

    /** Has the other nodes holding the user's devices apply the multi-device policy to a device that connected here. */
    private void displaceElsewhere(Session session) {
        ClusterPayload.Displace displace = new ClusterPayload.Displace(session.userId(), session.deviceId(),
                session.platform(), session.connectedAtMillis());
        submit(() -> remoteNodes(List.of(session.userId())).keySet().forEach(node -> send(node, displace)),
                () -> { });
    }

    /** Kicks the devices other nodes hold of a user whose token was issued before {@code beforeMillis}. */
    public void expireTokensElsewhere(String userId, long beforeMillis) {
        submit(() -> remoteNodes(List.of(userId)).keySet()
                .forEach(node -> send(node, new ClusterPayload.ExpireTokens(userId, beforeMillis))), () -> { });
    }

    /**
     * Opens a plugin's topic: {@code receiver} gets what the same topic publishes on other nodes. Empty on a single
     * node, where there is no other node.
     *
     * @throws IllegalArgumentException when the topic is open already
     */
    public Optional<ClusterTopic> openTopic(String name, Consumer<byte[]> receiver) {
        if (!distributed()) {
            return Optional.empty();
        }
        if (topics.putIfAbsent(name, receiver) != null) {
            throw new IllegalArgumentException("cluster topic " + name + " is open already: one receiver per topic");
        }
        return Optional.of(payload -> {
            byte[] bytes = ClusterPayload.encode(new ClusterPayload.Topic(settings.nodeId(), name, payload.clone()));
            submit(() -> {
                provider.bus().broadcast(bytes);
                sent.increment();
            }, dropped::increment);
        });
    }

    /** Which of {@code userIds} have a device on any live node: one batched directory read. */
    public Set<String> onlineAnywhere(Collection<String> userIds) {
        Set<String> online = new HashSet<>();
        List<String> elsewhere = new ArrayList<>();
        for (String userId : userIds) {
            (sessions.isOnline(userId) ? online : elsewhere).add(userId);
        }
        if (elsewhere.isEmpty()) {
            return online;
        }
        try {
            online.addAll(provider.directory().locate(elsewhere).keySet());
        } catch (RuntimeException e) {
            lookupFailures.increment();
            log.warn("the session directory could not be read; answering for this node only: {}", e.toString());
        }
        return online;
    }

    @Override
    public void receive(byte[] bytes) {
        ClusterPayload payload;
        try {
            payload = ClusterPayload.decode(bytes);
        } catch (RuntimeException e) {
            log.warn("ignored an unreadable cluster payload of {} bytes: {}", bytes.length, e.getMessage());
            return;
        }
        received.increment();
        if (payload instanceof ClusterPayload.DeliverEach each) {
            for (int i = 0; i < each.userIds().size(); i++) {
                Frame frame = each.frames().get(i);
                for (Session device : sessions.sessions(each.userIds().get(i))) {
                    device.send(frame);
                }
            }
        } else if (payload instanceof ClusterPayload.FanOut fanOut) {
            sessions.fanOut(fanOut.userIds(), fanOut.frame(), fanOut.droppable());
        } else if (payload instanceof ClusterPayload.Kick kick) {
            sessions.disconnectHere(kick.userId(), kick.code(), kick.reason());
        } else if (payload instanceof ClusterPayload.ExpireTokens expire) {
            sessions.kickTokensIssuedBefore(expire.userId(), expire.beforeMillis());
        } else if (payload instanceof ClusterPayload.Displace displace) {
            sessions.displaceHere(displace.userId(), displace.deviceId(), displace.platform(),
                    displace.connectedAtMillis());
        } else if (payload instanceof ClusterPayload.Topic topic && !topic.origin().equals(settings.nodeId())) {
            Consumer<byte[]> receiver = topics.get(topic.topic());
            if (receiver != null) {
                try {
                    receiver.accept(topic.body());
                } catch (RuntimeException e) {
                    log.warn("cluster topic {}'s receiver failed", topic.topic(), e);
                }
            }
        }
    }

    /** The other live nodes holding each of {@code userIds}, with the users each holds; empty on a failure. */
    private Map<String, List<String>> remoteNodes(Collection<String> userIds) {
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        Map<String, Set<String>> located;
        try {
            located = provider.directory().locate(userIds);
        } catch (RuntimeException e) {
            lookupFailures.increment();
            log.warn("the session directory could not be read; other nodes' devices will find messages by SYNC: {}",
                    e.toString());
            return byNode;
        }
        for (String userId : userIds) {
            for (String node : located.getOrDefault(userId, Set.of())) {
                if (!node.equals(settings.nodeId())) {
                    byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(userId);
                }
            }
        }
        return byNode;
    }

    private void send(String node, ClusterPayload payload) {
        provider.bus().send(node, ClusterPayload.encode(payload));
        sent.increment();
    }

    private void submit(Runnable task, Runnable onDropped) {
        try {
            outbound.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("a cluster hint failed; clients will find the message by SYNC", e);
                }
            });
        } catch (RejectedExecutionException e) {
            dropped.increment();
            onDropped.run();
        }
    }

    @Override
    public void close() {
        outbound.shutdown();
        try {
            outbound.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
