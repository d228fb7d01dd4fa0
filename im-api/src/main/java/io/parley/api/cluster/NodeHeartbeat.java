package io.parley.api.cluster;

import java.util.Objects;

/**
 * A node of the cluster as its provider knows it: its id and when it last heartbeated (epoch milliseconds, by that
 * node's clock). A node that stopped cleanly is gone; one that died stays, its heartbeat growing old, until the
 * provider forgets it.
 */
public record NodeHeartbeat(String nodeId, long lastHeartbeatMillis) {
    public NodeHeartbeat {
        Objects.requireNonNull(nodeId, "nodeId is null");
    }
}
