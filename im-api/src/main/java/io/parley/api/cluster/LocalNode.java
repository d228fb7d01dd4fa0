package io.parley.api.cluster;

import java.time.Duration;
import java.util.Collection;

/** This node, as the kernel describes it to a {@link ClusterProvider}. Implemented by the kernel. */
public interface LocalNode {

    /** This node's id ({@code cluster.node-id}), unique among the live nodes of a cluster. */
    String nodeId();

    /**
     * How often the provider proves this node alive ({@code cluster.heartbeat}); entries of a node whose
     * heartbeats stop expire after {@link #entryTtl()}.
     */
    Duration heartbeat();

    /** How long a node's entries outlive its last heartbeat: three heartbeats. */
    default Duration entryTtl() {
        return heartbeat().multipliedBy(3);
    }

    /**
     * The users with at least one device on this node now: what a provider re-registers after it has lost
     * its entries (an outage or restart of the shared store).
     */
    Collection<String> localUsers();

    /**
     * A payload another node sent here with {@link ClusterBus#send}. Called on a provider thread, in the order
     * payloads from one sender were sent; must not block.
     */
    void receive(byte[] payload);
}
