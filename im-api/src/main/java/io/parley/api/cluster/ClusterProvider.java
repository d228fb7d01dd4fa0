package io.parley.api.cluster;

/**
 * What lets several Parley nodes serve one app: a {@link SessionDirectory} (which node holds each user's
 * devices) and a {@link ClusterBus} (hints between nodes). Made by a
 * {@link io.parley.api.plugin.ProviderFactory ProviderFactory&lt;ClusterProvider&gt;} chosen with
 * {@code cluster.provider} ({@code local}, the in-memory single-node default, or {@code redis} from
 * {@code im-cluster-redis}); the factory reads its own subtree {@code cluster.<name>}.
 *
 * <p>Nothing correct depends on a provider: messages are durable in shared storage before they are acked, and
 * a device that misses a hint finds the message by SYNC. A provider only makes delivery real-time across nodes.
 * Thread-safe; closed by the kernel at stop.
 */
public interface ClusterProvider extends AutoCloseable {

    /**
     * Joins the cluster as {@code node}: starts heartbeats every {@link LocalNode#heartbeat()} and delivers
     * payloads sent to this node to {@link LocalNode#receive}. Called once, before clients connect.
     */
    void join(LocalNode node);

    /**
     * False when every user is on this node (the in-memory provider): the kernel then never looks anything up
     * and never publishes, so single-node mode costs nothing.
     */
    boolean distributed();

    SessionDirectory directory();

    ClusterBus bus();

    /** Rate limits counted across the cluster, when this provider shares any; empty on a single node. */
    default java.util.Optional<SharedRateLimits> sharedRateLimits() {
        return java.util.Optional.empty();
    }

    /** Counters shared across the cluster (a chatroom's seq), when this provider shares any; empty on a single node. */
    default java.util.Optional<SharedCounters> sharedCounters() {
        return java.util.Optional.empty();
    }

    /**
     * Keys remembered once across the cluster (the server API's nonces), when this provider shares any; empty on a
     * single node, where the kernel remembers them in memory. A distributed provider that offers none leaves each
     * node to remember its own, so a request replayed to another node would not be recognised.
     */
    default java.util.Optional<SharedOnceKeys> sharedOnceKeys() {
        return java.util.Optional.empty();
    }

    /**
     * The nodes this provider knows, this one included, each with its last heartbeat, for the health checks; empty
     * when it lists none (the single-node provider). Called every few seconds on the kernel's scheduler, never on an
     * event loop; may block on the provider's store for as long as its timeout.
     */
    default java.util.List<NodeHeartbeat> nodes() {
        return java.util.List.of();
    }

    /** Leaves the cluster: this node's entries are removed and the bus is closed. */
    @Override
    void close();
}
